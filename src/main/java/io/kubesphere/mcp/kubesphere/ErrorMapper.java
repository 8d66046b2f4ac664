package io.kubesphere.mcp.kubesphere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubesphere.mcp.config.Jackson;
import io.kubesphere.mcp.kubesphere.KubeSphereError.Kind;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * Turns KubeSphere's two error body formats (kube Status JSON, text/plain from /kapis handlers), the OAuth error JSON
 * and network failures into one actionable message each.
 */
public final class ErrorMapper {

    private static final ObjectMapper JSON = Jackson.plain();
    private static final int MAX_MESSAGE = 300;
    private static final Pattern TITLE = Pattern.compile("<(title|h1)[^>]*>([^<]*)<", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\p{Cf}\\s]+");

    private ErrorMapper() {
    }

    /**
     * KubeSphere's own words from any of its error body formats: the message of a JSON error, a text body, or the
     * title of an HTML page (a proxy's error page is never copied), on one line of at most 300 characters.
     */
    public static String upstreamMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String trimmed = body.strip();
        if (trimmed.startsWith("<")) {
            Matcher title = TITLE.matcher(trimmed);
            return title.find() ? clip(title.group(2)) : "";
        }
        if (trimmed.startsWith("{")) {
            try {
                JsonNode node = JSON.readTree(trimmed);
                JsonNode status = node.has("ErrStatus") ? node.get("ErrStatus") : node;
                for (String field : new String[] {"message", "error_description", "error"}) {
                    if (status.hasNonNull(field) && !status.get(field).asText().isBlank()) {
                        return clip(status.get(field).asText());
                    }
                }
            } catch (Exception ignored) {
                // not JSON after all: fall through to the text form
            }
        }
        return clip(trimmed);
    }

    public static KubeSphereError fromResponse(int status, String body, String method, String path) {
        return fromResponse(status, body, method, path, null);
    }

    /** {@code retryAfter}: the Retry-After header of the answer, or null. */
    public static KubeSphereError fromResponse(int status, String body, String method, String path,
            String retryAfter) {
        String said = upstreamMessage(body);
        String quoted = said.isEmpty() ? "" : ": " + said;
        String lower = said.toLowerCase();
        return switch (status) {
            case 400 -> lower.contains("already exists")
                    ? new KubeSphereError(Kind.CONFLICT, status, said,
                            "Already exists" + quoted + ". Choose another name, or use the existing resource.")
                    : lower.contains("not exist")
                    ? new KubeSphereError(Kind.NOT_FOUND, status, said,
                            "KubeSphere says it does not exist" + quoted + ". Check the names (the list tools show what exists).")
                    : new KubeSphereError(Kind.BAD_REQUEST, status, said,
                            "KubeSphere rejected the request (400)" + quoted
                                    + ". Check the parameters (names, email format, password policy) and try again.");
            case 401 -> new KubeSphereError(Kind.UNAUTHORIZED, status, said,
                    "KubeSphere did not accept the credentials (401)" + quoted
                            + ". Check KUBESPHERE_USERNAME/KUBESPHERE_PASSWORD or KUBESPHERE_TOKEN.");
            case 403 -> new KubeSphereError(Kind.FORBIDDEN, status, said,
                    "No permission (403)" + quoted + ". The KubeSphere account in use lacks a role that allows this; "
                            + "ask a workspace or platform administrator, or use an account that has one.");
            case 404 -> new KubeSphereError(Kind.NOT_FOUND, status, said,
                    "Not found (404)" + quoted + ". Check the workspace, project, cluster or user name "
                            + "(the list tools show what exists).");
            case 409 -> new KubeSphereError(Kind.CONFLICT, status, said,
                    "Conflict (409)" + quoted + ". The resource already exists or was changed meanwhile; "
                            + "use another name, or read it again and retry.");
            case 422 -> new KubeSphereError(Kind.INVALID, status, said,
                    "KubeSphere found the object invalid (422)" + quoted + ". Fix the value it names and retry.");
            case 429 -> path.startsWith("/oauth/")
                    ? new KubeSphereError(Kind.RATE_LIMITED, status, said,
                            "KubeSphere's login rate limit is active for this account (429)" + quoted
                                    + ". Too many failed logins: wait for the lockout window (10 minutes by default) "
                                    + "and check the password.")
                    // Not a login: the API server (or a proxy in front of it) is shedding load.
                    : new KubeSphereError(Kind.RATE_LIMITED, status, said,
                            "KubeSphere is rate limiting requests (429 on " + method + " " + path + "): retry after "
                                    + retryAfter(retryAfter) + ". Nothing was changed by this request.");
            default -> status >= 500
                    ? new KubeSphereError(Kind.SERVER, status, said,
                            "KubeSphere failed with " + status + quoted + " on " + method + " " + path
                                    + ". Retry later; if it persists, check the ks-apiserver logs.")
                    : new KubeSphereError(Kind.UNEXPECTED, status, said,
                            "KubeSphere answered " + status + quoted + " on " + method + " " + path + ".");
        };
    }

    public static KubeSphereError fromFailure(Throwable failure, String baseUrl, java.time.Duration readTimeout) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof KubeSphereError known) {
                return known;
            }
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause.getClass().getName().endsWith("ConnectException")) {
                return new KubeSphereError(Kind.UNREACHABLE, 0, cause.getMessage(),
                        "Cannot reach KubeSphere at " + baseUrl + " (" + simple(cause)
                                + "). Check KUBESPHERE_HOST and that ks-apiserver is running and reachable from here.");
            }
            if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
                return new KubeSphereError(Kind.TIMEOUT, 0, cause.getMessage(),
                        "KubeSphere at " + baseUrl + " did not answer in time (read timeout " + readTimeout.toSeconds()
                                + " s). It may be overloaded or unreachable; retry later or raise KUBESPHERE_READ_TIMEOUT.");
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return new KubeSphereError(Kind.UNREACHABLE, 0, failure.getMessage(),
                "The request to KubeSphere at " + baseUrl + " failed (" + simple(failure)
                        + "). Check KUBESPHERE_HOST and the network path to ks-apiserver.");
    }

    /** Retry-After as delta-seconds or an HTTP date (RFC 9110); a few seconds when absent or unreadable. */
    static String retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return "a few seconds";
        }
        String value = header.strip();
        long seconds;
        if (value.matches("[0-9]{1,9}")) {
            seconds = Long.parseLong(value);
        } else {
            try {
                seconds = Duration.between(Instant.now(), ZonedDateTime.parse(value,
                        DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()).toSeconds();
            } catch (DateTimeParseException e) {
                return "a few seconds";
            }
        }
        seconds = Math.max(1, seconds);
        return seconds + (seconds == 1 ? " second" : " seconds");
    }

    private static String simple(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : clip(message);
    }

    private static String clip(String text) {
        String oneLine = CONTROL.matcher(text).replaceAll(" ").strip();
        return oneLine.length() <= MAX_MESSAGE ? oneLine : oneLine.substring(0, MAX_MESSAGE) + "…";
    }
}
