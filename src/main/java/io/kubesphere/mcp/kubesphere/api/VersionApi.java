package io.kubesphere.mcp.kubesphere.api;

import io.kubesphere.mcp.kubesphere.KsAuth;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Infrastructure read with no tenant data: readiness, and checking a caller's token (401 when KubeSphere rejects it). */
public interface VersionApi {

    @GET
    @Path("/kapis/version")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> version(@HeaderParam("Authorization") KsAuth auth);
}
