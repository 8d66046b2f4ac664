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

/** iam.kubesphere.io/v1beta1: users, login records, roles (read only) and memberships. Paths are full templates. */
@Produces(MediaType.APPLICATION_JSON)
public interface IamApi {

    String IAM = "/kapis/iam.kubesphere.io/v1beta1";
    String CLUSTER = "/clusters/{cluster}/kapis/iam.kubesphere.io/v1beta1";
    String NS = CLUSTER + "/namespaces/{project}";

    @GET
    @Path(IAM + "/users")
    Uni<Response> listUsers(@HeaderParam("Authorization") KsAuth auth, @QueryParam("name") String name,
            @QueryParam("globalrole") String globalrole, @QueryParam("page") Integer page,
            @QueryParam("limit") Integer limit);

    @GET
    @Path(IAM + "/users/{username}")
    Uni<Response> getUser(@HeaderParam("Authorization") KsAuth auth, @PathParam("username") String username);

    @GET
    @Path(IAM + "/users/{username}/loginrecords")
    Uni<Response> listLoginRecords(@HeaderParam("Authorization") KsAuth auth, @PathParam("username") String username,
            @QueryParam("page") Integer page, @QueryParam("limit") Integer limit);

    @POST
    @Path(IAM + "/users")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> createUser(@HeaderParam("Authorization") KsAuth auth, JsonNode user);

    @PUT
    @Path(IAM + "/users/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> updateUser(@HeaderParam("Authorization") KsAuth auth, @PathParam("username") String username,
            JsonNode user);

    @GET
    @Path(IAM + "/globalroles")
    Uni<Response> listGlobalRoles(@HeaderParam("Authorization") KsAuth auth,
            @QueryParam("annotation") String annotation, @QueryParam("page") Integer page,
            @QueryParam("limit") Integer limit);

    @GET
    @Path(CLUSTER + "/clusterroles")
    Uni<Response> listClusterRoles(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster,
            @QueryParam("annotation") String annotation, @QueryParam("page") Integer page,
            @QueryParam("limit") Integer limit);

    @GET
    @Path(CLUSTER + "/clustermembers")
    Uni<Response> listClusterMembers(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster,
            @QueryParam("clusterrole") String clusterrole, @QueryParam("page") Integer page,
            @QueryParam("limit") Integer limit);

    @GET
    @Path(IAM + "/workspaces/{workspace}/workspaceroles")
    Uni<Response> listWorkspaceRoles(@HeaderParam("Authorization") KsAuth auth,
            @PathParam("workspace") String workspace, @QueryParam("annotation") String annotation,
            @QueryParam("page") Integer page, @QueryParam("limit") Integer limit);

    @GET
    @Path(NS + "/roles")
    Uni<Response> listProjectRoles(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster,
            @PathParam("project") String project, @QueryParam("annotation") String annotation,
            @QueryParam("page") Integer page, @QueryParam("limit") Integer limit);

    @GET
    @Path(IAM + "/workspaces/{workspace}/workspacemembers")
    Uni<Response> listWorkspaceMembers(@HeaderParam("Authorization") KsAuth auth,
            @PathParam("workspace") String workspace, @QueryParam("names") String names,
            @QueryParam("page") Integer page, @QueryParam("limit") Integer limit);

    @POST
    @Path(IAM + "/workspaces/{workspace}/workspacemembers")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> inviteWorkspaceMembers(@HeaderParam("Authorization") KsAuth auth,
            @PathParam("workspace") String workspace, JsonNode members);

    @PUT
    @Path(IAM + "/workspaces/{workspace}/workspacemembers/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> setWorkspaceMember(@HeaderParam("Authorization") KsAuth auth,
            @PathParam("workspace") String workspace, @PathParam("username") String username, JsonNode member);

    @GET
    @Path(NS + "/namespacemembers")
    Uni<Response> listProjectMembers(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster,
            @PathParam("project") String project, @QueryParam("names") String names, @QueryParam("page") Integer page,
            @QueryParam("limit") Integer limit);

    @POST
    @Path(NS + "/namespacemembers")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> inviteProjectMembers(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster,
            @PathParam("project") String project, JsonNode members);

    @PUT
    @Path(NS + "/namespacemembers/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> setProjectMember(@HeaderParam("Authorization") KsAuth auth, @PathParam("cluster") String cluster,
            @PathParam("project") String project, @PathParam("username") String username, JsonNode member);
}
