package io.kubesphere.mcp.auth;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.nio.file.Path;
import java.util.Map;

/**
 * KS_MCP_AUTH=passthrough on the sandbox, read-only (so that a write call is a stable policy refusal), with the
 * server's log and audit log written to files the tests read back.
 */
public class PassthroughProfile implements QuarkusTestProfile {

    static final Path LOG = Path.of("target", "passthrough-" + ProcessHandle.current().pid() + ".log").toAbsolutePath();
    static final Path AUDIT = Path.of("target", "passthrough-audit-" + ProcessHandle.current().pid() + ".log")
            .toAbsolutePath();

    private static final String SDK_LOG_LEVEL = "quarkus.log.category.\"io.modelcontextprotocol\".level";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "ks.mcp.auth", "passthrough",
                "ks.mcp.read.only", "true",
                "ks.mcp.audit.log", AUDIT.toString(),
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", LOG.toString(),
                "quarkus.log.file.level", "ALL",
                // As much as the server and the SDK ever say, so that a token in any message would show up in
                // the file; the console shows the DEBUG lines only when asked for, as in every other test
                // (-Dquarkus.log.category."io.modelcontextprotocol".level=DEBUG).
                "quarkus.log.category.\"io.kubesphere\".level", "DEBUG",
                "quarkus.log.category.\"io.modelcontextprotocol\".level", "DEBUG",
                "quarkus.log.console.level", System.getProperty(SDK_LOG_LEVEL) == null ? "INFO" : "ALL");
    }
}
