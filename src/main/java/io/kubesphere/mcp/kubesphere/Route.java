package io.kubesphere.mcp.kubesphere;


import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One (method, path template) pair that a tool may send to KubeSphere, read from an API interface method
 * ({@code kubesphere.api.Routes}). Routes are the unit of the upstream allowlist: the guard matches the raw path the
 * REST client is about to send against the routes the offered tools declare, so a tool cannot send what it did not
 * declare, and a path parameter that is not one plain segment matches nothing.
 */
public final class Route {

    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z_]+)}");
    /** A path parameter is one plain segment: no '/', no '%', no leading dot, so nothing can climb or re-route the path. */
    static final String SEGMENT = "[A-Za-z0-9](?:[A-Za-z0-9._@-]{0,251}[A-Za-z0-9])?";
    private static final Pattern SAFE_SEGMENT = Pattern.compile(SEGMENT);
    /**
     * The one variable that is not a plain segment: a Jenkins branch name ({@code feat%2Fx}), written with its '%'
     * escaped ({@code feat%252Fx}) because Go routes on the decoded path and must hand ks-devops the name itself.
     */
    static final String BRANCH = "branch";
    static final String BRANCH_SEGMENT = "[A-Za-z0-9_](?:[A-Za-z0-9._-]|%252F){0,600}";

    public static final String JSON = "application/json";
    /** What the ks-devops Jenkins log proxy produces. */
    public static final String TEXT = "text/plain; charset=utf-8";

    private final String method;
    private final String template;
    private final String produces;
    private final List<String> variables;
    private final Pattern matcher;

    private Route(String method, String template) {
        this(method, template, JSON);
    }

    private Route(String method, String template, String produces) {
        this.method = Objects.requireNonNull(method);
        this.template = Objects.requireNonNull(template);
        this.produces = Objects.requireNonNull(produces);
        List<String> vars = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        Matcher m = VARIABLE.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start())))
                    .append(m.group(1).equals(BRANCH) ? BRANCH_SEGMENT : SEGMENT);
            vars.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        this.variables = List.copyOf(vars);
        this.matcher = Pattern.compile(regex.toString());
    }

    public static Route get(String template) {
        return new Route("GET", template);
    }

    public static Route post(String template) {
        return new Route("POST", template);
    }

    public static Route put(String template) {
        return new Route("PUT", template);
    }

    /** Any method: only for tests and the guard's own checks; tools use get/post/put. */
    public static Route of(String method, String template) {
        return new Route(method, template);
    }

    /** A route as an API interface declares it ({@code kubesphere.api.Routes} reads the annotations). */
    public static Route of(String method, String template, String produces) {
        return new Route(method, template, produces);
    }

    /** The same route, declared as producing {@code mediaType} (as its go-restful registration says). */
    public Route produces(String mediaType) {
        return new Route(method, template, mediaType);
    }

    public String produces() {
        return produces;
    }

    /**
     * The Accept header go-restful matches for this route: it cuts the parameters off each Accept entry and compares
     * the rest exactly with the produces strings, so a produces with parameters ("text/plain; charset=utf-8") can
     * only be matched by the wildcard.
     */
    public String accept() {
        return produces.contains(";") ? "*/*" : produces;
    }

    public String method() {
        return method;
    }

    public String template() {
        return template;
    }

    public List<String> variables() {
        return variables;
    }

    /** The path with each variable replaced by its value; refuses a missing or unsafe value instead of encoding it. */
    public String expand(Map<String, String> values) {
        String path = template;
        for (String var : variables) {
            String value = values.get(var);
            String segment = var.equals(BRANCH) ? branchSegment(value)
                    : value != null && SAFE_SEGMENT.matcher(value).matches() ? value : null;
            if (segment == null) {
                throw new IllegalArgumentException("unsafe or missing path parameter '" + var + "'");
            }
            path = path.replace("{" + var + "}", segment);
        }
        return path;
    }

    /**
     * Whether a Jenkins branch name ({@code feat%2Fx}) fits the {branch} variable once the REST client has escaped its
     * '%' ({@code feat%252Fx}): the guard would refuse it otherwise, so a tool can say why before asking.
     */
    public static boolean branchFits(String jenkinsName) {
        String segment = branchSegment(jenkinsName);
        return segment != null && segment.matches(BRANCH_SEGMENT);
    }

    /** Decode-then-validate: only the %2F escape, a valid git branch underneath, never a raw '/'. */
    private static String branchSegment(String name) {
        if (name == null || name.contains("/")) {
            return null;
        }
        return GitBranch.parse(name).map(b -> b.name().replace("%", "%25")).orElse(null);
    }

    public boolean matches(String requestMethod, String rawPath) {
        return method.equalsIgnoreCase(requestMethod) && matcher.matcher(rawPath).matches();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Route r && r.method.equals(method) && r.template.equals(template);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, template);
    }

    @Override
    public String toString() {
        return method + " " + template;
    }
}
