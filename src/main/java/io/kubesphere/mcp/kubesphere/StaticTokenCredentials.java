package io.kubesphere.mcp.kubesphere;

import io.smallrye.mutiny.Uni;

import java.util.Optional;

/** KUBESPHERE_TOKEN: a bearer token the operator manages; on 401 there is nothing to renew, so say so. */
public final class StaticTokenCredentials implements Credentials {

    private final String header;
    private final Optional<String> username;
    private final String source;

    public StaticTokenCredentials(String token, String source) {
        this.header = "Bearer " + token.strip();
        this.username = JwtClaims.username(token.strip());
        this.source = source;
    }

    @Override
    public Uni<String> authorization() {
        return Uni.createFrom().item(header);
    }

    @Override
    public Uni<String> reauthorize(String rejected) {
        return Uni.createFrom().failure(new KubeSphereError(KubeSphereError.Kind.UNAUTHORIZED, 401, "",
                "KubeSphere rejected the " + source + " (401: expired or revoked). Provide a valid token."));
    }

    @Override
    public Optional<String> username() {
        return username;
    }
}
