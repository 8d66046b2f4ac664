package io.kubesphere.mcp.config;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The server's one Jackson mapper (thread-safe once built). Readers and writers with stricter or leaner settings take
 * a {@code copy()} of it, so that a setting added here reaches them all. The simulator keeps its own: it plays
 * KubeSphere, not this server.
 */
public final class Jackson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Jackson() {
    }

    public static ObjectMapper plain() {
        return MAPPER;
    }
}
