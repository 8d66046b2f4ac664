package io.kubesphere.mcp.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The Kubernetes objects under deploy/, parsed. */
final class Manifests {

    static final Path DIR = Path.of("deploy");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    static List<JsonNode> all() throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (var parser = YAML.getFactory().createParser(file.toFile())) {
                    for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                        JsonNode object = it.next();
                        if (object != null && !object.isNull() && !object.isEmpty()) {
                            objects.add(object);
                        }
                    }
                }
            }
        }
        return objects;
    }

    static JsonNode one(String kind) throws IOException {
        List<JsonNode> found = all().stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + " in deploy/, found " + found.size());
        }
        return found.get(0);
    }
}
