package io.kubesphere.mcp.catalog;

/**
 * What a person must say yes to before a tool's call goes ahead, in words they can check, and what the agent is told
 * when they cannot be asked, the asking fails, or they decline.
 *
 * @param waivable whether the operator's KS_MCP_ALLOW_PRIVILEGED_GRANTS lets it through without asking (grants yes;
 *                 taking access away, such as disabling a user, never)
 */
public record Confirmation(String sentence, String title, String checkbox, String question, String why,
        String noElicitationAdvice, String failedAdvice, String declinedAdvice, boolean waivable) {
}
