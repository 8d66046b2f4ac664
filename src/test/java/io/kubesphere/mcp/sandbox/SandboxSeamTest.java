package io.kubesphere.mcp.sandbox;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The product knows KubeSphere only through kubesphere.KubeSphereTarget: no class outside sandbox/ names the sandbox
 * package, so the simulator can be left out or replaced without touching the product.
 */
class SandboxSeamTest {

    @Test
    void nothingOutsideTheSandboxNamesIt() throws IOException {
        Path main = Path.of("src/main/java/io/kubesphere/mcp");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.startsWith(main.resolve("sandbox")))
                    .filter(f -> {
                        try {
                            return Files.readString(f).contains("io.kubesphere.mcp.sandbox");
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .map(f -> main.relativize(f).toString()).sorted().toList();
        }
        assertEquals(List.of(), offenders);
    }
}
