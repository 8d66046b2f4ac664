package io.kubesphere.mcp.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Server behaviour. Property names are the lower-case dotted form of the documented environment keys
 * ({@code KS_MCP_READ_ONLY} = {@code ks.mcp.read.only}), so both spellings work.
 */
@ConfigMapping(prefix = "ks.mcp")
public interface ServerConfig {

    /** The server's name: MCP serverInfo.name and the protected-resource metadata's resource_name. */
    String SERVER_NAME = "kubesphere-mcp-server";

    enum Transport { stdio, http }

    /** Whose KubeSphere identity a tool call uses: the server's own credentials, or the HTTP caller's bearer token. */
    enum Auth { server, passthrough }

    @WithDefault("stdio")
    Transport transport();

    @WithDefault("server")
    Auth auth();

    @WithDefault("tenant,devops")
    List<String> toolsets();

    @WithName("read.only")
    @WithDefault("false")
    boolean readOnly();

    @WithName("allow.privileged.grants")
    @WithDefault("false")
    boolean allowPrivilegedGrants();

    @WithDefault("false")
    boolean sandbox();

    /**
     * KS_MCP_AUDIT_LOG (read by AuditLog); declared here so that {@code -Dks.mcp.audit.log=…} is a known key of this
     * mapping instead of failing start-up as an unmapped one.
     */
    @WithName("audit.log")
    @WithDefault("stderr")
    String auditLog();

    /** KS_MCP_AUDIT_LOG_MAX_SIZE (read by AuditLog), declared for the same reason. */
    @WithName("audit.log.max.size")
    @WithDefault("10M")
    String auditLogMaxSize();

    /** Whether the HTTP listener runs; Main turns it off for stdio so that an IDE-spawned server opens no port. */
    @WithDefault("true")
    boolean listen();

    /** KS_MCP_SHUTDOWN_GRACE: how long calls in flight may run on after SIGTERM (also quarkus.shutdown.timeout). */
    @WithName("shutdown.grace")
    @WithDefault("22s")
    Duration shutdownGrace();

    /** KS_MCP_SESSION_IDLE_TIMEOUT: an MCP session unused this long is closed; its client initializes again. */
    @WithName("session.idle.timeout")
    @WithDefault("30m")
    Duration sessionIdleTimeout();

    /** KS_MCP_MAX_SESSIONS: open MCP sessions at most, over all callers. */
    @WithName("max.sessions")
    @WithDefault("1000")
    int maxSessions();

    /** KS_MCP_MAX_SESSIONS_PER_CALLER: open MCP sessions at most per KubeSphere user (passthrough). */
    @WithName("max.sessions.per.caller")
    @WithDefault("20")
    int maxSessionsPerCaller();

    Http http();

    interface Http {
        /** Extra allowed Origin values (DNS-rebinding guard); loopback origins are always allowed. */
        @WithName("allowed.origins")
        Optional<List<String>> allowedOrigins();

        /** Extra allowed Host values; when the server binds loopback only loopback hosts are accepted otherwise. */
        @WithName("allowed.hosts")
        Optional<List<String>> allowedHosts();

        /** KS_MCP_HTTP_MAX_REQUEST_SIZE: the largest request body /mcp reads. */
        @WithName("max.request.size")
        @WithDefault("1M")
        String maxRequestSize();

        /** KS_MCP_HTTP_READ_TIMEOUT: a request's body must have arrived this long after its headers. */
        @WithName("read.timeout")
        @WithDefault("10s")
        Duration readTimeout();

        /** KS_MCP_HTTP_MAX_REQUESTS_PER_CLIENT: requests to /mcp in progress at once from one client address. */
        @WithName("max.requests.per.client")
        @WithDefault("256")
        int maxRequestsPerClient();
    }
}
