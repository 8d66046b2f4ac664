package io.kubesphere.mcp.policy;

/**
 * Name rules checked before any request, so that nothing an agent types can change a request path. Constants, because
 * they are used in annotations (and from there in the published JSON schemas).
 */
public final class Names {

    // Written as alphanumeric runs joined by separators: the same language as the usual ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$
    // (NamesTest proves it), a few characters shorter in every schema of every tools/list.
    public static final String DNS_LABEL = "^[a-z0-9]+(-+[a-z0-9]+)*$";
    public static final String DNS_LABEL_RULE = "must be a DNS-1123 label: 1 to 63 lower-case letters, digits or '-', "
            + "starting and ending with a letter or digit";
    public static final String USERNAME = "^[a-z0-9]+([-.]+[a-z0-9]+)*$";
    public static final String USERNAME_RULE = "must be a KubeSphere username: 1 to 32 lower-case letters, digits, '-' "
            + "or '.', starting and ending with a letter or digit";
    public static final String FILTER_RULE = "must be at most 253 characters";
    /** Role names as KubeSphere stores them (DNS-1123 subdomain); only for filters, never for grants. */
    public static final String ROLE_NAME = USERNAME;
    public static final String ROLE_NAME_RULE = "must be a role name: 1 to 253 lower-case letters, digits, '-' or '.', "
            + "starting and ending with a letter or digit";
    /** Simple enough to publish in the schema; {@code @Email} does the thorough check. */
    public static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
    public static final String EMAIL_RULE = "must be an email address such as name@example.com (at most 254 characters)";
    /** KubeSphere's User CRD: 8 to 64 characters with a lower-case letter, an upper-case letter and a digit. */
    public static final String PASSWORD = "^(?=[\\s\\S]*[a-z])(?=[\\s\\S]*[A-Z])(?=[\\s\\S]*[0-9])[\\s\\S]*$";
    public static final String PASSWORD_LENGTH_RULE = "must be 8 to 64 characters long (KubeSphere password policy)";
    public static final String PASSWORD_RULE = "must contain at least one upper-case letter, one lower-case letter and "
            + "one digit (KubeSphere password policy)";
    public static final String DESCRIPTION_RULE = "must be at most 256 characters";

    private Names() {
    }
}
