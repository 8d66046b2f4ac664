package io.kubesphere.mcp.kubesphere.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.kubesphere.KsAuth;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** tenant.kubesphere.io/v1beta1: workspaces, clusters, projects (namespaces) and quotas of a workspace. */
@Produces(MediaType.APPLICATION_JSON)
public interface TenantApi {

    String TENANT = "/kapis/tenant.kubesphere.io/v1beta1";
    String CLUSTER_WS = "/clusters/{cluster}/kapis/tenant.kubesphere.io/v1beta1/workspaces/{workspace}";
    String NAMESPACES = CLUSTER_WS + "/namespaces";
    String QUOTAS = CLUSTER_WS + "/resourcequotas";

    @GET
    @Path(TENANT + "/workspacetemplates")
    Uni<Response> listWorkspaces(@HeaderParam("Authorization") KsAuth auth, @QueryParam("name") String name,
            @QueryParam("page") Integer page, @QueryParam("limit") Integer limit);

    @GET
    @Path(TENANT + "/workspacetemplates/{workspace}")
    Uni<Response> getWorkspace(@HeaderParam("Authorization") KsAuth auth, @PathParam("workspace") String workspace);

    @POST
    @Path(TENANT + "/workspacetemplates")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> createWorkspace(@HeaderParam("Authorization") KsAuth auth, JsonNode template);

    @GET
    @Path(TENANT + "/clusters")
    Uni<Response> listClusters(@HeaderParam("Authorization") KsAuth auth, @QueryParam("page") Integer page,
            @QueryParam("limit") Integer limit);

    @GET
    @Path(NAMESPACES)
    Uni<Response> listProjects(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster,
            @PathParam("workspace") String workspace, @QueryParam("name") String name,
            @QueryParam("labelSelector") String labelSelector, @QueryParam("page") Integer page,
            @QueryParam("limit") Integer limit);

    @POST
    @Path(NAMESPACES)
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> createProject(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster,
            @PathParam("workspace") String workspace, JsonNode namespace);

    @GET
    @Path(TENANT + "/workspaces/{workspace}/clusters")
    Uni<Response> listWorkspaceClusters(@HeaderParam("Authorization") KsAuth auth,
            @PathParam("workspace") String workspace);

    @GET
    @Path(NAMESPACES + "/{project}")
    Uni<Response> getProject(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster,
            @PathParam("workspace") String workspace, @PathParam("project") String project);

    /** The projects (and DevOps projects) of a workspace that one member reaches. */
    @GET
    @Path(CLUSTER_WS + "/workspacemembers/{username}/namespaces")
    Uni<Response> listMemberProjects(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster,
            @PathParam("workspace") String workspace, @PathParam("username") String username,
            @QueryParam("page") Integer page, @QueryParam("limit") Integer limit);

    @GET
    @Path(QUOTAS + "/{resourcequota}")
    Uni<Response> getWorkspaceQuota(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster,
            @PathParam("workspace") String workspace, @PathParam("resourcequota") String resourcequota);

    @POST
    @Path(QUOTAS)
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> createWorkspaceQuota(@HeaderParam("Authorization") KsAuth auth,
            @PathParam("cluster") String cluster, @PathParam("workspace") String workspace, JsonNode quota);

    @PUT
    @Path(QUOTAS + "/{resourcequota}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> updateWorkspaceQuota(@HeaderParam("Authorization") KsAuth auth,
            @PathParam("cluster") String cluster, @PathParam("workspace") String workspace,
            @PathParam("resourcequota") String resourcequota, JsonNode quota);
}
