package com.catwing.cw.generate;

import com.catwing.cw.s3.S3Store;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;

/** Where generated objects go: the S3 bucket, or (for benchmarks and tests) nowhere / memory. */
public interface Sink {
    /** Opens an object; it becomes visible when the target is closed, never if it is aborted. */
    Target open(String key);

    /** Whether the generator should drop a file it wrote before failing (only S3 cares). */
    abstract class Target extends OutputStream {
        public abstract void abort();
    }

    /** Writes through {@link S3Store#upload}: multipart for large files, one part buffered in memory. */
    public static Sink s3(S3Store s3) {
        return key -> {
            S3Store.Upload up = s3.upload(key);
            return new Target() {
                @Override
                public void write(int b) {
                    up.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    up.write(b, off, len);
                }

                @Override
                public void close() {
                    up.close();
                }

                @Override
                public void abort() {
                    up.abort();
                }
            };
        };
    }

    /** Discards everything (measures generation alone). */
    public static Sink discard() {
        return key -> new Target() {
            @Override
            public void write(int b) {
            }

            @Override
            public void write(byte[] b, int off, int len) {
            }

            @Override
            public void abort() {
            }
        };
    }

    /** Keeps every object in memory, in key order (tests). */
    final class Memory implements Sink {
        public final Map<String, byte[]> objects = new TreeMap<>();

        @Override
        public Target open(String key) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            return new Target() {
                @Override
                public void write(int b) {
                    buf.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    buf.write(b, off, len);
                }

                @Override
                public void close() {
                    objects.put(key, buf.toByteArray());
                }

                @Override
                public void abort() {
                }
            };
        }
    }
}
