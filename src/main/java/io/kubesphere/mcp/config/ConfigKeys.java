package io.kubesphere.mcp.config;

import java.util.List;
import java.util.Locale;

/**
 * The configuration keys operators set: the single source of the README table, the manifest, {@code --help} and the
 * start-up check ({@link ConfigCheck}). Each key also works as a system property in its lower-case dotted form.
 */
public final class ConfigKeys {

    /** What a value must look like; checked before the server starts so that a typo is one clear line. */
    public enum Kind { TEXT, URL, DURATION, BOOLEAN, CHOICE, CHOICES, PORT, SIZE }

    /**
     * @param choices for CHOICE one of them, for CHOICES a comma list of them
     */
    public record Key(String env, String defaultValue, boolean secret, String meaning, Kind kind, List<String> choices) {

        Key(String env, String defaultValue, boolean secret, String meaning) {
            this(env, defaultValue, secret, meaning, Kind.TEXT, List.of());
        }

        Key(String env, String defaultValue, String meaning, Kind kind, String... choices) {
            this(env, defaultValue, false, meaning, kind, List.of(choices));
        }

        /** The system-property spelling: {@code KS_MCP_READ_ONLY} → {@code ks.mcp.read.only}. */
        public String property() {
            return env.toLowerCase(Locale.ROOT).replace('_', '.');
        }
    }

    public static final List<String> TRANSPORTS = List.of("stdio", "http");
    public static final List<String> TOOLSETS = List.of("tenant", "devops");

    public static final List<Key> ALL = List.of(
            new Key("KUBESPHERE_HOST", "", "Base URL of ks-apiserver, e.g. `http://ks-apiserver.kubesphere-system`",
                    Kind.URL),
            new Key("KUBESPHERE_USERNAME", "", false, "User for the OAuth password grant (client kubesphere/kubesphere)"),
            new Key("KUBESPHERE_PASSWORD", "", true, "Password for the OAuth password grant; kept in memory only, never logged"),
            new Key("KUBESPHERE_TOKEN", "", true, "A static bearer token instead of a username and password"),
            new Key("KUBESPHERE_CA_FILE", "", false,
                    "PEM file of a private CA that signs ks-apiserver's certificate (Quarkus TLS registry, configuration `kubesphere`); default: the JVM's trust store"),
            new Key("KUBESPHERE_PROXY", "", true,
                    "HTTP proxy to ks-apiserver, `http://[user:password@]host:port`; direct when unset", Kind.URL, List.of()),
            new Key("KUBESPHERE_CONNECT_TIMEOUT", "5s", "Connect timeout to ks-apiserver", Kind.DURATION),
            new Key("KUBESPHERE_READ_TIMEOUT", "30s", "Read timeout of each KubeSphere request", Kind.DURATION),
            new Key("KUBESPHERE_TOKEN_REFRESH_MARGIN", "60s", "Refresh the access token this long before it expires",
                    Kind.DURATION),
            new Key("KUBESPHERE_LOGIN_BACKOFF", "30s",
                    "Wait after a rejected password before logging in again (doubles up to 10 min), so retries cannot trip KubeSphere's lockout",
                    Kind.DURATION),
            new Key("KS_MCP_TRANSPORT", "stdio", "`stdio`, or `http` (streamable HTTP at `/mcp`)", Kind.CHOICE,
                    TRANSPORTS.toArray(String[]::new)),
            new Key("KS_MCP_AUTH", "server",
                    "`server`: every call uses the credentials above; `passthrough` (HTTP only): each MCP session uses its "
                            + "caller's `Authorization: Bearer` KubeSphere token, and the server needs no credentials of its own",
                    Kind.CHOICE, "server", "passthrough"),
            new Key("KS_MCP_LISTEN", "true on http, false on stdio",
                    "Whether the HTTP listener runs; on stdio it is off unless set to `true`", Kind.BOOLEAN),
            new Key("KS_MCP_TOOLSETS", "tenant,devops", "Comma list of toolsets to offer: `tenant`, `devops`",
                    Kind.CHOICES, TOOLSETS.toArray(String[]::new)),
            new Key("KS_MCP_READ_ONLY", "false", "`true` hides every write tool and refuses it at call time", Kind.BOOLEAN),
            new Key("KS_MCP_ALLOW_PRIVILEGED_GRANTS", "false",
                    "`true` lets admin-level grants through without a person's confirmation (elicitation)", Kind.BOOLEAN),
            new Key("KS_MCP_SANDBOX", "false", "`true` serves against the built-in KubeSphere simulator with demo data",
                    Kind.BOOLEAN),
            new Key("KS_MCP_AUDIT_LOG", "stderr", false, "Where the audit log of write calls goes: `stderr` or a file path"),
            new Key("KS_MCP_AUDIT_LOG_MAX_SIZE", "10M",
                    "A file audit log rotates at this size (`10M`, `512K`, `1G`), keeping 5 older files `.1`…`.5`",
                    Kind.SIZE),
            new Key("KS_MCP_HTTP_ALLOWED_ORIGINS", "", false,
                    "Extra allowed `Origin` values for HTTP (loopback origins are always allowed)"),
            new Key("KS_MCP_HTTP_ALLOWED_HOSTS", "", false,
                    "Extra allowed `Host` values for HTTP; when bound to loopback only loopback hosts are accepted otherwise"),
            new Key("QUARKUS_HTTP_HOST", "127.0.0.1", false, "HTTP bind address (containers set `0.0.0.0`)"),
            new Key("QUARKUS_HTTP_PORT", "8080", "HTTP port", Kind.PORT));

    private ConfigKeys() {
    }

    public static Key key(String env) {
        return ALL.stream().filter(k -> k.env().equals(env)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no configuration key " + env));
    }
}
