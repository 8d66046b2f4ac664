package io.kubesphere.mcp.kubesphere;

import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "incoming request headers" the REST client may propagate to KubeSphere: none. An MCP client's headers (its
 * Authorization above all) never reach KubeSphere by propagation; passthrough identity is explicit, in {@link KsAuth}.
 * <p>
 * Why a bean at all: on every request the REST client's MicroProfile header filter looks {@code HttpHeaders} up in CDI
 * whenever a request context is active, which it is on the servlet threads of the HTTP transport. With no such bean,
 * each failed look-up made ArC scan all removed beans; a bean turns it into a cached resolution (docs/performance.md).
 */
@Singleton
@Unremovable
public class NoIncomingHeaders implements HttpHeaders {

    @Override
    public MultivaluedMap<String, String> getRequestHeaders() {
        return new MultivaluedHashMap<>();
    }

    @Override
    public List<String> getRequestHeader(String name) {
        return List.of();
    }

    @Override
    public String getHeaderString(String name) {
        return null;
    }

    @Override
    public List<MediaType> getAcceptableMediaTypes() {
        return List.of(MediaType.WILDCARD_TYPE);
    }

    @Override
    public List<Locale> getAcceptableLanguages() {
        return List.of();
    }

    @Override
    public MediaType getMediaType() {
        return null;
    }

    @Override
    public Locale getLanguage() {
        return null;
    }

    @Override
    public Map<String, Cookie> getCookies() {
        return Map.of();
    }

    @Override
    public Date getDate() {
        return null;
    }

    @Override
    public int getLength() {
        return -1;
    }
}
