package io.kubesphere.mcp.kubesphere;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteAndErrorTest {

    static final Route MEMBER = Route.put("/kapis/iam.kubesphere.io/v1beta1/workspaces/{workspace}/workspacemembers/{username}");

    @Test
    void expandFillsSafeSegmentsOnly() {
        assertEquals("/kapis/iam.kubesphere.io/v1beta1/workspaces/ws-1/workspacemembers/alice.b",
                MEMBER.expand(Map.of("workspace", "ws-1", "username", "alice.b")));
        for (String bad : new String[] {"../x", "a/b", "%2e%2e", "..", "-a", "a-", "a b", "a?x", ""}) {
            assertThrows(IllegalArgumentException.class, () -> MEMBER.expand(Map.of("workspace", bad, "username", "u")),
                    bad);
        }
        assertThrows(IllegalArgumentException.class, () -> MEMBER.expand(Map.of("workspace", "ws")));
    }

    @Test
    void matchesOnlyItsMethodAndShape() {
        String path = "/kapis/iam.kubesphere.io/v1beta1/workspaces/ws/workspacemembers/bob";
        assertTrue(MEMBER.matches("PUT", path));
        assertFalse(MEMBER.matches("DELETE", path));
        assertFalse(MEMBER.matches("PUT", path + "/extra"));
        assertFalse(MEMBER.matches("PUT", "/kapis/iam.kubesphere.io/v1beta1/workspaces/ws/workspacemembers/..%2Fx"));
        assertFalse(MEMBER.matches("PUT", "/kapis/iam.kubesphere.io/v1beta1/workspaces/ws/../workspacemembers/bob"));
    }

    @Test
    void bothErrorBodyFormatsYieldKubeSpheresWords() {
        String status = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"users.iam.kubesphere.io \\\"bob\\\" not found\",\"reason\":\"NotFound\",\"code\":404}";
        assertEquals("users.iam.kubesphere.io \"bob\" not found", ErrorMapper.upstreamMessage(status));
        assertEquals("member bob not exist", ErrorMapper.upstreamMessage("member bob not exist\n"));
        assertEquals("cluster foo not exists", ErrorMapper.upstreamMessage(
                "{\"ErrStatus\":{\"metadata\":{},\"status\":\"Failure\",\"message\":\"cluster foo not exists\",\"reason\":\"BadRequest\",\"code\":400}}"));
        assertEquals("Invalid username or password.", ErrorMapper.upstreamMessage(
                "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid username or password.\"}"));
    }

    @Test
    void statusesBecomeActionableMessages() {
        KubeSphereError exists = ErrorMapper.fromResponse(400, "workspacetemplates.tenant.kubesphere.io \"ws\" already exists\n", "POST", "/p");
        assertEquals(KubeSphereError.Kind.CONFLICT, exists.kind());
        assertThat(exists.getMessage(), containsString("Choose another name"));
        KubeSphereError member = ErrorMapper.fromResponse(400, "member bob not exist\n", "PUT", "/p");
        assertEquals(KubeSphereError.Kind.NOT_FOUND, member.kind());
        KubeSphereError forbidden = ErrorMapper.fromResponse(403, "{\"message\":\"users is forbidden\"}", "GET", "/p");
        assertThat(forbidden.getMessage(), containsString("No permission"));
        assertThat(ErrorMapper.fromResponse(429, "{\"error\":\"invalid_grant\"}", "POST", "/oauth/token").getMessage(),
                containsString("rate limit"));
        assertThat(ErrorMapper.fromResponse(502, "bad gateway", "GET", "/p").getMessage(), containsString("Retry later"));
        assertThat(ErrorMapper.fromFailure(new java.net.ConnectException("Connection refused"), "http://ks:80",
                java.time.Duration.ofSeconds(30)).getMessage(), containsString("KUBESPHERE_HOST"));
    }

    @Test
    void aRateLimitOnAnOrdinaryCallSaysWhenToRetryNotLoginLockout() {
        KubeSphereError limited = ErrorMapper.fromResponse(429, "Too many requests, please try again later.\n", "GET",
                "/kapis/tenant.kubesphere.io/v1beta1/workspacetemplates", "12");
        assertEquals(KubeSphereError.Kind.RATE_LIMITED, limited.kind());
        assertThat(limited.getMessage(), containsString("rate limiting requests"));
        assertThat(limited.getMessage(), containsString("retry after 12 seconds"));
        assertThat(limited.getMessage(), org.hamcrest.Matchers.not(containsString("login")));
        String inTwoMinutes = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(125));
        assertThat(ErrorMapper.fromResponse(429, "", "GET", "/p", inTwoMinutes).getMessage(),
                org.hamcrest.Matchers.matchesPattern(".*retry after 12[0-5] seconds.*"));
        assertThat(ErrorMapper.fromResponse(429, "", "GET", "/p", null).getMessage(),
                containsString("retry after a few seconds"));
        assertThat(ErrorMapper.fromResponse(429, "", "GET", "/p", "soon").getMessage(),
                containsString("retry after a few seconds"));
    }

    @Test
    void upstreamBodiesAreReducedToABoundedMessage() {
        String page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad "
                + "Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n<script>alert(1)</script></body></html>";
        assertEquals("502 Bad Gateway", ErrorMapper.upstreamMessage(page));
        KubeSphereError gateway = ErrorMapper.fromResponse(502, page, "GET", "/p");
        assertThat(gateway.getMessage(), org.hamcrest.Matchers.not(containsString("<")));
        assertThat(gateway.getMessage(), org.hamcrest.Matchers.not(containsString("nginx")));
        assertEquals("", ErrorMapper.upstreamMessage("<!DOCTYPE html><p>no title here</p>"));
        String huge = "x".repeat(100_000);
        assertEquals(301, ErrorMapper.upstreamMessage(huge).length(), "300 characters and an ellipsis");
        assertThat(ErrorMapper.fromResponse(500, "{\"message\":\"" + huge + "\"}", "GET", "/p").getMessage().length(),
                org.hamcrest.Matchers.lessThan(500));
        assertEquals("a b c", ErrorMapper.upstreamMessage("a\u0000b\u001b[31m c"
                .replace("[31m", "")));
    }
}
