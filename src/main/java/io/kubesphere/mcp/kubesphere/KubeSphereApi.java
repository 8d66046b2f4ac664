package io.kubesphere.mcp.kubesphere;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.rest.client.reactive.Url;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The wire to ks-apiserver. Paths come from {@link Route}s (declared next to the tools, checked by
 * {@link UpstreamGuard}), so this interface offers the three verbs tools use and nothing else. Responses are returned
 * whole: {@link KubeSphereClient} maps statuses itself because KubeSphere mixes JSON and text error bodies.
 */
@RegisterRestClient(configKey = "kubesphere")
public interface KubeSphereApi {

    @POST
    @Path("/oauth/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Uni<Response> token(MultivaluedMap<String, String> form);

    @GET
    Uni<Response> get(@Url String url, @HeaderParam("Authorization") String authorization,
            @HeaderParam("Accept") String accept);

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> post(@Url String url, @HeaderParam("Authorization") String authorization, JsonNode body);

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> put(@Url String url, @HeaderParam("Authorization") String authorization, JsonNode body);
}
