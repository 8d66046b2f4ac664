package io.kubesphere.mcp.kubesphere.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.kubesphere.KsAuth;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * devops.kubesphere.io/v1alpha2: the Jenkins proxy's text routes (console and step logs, input answers, repository
 * scans and their log), addressed by the Jenkins run id (a multi-branch
 * pipeline's runs under their branch). It produces text with a charset parameter, which go-restful's exact Accept match
 * only lets the wildcard through: {@link io.kubesphere.mcp.kubesphere.Route#accept()} sends {@code *}{@code /*}.
 * {@code branch} is the Jenkins name ({@code feat%2Fx}); the client escapes its '%' once more ({@code feat%252Fx}).
 */
@Produces("text/plain; charset=utf-8")
public interface DevOpsLogApi {

    @GET
    @Path("/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/runs/{jenkins_id}/log")
    Uni<Response> runLog(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @PathParam("jenkins_id") String jenkinsId, @QueryParam("start") Integer start);

    @GET
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/runs/{jenkins_id}/log")
    Uni<Response> runLog(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @PathParam("jenkins_id") String jenkinsId, @QueryParam("start") Integer start);

    @GET
    @Path("/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/branches/{branch}/runs/{jenkins_id}/log")
    Uni<Response> branchRunLog(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @PathParam("branch") String branch, @PathParam("jenkins_id") String jenkinsId, @QueryParam("start") Integer start);

    @GET
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/branches/{branch}/runs/{jenkins_id}/log")
    Uni<Response> branchRunLog(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @PathParam("branch") String branch, @PathParam("jenkins_id") String jenkinsId, @QueryParam("start") Integer start);

    // SubmitInputStep answers text, and a refusal as a 200 with allow=false in it.
    @POST
    @Path("/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/runs/{jenkins_id}/nodes/{node}/steps/{step}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> submitInput(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @PathParam("jenkins_id") String jenkinsId, @PathParam("node") String node, @PathParam("step") String step, JsonNode answer);

    @POST
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/runs/{jenkins_id}/nodes/{node}/steps/{step}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> submitInput(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @PathParam("jenkins_id") String jenkinsId, @PathParam("node") String node, @PathParam("step") String step, JsonNode answer);

    @POST
    @Path("/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/branches/{branch}/runs/{jenkins_id}/nodes/{node}/steps/{step}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> branchSubmitInput(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @PathParam("branch") String branch, @PathParam("jenkins_id") String jenkinsId, @PathParam("node") String node, @PathParam("step") String step, JsonNode answer);

    @POST
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/branches/{branch}/runs/{jenkins_id}/nodes/{node}/steps/{step}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> branchSubmitInput(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @PathParam("branch") String branch, @PathParam("jenkins_id") String jenkinsId, @PathParam("node") String node, @PathParam("step") String step, JsonNode answer);

    @GET
    @Path("/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/runs/{jenkins_id}/nodes/{node}/steps/{step}/log")
    Uni<Response> stepLog(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @PathParam("jenkins_id") String jenkinsId, @PathParam("node") String node, @PathParam("step") String step, @QueryParam("start") Integer start);

    @GET
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/runs/{jenkins_id}/nodes/{node}/steps/{step}/log")
    Uni<Response> stepLog(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @PathParam("jenkins_id") String jenkinsId, @PathParam("node") String node, @PathParam("step") String step, @QueryParam("start") Integer start);

    @GET
    @Path("/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/branches/{branch}/runs/{jenkins_id}/nodes/{node}/steps/{step}/log")
    Uni<Response> branchStepLog(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @PathParam("branch") String branch, @PathParam("jenkins_id") String jenkinsId, @PathParam("node") String node, @PathParam("step") String step, @QueryParam("start") Integer start);

    @GET
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/branches/{branch}/runs/{jenkins_id}/nodes/{node}/steps/{step}/log")
    Uni<Response> branchStepLog(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @PathParam("branch") String branch, @PathParam("jenkins_id") String jenkinsId, @PathParam("node") String node, @PathParam("step") String step, @QueryParam("start") Integer start);

    // The scan answers Jenkins' HTML page; only the wildcard Accept gets past go-restful for it too.
    @POST
    @Path("/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/scan")
    @Produces("text/html; charset=utf-8")
    Uni<Response> scanRepository(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @QueryParam("delay") Integer delay);

    @POST
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/scan")
    @Produces("text/html; charset=utf-8")
    Uni<Response> scanRepository(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @QueryParam("delay") Integer delay);

    @GET
    @Path("/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/consolelog")
    Uni<Response> scanLog(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline);

    @GET
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/consolelog")
    Uni<Response> scanLog(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline);
}
