package io.kubesphere.mcp.support;

import io.quarkus.bootstrap.runner.AotSerializedApplication;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A copy of the packaged app (target/quarkus-app) whose jars lack the {@code META-INF/services} entries of the
 * libraries no Quarkus extension registers for native image. A native image is built with
 * {@code -H:-UseServiceLoaderFeature}, so there {@code ServiceLoader} finds none of these providers; running this copy
 * on the JVM reproduces that without a native build. Unchanged files other than
 * the launcher jar are symbolic links to the originals.
 */
public final class ClosedWorldApp {

    /** Service files nothing registers for native: the MCP SDK's, Jackson's, context-propagation's, BlockHound's. */
    public static final List<String> HIDDEN = List.of(
            "META-INF/services/io.modelcontextprotocol.",
            "META-INF/services/com.fasterxml.jackson.",
            "META-INF/services/io.micrometer.context.",
            "META-INF/services/reactor.");

    private final Path runJar;
    private final List<String> removed;

    private static final String INDEX = "quarkus-application.dat";

    private ClosedWorldApp(Path runJar, List<String> removed) {
        this.runJar = runJar;
        this.removed = removed;
    }

    /** Builds the copy of {@code app} (a quarkus-app directory) at {@code into}, replacing what was there. */
    public static ClosedWorldApp of(Path app, Path into) throws IOException {
        if (Files.exists(into)) {
            try (Stream<Path> old = Files.walk(into)) {
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        List<String> removed = new ArrayList<>();
        try (Stream<Path> files = Files.walk(app)) {
            for (Path source : files.toList()) {
                Path target = into.resolve(app.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else if (source.getFileName().toString().equals(INDEX)) {
                    continue; // rewritten below
                } else if (source.getFileName().toString().equals("quarkus-run.jar")) {
                    // A real copy: its manifest's Class-Path must resolve here, and the JVM follows a link to it.
                    Files.copy(source, target);
                } else if (!source.toString().endsWith(".jar") || !strip(source, target, removed)) {
                    Files.createSymbolicLink(target, source.toAbsolutePath());
                }
            }
        }
        Path runJar = into.resolve("quarkus-run.jar");
        reindex(app.resolve("quarkus").resolve(INDEX), runJar, into.resolve("quarkus").resolve(INDEX));
        return new ClosedWorldApp(runJar, List.copyOf(removed));
    }

    /**
     * The aot-jar launcher serves service files from an index it wrote at build time (quarkus-application.dat), not
     * from the jars: index the stripped jars again, with Quarkus' own writer and the launcher's class path.
     */
    private static void reindex(Path original, Path runJar, Path index) throws IOException {
        String mainClass;
        try (InputStream in = Files.newInputStream(original)) {
            mainClass = AotSerializedApplication.read(in).getMainClass();
        }
        List<Path> classPath = new ArrayList<>();
        try (JarFile jar = new JarFile(runJar.toFile())) {
            for (String entry : jar.getManifest().getMainAttributes().getValue("Class-Path").split(" ")) {
                classPath.add(runJar.resolveSibling(entry));
            }
        }
        try (OutputStream out = Files.newOutputStream(index)) {
            AotSerializedApplication.write(out, mainClass, classPath);
        }
    }

    /** Writes {@code jar} without the hidden service files to {@code target}; false (nothing written) if it has none. */
    private static boolean strip(Path jar, Path target, List<String> removed) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<? extends ZipEntry> entries = zip.stream().toList();
            List<String> hidden = entries.stream().map(ZipEntry::getName).filter(ClosedWorldApp::hidden).toList();
            if (hidden.isEmpty()) {
                return false;
            }
            try (OutputStream file = Files.newOutputStream(target); ZipOutputStream out = new ZipOutputStream(file)) {
                for (ZipEntry entry : entries) {
                    if (hidden(entry.getName())) {
                        continue;
                    }
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    try (InputStream in = zip.getInputStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            hidden.forEach(name -> removed.add(jar.getFileName() + "!/" + name));
            return true;
        }
    }

    private static boolean hidden(String name) {
        return HIDDEN.stream().anyMatch(name::startsWith);
    }

    public Path runJar() {
        return runJar;
    }

    /** Every service file taken out, as {@code jar!/path}. */
    public List<String> removed() {
        return removed;
    }
}
