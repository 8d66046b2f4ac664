package io.kubesphere.mcp.kubesphere.api;

import io.kubesphere.mcp.kubesphere.KsAuth;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * devops.kubesphere.io/v1alpha2: the Jenkins console log proxy, addressed by the Jenkins run id (a multi-branch
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
}
