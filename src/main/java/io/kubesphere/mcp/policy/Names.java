package io.kubesphere.mcp.policy;

/**
 * Name rules checked before any request, so that nothing an agent types can change a request path. Constants, because
 * they are used in annotations (and from there in the published JSON schemas).
 */
public final class Names {

    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    public static final String DNS_LABEL_RULE = "must be a DNS-1123 label: 1 to 63 lower-case letters, digits or '-', "
            + "starting and ending with a letter or digit";
    public static final String USERNAME = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";
    public static final String USERNAME_RULE = "must be a KubeSphere username: 1 to 32 lower-case letters, digits, '-' "
            + "or '.', starting and ending with a letter or digit";
    public static final String FILTER_RULE = "must be at most 253 characters";

    private Names() {
    }
}
