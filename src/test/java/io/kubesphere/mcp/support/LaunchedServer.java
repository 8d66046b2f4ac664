package io.kubesphere.mcp.support;

import io.quarkus.test.common.PropertyTestUtil;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What only the log of the server that @QuarkusIntegrationTest launched can tell a test. */
public final class LaunchedServer {

    private static final Pattern SIMULATOR = Pattern.compile("KubeSphere simulator with demo data at (http://\\S+)");

    private LaunchedServer() {
    }

    /** The base URL of the launched server's simulator (the newest launch, when the log holds several). */
    public static String simulatorUrl() throws IOException {
        List<String> lines = Files.readAllLines(PropertyTestUtil.getLogFilePath());
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = SIMULATOR.matcher(lines.get(i));
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new IllegalStateException("no simulator address in " + PropertyTestUtil.getLogFilePath());
    }
}
