package io.kubesphere.mcp.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** OAuth token endpoint, JWT issuing/verification and the request authentication filter. */
final class SimAuth {
    static final String ACCESS = "access_token";
    static final String REFRESH = "refresh_token";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SimWorld world;
    /** Every request's JWT is verified (as ks-apiserver does); looking the algorithm up each time was most of it. */
    private final ThreadLocal<Mac> mac = ThreadLocal.withInitial(this::newMac);

    SimAuth(SimWorld world) {
        this.world = world;
    }

    // ---------- authentication filter ----------

    /**
     * Sets {@code ex.user} from the Authorization header. No header means anonymous; a header that does not verify
     * is a 401 Status even on endpoints that need no authentication (KubeSphere authenticates first).
     */
    void authenticate(SimExchange ex, String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return;
        }
        String h = authorization.trim();
        int sp = h.indexOf(' ');
        String scheme = sp < 0 ? h : h.substring(0, sp);
        String cred = sp < 0 ? "" : h.substring(sp + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer")) {
            ex.user = verifyAccessToken(cred);
        } else if (scheme.equalsIgnoreCase("Basic")) {
            ex.user = verifyBasic(cred);
        }
    }

    private String verifyAccessToken(String token) {
        ObjectNode claims = verifyJwt(token);
        if (claims == null || !ACCESS.equals(claims.path("token_type").asText())) {
            throw unauthorized("token not found in cache");
        }
        expiryCheck(claims, true);
        SimWorld.TokenInfo info = world.tokenCache.get(token);
        if (info == null) {
            throw unauthorized("token not found in cache");
        }
        ObjectNode user = world.users.get(info.username());
        if (user == null) {
            throw unauthorized("token not found in cache");
        }
        if ("Disabled".equals(Json.str(user, "status", "state"))) {
            throw unauthorized("account is not active");
        }
        return info.username();
    }

    private String verifyBasic(String cred) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(cred), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw unauthorized("invalid basic auth header");
        }
        int colon = decoded.indexOf(':');
        String login = colon < 0 ? decoded : decoded.substring(0, colon);
        String password = colon < 0 ? "" : decoded.substring(colon + 1);
        ObjectNode user = world.findUserByNameOrEmail(login);
        if (user == null || !world.passwordMatches(Json.name(user), password)) {
            throw unauthorized("incorrect username or password");
        }
        if (!"Active".equals(Json.str(user, "status", "state"))) {
            throw unauthorized("account is not active");
        }
        return Json.name(user);
    }

    /** Returns false when expired and {@code raise} is false. */
    private boolean expiryCheck(ObjectNode claims, boolean raise) {
        if (!claims.has("exp")) {
            return true;
        }
        long exp = claims.get("exp").asLong();
        long now = world.now().getEpochSecond();
        if (now >= exp) {
            if (raise) {
                throw unauthorized("jwt: token is expired by " + goDuration(now - exp));
            }
            return false;
        }
        return true;
    }

    static SimError unauthorized(String message) {
        return SimError.status(401, "Unauthorized", message, null);
    }

    /** Go's time.Duration.String() for whole seconds, e.g. 1h2m3s, 5m0s, 42s. */
    static String goDuration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        return (h > 0 ? h + "h" : "") + m + "m" + s + "s";
    }

    // ---------- JWT ----------

    String issue(String username, String type, Instant iat, Duration ttl, boolean uninitialized) {
        ObjectNode claims = Json.o("iss", "kubesphere", "sub", username, "iat", iat.getEpochSecond());
        if (!ttl.isZero()) {
            claims.put("exp", iat.plus(ttl).getEpochSecond());
        }
        claims.put("token_type", type);
        claims.put("username", username);
        if (uninitialized) {
            claims.set("extra", Json.o("uninitialized", Json.a("true")));
        }
        String header = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = B64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        String signingInput = header + "." + payload;
        return signingInput + "." + B64.encodeToString(hmac(signingInput));
    }

    /** Claims when the signature verifies, else null. Expiry is checked separately. */
    ObjectNode verifyJwt(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            byte[] sig = B64D.decode(parts[2]);
            if (!MessageDigest.isEqual(sig, hmac(parts[0] + "." + parts[1]))) {
                return null;
            }
            JsonNode claims = Json.MAPPER.readTree(B64D.decode(parts[1]));
            return claims instanceof ObjectNode on ? on : null;
        } catch (Exception e) {
            return null;
        }
    }

    private byte[] hmac(String input) {
        return mac.get().doFinal(input.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac created = Mac.getInstance("HmacSHA256");
            created.init(new SecretKeySpec(world.jwtSecret, "HmacSHA256"));
            return created;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------- /oauth/token ----------

    SimResponse token(SimExchange ex) {
        String ct = ex.contentType == null ? "" : ex.contentType.toLowerCase(Locale.ROOT);
        if (!ct.startsWith("application/x-www-form-urlencoded")) {
            return SimResponse.raw(415, SimResponse.TEXT, "415: Unsupported Media Type");
        }
        Map<String, String> form = SimExchange.parseForm(ex.body);
        String clientId = form.getOrDefault("client_id", "");
        if (!"kubesphere".equals(clientId)) {
            return oauthError(400, "invalid_client", "The provided client_id is invalid or does not exist.");
        }
        if (!"kubesphere".equals(form.getOrDefault("client_secret", ""))) {
            return oauthError(401, "unauthorized_client", "Invalid client credential.");
        }
        String grant = form.getOrDefault("grant_type", "");
        return switch (grant) {
            case "password" -> passwordGrant(form.getOrDefault("username", ""), form.getOrDefault("password", ""));
            case "refresh_token" -> refreshGrant(form.getOrDefault("refresh_token", ""));
            default -> oauthError(400, "unsupported_grant_type", "The provided grant_type is not supported.");
        };
    }

    private SimResponse passwordGrant(String login, String password) {
        Instant now = world.now();
        ObjectNode user = login.isEmpty() ? null : world.findUserByNameOrEmail(login);
        if (user == null) {
            return invalidCredentials();
        }
        String name = Json.name(user);
        ObjectNode status = Json.child(user, "status");
        refreshAuthLimit(status, now);
        String state = Json.str(status, "state");
        if ("AuthLimitExceeded".equals(state)) {
            return oauthError(429, "invalid_grant", "Rate limit exceeded.");
        }
        if ("Disabled".equals(state)) {
            return oauthError(400, "invalid_grant", "Account suspended.");
        }
        if (!world.passwordMatches(name, password)) {
            recordFailure(name, status, now);
            world.recordLogin(name, false, "incorrect password", now);
            return invalidCredentials();
        }
        status.put("lastLoginTime", Json.ts(now));
        world.recordLogin(name, true, "authenticated successfully", now);
        return issuePair(name, user, now, "password");
    }

    private SimResponse refreshGrant(String refreshToken) {
        ObjectNode claims = refreshToken.isEmpty() ? null : verifyJwt(refreshToken);
        if (claims == null || !REFRESH.equals(claims.path("token_type").asText()) || !expiryCheck(claims, false)
                || !world.tokenCache.containsKey(refreshToken)) {
            return oauthError(400, "invalid_grant", "The refresh token is invalid or expired.");
        }
        String name = world.tokenCache.get(refreshToken).username();
        ObjectNode user = world.users.get(name);
        if (user == null) {
            return oauthError(400, "invalid_grant", "The refresh token is invalid or expired.");
        }
        if ("Disabled".equals(Json.str(user, "status", "state"))) {
            return oauthError(400, "invalid_grant", "Account suspended.");
        }
        return issuePair(name, user, world.now(), "refresh_token");
    }

    private SimResponse issuePair(String name, ObjectNode user, Instant now, String grantType) {
        Duration maxAge = world.accessTokenMaxAge;
        boolean uninitialized = "true".equals(Json.annotation(user, SimWorld.ANN_UNINITIALIZED));
        String access = issue(name, ACCESS, now, maxAge, uninitialized);
        Duration refreshTtl = maxAge.isZero() ? Duration.ZERO : maxAge.plus(SimWorld.REFRESH_EXTRA);
        String refresh = issue(name, REFRESH, now, refreshTtl, uninitialized);
        world.tokenCache.put(access, new SimWorld.TokenInfo(name, ACCESS, now.plus(maxAge)));
        world.tokenCache.put(refresh, new SimWorld.TokenInfo(name, REFRESH, now.plus(refreshTtl)));
        world.grants.merge(grantType, 1, Integer::sum);
        ObjectNode body = Json.o("access_token", access, "token_type", "Bearer", "refresh_token", refresh,
                "expires_in", maxAge.getSeconds());
        return SimResponse.ok(body).header("Cache-Control", "no-store").header("Pragma", "no-cache");
    }

    /** The user controller's AuthLimitExceeded state lapses once the window has passed. */
    private void refreshAuthLimit(ObjectNode status, Instant now) {
        if (!"AuthLimitExceeded".equals(Json.str(status, "state"))) {
            return;
        }
        Instant since = Instant.parse(Json.str(status, "lastTransitionTime"));
        if (!now.isBefore(since.plus(SimWorld.AUTH_WINDOW))) {
            status.put("state", "Active");
            status.remove("reason");
            status.put("lastTransitionTime", Json.ts(now));
        }
    }

    private void recordFailure(String name, ObjectNode status, Instant now) {
        List<Instant> failures = world.failedLogins.computeIfAbsent(name, k -> new ArrayList<>());
        failures.add(now);
        String ltt = Json.str(status, "lastTransitionTime");
        Instant since = now.minus(SimWorld.AUTH_WINDOW);
        if (ltt != null && Instant.parse(ltt).isAfter(since)) {
            since = Instant.parse(ltt);
        }
        Instant from = since;
        failures.removeIf(t -> t.isBefore(now.minus(SimWorld.AUTH_WINDOW)));
        long recent = failures.stream().filter(t -> !t.isBefore(from)).count();
        if (recent >= SimWorld.AUTH_MAX_TRIES) {
            status.put("state", "AuthLimitExceeded");
            status.put("reason", "Failed login attempts exceed " + SimWorld.AUTH_MAX_TRIES + " in last 10m0s");
            status.put("lastTransitionTime", Json.ts(now));
        }
    }

    private static SimResponse invalidCredentials() {
        return oauthError(400, "invalid_grant", "Invalid username or password.");
    }

    private static SimResponse oauthError(int status, String error, String description) {
        return SimResponse.json(status, Json.o("error", error, "error_description", description));
    }

    SimResponse logout(SimExchange ex, String authorization) {
        if (authorization != null && authorization.trim().toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            world.tokenCache.remove(authorization.trim().substring(7).trim());
        }
        return SimResponse.success();
    }
}
