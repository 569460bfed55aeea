package com.catwing.cw.load;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvRecordsTest {
    private record Landed(long recordNo, long lineNo, String json) {
    }

    private static List<Landed> landed;

    private static CsvRecords.Result read(byte[] bytes) throws Exception {
        landed = new ArrayList<>();
        return CsvRecords.read(new ByteArrayInputStream(bytes),
                (recordNo, lineNo, json, nul) -> landed.add(new Landed(recordNo, lineNo,
                        new String(json, StandardCharsets.UTF_8))));
    }

    @Test
    void readsRfc4180WithBomCrlfQuotesAndEmbeddedNewlines() throws Exception {
        String csv = "\uFEFFid,name,note\r\n1,\"Smith, John\",\"says \"\"hi\"\"\"\r\n2,Ann,\"two\r\nlines\"\r\n3,,\r\n";
        CsvRecords.Result r = read(csv.getBytes(StandardCharsets.UTF_8));
        assertNull(r.fileError());
        assertEquals(3, r.records());
        assertTrue(r.rejects().isEmpty());
        assertEquals("{\"id\":\"1\",\"name\":\"Smith, John\",\"note\":\"says \\\"hi\\\"\"}", landed.get(0).json());
        assertEquals(2, landed.get(0).lineNo(), "the header is line 1");
        assertEquals("{\"id\":\"2\",\"name\":\"Ann\",\"note\":\"two\\r\\nlines\"}", landed.get(1).json());
        assertEquals(5, landed.get(2).lineNo(), "the record after a two-line value starts on line 5");
        assertEquals("{\"id\":\"3\",\"name\":\"\",\"note\":\"\"}", landed.get(2).json(), "empty cells are empty strings");
    }

    @Test
    void isolatesMalformedRowsWithTheirLineNumberAndLoadsTheRest() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("id,name,city\n1,Ann,Leeds\n2,\"Bob,York\n3,Cy,Hull\n4,Di\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes("5,Ren".getBytes(StandardCharsets.UTF_8));
        b.write(0xE9);  // Latin-1 é
        b.writeBytes(",Caen\n6,\"Eve\"x,Bath\n7,Fay,Ely\n".getBytes(StandardCharsets.UTF_8));
        CsvRecords.Result r = read(b.toByteArray());
        assertNull(r.fileError());
        assertEquals(List.of(2L, 4L, 8L), landed.stream().map(Landed::lineNo).toList(), "rows 1, 3 and 7 load");
        assertEquals(4, r.rejects().size());
        assertEquals(3, r.rejects().get(0).lineNo());
        assertTrue(r.rejects().get(0).reason().startsWith("unbalanced quote"), r.rejects().get(0).reason());
        assertEquals(5, r.rejects().get(1).lineNo());
        assertEquals("wrong column count: 2 value(s), the header has 3 column(s)", r.rejects().get(1).reason());
        assertEquals(6, r.rejects().get(2).lineNo());
        assertTrue(r.rejects().get(2).reason().startsWith("not UTF-8: byte 0xE9 at position 6 of line 6"),
                r.rejects().get(2).reason());
        assertEquals(7, r.rejects().get(3).lineNo());
        assertTrue(r.rejects().get(3).reason().startsWith("malformed CSV"), r.rejects().get(3).reason());
    }

    @Test
    void failsTheWholeFileOnlyForAnUnusableHeader() throws Exception {
        assertEquals("header row (line 1): column \"id\" appears twice",
                read("id,id\n1,2\n".getBytes(StandardCharsets.UTF_8)).fileError());
        assertEquals("empty file: expected a header row and CSV records", read(new byte[0]).fileError());
    }
}
