package io.kubesphere.mcp.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The server logged in as stoneshi, a tenant (workspace admin of stone, no platform role). One profile for every test
 * that acts as a tenant: each distinct profile costs a Quarkus restart.
 */
public class StoneshiProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("kubesphere.username", "stoneshi");
    }
}
