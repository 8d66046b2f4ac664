package io.kubesphere.mcp.config;

import io.quarkus.runtime.configuration.DurationConverter;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Checks every documented key's value before Quarkus starts, so that a typo ends the process with one line that says
 * what is wrong and what to write instead, never a configuration stack trace or a silently coerced value (SmallRye
 * reads {@code KS_MCP_READ_ONLY=maybe} as {@code false}).
 */
public final class ConfigCheck {

    private ConfigCheck() {
    }

    /** The value as Quarkus will see it: a system property beats the environment variable. */
    public static String lookup(ConfigKeys.Key key) {
        String property = System.getProperty(key.property());
        return property != null ? property : System.getenv(key.env());
    }

    /** One line per problem; empty when every set value is well-formed. */
    public static List<String> problems(Function<ConfigKeys.Key, String> values) {
        List<String> problems = new ArrayList<>();
        for (ConfigKeys.Key key : ConfigKeys.ALL) {
            String value = values.apply(key);
            if (value != null) {
                String problem = problem(key.env(), key, value);
                if (problem != null) {
                    problems.add(problem);
                }
            }
        }
        return problems;
    }

    /** The settings that decide together whether the server can run at all. */
    public record Setup(boolean passthrough, boolean http, boolean sandbox, String host, String username,
            boolean password, boolean token) {
    }

    /** Why the server cannot run with these settings (one line), or null. */
    public static String setupProblem(Setup setup, Predicate<String> isDemoUser) {
        if (setup.passthrough() && !setup.http()) {
            return "KS_MCP_AUTH=passthrough takes each caller's token from the HTTP Authorization header, "
                    + "so it needs KS_MCP_TRANSPORT=http; on stdio use KS_MCP_AUTH=server with KUBESPHERE_* credentials.";
        }
        if (setup.sandbox()) {
            // The demo users are known without asking anyone: a typo is a start-up error, not a failure on each call.
            boolean unknownDemoUser = !setup.username().isEmpty() && !setup.password()
                    && !isDemoUser.test(setup.username());
            return unknownDemoUser ? "KUBESPHERE_USERNAME='" + setup.username() + "' is not a demo user of the sandbox: "
                    + "unset it (admin) or use stoneshi or demo-user (README, The sandbox's demo data)." : null;
        }
        if (setup.host().isEmpty()) {
            return "No KubeSphere to talk to. Set KUBESPHERE_HOST to the ks-apiserver URL "
                    + "(e.g. http://ks-apiserver.kubesphere-system) with KUBESPHERE_USERNAME/KUBESPHERE_PASSWORD or "
                    + "KUBESPHERE_TOKEN, or set KS_MCP_SANDBOX=true to try the built-in simulator with demo data.";
        }
        String url = url("KUBESPHERE_HOST", setup.host(), "'" + setup.host() + "'");
        if (url != null) {
            return url;
        }
        boolean password = !setup.username().isEmpty() && setup.password();
        // Passthrough: the server holds no credentials; every request carries its caller's token.
        if (!setup.passthrough() && !password && !setup.token()) {
            return "No KubeSphere credentials. Set KUBESPHERE_USERNAME and KUBESPHERE_PASSWORD "
                    + "(OAuth password grant), or KUBESPHERE_TOKEN (a bearer token).";
        }
        return null;
    }

    /** What is wrong with {@code raw} as a value of {@code key}, named as the user wrote it (variable or flag); or null. */
    public static String problem(String name, ConfigKeys.Key key, String raw) {
        String value = raw.strip();
        String shown = key.secret() ? "(hidden)" : "'" + value + "'";
        return switch (key.kind()) {
            case TEXT -> null;
            case BOOLEAN -> value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false") ? null
                    : name + "=" + shown + " is not a boolean: use true or false.";
            case CHOICE -> key.choices().contains(value.toLowerCase(Locale.ROOT)) ? null
                    : name + "=" + shown + " is not valid: use " + String.join(" or ", key.choices()) + ".";
            case CHOICES -> choices(name, key, value);
            case DURATION -> duration(name, value, shown);
            case PORT -> port(name, value, shown);
            case URL -> url(name, value, shown);
            case COUNT -> value.matches("[1-9][0-9]{0,8}") ? null
                    : name + "=" + shown + " is not a count: use a whole number from 1.";
            case SIZE -> bytes(value) > 0 ? null
                    : name + "=" + shown + " is not a size: write e.g. 10M, 512K or 1G (bytes without a unit).";
        };
    }

    /** A size such as 10M, 512K, 1G or 4096 (bytes), in bytes; -1 when it is not one. */
    public static long bytes(String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,12})\\s*([KMG]?)B?", 
                java.util.regex.Pattern.CASE_INSENSITIVE).matcher(value == null ? "" : value.strip());
        if (!m.matches()) {
            return -1;
        }
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    private static String choices(String name, ConfigKeys.Key key, String value) {
        List<String> unknown = new ArrayList<>();
        boolean any = false;
        for (String part : value.split(",")) {
            String choice = part.strip().toLowerCase(Locale.ROOT);
            if (!choice.isEmpty()) {
                any = true;
                if (!key.choices().contains(choice)) {
                    unknown.add("'" + part.strip() + "'");
                }
            }
        }
        if (!unknown.isEmpty()) {
            return name + " names " + String.join(", ", unknown) + ", which " + (unknown.size() == 1 ? "is" : "are")
                    + " not known: use a comma list of " + String.join(", ", key.choices()) + ".";
        }
        return any ? null : name + " is empty: use a comma list of " + String.join(", ", key.choices()) + ".";
    }

    private static String duration(String name, String value, String shown) {
        try {
            if (!DurationConverter.parseDuration(value).isNegative()) {
                return null;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        return name + "=" + shown + " is not a duration: write e.g. 30s, 500ms or 2m.";
    }

    private static String port(String name, String value, String shown) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return null;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return name + "=" + shown + " is not a port: use a number from 0 to 65535 (0 picks a free one).";
    }

    private static String url(String name, String value, String shown) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return null;
            }
        } catch (Exception e) {
            // reported below
        }
        return name + "=" + shown + " is not an http(s) URL: write e.g. http://ks-apiserver.kubesphere-system.";
    }
}
