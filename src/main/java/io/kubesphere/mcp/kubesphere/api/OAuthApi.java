package io.kubesphere.mcp.kubesphere.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** KubeSphere's OAuth token endpoint (password and refresh_token grants); always on the allowlist. */
public interface OAuthApi {

    /** {@code form}: the url-encoded grant, built by the caller (it holds the password). */
    @POST
    @Path("/oauth/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Response> token(String form);
}
