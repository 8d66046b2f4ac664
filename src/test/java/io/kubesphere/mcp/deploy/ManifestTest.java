package io.kubesphere.mcp.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesphere.mcp.config.ConfigKeys;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** deploy/ parses, is locked down, and wires configuration, Secret, Service, policy and ingress together. */
class ManifestTest {

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode container() throws Exception {
        JsonNode containers = Manifests.one("Deployment").path("spec").path("template").path("spec").path("containers");
        assertEquals(1, containers.size());
        return containers.get(0);
    }

    private static String env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (name.equals(e.path("name").asText())) {
                return e.path("value").asText();
            }
        }
        return null;
    }

    @Test
    void everyFileParsesAndKustomizationListsThemAll() throws Exception {
        List<JsonNode> objects = Manifests.all();
        Set<String> kinds = new HashSet<>();
        objects.forEach(o -> kinds.add(o.path("kind").asText()));
        assertThat(kinds, hasItems("Deployment", "Service", "ConfigMap", "Secret", "NetworkPolicy", "Ingress",
                "Kustomization", "Namespace", "PodDisruptionBudget"));
        List<String> listed = texts(Manifests.one("Kustomization").path("resources"));
        try (Stream<Path> files = Files.list(Manifests.DIR)) {
            for (Path file : files.map(Path::getFileName).filter(f -> f.toString().endsWith(".yaml")).toList()) {
                if (!file.toString().equals("kustomization.yaml")) {
                    assertThat("kustomization.yaml lists " + file, listed, hasItem(file.toString()));
                }
            }
        }
    }

    @Test
    void podIsNonRootReadOnlyWithoutPrivilegesAndBounded() throws Exception {
        JsonNode deployment = Manifests.one("Deployment");
        assertThat(deployment.path("spec").path("replicas").asInt(), greaterThanOrEqualTo(2));
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
        assertThat(pod.path("securityContext").path("runAsUser").asInt(), greaterThanOrEqualTo(1));
        assertEquals("RuntimeDefault", pod.path("securityContext").path("seccompProfile").path("type").asText());
        assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), "no Kubernetes API token in the pod");

        JsonNode container = container();
        JsonNode security = container.path("securityContext");
        assertTrue(security.path("runAsNonRoot").asBoolean());
        assertTrue(security.path("readOnlyRootFilesystem").asBoolean());
        assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true));
        assertEquals(List.of("ALL"), texts(security.path("capabilities").path("drop")));
        assertTrue(security.path("capabilities").path("add").isMissingNode());
        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertFalse(container.path("resources").path(kind).path(resource).asText().isBlank(), kind + "." + resource);
            }
        }
        // A read-only root needs a writable /tmp for the JVM and Vert.x.
        assertThat(container.path("volumeMounts").findValuesAsText("mountPath"), hasItem("/tmp"));
    }

    @Test
    void containerServesHttpOnAllInterfacesWithConfigAndSecretFromObjects() throws Exception {
        JsonNode container = container();
        assertEquals("0.0.0.0", env(container, "QUARKUS_HTTP_HOST"));
        assertEquals("http", env(container, "KS_MCP_TRANSPORT"));
        JsonNode port = container.path("ports").get(0);
        assertEquals("http", port.path("name").asText());
        assertEquals(8080, port.path("containerPort").asInt());
        assertEquals(env(container, "QUARKUS_HTTP_PORT"), "8080");

        JsonNode configMap = Manifests.one("ConfigMap");
        JsonNode secret = Manifests.one("Secret");
        List<String> configRefs = container.path("envFrom").findValues("configMapRef").stream()
                .map(r -> r.path("name").asText()).toList();
        List<String> secretRefs = container.path("envFrom").findValues("secretRef").stream()
                .map(r -> r.path("name").asText()).toList();
        assertEquals(List.of(configMap.path("metadata").path("name").asText()), configRefs);
        assertEquals(List.of(secret.path("metadata").path("name").asText()), secretRefs);

        // Every configured key is one the server documents; no credential sits in the ConfigMap.
        Set<String> documented = new HashSet<>();
        ConfigKeys.ALL.forEach(k -> documented.add(k.env()));
        configMap.path("data").fieldNames().forEachRemaining(key -> {
            assertTrue(documented.contains(key) || key.startsWith("QUARKUS_"), "undocumented key " + key);
            ConfigKeys.ALL.stream().filter(k -> k.env().equals(key))
                    .forEach(k -> assertFalse(k.secret(), key + " is a secret and belongs in the Secret"));
        });
        assertEquals("passthrough", configMap.path("data").path("KS_MCP_AUTH").asText());
        assertThat(configMap.path("data").path("KUBESPHERE_HOST").asText(), containsString("ks-apiserver"));
    }

    @Test
    void allowedHostsNameTheServiceAndTheIngressHost() throws Exception {
        JsonNode service = Manifests.one("Service");
        String name = service.path("metadata").path("name").asText();
        String namespace = service.path("metadata").path("namespace").asText();
        List<String> hosts = List.of(Manifests.one("ConfigMap").path("data").path("KS_MCP_HTTP_ALLOWED_HOSTS").asText()
                .split(","));
        assertThat(hosts, hasItems(name + ":*", name + "." + namespace + ":*", name + "." + namespace + ".svc:*",
                name + "." + namespace + ".svc.cluster.local:*"));
        for (JsonNode rule : Manifests.one("Ingress").path("spec").path("rules")) {
            assertThat(hosts, hasItem(rule.path("host").asText() + ":*"));
        }
    }

    @Test
    void serviceAndIngressReachThePods() throws Exception {
        JsonNode deployment = Manifests.one("Deployment");
        JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
        JsonNode service = Manifests.one("Service");
        service.path("spec").path("selector").fields().forEachRemaining(e ->
                assertEquals(e.getValue().asText(), labels.path(e.getKey()).asText(), "Service selector " + e.getKey()));
        assertEquals("http", service.path("spec").path("ports").get(0).path("targetPort").asText());
        assertEquals("ClientIP", service.path("spec").path("sessionAffinity").asText());

        JsonNode ingress = Manifests.one("Ingress");
        String hashBy = ingress.path("metadata").path("annotations").path("nginx.ingress.kubernetes.io/upstream-hash-by")
                .asText();
        // The key must exist from the first request on: initialize has no Mcp-Session-Id yet.
        assertThat(hashBy, containsString("$http_authorization"));
        assertThat(hashBy, not(containsString("mcp_session_id")));
        List<String> paths = new ArrayList<>();
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                paths.add(path.path("path").asText());
                assertEquals(service.path("metadata").path("name").asText(),
                        path.path("backend").path("service").path("name").asText());
                assertEquals("http", path.path("backend").path("service").path("port").path("name").asText());
            }
        }
        assertThat(paths, hasItems("/mcp", "/.well-known/oauth-protected-resource"));
        assertThat("health and metrics stay inside the cluster", paths, not(hasItem(containsString("/q"))));
    }

    @Test
    void egressGoesOnlyToKsApiserverAndDns() throws Exception {
        JsonNode policy = Manifests.one("NetworkPolicy");
        assertThat(texts(policy.path("spec").path("policyTypes")), hasItem("Egress"));
        JsonNode labels = Manifests.one("Deployment").path("spec").path("template").path("metadata").path("labels");
        policy.path("spec").path("podSelector").path("matchLabels").fields().forEachRemaining(e ->
                assertEquals(e.getValue().asText(), labels.path(e.getKey()).asText()));
        JsonNode egress = policy.path("spec").path("egress");
        assertEquals(2, egress.size());
        boolean apiserver = false;
        boolean dns = false;
        for (JsonNode rule : egress) {
            assertFalse(rule.path("to").isMissingNode() || rule.path("to").isEmpty(), "every rule names its peer");
            for (JsonNode peer : rule.path("to")) {
                assertTrue(peer.path("ipBlock").isMissingNode(), "no IP ranges");
                String namespace = peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name")
                        .asText();
                List<Integer> ports = rule.path("ports").findValues("port").stream().map(JsonNode::asInt).toList();
                if (namespace.equals("kubesphere-system")) {
                    assertEquals("ks-apiserver", peer.path("podSelector").path("matchLabels").path("app").asText());
                    assertEquals(List.of(9090), ports);
                    apiserver = true;
                } else if (namespace.equals("kube-system")) {
                    assertEquals(Set.of(53), new HashSet<>(ports));
                    dns = true;
                } else {
                    throw new AssertionError("unexpected egress peer " + peer);
                }
            }
        }
        assertTrue(apiserver && dns);
    }

    @Test
    void dockerfileBuildsTheJarAndRunsItNonRootOnAllInterfaces() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertThat(dockerfile, containsString("./mvnw -B -q package -DskipTests"));
        assertThat(dockerfile, containsString("USER 185"));
        assertThat(dockerfile, containsString("QUARKUS_HTTP_HOST=0.0.0.0"));
        assertThat(dockerfile, containsString("EXPOSE 8080"));
        assertThat(dockerfile, containsString("quarkus-run.jar"));
        JsonNode pod = Manifests.one("Deployment").path("spec").path("template").path("spec");
        assertEquals(185, pod.path("securityContext").path("runAsUser").asInt(), "the image's user");
    }
}
