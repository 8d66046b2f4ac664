package io.kubesphere.mcp.mcp;

import io.kubesphere.mcp.config.ServerConfig;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The DNS-rebinding guard of /mcp (Origin and Host) and of /q/health and /q/metrics (Host). An entry matches a value
 * exactly, scheme, host and port; {@code name:*} stands for the name with no port or with any port number. The SDK's own
 * validator matched {@code http://127.0.0.1:*} by prefix, so {@code http://127.0.0.1:8080.evil.example} passed.
 */
@ApplicationScoped
public class HeaderGuard implements ServerTransportSecurityValidator {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-fA-F:.]+\\]");

    private final List<String> origins;
    private final List<String> hosts;

    public HeaderGuard(ServerConfig config,
            @ConfigProperty(name = "quarkus.http.host", defaultValue = "127.0.0.1") String bindHost) {
        List<String> origins = new ArrayList<>(List.of("http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*",
                "https://localhost:*", "https://127.0.0.1:*"));
        config.http().allowedOrigins().ifPresent(origins::addAll);
        List<String> hosts = new ArrayList<>();
        if (LOOPBACK.contains(bindHost)) {
            // Bound to loopback: only loopback names may reach us, which is what defeats DNS rebinding.
            hosts.addAll(List.of("localhost:*", "127.0.0.1:*", "[::1]:*"));
        }
        config.http().allowedHosts().ifPresent(hosts::addAll);
        this.origins = List.copyOf(origins);
        this.hosts = List.copyOf(hosts);
    }

    /** For /mcp, through the SDK: 403 for a foreign Origin (none is fine: not a browser), 421 for a foreign Host. */
    @Override
    public void validateHeaders(Map<String, List<String>> headers) throws ServerTransportSecurityException {
        String origin = first(headers, "Origin");
        if (origin != null && !origin.isBlank() && !matchesAny(origins, origin)) {
            throw new ServerTransportSecurityException(403, "Invalid Origin header");
        }
        if (!hostAllowed(first(headers, "Host"))) {
            throw new ServerTransportSecurityException(421, "Invalid Host header");
        }
    }

    /** The Host check of /mcp; with no host listed (bound to all interfaces and none configured) it is off. */
    public boolean hostAllowed(String host) {
        return hosts.isEmpty() || host != null && !host.isBlank() && matchesAny(hosts, host.strip());
    }

    /**
     * /q/health and /q/metrics: the /mcp check, and any IP address. The kubelet's probes and Prometheus' scrapes name
     * the pod by its IP; DNS rebinding cannot produce one (the browser sends the attacker's host name).
     */
    public boolean managementHostAllowed(String host) {
        return hostAllowed(host) || host != null && ipLiteral(host.strip());
    }

    static boolean ipLiteral(String host) {
        String name = host;
        int colon = host.lastIndexOf(':');
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            name = end < 0 ? host : host.substring(0, end + 1);
            String rest = end < 0 ? "" : host.substring(end + 1);
            if (!rest.isEmpty() && !(rest.startsWith(":") && PORT.matcher(rest.substring(1)).matches())) {
                return false;
            }
            return IPV6.matcher(name).matches();
        }
        if (colon >= 0) {
            if (!PORT.matcher(host.substring(colon + 1)).matches()) {
                return false;
            }
            name = host.substring(0, colon);
        }
        return IPV4.matcher(name).matches();
    }

    static boolean matchesAny(List<String> allowed, String value) {
        for (String entry : allowed) {
            if (matches(entry, value)) {
                return true;
            }
        }
        return false;
    }

    /** Case-insensitive (scheme and host names are); a port is all digits, nothing may follow it. */
    static boolean matches(String entry, String value) {
        String e = entry.strip().toLowerCase(Locale.ROOT);
        String v = value.toLowerCase(Locale.ROOT);
        if (!e.endsWith(":*")) {
            return e.equals(v);
        }
        String base = e.substring(0, e.length() - 2);
        return v.equals(base) || v.startsWith(base + ":") && PORT.matcher(v.substring(base.length() + 1)).matches();
    }

    private static String first(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (name.equalsIgnoreCase(header.getKey()) && header.getValue() != null && !header.getValue().isEmpty()) {
                return header.getValue().get(0);
            }
        }
        return null;
    }
}
