package io.kubesphere.mcp.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

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

    Http http();

    interface Http {
        /** Extra allowed Origin values (DNS-rebinding guard); loopback origins are always allowed. */
        @WithName("allowed.origins")
        Optional<List<String>> allowedOrigins();

        /** Extra allowed Host values; when the server binds loopback only loopback hosts are accepted otherwise. */
        @WithName("allowed.hosts")
        Optional<List<String>> allowedHosts();
    }
}
