package io.kubesphere.mcp.mcp;

import io.kubesphere.mcp.catalog.Toolset;
import io.kubesphere.mcp.config.ServerConfig;
import io.modelcontextprotocol.spec.McpSchema;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Who this server says it is: serverInfo (2025-11-25 title, website, icons), the toolsets' icons and the registry
 * manifest's name. Icons are inline SVG data URIs, so that stdio clients without network access can show them too.
 */
public final class ServerIdentity {

    /** The MCP implementation name (serverInfo.name); clients key on it, so it stays as it was. */
    public static final String NAME = ServerConfig.SERVER_NAME;
    /** The MCP Registry name: reverse DNS of the GitHub organisation that publishes it, as the registry verifies. */
    public static final String REGISTRY_NAME = "io.github.kubesphere/kubesphere-mcp-server";
    public static final String TITLE = "KubeSphere";
    public static final String REPOSITORY = "https://github.com/kubesphere/kubesphere-mcp-server";
    public static final String WEBSITE = REPOSITORY + "#readme";

    private static final String SERVER_SVG = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'>"
            + "<path fill='#00a971' d='M12 1 22 6.5v11L12 23 2 17.5v-11z'/>"
            + "<path fill='#fff' d='M8 7h2.4v4l3.6-4h3l-4.2 4.6L17 17h-3l-2.9-3.9-.7.8V17H8z'/></svg>";
    private static final String TENANT_SVG = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'>"
            + "<circle cx='8' cy='8' r='3.5' fill='#00a971'/><circle cx='16.5' cy='9' r='3' fill='#3d8bd9'/>"
            + "<path fill='#00a971' d='M1.5 20c0-4 2.9-6.5 6.5-6.5s6.5 2.5 6.5 6.5z'/>"
            + "<path fill='#3d8bd9' d='M15.5 20c0-2.4-.8-4.3-2.2-5.5A6 6 0 0 1 22.5 20z'/></svg>";
    private static final String DEVOPS_SVG = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'>"
            + "<circle cx='4.5' cy='12' r='3' fill='#3d8bd9'/><circle cx='19.5' cy='5' r='3' fill='#00a971'/>"
            + "<circle cx='19.5' cy='19' r='3' fill='#00a971'/>"
            + "<path stroke='#555' stroke-width='1.6' fill='none' d='M7.5 12h4l5-6M11.5 12l5 6'/></svg>";

    private ServerIdentity() {
    }

    public static McpSchema.Implementation implementation(String version) {
        return new McpSchema.Implementation(NAME, TITLE, version,
                "KubeSphere tenants (workspaces, projects, users, roles) and DevOps pipelines", icons(SERVER_SVG),
                WEBSITE);
    }

    public static List<McpSchema.Icon> icons(Toolset toolset) {
        return icons(toolset == Toolset.devops ? DEVOPS_SVG : TENANT_SVG);
    }

    private static List<McpSchema.Icon> icons(String svg) {
        String uri = "data:image/svg+xml;base64,"
                + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
        return List.of(new McpSchema.Icon(uri, "image/svg+xml", List.of("any"), null));
    }
}
