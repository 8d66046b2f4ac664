package io.kubesphere.mcp.kubesphere;

import io.smallrye.mutiny.Uni;

import java.util.Optional;

/** Where the Authorization header of a KubeSphere request comes from. */
public interface Credentials {

    /** The header value for the next request; may log in first. */
    Uni<String> authorization();

    /** Called once after KubeSphere answered 401 to {@code rejected}: a fresh header, or a failure that says why not. */
    Uni<String> reauthorize(String rejected);

    /** The KubeSphere username these credentials act as, when known without asking KubeSphere. */
    Optional<String> username();
}
