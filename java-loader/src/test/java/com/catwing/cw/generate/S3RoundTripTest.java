package com.catwing.cw.generate;

import com.catwing.cw.s3.EmbeddedS3Fixture;
import com.catwing.cw.s3.S3Store;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Generating into the embedded S3 stores exactly the bytes generated in memory, under the seed-002 layout. */
class S3RoundTripTest {
    @Test
    void generatedFilesRoundTripThroughEmbeddedS3() throws Exception {
        GeneratorConfig cfg = Gen.config(4, "navision", "all");
        Gen mem = Gen.of(cfg);
        try (S3Store s3 = EmbeddedS3Fixture.store("cw-generate-test")) {
            new Generator(cfg, Sink.s3(s3)).run(null);
            List<S3Store.ObjectInfo> raw = s3.list("raw-data/" + cfg.client() + "/").toList();
            assertEquals(40, raw.size(), "ten endpoints a day under raw-data/{client}/{date}/");
            List<String> all = s3.list("").map(S3Store.ObjectInfo::key).toList();
            assertEquals(List.copyOf(mem.sink.objects.keySet()), all, "same keys as in memory, listed in order");
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (S3Store.ObjectInfo o : s3.list("").toList()) {
                byte[] expected = mem.bytes(o.key());
                assertEquals(expected.length, o.size(), "size of " + o.key());
                assertEquals(HexFormat.of().formatHex(md5.digest(expected)), o.etag(), "ETag (MD5) of " + o.key());
            }
            String products = "raw-data/" + cfg.client() + "/" + cfg.start() + "/products.json";
            assertArrayEquals(mem.bytes(products), s3.getBytes(products), "bytes read back");
        }
    }

    @Test
    void webshopCsvFilesRoundTripThroughEmbeddedS3() throws Exception {
        GeneratorConfig cfg = WebshopGeneratorTest.config(3, 1, true);
        Gen mem = Gen.of(cfg);
        try (S3Store s3 = EmbeddedS3Fixture.store("cw-generate-webshop-test")) {
            new Generator(cfg, Sink.s3(s3)).run(null);
            List<String> raw = s3.list("raw-data/" + cfg.client() + "/").map(S3Store.ObjectInfo::key).toList();
            assertEquals(List.of("customers.csv", "products.csv", "transaction_items.csv", "transactions.csv"),
                    raw.stream().filter(k -> k.contains("/" + cfg.start() + "/")).map(k -> k.substring(k.lastIndexOf('/')
                            + 1)).toList(), "four CSV files a day under raw-data/{client}/{date}/");
            assertEquals(12, raw.size());
            for (String k : s3.list("").map(S3Store.ObjectInfo::key).toList()) {
                assertArrayEquals(mem.bytes(k), s3.getBytes(k), "bytes read back: " + k);
            }
        }
    }
}
