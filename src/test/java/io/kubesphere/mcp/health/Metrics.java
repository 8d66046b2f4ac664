package io.kubesphere.mcp.health;

import io.kubesphere.mcp.auth.Callers;

import java.net.URI;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reads the Prometheus text at /q/metrics. */
final class Metrics {

    private final String text;

    private Metrics(String text) {
        this.text = text;
    }

    static Metrics scrape(URI root) throws Exception {
        HttpResponse<String> response = Callers.get(root.resolve("/q/metrics"));
        assertEquals(200, response.statusCode());
        return new Metrics(response.body());
    }

    String text() {
        return text;
    }

    /** The sum over all series of {@code name} that carry every given {@code label="value"}; -1 if there is none. */
    double value(String name, String... labels) {
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                found = true;
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return found ? sum : -1;
    }

    /** Like {@link #value} but 0 when the series does not exist yet. */
    double count(String name, String... labels) {
        return Math.max(0, value(name, labels));
    }
}
