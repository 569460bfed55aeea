package com.catwing.cw.load;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The loader's fast path must write exactly the COPY rows of the validating parser for every valid object, and give up
 * (so that the parser judges) on anything it cannot cut with certainty.
 */
class RecordScannerTest {
    private static final LocalDate DAY = LocalDate.of(2024, 3, 4);

    private record Rows(RawLoader.ParseOutcome outcome, String copy) {
    }

    private static Rows run(byte[] object, boolean fast) throws IOException {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        RawLoader.ChunkSink sink = (chunk, n) -> copy.write(chunk, 0, n);
        RawLoader.ParseOutcome o = fast
                ? RawLoader.scan(new ByteArrayInputStream(object), 7, DAY, "products", sink)
                : RawLoader.parse(new ByteArrayInputStream(object), 7, DAY, "products", sink);
        return new Rows(o, copy.toString(StandardCharsets.UTF_8));
    }

    private static void sameRows(String json) throws IOException {
        sameRows(json.getBytes(StandardCharsets.UTF_8), json);
    }

    private static void sameRows(byte[] object, String what) throws IOException {
        Rows parsed = run(object, false);
        Rows scanned = run(object, true);
        assertNull(parsed.outcome().error(), "the validating parser accepts " + what);
        assertNotNull(scanned.outcome(), "the scanner must not give up on " + what);
        assertEquals(parsed.outcome(), scanned.outcome(), "records, checksum and NUL count of " + what);
        assertEquals(parsed.copy(), scanned.copy(), "COPY rows of " + what);
    }

    @Test
    void validObjectsGiveTheValidatingParsersRowsByteForByte() throws IOException {
        sameRows("[{\"a\":1},{\"b\":\"x\"}]");
        sameRows("[]");
        sameRows("  [ ]  \n");
        sameRows("[\n  {\n    \"a\": [1, {\"b\": []}],\n\t\"c\": {}\n  },\n  {\"d\": null}\n]\n");
        sameRows("{\"a\":1}\n{\"a\":2}\r\n\n{\"a\":3}");
        sameRows("{\"a\":1}{\"a\":2}");
        sameRows("[{\"s\": \"braces { [ ] } and \\\"quotes\\\" and \\\\\", \"t\": \"\\\\\"}]");
        sameRows("[{\"name\": \"Grüße \u00e9 \u4e2d \ud83d\ude00\", \"tab\": \"a\\tb\", \"nl\": \"\\n\"}]");
        sameRows("[{\"n\": \"nul \\u0000 here\", \"escaped\": \"\\\\u0000 stays\"}]");
        sameRows("[{\"big\": 12345678901234567890.123456789, \"e\": -1.5e-7, \"k\": 12.50}]");
        sameRows("[{\"deep\": [[[[{\"x\": [[]]}]]]]}]");
    }

    @Test
    void gzipIsReadLikeThePlainObject() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("{\"a\":1}\n{\"b\":[2]}\n".getBytes(StandardCharsets.UTF_8));
        }
        sameRows(gz.toByteArray(), "a gzip JSON Lines object");
    }

    @Test
    void whatTheScannerCannotCutItLeavesToTheValidatingParser() throws IOException {
        String[] malformed = {
            "",
            "   \n",
            "[{\"a\":1}",
            "[{\"a\":1},]",
            "[{\"a\":1},,{\"a\":2}]",
            "[{\"a\":1} {\"a\":2}]",
            "[{\"a\":1}] trailing",
            "[{\"a\":1}][]",
            "[1, 2]",
            "[\"text\"]",
            "{\"a\":1}\n42\n",
            "{\"a\": [1}",
            "{\"a\": 1]",
            "{\"a\": \"unterminated}",
            "\ufeff[{\"a\":1}]",
            "x",
        };
        for (String m : malformed) {
            Rows scanned = run(m.getBytes(StandardCharsets.UTF_8), true);
            assertNull(scanned.outcome(), "the scanner must give up on: " + m);
        }
        Rows parsed = run("[{\"a\":1},,{\"a\":2}]".getBytes(StandardCharsets.UTF_8), false);
        assertNotNull(parsed.outcome().error(), "the validating parser names the problem");
    }

    @Test
    void aBrokenGzipStreamIsLeftToTheValidatingParser() throws IOException {
        byte[] broken = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3};
        assertNull(run(broken, true).outcome());
    }
}
