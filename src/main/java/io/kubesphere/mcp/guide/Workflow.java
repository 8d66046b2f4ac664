package io.kubesphere.mcp.guide;

import io.kubesphere.mcp.policy.Names;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One prompt: a short, parameterised plan for a workflow of the skills, naming the tools to call in order.
 *
 * @param tools   the tools the plan names; the prompt is offered only where all of them are (not when read-only
 *                hides the writes it needs)
 * @param plan    the plan's text from the arguments (missing optional ones are absent from the map)
 */
record Workflow(String name, String title, String description, List<String> tools, List<Argument> arguments,
        Function<Map<String, String>, String> plan) {

    /** A prompt argument; {@code source} says where its completions come from (null: none). */
    record Argument(String name, String description, boolean required, Completer.Source source) {
    }

    /** Why {@code value} is not a valid value of argument {@code name}, or null; the rules the tools apply too. */
    static String problem(String name, String value) {
        return switch (name) {
            case "username", "manager" -> value.length() <= 32 && value.matches(Names.USERNAME) ? null
                    : Names.USERNAME_RULE;
            case "members" -> java.util.Arrays.stream(value.split(",")).map(String::strip)
                    .allMatch(u -> u.length() <= 32 && u.matches(Names.USERNAME)) ? null
                    : "must be usernames separated by commas; each " + Names.USERNAME_RULE;
            case "git_url" -> value.length() <= 2048 && value.matches("^(https?://|ssh://|git@)[^\\s]+$") ? null
                    : "must be a git URL (https://, ssh:// or git@host:path) without spaces";
            default -> value.length() <= 63 && value.matches(Names.DNS_LABEL) ? null : Names.DNS_LABEL_RULE;
        };
    }

    static Argument required(String name, String description, Completer.Source source) {
        return new Argument(name, description, true, source);
    }

    static Argument optional(String name, String description, Completer.Source source) {
        return new Argument(name, description, false, source);
    }
}
