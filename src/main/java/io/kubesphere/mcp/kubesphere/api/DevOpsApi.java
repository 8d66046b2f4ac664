package io.kubesphere.mcp.kubesphere.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.kubesphere.KsAuth;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * devops.kubesphere.io/v1alpha3: DevOps projects, credentials, pipelines and their runs. Each route in both forms: as
 * is (the host cluster), and under {@code /clusters/{cluster}} (v4's multi-cluster prefix, resolved before go-restful).
 * Also the JSON routes of the v1alpha2 Jenkins proxy (stop, artifacts), which address a build by its Jenkins run id;
 * a multi-branch pipeline's builds under their branch, a separate method because the forms would clash in Java.
 */
@Produces(MediaType.APPLICATION_JSON)
public interface DevOpsApi {

    @GET
    @Path("/kapis/devops.kubesphere.io/v1alpha3/workspaces/{workspace}/namespaces")
    Uni<Response> listDevOpsProjects(@HeaderParam("Authorization") KsAuth auth, @PathParam("workspace") String workspace, @QueryParam("page") Integer page, @QueryParam("limit") Integer limit);

    @GET
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha3/workspaces/{workspace}/namespaces")
    Uni<Response> listDevOpsProjects(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("workspace") String workspace, @QueryParam("page") Integer page, @QueryParam("limit") Integer limit);

    @GET
    @Path("/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/credentials")
    Uni<Response> listCredentials(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @QueryParam("name") String name, @QueryParam("page") Integer page, @QueryParam("limit") Integer limit);

    @GET
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/credentials")
    Uni<Response> listCredentials(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @QueryParam("name") String name, @QueryParam("page") Integer page, @QueryParam("limit") Integer limit);

    @GET
    @Path("/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/pipelines")
    Uni<Response> listPipelines(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @QueryParam("name") String name, @QueryParam("page") Integer page, @QueryParam("limit") Integer limit);

    @GET
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/pipelines")
    Uni<Response> listPipelines(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @QueryParam("name") String name, @QueryParam("page") Integer page, @QueryParam("limit") Integer limit);

    @GET
    @Path("/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/pipelines/{pipeline}")
    Uni<Response> getPipeline(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline);

    @GET
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/pipelines/{pipeline}")
    Uni<Response> getPipeline(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline);

    @POST
    @Path("/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/pipelines")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> createPipeline(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, JsonNode pipelineObject);

    @POST
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/pipelines")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> createPipeline(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, JsonNode pipelineObject);

    @GET
    @Path("/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/pipelines/{pipeline}/pipelineruns")
    Uni<Response> listRuns(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @QueryParam("page") Integer page, @QueryParam("limit") Integer limit, @QueryParam("branch") String branch, @QueryParam("backward") Boolean backward);

    @GET
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/pipelines/{pipeline}/pipelineruns")
    Uni<Response> listRuns(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @QueryParam("page") Integer page, @QueryParam("limit") Integer limit, @QueryParam("branch") String branch, @QueryParam("backward") Boolean backward);

    @POST
    @Path("/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/pipelines/{pipeline}/pipelineruns")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> triggerRun(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @QueryParam("branch") String branch, JsonNode run);

    @POST
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/pipelines/{pipeline}/pipelineruns")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> triggerRun(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @QueryParam("branch") String branch, JsonNode run);

    @GET
    @Path("/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/pipelineruns/{run}")
    Uni<Response> getRun(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @PathParam("run") String run);

    @GET
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/pipelineruns/{run}")
    Uni<Response> getRun(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @PathParam("run") String run);

    @GET
    @Path("/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/pipelineruns/{run}/nodedetails")
    Uni<Response> getRunNodes(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @PathParam("run") String run);

    @GET
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/pipelineruns/{run}/nodedetails")
    Uni<Response> getRunNodes(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @PathParam("run") String run);

    @POST
    @Path("/kapis/devops.kubesphere.io/v1alpha3/workspaces/{workspace}/namespaces")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> createDevOpsProject(@HeaderParam("Authorization") KsAuth auth, @PathParam("workspace") String workspace, JsonNode project);

    @POST
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha3/workspaces/{workspace}/namespaces")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> createDevOpsProject(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("workspace") String workspace, JsonNode project);

    @GET
    @Path("/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/credentials/{credential}")
    Uni<Response> getCredential(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @PathParam("credential") String credential);

    @GET
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/credentials/{credential}")
    Uni<Response> getCredential(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @PathParam("credential") String credential);

    @POST
    @Path("/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/credentials")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> createCredential(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, JsonNode secret);

    @POST
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/credentials")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> createCredential(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, JsonNode secret);

    @PUT
    @Path("/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/credentials/{credential}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> updateCredential(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @PathParam("credential") String credential, JsonNode secret);

    @PUT
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/credentials/{credential}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> updateCredential(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @PathParam("credential") String credential, JsonNode secret);

    @GET
    @Path("/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/pipelines/{pipeline}/branches")
    Uni<Response> listBranches(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @QueryParam("page") Integer page, @QueryParam("limit") Integer limit);

    @GET
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/pipelines/{pipeline}/branches")
    Uni<Response> listBranches(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @QueryParam("page") Integer page, @QueryParam("limit") Integer limit);

    @PUT
    @Path("/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/pipelines/{pipeline}/jenkinsfile")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> updateJenkinsfile(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @QueryParam("mode") String mode, JsonNode jenkinsfile);

    @PUT
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha3/namespaces/{devops_project}/pipelines/{pipeline}/jenkinsfile")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> updateJenkinsfile(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @QueryParam("mode") String mode, JsonNode jenkinsfile);

    @POST
    @Path("/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/runs/{jenkins_id}/stop")
    Uni<Response> stopRun(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @PathParam("jenkins_id") String jenkinsId, @QueryParam("blocking") Boolean blocking, @QueryParam("timeOutInSecs") Integer timeOutInSecs);

    @POST
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/runs/{jenkins_id}/stop")
    Uni<Response> stopRun(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @PathParam("jenkins_id") String jenkinsId, @QueryParam("blocking") Boolean blocking, @QueryParam("timeOutInSecs") Integer timeOutInSecs);

    @POST
    @Path("/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/branches/{branch}/runs/{jenkins_id}/stop")
    Uni<Response> branchStopRun(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @PathParam("branch") String branch, @PathParam("jenkins_id") String jenkinsId, @QueryParam("blocking") Boolean blocking, @QueryParam("timeOutInSecs") Integer timeOutInSecs);

    @POST
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/branches/{branch}/runs/{jenkins_id}/stop")
    Uni<Response> branchStopRun(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @PathParam("branch") String branch, @PathParam("jenkins_id") String jenkinsId, @QueryParam("blocking") Boolean blocking, @QueryParam("timeOutInSecs") Integer timeOutInSecs);

    @GET
    @Path("/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/runs/{jenkins_id}/artifacts")
    Uni<Response> listArtifacts(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @PathParam("jenkins_id") String jenkinsId, @QueryParam("start") Integer start, @QueryParam("limit") Integer limit);

    @GET
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/runs/{jenkins_id}/artifacts")
    Uni<Response> listArtifacts(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @PathParam("jenkins_id") String jenkinsId, @QueryParam("start") Integer start, @QueryParam("limit") Integer limit);

    @GET
    @Path("/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/branches/{branch}/runs/{jenkins_id}/artifacts")
    Uni<Response> branchListArtifacts(@HeaderParam("Authorization") KsAuth auth, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @PathParam("branch") String branch, @PathParam("jenkins_id") String jenkinsId, @QueryParam("start") Integer start, @QueryParam("limit") Integer limit);

    @GET
    @Path("/clusters/{cluster}/kapis/devops.kubesphere.io/v1alpha2/namespaces/{devops_project}/pipelines/{pipeline}/branches/{branch}/runs/{jenkins_id}/artifacts")
    Uni<Response> branchListArtifacts(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster, @PathParam("devops_project") String devopsProject, @PathParam("pipeline") String pipeline, @PathParam("branch") String branch, @PathParam("jenkins_id") String jenkinsId, @QueryParam("start") Integer start, @QueryParam("limit") Integer limit);
}
