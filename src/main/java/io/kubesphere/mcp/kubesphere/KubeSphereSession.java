package io.kubesphere.mcp.kubesphere;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** KubeSphere as one tool call sees it: bound to the caller's credentials, recording what it sent. */
public final class KubeSphereSession {

    private final KubeSphereClient client;
    private final Credentials credentials;
    private final List<UpstreamCall> calls = new ArrayList<>();

    public KubeSphereSession(KubeSphereClient client, Credentials credentials) {
        this.client = client;
        this.credentials = credentials;
    }

    public Uni<JsonNode> send(KsCall call) {
        return client.send(credentials, call, this::record);
    }

    private synchronized void record(UpstreamCall call) {
        calls.add(call);
    }

    public synchronized List<UpstreamCall> calls() {
        return List.copyOf(calls);
    }

    /** Why no request of this call can authenticate (e.g. a misconfiguration), or empty. */
    public Optional<String> credentialsProblem() {
        return credentials.problem();
    }

    /** Who these credentials act as, when known without a request (password login, or a JWT's claim). */
    public Optional<String> knownUsername() {
        return credentials.username();
    }
}
