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

    /** Why these credentials cannot authenticate at all (a misconfiguration), or empty. */
    default Optional<String> problem() {
        return Optional.empty();
    }

    /** Credentials that cannot authenticate, and say why on every call (a misconfiguration, a missing caller token). */
    static Credentials refusing(String why) {
        return new Credentials() {
            @Override
            public Uni<String> authorization() {
                return Uni.createFrom().failure(new KubeSphereError(KubeSphereError.Kind.UNAUTHORIZED, 0, "", why));
            }

            @Override
            public Uni<String> reauthorize(String rejected) {
                return authorization();
            }

            @Override
            public Optional<String> username() {
                return Optional.empty();
            }

            @Override
            public Optional<String> problem() {
                return Optional.of(why);
            }
        };
    }
}
