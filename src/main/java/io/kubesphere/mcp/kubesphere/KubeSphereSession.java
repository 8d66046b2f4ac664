package io.kubesphere.mcp.kubesphere;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.kubesphere.api.DevOpsApi;
import io.kubesphere.mcp.kubesphere.api.DevOpsLogApi;
import io.kubesphere.mcp.kubesphere.api.IamApi;
import io.kubesphere.mcp.kubesphere.api.TenantApi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** KubeSphere as one tool call sees it: bound to the caller's credentials, recording what it sent. */
public final class KubeSphereSession {

    private final KubeSphereClient client;
    private final Credentials credentials;
    private final List<UpstreamCall> calls = new ArrayList<>();

    public KubeSphereSession(KubeSphereClient client, Credentials credentials) {
        this.client = client;
        this.credentials = credentials;
    }

    /**
     * One KubeSphere request as this call's identity: {@code request} invokes an API method with the given
     * authorization, e.g. {@code call(auth -> iam().getUser(auth, name))}; a 401 renews and invokes it once more.
     */
    public Uni<JsonNode> call(Function<KsAuth, Uni<Response>> request) {
        return client.call(credentials, request, this::record);
    }

    public IamApi iam() {
        return client.iam();
    }

    public TenantApi tenant() {
        return client.tenant();
    }

    public DevOpsApi devops() {
        return client.devops();
    }

    public DevOpsLogApi devopsLogs() {
        return client.devopsLogs();
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
