package io.kubesphere.mcp.kubesphere.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.kubesphere.KsAuth;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * devops.kubesphere.io/v1alpha3: DevOps projects, credentials, pipelines and their runs. Each route in both forms: as
 * is (the host cluster), and under {@code /clusters/{cluster}} (v4's multi-cluster prefix, resolved before go-restful).
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
}
