package io.kubesphere.mcp.kubesphere;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A multi-branch pipeline's branch in its two forms: the raw git name ({@code feat/x}, what people type and see) and
 * the name Jenkins and ks-devops use ({@code feat%2Fx}: '/' escaped, the only escape). The raw name must be a git ref
 * name made of characters that are plain in a URL path, so the escaped name can never climb or re-route a path.
 */
public record GitBranch(String raw) {

    /** Letters, digits, '.', '_', '-' and '/': what the escaped name may carry into a path. */
    private static final Pattern CHARS = Pattern.compile("[A-Za-z0-9._/-]{1,255}");
    public static final String RULE = "must be a git branch name: letters, digits, '.', '_', '-' and '/', not starting "
            + "with '/' or '-', without '..', '//' or a component starting with '.', not ending in '/', '.' or "
            + "'.lock'; either form is accepted, feat/x or feat%2Fx";

    /** Accepts either form; empty when the value breaks a rule. */
    public static Optional<GitBranch> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        // Decode-then-validate: exactly the %2F escape is understood; any other '%' fails the character check.
        String raw = value.replace("%2F", "/").replace("%2f", "/");
        return valid(raw) ? Optional.of(new GitBranch(raw)) : Optional.empty();
    }

    /** git check-ref-format's rules, narrowed to the characters above. */
    static boolean valid(String raw) {
        if (!CHARS.matcher(raw).matches() || raw.startsWith("-") || raw.startsWith("/") || raw.endsWith("/")
                || raw.endsWith(".") || raw.endsWith(".lock") || raw.contains("..") || raw.contains("//")) {
            return false;
        }
        for (String component : raw.split("/")) {
            if (component.startsWith(".") || component.endsWith(".lock")) {
                return false;
            }
        }
        return true;
    }

    /** The name ks-devops and Jenkins use: {@code feat%2Fx}. */
    public String name() {
        return raw.replace("/", "%2F");
    }

    @Override
    public String toString() {
        return raw;
    }
}
