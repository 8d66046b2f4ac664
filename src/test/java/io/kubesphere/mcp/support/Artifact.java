package io.kubesphere.mcp.support;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What the build produced, as Quarkus records it in target/quarkus-artifact.properties: the jar under
 * {@code ./mvnw verify}, the native executable under {@code ./mvnw verify -Dnative}. Tests that spawn the server
 * themselves (stdio) spawn this, so they prove whichever artifact @QuarkusIntegrationTest proves.
 */
public record Artifact(String type, Path path) {

    static final Path TARGET = Path.of("target").toAbsolutePath();

    public static Artifact built() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(TARGET.resolve("quarkus-artifact.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("no target/quarkus-artifact.properties: run ./mvnw verify (packages first)", e);
        }
        return new Artifact(properties.getProperty("type"), TARGET.resolve(properties.getProperty("path")));
    }

    public boolean isJar() {
        return "jar".equals(type);
    }

    /** The command line that starts the server, as an IDE would spawn it. */
    public List<String> command() {
        return isJar() ? jar(path) : List.of(path.toString());
    }

    /** {@code java -jar} of the given quarkus-run.jar, the JVM's own output kept off stdout (JSON-RPC on stdio). */
    public static List<String> jar(Path runJar) {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        return new ArrayList<>(List.of(java, "-Xlog:disable", "-Xlog:all=warning:stderr",
                "-XX:+DisplayVMOutputToStderr", "-jar", runJar.toString()));
    }
}
