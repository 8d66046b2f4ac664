package io.kubesphere.mcp.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one clock of the server: token expiry, login back-off, caller-token checks and the sandbox's time all read it,
 * so that tests move time forward instead of sleeping.
 */
@Singleton
public class Clocks {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
