package io.kubesphere.mcp.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OAuthSimulatorTest extends SimTestSupport {

    @Test
    void passwordGrantIssuesJwtPairWithNoStore() throws Exception {
        HttpResponse<String> r = passwordGrant("stoneshi", PW);
        assertStatus(200, r);
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
        JsonNode body = json(r);
        assertEquals("Bearer", body.get("token_type").asText());
        assertEquals(7200, body.get("expires_in").asInt());
        String[] parts = body.get("access_token").asText().split("\\.");
        assertEquals(3, parts.length);
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertEquals("HS256", header.get("alg").asText());
        JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        assertEquals("kubesphere", claims.get("iss").asText());
        assertEquals("stoneshi", claims.get("username").asText());
        assertEquals("access_token", claims.get("token_type").asText());
        assertEquals(7200, claims.get("exp").asLong() - claims.get("iat").asLong());
        assertEquals(1, sim.tokenGrants("password"));

        HttpResponse<String> me = get(I + "/users/stoneshi", body.get("access_token").asText());
        assertStatus(200, me);
        assertEquals("stoneshi", json(me).at("/metadata/name").asText());
    }

    @Test
    void emailWorksAsUsernameAndSchemeIsCaseInsensitive() throws Exception {
        HttpResponse<String> r = passwordGrant("stoneshi@kubesphere.io", PW);
        assertStatus(200, r);
        String token = json(r).get("access_token").asText();
        HttpResponse<String> me = send("GET", I + "/users/stoneshi", null, null, null);
        assertStatus(403, me);
        java.net.http.HttpRequest req = java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(sim.baseUrl() + I + "/users/stoneshi"))
                .header("Authorization", "bearer " + token).build();
        assertEquals(200, http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void refreshGrantIssuesNewPair() throws Exception {
        JsonNode first = json(passwordGrant("admin", PW));
        HttpResponse<String> r = tokenRequest(Map.of("grant_type", "refresh_token", "refresh_token",
                first.get("refresh_token").asText(), "client_id", "kubesphere", "client_secret", "kubesphere"));
        assertStatus(200, r);
        assertEquals(1, sim.tokenGrants("refresh_token"));
        assertStatus(200, get(I + "/users", json(r).get("access_token").asText()));

        HttpResponse<String> bad = tokenRequest(Map.of("grant_type", "refresh_token", "refresh_token", "junk",
                "client_id", "kubesphere", "client_secret", "kubesphere"));
        assertStatus(400, bad);
        assertEquals("The refresh token is invalid or expired.", json(bad).get("error_description").asText());
        // An access token is not a refresh token.
        assertStatus(400, tokenRequest(Map.of("grant_type", "refresh_token", "refresh_token",
                first.get("access_token").asText(), "client_id", "kubesphere", "client_secret", "kubesphere")));
        // Refresh token lives maxAge + 30m.
        sim.advanceClock(Duration.ofHours(2).plusMinutes(31));
        assertStatus(400, tokenRequest(Map.of("grant_type", "refresh_token", "refresh_token",
                first.get("refresh_token").asText(), "client_id", "kubesphere", "client_secret", "kubesphere")));
    }

    @Test
    void clientAndGrantErrors() throws Exception {
        HttpResponse<String> r = tokenRequest(Map.of("grant_type", "password", "username", "admin", "password", PW,
                "client_id", "nope", "client_secret", "kubesphere"));
        assertStatus(400, r);
        assertEquals("invalid_client", json(r).get("error").asText());
        r = tokenRequest(Map.of("grant_type", "password", "username", "admin", "password", PW,
                "client_id", "kubesphere", "client_secret", "wrong"));
        assertStatus(401, r);
        assertEquals("unauthorized_client", json(r).get("error").asText());
        r = tokenRequest(Map.of("grant_type", "client_credentials", "client_id", "kubesphere",
                "client_secret", "kubesphere"));
        assertStatus(400, r);
        assertEquals("unsupported_grant_type", json(r).get("error").asText());
        r = send("POST", "/oauth/token", null, "application/json", "{}");
        assertStatus(415, r);
        r = passwordGrant("admin", "wrong");
        assertStatus(400, r);
        assertEquals("invalid_grant", json(r).get("error").asText());
        assertEquals("Invalid username or password.", json(r).get("error_description").asText());
        assertStatus(400, passwordGrant("nobody", PW));
        assertEquals(0, sim.tokenGrants("password"));
    }

    @Test
    void tenFailuresLockTheAccountForTenMinutes() throws Exception {
        String token = login("stoneshi");
        for (int i = 0; i < 10; i++) {
            assertStatus(400, passwordGrant("stoneshi", "bad-" + i));
        }
        HttpResponse<String> locked = passwordGrant("stoneshi", PW);
        assertStatus(429, locked);
        assertEquals("invalid_grant", json(locked).get("error").asText());
        assertEquals("Rate limit exceeded.", json(locked).get("error_description").asText());
        // Other users and existing tokens are unaffected.
        assertStatus(200, passwordGrant("admin", PW));
        assertStatus(200, get(I + "/users/stoneshi", token));
        sim.advanceClock(Duration.ofMinutes(9));
        assertStatus(429, passwordGrant("stoneshi", PW));
        sim.advanceClock(Duration.ofMinutes(1).plusSeconds(1));
        assertStatus(200, passwordGrant("stoneshi", PW));
    }

    @Test
    void expiredRevokedAndLoggedOutTokensAre401() throws Exception {
        String token = login("admin");
        sim.advanceClock(Duration.ofHours(2).plusSeconds(5));
        HttpResponse<String> expired = get(I + "/users", token);
        assertStatus(401, expired);
        JsonNode status = json(expired);
        assertEquals("Status", status.get("kind").asText());
        assertEquals("Unauthorized", status.get("reason").asText());
        // One second of slack: the wall clock may tick between login and the call.
        assertTrue(status.get("message").asText().matches("jwt: token is expired by [56]s"), status.toString());

        token = login("admin");
        sim.revokeAllTokens();
        HttpResponse<String> revoked = get(I + "/users", token);
        assertStatus(401, revoked);
        assertEquals("token not found in cache", json(revoked).get("message").asText());
        assertEquals(401, json(revoked).get("code").asInt());

        token = login("admin");
        assertStatus(200, get("/oauth/logout", token));
        assertStatus(401, get(I + "/users", token));

        assertStatus(401, get(I + "/users", token.substring(0, token.length() - 2) + "xx"));
        // A stale header breaks even the token endpoint: authentication runs first.
        assertStatus(401, send("POST", "/oauth/token", token, "application/x-www-form-urlencoded",
                "grant_type=password&username=admin&password=P%4088w0rd&client_id=kubesphere&client_secret=kubesphere"));
    }

    @Test
    void accessTokenMaxAgeIsConfigurable() throws Exception {
        sim.setAccessTokenMaxAge(Duration.ofMinutes(5));
        JsonNode body = json(passwordGrant("admin", PW));
        assertEquals(300, body.get("expires_in").asInt());
        sim.advanceClock(Duration.ofMinutes(6));
        assertStatus(401, get(I + "/users", body.get("access_token").asText()));
        HttpResponse<String> refreshed = tokenRequest(Map.of("grant_type", "refresh_token", "refresh_token",
                body.get("refresh_token").asText(), "client_id", "kubesphere", "client_secret", "kubesphere"));
        assertStatus(200, refreshed);
        assertNotEquals(body.get("access_token").asText(), json(refreshed).get("access_token").asText());
    }

    @Test
    void anonymousGets403Status() throws Exception {
        HttpResponse<String> r = get(T + "/workspaces/stone", null);
        assertStatus(403, r);
        JsonNode s = json(r);
        assertEquals("Forbidden", s.get("reason").asText());
        assertTrue(s.get("message").asText().contains("User \"system:anonymous\" cannot get resource \"workspaces\""),
                s.toString());
        assertNull(sim.requests().get(0).user());
    }
}
