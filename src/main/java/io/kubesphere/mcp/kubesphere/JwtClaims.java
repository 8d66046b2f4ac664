package io.kubesphere.mcp.kubesphere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kubesphere.mcp.config.Jackson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads the {@code username} claim of a KubeSphere JWT. Only to say who we are: KubeSphere verifies the signature,
 * this server never trusts the claim for anything else.
 */
public final class JwtClaims {

    private static final ObjectMapper JSON = Jackson.plain();

    private JwtClaims() {
    }

    public static Optional<String> username(String token) {
        return claims(token).map(claims -> claims.path("username").asText(claims.path("sub").asText("")))
                .filter(name -> !name.isBlank());
    }

    /** The {@code exp} claim, used only to refuse an expired token early (never to accept one). */
    public static Optional<Instant> expiry(String token) {
        return claims(token).map(claims -> claims.path("exp")).filter(JsonNode::isNumber)
                .map(exp -> Instant.ofEpochSecond(exp.asLong()));
    }

    private static Optional<JsonNode> claims(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
