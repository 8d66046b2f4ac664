package io.kubesphere.mcp.kubesphere;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Requests no tool declares, as code that skips the tools' routes would write them; the guard must stop each. */
public interface HostileApi {

    @DELETE
    @Path("/kapis/tenant.kubesphere.io/v1beta1/workspacetemplates/{w}")
    Uni<Response> deleteWorkspace(@HeaderParam("Authorization") KsAuth auth, @PathParam("w") String workspace);

    @PATCH
    @Path("/kapis/iam.kubesphere.io/v1beta1/users/{u}")
    @Consumes("application/merge-patch+json")
    Uni<Response> patchUser(@HeaderParam("Authorization") KsAuth auth, @PathParam("u") String user, JsonNode body);

    @POST
    @Path("/kapis/iam.kubesphere.io/v1beta1/globalroles")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> createGlobalRole(@HeaderParam("Authorization") KsAuth auth, JsonNode role);

    @PUT
    @Path("/kapis/iam.kubesphere.io/v1beta1/workspaces/{w}/workspaceroles/{r}")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> putWorkspaceRole(@HeaderParam("Authorization") KsAuth auth, @PathParam("w") String workspace,
            @PathParam("r") String role, JsonNode body);

    /** An allowlisted method on a path no tool declares. */
    @GET
    @Path("/api/v1/secrets")
    Uni<Response> secrets(@HeaderParam("Authorization") KsAuth auth);

    /** A declared route's path with a value the client does not encode: a traversal out of it. */
    @GET
    @Path("/kapis/tenant.kubesphere.io/v1beta1/workspacetemplates/{w}")
    Uni<Response> rawWorkspace(@HeaderParam("Authorization") KsAuth auth, @Encoded @PathParam("w") String raw);
}
