package io.kubesphere.mcp.kubesphere;

import java.util.Optional;

/**
 * The seam between the product and a KubeSphere: where it is, and which identities it brings. The product knows
 * KubeSphere only through this; {@link ConfiguredTarget} is KUBESPHERE_HOST, and the sandbox provides its own when
 * KS_MCP_SANDBOX=true (looked up by that property, so nothing outside {@code sandbox/} names the simulator).
 */
public interface KubeSphereTarget {

    /** Base URL of ks-apiserver, without a trailing '/'. */
    String baseUrl();

    /** The user the server acts as when KUBESPHERE_USERNAME is unset, for a target that brings users; else empty. */
    default Optional<String> defaultUser() {
        return Optional.empty();
    }

    /** The password of a user this target brings (the sandbox's demo users), or empty. */
    default Optional<String> knownPassword(String username) {
        return Optional.empty();
    }
}
