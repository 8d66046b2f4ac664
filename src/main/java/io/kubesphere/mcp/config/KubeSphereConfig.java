package io.kubesphere.mcp.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/** Where KubeSphere is and how to authenticate (KUBESPHERE_HOST, KUBESPHERE_USERNAME, ...). */
@ConfigMapping(prefix = "kubesphere")
public interface KubeSphereConfig {

    Optional<String> host();

    Optional<String> username();

    Optional<String> password();

    Optional<String> token();

    /** PEM file of a private CA for ks-apiserver's certificate; the JVM's trust store when unset. */
    @WithName("ca.file")
    Optional<String> caFile();

    /** http(s)://[user:password@]host:port of an HTTP proxy to ks-apiserver; direct when unset. */
    Optional<String> proxy();

    @WithName("connect.timeout")
    @WithDefault("5s")
    Duration connectTimeout();

    @WithName("read.timeout")
    @WithDefault("30s")
    Duration readTimeout();

    /** Refresh the access token this long before it expires. */
    @WithName("token.refresh.margin")
    @WithDefault("60s")
    Duration tokenRefreshMargin();

    /** First wait after KubeSphere rejected the password; doubles per failure up to 10 minutes. */
    @WithName("login.backoff")
    @WithDefault("30s")
    Duration loginBackoff();
}
