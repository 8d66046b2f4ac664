package io.kubesphere.mcp.kubesphere;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

import java.util.Optional;

/**
 * Policy rule 1 at the last step before the network: every request of every KubeSphere REST client passes here with the
 * method and the raw (encoded) path it is about to send; unless they match a declared route, it fails with a policy
 * refusal and no connection is used. It also sets the Accept go-restful matches for the route, and turns the
 * {@link KsAuth} parameter into the plain header.
 */
final class GuardFilter implements ClientRequestFilter {

    /** Where the REST client puts the invoked method's arguments (RestClientRequestContext). */
    private static final String PARAMETERS = "io.quarkus.rest.client.invokedMethodParameters";

    private final UpstreamGuard guard;
    /** The base URL's own path ("/ks" for https://host/ks), which is not part of a route. */
    private final String prefix;

    GuardFilter(UpstreamGuard guard, String prefix) {
        this.guard = guard;
        this.prefix = prefix;
    }

    @Override
    public void filter(ClientRequestContext request) {
        String method = request.getMethod();
        String raw = request.getUri().getRawPath();
        String path = raw.startsWith(prefix) ? raw.substring(prefix.length()) : raw;
        KsAuth attempt = attempt(request);
        Optional<Route> route = raw.startsWith(prefix) && request.getUri().getRawFragment() == null
                ? guard.match(method, path) : Optional.empty();
        if (attempt != null) {
            attempt.sent(method, path, route.orElse(null));
        }
        if (route.isEmpty()) {
            throw UpstreamGuard.refusal(method, path);
        }
        request.getHeaders().putSingle(HttpHeaders.ACCEPT, route.get().accept());
        if (attempt != null) {
            if (attempt.header() == null) {
                request.getHeaders().remove(HttpHeaders.AUTHORIZATION);
            } else {
                request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, attempt.header());
            }
        }
    }

    /**
     * The {@link KsAuth} argument of the invoked API method. The client has already turned it into a header through
     * its masked toString(), so the real value is only ever written here, after the guard said yes.
     */
    private static KsAuth attempt(ClientRequestContext request) {
        if (request.getProperty(PARAMETERS) instanceof Iterable<?> arguments) {
            for (Object argument : arguments) {
                if (argument instanceof KsAuth auth) {
                    return auth;
                }
            }
        }
        return null;
    }
}
