package io.kubesphere.mcp.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubesphere.mcp.config.ConfigCheck;
import io.kubesphere.mcp.config.ConfigKeys;
import io.kubesphere.mcp.mcp.ServerIdentity;

/**
 * mcp-manifest.json in the MCP Registry's server.json format (schema 2025-09-29), generated from {@link ConfigKeys#ALL}
 * and {@link ServerIdentity}. The tool contract is not in it (the format has no place for tools): it is mcp-tools.json.
 */
final class RegistryManifest {

    static final String SCHEMA = "https://static.modelcontextprotocol.io/schemas/2025-09-29/server.schema.json";
    static final String DESCRIPTION = "KubeSphere tenants, members, built-in roles and DevOps pipelines, with a "
            + "least-privilege policy";
    static final String IMAGE = "kubesphere/kubesphere-mcp-server";
    /** A registry install talks to a real KubeSphere; every other key has a default or is one of two credentials. */
    static final String REQUIRED = "KUBESPHERE_HOST";

    private RegistryManifest() {
    }

    /** The release the pom's version is heading for: 0.1.0-SNAPSHOT is published as 0.1.0. */
    static String releaseVersion(String pomVersion) {
        return pomVersion.endsWith("-SNAPSHOT") ? pomVersion.substring(0, pomVersion.length() - 9) : pomVersion;
    }

    static ObjectNode build(ObjectMapper json, String pomVersion) {
        String version = releaseVersion(pomVersion);
        ObjectNode m = json.createObjectNode();
        m.put("$schema", SCHEMA);
        m.put("name", ServerIdentity.REGISTRY_NAME);
        m.put("description", DESCRIPTION);
        m.put("version", version);
        m.put("websiteUrl", ServerIdentity.WEBSITE);
        m.putObject("repository").put("url", ServerIdentity.REPOSITORY).put("source", "github");

        ObjectNode oci = m.putArray("packages").addObject();
        oci.put("registryType", "oci").put("registryBaseUrl", "https://ghcr.io").put("identifier", IMAGE)
                .put("version", version).put("runtimeHint", "docker");
        oci.putObject("transport").put("type", "stdio");
        // docker run needs -i for stdin; the image's own default transport is http, so stdio is fixed below.
        ArrayNode docker = oci.putArray("runtimeArguments");
        docker.addObject().put("type", "positional").put("value", "-i")
                .put("description", "Keep stdin open: MCP speaks JSON-RPC over it");
        docker.addObject().put("type", "positional").put("value", "--rm");
        ArrayNode env = oci.putArray("environmentVariables");
        for (ConfigKeys.Key key : ConfigKeys.ALL) {
            env.add(variable(json, key));
        }

        ObjectNode remote = m.putArray("remotes").addObject();
        remote.put("type", "streamable-http").put("url", "https://{host}/mcp");
        ObjectNode auth = remote.putArray("headers").addObject();
        auth.put("name", "Authorization")
                .put("description", "Your KubeSphere access token, when the service runs with KS_MCP_AUTH=passthrough")
                .put("isRequired", false).put("isSecret", true).put("value", "Bearer {kubesphere_token}");
        auth.putObject("variables").putObject("kubesphere_token").put("description", "KubeSphere access token")
                .put("isRequired", true).put("isSecret", true);

        m.putObject("_meta").putObject("io.modelcontextprotocol.registry/publisher-provided")
                .put("tools", "src/main/resources/mcp-tools.json");
        return m;
    }

    private static ObjectNode variable(ObjectMapper json, ConfigKeys.Key key) {
        ObjectNode v = json.createObjectNode();
        v.put("name", key.env());
        v.put("description", key.meaning() + (usableDefault(key) || key.defaultValue().isEmpty() ? ""
                : " (default: " + key.defaultValue() + ")"));
        v.put("isRequired", key.env().equals(REQUIRED));
        v.put("isSecret", key.secret());
        switch (key.kind()) {
            case BOOLEAN -> v.put("format", "boolean");
            case PORT -> v.put("format", "number");
            default -> { }
        }
        if (key.env().equals("KS_MCP_TRANSPORT")) {
            v.put("value", "stdio"); // this package is the stdio one; the image alone would serve HTTP
            return v;
        }
        if (usableDefault(key)) {
            v.put("default", key.defaultValue());
        }
        if (key.kind() == ConfigKeys.Kind.CHOICE) {
            key.choices().forEach(v.withArray("choices")::add);
        }
        return v;
    }

    /** A default is published only when it is itself a valid value ("true on http, false on stdio" is prose). */
    private static boolean usableDefault(ConfigKeys.Key key) {
        return !key.defaultValue().isEmpty() && ConfigCheck.problem(key.env(), key, key.defaultValue()) == null;
    }
}
