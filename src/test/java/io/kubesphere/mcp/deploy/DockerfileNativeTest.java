package io.kubesphere.mcp.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What can be checked of the native image without building it (no container engine or GraalVM here). */
class DockerfileNativeTest {

    static final Path NATIVE_IMAGE_CONFIG = Path.of(
            "src/main/resources/META-INF/native-image/io.kubesphere.mcp/kubesphere-mcp-server");

    @Test
    void buildsFromAPinnedBuilderAndRunsNonRootWithTheManifest() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile.native"));
        Matcher builder = Pattern.compile("ARG BUILDER_IMAGE=(\\S+)").matcher(dockerfile);
        assertTrue(builder.find(), "the builder image is an ARG with a default");
        // A version, not a moving tag such as jdk-25 or latest.
        assertThat(builder.group(1), matchesPattern("quay\\.io/quarkus/ubi9-quarkus-mandrel-builder-image:\\d+\\.\\d+[\\w.-]*"));
        assertThat(dockerfile, containsString("FROM ${BUILDER_IMAGE} AS build"));
        assertThat(dockerfile, containsString("COPY --chown=quarkus:quarkus mcp-manifest.json ./"));
        assertThat(dockerfile, containsString("./mvnw -B package -Dnative -DskipTests"));
        assertThat(dockerfile, matchesPattern("(?s).*\nFROM quay\\.io/quarkus/ubi9-quarkus-micro-image:\\d+\\.\\d+\n.*"));
        assertThat(dockerfile, containsString("USER 1001"));
        assertThat(dockerfile, containsString("QUARKUS_HTTP_HOST=0.0.0.0"));
        assertThat(dockerfile, containsString("Expected image size"));
    }

    @Test
    void healthCheckAsksTheLivenessPathTheDeploymentProbes() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile.native"));
        String check = dockerfile.substring(dockerfile.indexOf("HEALTHCHECK"));
        check = check.substring(0, check.indexOf("\nENTRYPOINT"));
        JsonNode container = Manifests.one("Deployment").path("spec").path("template").path("spec")
                .path("containers").get(0);
        String live = container.path("livenessProbe").path("httpGet").path("path").asText();
        assertEquals("/q/health/live", live);
        assertThat(check, containsString("GET " + live + " HTTP/1.0"));
        assertThat(check, containsString("/dev/tcp/127.0.0.1/8080"));
        assertThat("passes only on 200", check, containsString("' 200 '"));
    }

    /**
     * GraalVM reads META-INF/native-image: every resource the server reads at run time must be in the executable (the
     * tool schemas; the version that --version prints).
     */
    @Test
    void theResourcesReadAtRunTimeAreNativeResources() throws Exception {
        JsonNode config = new ObjectMapper().readTree(NATIVE_IMAGE_CONFIG.resolve("resource-config.json").toFile());
        List<String> patterns = config.path("resources").path("includes").findValuesAsText("pattern");
        for (String resource : List.of("mcp-manifest.json", "kubesphere-mcp.properties")) {
            assertTrue(patterns.stream().anyMatch(resource::matches), resource + " in " + patterns);
            assertTrue(Files.exists(Path.of("target", "classes", resource)), resource + " is on the class path");
        }
    }
}
