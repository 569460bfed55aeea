package com.catwing.cw.s3;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3StoreTest {
    static S3Store s3;

    @BeforeAll
    static void start() {
        s3 = EmbeddedS3Fixture.store("cw-s3-store-test");
    }

    @Test
    void smallObjectRoundTripsWithMd5Etag() throws Exception {
        byte[] data = "[{\"product_id\":\"P000001\"}]".getBytes(StandardCharsets.UTF_8);
        s3.put("raw-data/CW-000001/2024-01-01/products.json", data);
        assertArrayEquals(data, s3.getBytes("raw-data/CW-000001/2024-01-01/products.json"));
        var info = s3.list("raw-data/CW-000001/").toList();
        assertEquals(1, info.size(), "one object under the prefix");
        assertEquals(data.length, info.get(0).size(), "listed size");
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)), info.get(0).etag(),
                "a single-PUT object's ETag is its MD5");
    }

    @Test
    void streamedUploadLargerThanOnePartBecomesMultipart() throws Exception {
        byte[] data = new byte[S3Store.PART_SIZE * 2 + 12345];
        new Random(7).nextBytes(data);
        try (OutputStream out = s3.upload("client-data/CW-000001/big.bin")) {
            for (int off = 0; off < data.length; off += 100_000) {
                out.write(data, off, Math.min(100_000, data.length - off));
            }
        }
        try (InputStream in = s3.get("client-data/CW-000001/big.bin")) {
            assertArrayEquals(data, in.readAllBytes(), "bytes survive a 3-part upload");
        }
        assertTrue(s3.list("client-data/CW-000001/big.bin").findFirst().orElseThrow().etag().endsWith("-3"),
                "multipart ETag names the part count");
    }

    @Test
    void abortedUploadLeavesNothing() {
        S3Store.Upload up = s3.upload("client-data/CW-000001/aborted.json");
        up.write(new byte[10], 0, 10);
        up.abort();
        assertFalse(s3.exists("client-data/CW-000001/aborted.json"), "aborted upload is invisible");
    }

    @Test
    void putFromFileAndListInKeyOrder() throws Exception {
        Path f = Files.createTempFile("cw", ".json");
        Files.writeString(f, "{}");
        for (String k : List.of("ml-output/CW-000001/2024-01-02/b.json", "ml-output/CW-000001/2024-01-01/a.json")) {
            s3.put(k, f);
        }
        Files.delete(f);
        assertEquals(List.of("ml-output/CW-000001/2024-01-01/a.json", "ml-output/CW-000001/2024-01-02/b.json"),
                s3.list("ml-output/CW-000001/").map(S3Store.ObjectInfo::key).toList(), "keys listed in order");
    }
}
