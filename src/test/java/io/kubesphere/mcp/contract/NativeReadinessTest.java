package io.kubesphere.mcp.contract;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a native image's closed world forbids, checked on the server's own classes (target/classes). */
class NativeReadinessTest {

    static final Path CLASSES = Path.of("target", "classes");

    static final List<Class<?>> RUN_TIME_ONLY = List.of(java.util.Random.class, java.util.SplittableRandom.class,
            Thread.class, java.util.concurrent.Executor.class, java.net.Socket.class, java.net.ServerSocket.class,
            java.nio.channels.Channel.class, java.net.http.HttpClient.class, javax.crypto.Mac.class,
            io.vertx.core.Vertx.class);

    /**
     * Quarkus initialises classes at build time, so whatever a static field holds is frozen into the executable: a
     * Random would repeat its seed in every process, a thread or socket cannot be stored at all. They belong in beans
     * created at start-up (run time).
     */
    @Test
    void noStaticFieldHoldsARandomAThreadOrASocket() throws Exception {
        List<String> found = new ArrayList<>();
        int checked = 0;
        for (Path file : classFiles()) {
            String name = CLASSES.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                    .replaceAll("\\.class$", "");
            // Loaded, not initialised: nothing of the server runs here.
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            checked++;
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())
                        && RUN_TIME_ONLY.stream().anyMatch(t -> t.isAssignableFrom(field.getType()))) {
                    found.add(name + "." + field.getName() + ": " + field.getType().getName());
                }
            }
        }
        assertTrue(checked > 100, "the server's classes were found (" + checked + ")");
        assertEquals(List.of(), found, "static fields frozen into a native image at build time");
    }

    /**
     * ServiceLoader finds nothing in a native image (-H:-UseServiceLoaderFeature), and classes looked up by name or
     * proxied at run time exist there only if registered. The server's code does none of it: every name it would need
     * is in its constant pool, so a use shows up here.
     */
    @Test
    void noServiceLoaderNoLookupByNameNoProxy() throws Exception {
        List<String> found = new ArrayList<>();
        for (Path file : classFiles()) {
            String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String dynamic : List.of("java/util/ServiceLoader", "java/lang/reflect/Proxy", "forName", "loadClass")) {
                if (constants.contains(dynamic)) {
                    found.add(CLASSES.relativize(file) + ": " + dynamic);
                }
            }
        }
        assertEquals(List.of(), found, "dynamic lookups a native image cannot serve without registration");
    }

    private static List<Path> classFiles() throws IOException {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            return files.filter(f -> f.toString().endsWith(".class")).toList();
        }
    }
}
