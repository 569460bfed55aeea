package com.catwing.cw.s3;

import com.catwing.cw.CwException;
import com.catwing.cw.Env;

import java.net.URI;

/**
 * Where the raw data lives, read from the environment.
 *
 * <ul>
 *   <li>{@code CW_S3_ENDPOINT} unset: the embedded s3proxy on {@code http://127.0.0.1:${CW_S3_PORT:-54380}},
 *       local credentials, path-style access ({@link #local()} is true; {@link S3Store#open()} starts it on demand).</li>
 *   <li>{@code CW_S3_ENDPOINT} set (e.g. {@code https://s3.eu-central-1.amazonaws.com} or a MinIO URL): that
 *       endpoint; credentials from {@code CW_S3_ACCESS_KEY}/{@code CW_S3_SECRET_KEY}, else the AWS SDK default
 *       provider chain (environment, profile, instance role). Path-style unless the host is {@code *.amazonaws.com}
 *       ({@code CW_S3_PATH_STYLE=true|false} overrides).</li>
 *   <li>{@code CW_S3_BUCKET} (default {@code catwing-masters}), {@code CW_S3_REGION} (default {@code us-east-1}).</li>
 * </ul>
 *
 * @param endpoint  the S3 endpoint
 * @param region    signing region
 * @param bucket    the bucket holding raw-data/, client-data/, ml-output/, db-backups/, product-images/
 * @param accessKey static access key, or null for the SDK default provider chain
 * @param secretKey static secret key, or null
 * @param pathStyle path-style addressing (bucket in the path, not in the host name)
 * @param local     true when the endpoint is the project's embedded s3proxy
 */
public record S3Settings(URI endpoint, String region, String bucket, String accessKey, String secretKey,
                         boolean pathStyle, boolean local) {

    public static final String DEFAULT_BUCKET = "catwing-masters";
    public static final int DEFAULT_PORT = 54380;
    /** Credentials of the embedded s3proxy (it only listens on 127.0.0.1). */
    public static final String LOCAL_ACCESS_KEY = "catwing-local";
    public static final String LOCAL_SECRET_KEY = "catwing-local-secret";

    public static S3Settings fromEnv() {
        String bucket = Env.get("CW_S3_BUCKET", DEFAULT_BUCKET);
        String region = Env.get("CW_S3_REGION", "us-east-1");
        String endpoint = Env.get("CW_S3_ENDPOINT", null);
        if (endpoint == null) {
            return local(localPort(), bucket);
        }
        URI uri;
        try {
            uri = URI.create(endpoint.trim());
        } catch (IllegalArgumentException e) {
            throw new CwException("CW_S3_ENDPOINT is not a URL: " + endpoint + " (expected e.g. https://s3.eu-central-1.amazonaws.com)", 2);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new CwException("CW_S3_ENDPOINT must be an http(s) URL, got: " + endpoint, 2);
        }
        String style = Env.get("CW_S3_PATH_STYLE", null);
        boolean pathStyle = style != null ? Boolean.parseBoolean(style) : !uri.getHost().endsWith("amazonaws.com");
        return new S3Settings(uri, region, bucket, Env.get("CW_S3_ACCESS_KEY", null),
                Env.get("CW_S3_SECRET_KEY", null), pathStyle, false);
    }

    /** The embedded s3proxy on 127.0.0.1:port. */
    public static S3Settings local(int port, String bucket) {
        return new S3Settings(URI.create("http://127.0.0.1:" + port), Env.get("CW_S3_REGION", "us-east-1"), bucket,
                Env.get("CW_S3_ACCESS_KEY", LOCAL_ACCESS_KEY), Env.get("CW_S3_SECRET_KEY", LOCAL_SECRET_KEY), true, true);
    }

    static int localPort() {
        String p = Env.get("CW_S3_PORT", String.valueOf(DEFAULT_PORT));
        try {
            int port = Integer.parseInt(p.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new CwException("CW_S3_PORT must be a TCP port number, got: " + p, 2);
        }
    }

    /** For messages: the endpoint and bucket, never the credentials. */
    public String describe() {
        return (local ? "embedded S3 " : "S3 ") + endpoint + " bucket " + bucket;
    }
}
