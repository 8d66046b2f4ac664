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

/** tenant.kubesphere.io/v1beta1: workspaces, clusters, and projects (namespaces) in a workspace. */
@Produces(MediaType.APPLICATION_JSON)
public interface TenantApi {

    String TENANT = "/kapis/tenant.kubesphere.io/v1beta1";
    String NAMESPACES = "/clusters/{cluster}/kapis/tenant.kubesphere.io/v1beta1/workspaces/{workspace}/namespaces";

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
}
