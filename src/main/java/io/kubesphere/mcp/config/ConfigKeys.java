package io.kubesphere.mcp.config;

import java.util.List;

/** The configuration keys operators set, as documented in the README and mcp-manifest.json (both checked by tests). */
public final class ConfigKeys {

    public record Key(String env, String defaultValue, boolean secret, String meaning) {
    }

    public static final List<Key> ALL = List.of(
            new Key("KUBESPHERE_HOST", "", false, "Base URL of ks-apiserver, e.g. `http://ks-apiserver.kubesphere-system`"),
            new Key("KUBESPHERE_USERNAME", "", false, "User for the OAuth password grant (client kubesphere/kubesphere)"),
            new Key("KUBESPHERE_PASSWORD", "", true, "Password for the OAuth password grant; kept in memory only, never logged"),
            new Key("KUBESPHERE_TOKEN", "", true, "A static bearer token instead of a username and password"),
            new Key("KUBESPHERE_CONNECT_TIMEOUT", "5s", false, "Connect timeout to ks-apiserver"),
            new Key("KUBESPHERE_READ_TIMEOUT", "30s", false, "Read timeout of each KubeSphere request"),
            new Key("KUBESPHERE_TOKEN_REFRESH_MARGIN", "60s", false, "Refresh the access token this long before it expires"),
            new Key("KUBESPHERE_LOGIN_BACKOFF", "30s", false,
                    "Wait after a rejected password before logging in again (doubles up to 10 min), so retries cannot trip KubeSphere's lockout"),
            new Key("KS_MCP_TRANSPORT", "stdio", false, "`stdio`, or `http` (streamable HTTP at `/mcp`)"),
            new Key("KS_MCP_AUTH", "server", false,
                    "`server`: every call uses the credentials above; `passthrough` (HTTP only): each MCP session uses its "
                            + "caller's `Authorization: Bearer` KubeSphere token, and the server needs no credentials of its own"),
            new Key("KS_MCP_LISTEN", "true on http, false on stdio", false,
                    "Whether the HTTP listener runs; on stdio it is off unless set to `true`"),
            new Key("KS_MCP_TOOLSETS", "tenant,devops", false, "Comma list of toolsets to offer: `tenant`, `devops`"),
            new Key("KS_MCP_READ_ONLY", "false", false, "`true` hides every write tool and refuses it at call time"),
            new Key("KS_MCP_ALLOW_PRIVILEGED_GRANTS", "false", false,
                    "`true` lets admin-level grants through without a person's confirmation (elicitation)"),
            new Key("KS_MCP_SANDBOX", "false", false, "`true` serves against the built-in KubeSphere simulator with demo data"),
            new Key("KS_MCP_AUDIT_LOG", "stderr", false, "Where the audit log of write calls goes: `stderr` or a file path"),
            new Key("KS_MCP_HTTP_ALLOWED_ORIGINS", "", false,
                    "Extra allowed `Origin` values for HTTP (loopback origins are always allowed)"),
            new Key("KS_MCP_HTTP_ALLOWED_HOSTS", "", false,
                    "Extra allowed `Host` values for HTTP; when bound to loopback only loopback hosts are accepted otherwise"),
            new Key("QUARKUS_HTTP_HOST", "127.0.0.1", false, "HTTP bind address (containers set `0.0.0.0`)"),
            new Key("QUARKUS_HTTP_PORT", "8080", false, "HTTP port"));

    private ConfigKeys() {
    }
}
