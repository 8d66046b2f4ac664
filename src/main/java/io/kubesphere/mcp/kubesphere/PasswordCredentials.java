package io.kubesphere.mcp.kubesphere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubesphere.mcp.kubesphere.KubeSphereError.Kind;
import io.kubesphere.mcp.kubesphere.api.OAuthApi;
import io.kubesphere.mcp.config.Jackson;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * OAuth password grant against {@code /oauth/token} with client kubesphere/kubesphere. The token lives in memory only;
 * it is refreshed with the refresh token shortly before it expires (a new password grant if that fails), renewed once
 * after a 401, and concurrent callers share one login. A rejected password backs off before the next attempt so that
 * an agent retrying in a loop cannot trip KubeSphere's lockout (10 failures in 10 minutes).
 */
public final class PasswordCredentials implements Credentials {

    private static final Logger LOG = Logger.getLogger(PasswordCredentials.class);
    private static final ObjectMapper JSON = Jackson.plain();
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    record Token(String header, String refreshToken, Instant refreshAt, Instant expiresAt) {
    }

    private final OAuthApi oauth;
    private final String username;
    private final String password;
    private final Duration refreshMargin;
    private final Duration backoffBase;
    private final Clock clock;
    private final KubeSphereEvents events;

    private volatile Token current;
    private CompletableFuture<Token> inflight;
    private KubeSphereError lastLoginError;
    private Instant loginBlockedUntil = Instant.MIN;
    private Duration backoff;

    public PasswordCredentials(OAuthApi oauth, String username, String password, Duration refreshMargin,
            Duration backoffBase, Clock clock) {
        this(oauth, username, password, refreshMargin, backoffBase, clock, KubeSphereEvents.NONE);
    }

    public PasswordCredentials(OAuthApi oauth, String username, String password, Duration refreshMargin,
            Duration backoffBase, Clock clock, KubeSphereEvents events) {
        this.events = events;
        this.oauth = oauth;
        this.username = username;
        this.password = password;
        this.refreshMargin = refreshMargin;
        this.backoffBase = backoffBase;
        this.backoff = backoffBase;
        this.clock = clock;
    }

    @Override
    public Optional<String> username() {
        return Optional.of(username);
    }

    @Override
    public Uni<String> authorization() {
        Token token = current;
        if (token != null && clock.instant().isBefore(token.refreshAt())) {
            return Uni.createFrom().item(token.header());
        }
        return renew(token).map(Token::header);
    }

    @Override
    public Uni<String> reauthorize(String rejected) {
        Token token = current;
        if (token != null && !token.header().equals(rejected)) {
            return Uni.createFrom().item(token.header()); // someone else already renewed
        }
        synchronized (this) {
            if (current == token) {
                current = null;
            }
        }
        // A 401 means the token is gone server-side; its refresh token is not worth trying.
        return renew(null).map(Token::header);
    }

    private Uni<Token> renew(Token stale) {
        return Uni.createFrom().completionStage(() -> startRenewal(stale));
    }

    private synchronized CompletableFuture<Token> startRenewal(Token stale) {
        if (inflight != null) {
            return inflight;
        }
        Token token = current;
        if (token != stale && token != null && clock.instant().isBefore(token.refreshAt())) {
            return CompletableFuture.completedFuture(token);
        }
        Uni<Token> grant;
        if (stale != null && stale.refreshToken() != null && clock.instant().isBefore(stale.expiresAt())) {
            grant = refreshGrant(stale).onFailure().recoverWithUni(failure -> {
                LOG.debugf("token refresh failed (%s); logging in again", failure.getMessage());
                return passwordGrant();
            });
        } else {
            grant = passwordGrant();
        }
        CompletableFuture<Token> future = grant.subscribeAsCompletionStage();
        inflight = future;
        future.whenComplete((t, e) -> {
            synchronized (this) {
                if (t != null) {
                    current = t;
                }
                if (inflight == future) {
                    inflight = null;
                }
            }
        });
        return future;
    }

    private Uni<Token> passwordGrant() {
        synchronized (this) {
            if (lastLoginError != null && clock.instant().isBefore(loginBlockedUntil)) {
                return Uni.createFrom().failure(new KubeSphereError(lastLoginError.kind(), lastLoginError.status(),
                        lastLoginError.upstreamMessage(), lastLoginError.getMessage() + " Not retried before "
                                + loginBlockedUntil + " so that repeated attempts do not lock the account."));
            }
        }
        return call(form("password") + "&username=" + encode(username) + "&password=" + encode(password), "password").invoke(t -> {
            synchronized (this) {
                lastLoginError = null;
                backoff = backoffBase;
            }
        }).onFailure(KubeSphereError.class).invoke(this::rememberLoginFailure);
    }

    private Uni<Token> refreshGrant(Token stale) {
        return call(form("refresh_token") + "&refresh_token=" + encode(stale.refreshToken()), "refresh_token");
    }

    private synchronized void rememberLoginFailure(Throwable failure) {
        KubeSphereError error = (KubeSphereError) failure;
        if (error.kind() == Kind.UNAUTHORIZED || error.kind() == Kind.RATE_LIMITED) {
            lastLoginError = error;
            loginBlockedUntil = clock.instant().plus(backoff);
            Duration doubled = backoff.multipliedBy(2);
            backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
        }
    }

    private static String form(String grantType) {
        return "grant_type=" + grantType + "&client_id=kubesphere&client_secret=kubesphere";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Uni<Token> call(String form, String grant) {
        Instant requested = clock.instant();
        return Uni.createFrom().deferred(() -> oauth.token(form))
                .map(response -> {
                    try (response) {
                        return toToken(response.getStatus(), response.hasEntity() ? response.readEntity(String.class) : "",
                                grant, requested);
                    }
                })
                .invoke(t -> events.grant(grant, true))
                .onFailure().invoke(f -> events.grant(grant, false));
    }

    private Token toToken(int status, String body, String grant, Instant requested) {
        if (status != 200) {
            throw loginError(status, body, grant);
        }
        try {
            JsonNode json = JSON.readTree(body);
            String access = json.path("access_token").asText("");
            if (access.isEmpty()) {
                throw new KubeSphereError(Kind.UNEXPECTED, status, "", "KubeSphere's /oauth/token answered without an access_token.");
            }
            long lifetime = Math.max(1, json.path("expires_in").asLong(7200));
            // Refresh a little early: the configured margin, but never more than a quarter of a short lifetime.
            long margin = Math.min(refreshMargin.toMillis(), lifetime * 250);
            Instant expiresAt = requested.plusSeconds(lifetime);
            String refresh = json.path("refresh_token").asText(null);
            return new Token("Bearer " + access, refresh, expiresAt.minusMillis(margin), expiresAt);
        } catch (KubeSphereError e) {
            throw e;
        } catch (Exception e) {
            throw new KubeSphereError(Kind.UNEXPECTED, status, "", "KubeSphere's /oauth/token answered with unreadable JSON.");
        }
    }

    private KubeSphereError loginError(int status, String body, String grant) {
        String said = ErrorMapper.upstreamMessage(body);
        if (status == 429) {
            return new KubeSphereError(Kind.RATE_LIMITED, status, said, "KubeSphere refuses logins for user '" + username
                    + "' (429 " + said + "): its login rate limit is active after too many failed attempts. Wait for the "
                    + "lockout window (10 minutes by default), then check KUBESPHERE_PASSWORD.");
        }
        if (status == 400 && body.contains("invalid_grant")) {
            return new KubeSphereError(Kind.UNAUTHORIZED, status, said, "KubeSphere rejected the "
                    + ("password".equals(grant) ? "login of user '" + username + "'" : "token refresh") + " (" + said
                    + "). Check KUBESPHERE_USERNAME and KUBESPHERE_PASSWORD.");
        }
        if (body.contains("invalid_client") || body.contains("unauthorized_client")) {
            return new KubeSphereError(Kind.UNAUTHORIZED, status, said, "KubeSphere refused the OAuth client 'kubesphere' ("
                    + said + "). The KubeSphere installation must have its default trusted client 'kubesphere'.");
        }
        return ErrorMapper.fromResponse(status, body, "POST", "/oauth/token");
    }
}
