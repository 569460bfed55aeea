package com.catwing.cw.s3;

import com.catwing.cw.CwException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * All reads and writes of raw data go through this class (AWS SDK v2 S3 client) — against AWS S3 or the
 * embedded s3proxy alike; there is no local-file shortcut.
 *
 * <pre>{@code
 * try (S3Store s3 = S3Store.open()) {           // env-configured; starts the embedded S3 when needed
 *     s3.ensureBucket();
 *     try (OutputStream out = s3.upload("raw-data/CW-000200/2024-01-01/products.json")) { ... }
 *     s3.list("raw-data/CW-000200/").forEach(o -> ...);   // key, size, etag, in key order
 *     try (InputStream in = s3.get(key)) { ... }
 * }
 * }</pre>
 */
public final class S3Store implements AutoCloseable {
    /** Multipart part size of {@link #upload}: objects up to this size are sent in one PUT. */
    public static final int PART_SIZE = 8 * 1024 * 1024;

    private final S3Settings settings;
    private final S3Client client;

    /** One listed object: key, size in bytes and ETag (quotes removed; "md5-N" for multipart objects). */
    public record ObjectInfo(String key, long size, String etag) {
    }

    private S3Store(S3Settings settings) {
        this.settings = settings;
        AwsCredentialsProvider creds = settings.accessKey() != null && settings.secretKey() != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()))
                : DefaultCredentialsProvider.builder().build();
        var builder = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(16)
                        .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofMinutes(2)))
                .region(Region.of(settings.region()))
                .credentialsProvider(creds)
                .forcePathStyle(settings.pathStyle())
                // Compatible with s3proxy and other S3 clones: checksums only where the API requires them.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        this.client = builder.build();
    }

    /** The environment's store ({@link S3Settings#fromEnv()}); starts the embedded S3 when it is the target. */
    public static S3Store open() {
        S3Settings s = S3Settings.fromEnv();
        if (s.local()) {
            EmbeddedS3.configured().start();
        }
        return new S3Store(s);
    }

    /** A store for explicit settings; nothing is started. */
    public static S3Store connect(S3Settings settings) {
        return new S3Store(settings);
    }

    public S3Settings settings() {
        return settings;
    }

    public String bucket() {
        return settings.bucket();
    }

    /** Creates the bucket unless it exists. */
    public void ensureBucket() {
        try {
            client.headBucket(b -> b.bucket(bucket()));
        } catch (NoSuchBucketException e) {
            createBucket();
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw fail("cannot access bucket " + bucket(), e);
            }
            createBucket();
        } catch (SdkException e) {
            throw fail("cannot access bucket " + bucket(), e);
        }
    }

    private void createBucket() {
        try {
            client.createBucket(b -> b.bucket(bucket()));
        } catch (SdkException e) {
            throw fail("cannot create bucket " + bucket(), e);
        }
    }

    /**
     * The objects under a prefix, in key order, paged lazily (ListObjectsV2); S3 failures become CwException.
     * "Folder" markers (keys ending in '/', which s3proxy's filesystem backend reports) are left out.
     */
    public Stream<ObjectInfo> list(String prefix) {
        String where = "cannot list s3://" + bucket() + "/" + prefix;
        java.util.Iterator<software.amazon.awssdk.services.s3.model.S3Object> it;
        try {
            it = client.listObjectsV2Paginator(b -> b.bucket(bucket()).prefix(prefix)).contents().iterator();
        } catch (SdkException e) {
            throw fail(where, e);
        }
        java.util.Iterator<ObjectInfo> wrapped = new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return it.hasNext();
                } catch (SdkException e) {
                    throw fail(where, e);
                }
            }

            @Override
            public ObjectInfo next() {
                try {
                    var o = it.next();
                    return new ObjectInfo(o.key(), o.size(), stripQuotes(o.eTag()));
                } catch (SdkException e) {
                    throw fail(where, e);
                }
            }
        };
        return java.util.stream.StreamSupport.stream(
                java.util.Spliterators.spliteratorUnknownSize(wrapped, java.util.Spliterator.ORDERED), false)
                .filter(o -> !o.key().endsWith("/"));
    }

    /** Whether an object exists (HEAD). */
    public boolean exists(String key) {
        try {
            client.headObject(b -> b.bucket(bucket()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw fail("cannot stat s3://" + bucket() + "/" + key, e);
        } catch (SdkException e) {
            throw fail("cannot stat s3://" + bucket() + "/" + key, e);
        }
    }

    /** Streams an object's bytes; the caller closes the stream. */
    public InputStream get(String key) {
        try {
            ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket(bucket()).key(key));
            return in;
        } catch (NoSuchKeyException e) {
            throw new CwException("no such object: s3://" + bucket() + "/" + key, 5);
        } catch (SdkException e) {
            throw fail("cannot read s3://" + bucket() + "/" + key, e);
        }
    }

    /** Reads a (small) object fully. */
    public byte[] getBytes(String key) {
        try (InputStream in = get(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new CwException("cannot read s3://" + bucket() + "/" + key + ": " + e.getMessage(), 5);
        }
    }

    /** Writes an object from bytes. */
    public void put(String key, byte[] bytes) {
        try {
            client.putObject(b -> b.bucket(bucket()).key(key).contentLength((long) bytes.length), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw fail("cannot write s3://" + bucket() + "/" + key, e);
        }
    }

    /** Writes an object from bytes with a Content-Encoding (e.g. gzip: aws_s3 imports such objects decompressed). */
    public void put(String key, byte[] bytes, String contentEncoding) {
        try {
            client.putObject(b -> b.bucket(bucket()).key(key).contentLength((long) bytes.length)
                    .contentEncoding(contentEncoding), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw fail("cannot write s3://" + bucket() + "/" + key, e);
        }
    }

    /** Writes an object from a file (the SDK streams it). */
    public void put(String key, Path file) {
        try {
            client.putObject(b -> b.bucket(bucket()).key(key), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw fail("cannot write s3://" + bucket() + "/" + key + " from " + file, e);
        }
    }

    public void delete(String key) {
        try {
            client.deleteObject(b -> b.bucket(bucket()).key(key));
        } catch (SdkException e) {
            throw fail("cannot delete s3://" + bucket() + "/" + key, e);
        }
    }

    /**
     * An output stream that becomes the object on {@code close()}: for data of unknown length. Memory stays at one
     * part ({@link #PART_SIZE}): a small object is sent with one PUT, a larger one as a multipart upload, which is
     * aborted if writing fails. Nothing is visible under the key before {@code close()} returns.
     */
    public Upload upload(String key) {
        return new Upload(key);
    }

    /** See {@link #upload(String)}; {@link #abort()} discards what was written instead of committing it. */
    public final class Upload extends OutputStream {
        private final String key;
        private byte[] buf = new byte[64 * 1024];
        private int len;
        private String uploadId;
        private final List<CompletedPart> parts = new ArrayList<>();
        private boolean closed;

        private Upload(String key) {
            this.key = key;
        }

        @Override
        public void write(int b) {
            if (len == PART_SIZE) {
                flushPart();
            }
            grow(len + 1);
            buf[len++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int n) {
            while (n > 0) {
                if (len == PART_SIZE) {
                    flushPart();
                }
                int k = Math.min(PART_SIZE - len, n);
                grow(len + k);
                System.arraycopy(b, off, buf, len, k);
                len += k;
                off += k;
                n -= k;
            }
        }

        private void grow(int needed) {
            if (needed > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(needed, Math.min(buf.length * 2, PART_SIZE)));
            }
        }

        private void flushPart() {
            try {
                if (uploadId == null) {
                    uploadId = client.createMultipartUpload(b -> b.bucket(bucket()).key(key)).uploadId();
                }
                int partNo = parts.size() + 1;
                String etag = client.uploadPart(b -> b.bucket(bucket()).key(key).uploadId(uploadId).partNumber(partNo)
                        .contentLength((long) len), RequestBody.fromBytes(Arrays.copyOf(buf, len))).eTag();
                parts.add(CompletedPart.builder().partNumber(partNo).eTag(etag).build());
                len = 0;
            } catch (SdkException e) {
                abort();
                throw fail("cannot upload part of s3://" + bucket() + "/" + key, e);
            }
        }

        /** Discards the upload: nothing appears under the key. */
        public void abort() {
            closed = true;
            buf = null;
            if (uploadId != null) {
                try {
                    client.abortMultipartUpload(b -> b.bucket(bucket()).key(key).uploadId(uploadId));
                } catch (SdkException ignored) {
                    // best effort: the upload was failing already
                }
                uploadId = null;
            }
        }

        /** Commits the object. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (uploadId == null) {
                put(key, Arrays.copyOf(buf, len));
                buf = null;
                return;
            }
            if (len > 0) {
                flushPart();
            }
            try {
                client.completeMultipartUpload(b -> b.bucket(bucket()).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
            } catch (SdkException e) {
                abort();
                throw fail("cannot complete upload of s3://" + bucket() + "/" + key, e);
            }
            buf = null;
        }
    }

    private CwException fail(String what, Exception e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0];
        String hint = settings.local() ? " (is the embedded S3 running? try 'cw s3 status')"
                : " (check CW_S3_ENDPOINT, CW_S3_BUCKET and the credentials)";
        CwException ex = new CwException(what + " at " + settings.endpoint() + ": " + msg + hint, 5);
        ex.initCause(e);
        return ex;
    }

    private static String stripQuotes(String etag) {
        return etag == null ? null : etag.replace("\"", "");
    }

    @Override
    public void close() {
        client.close();
    }
}
