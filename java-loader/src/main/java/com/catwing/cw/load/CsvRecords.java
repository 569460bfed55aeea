package com.catwing.cw.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cuts a CSV file (RFC 4180: a header row, comma separator, double quotes doubled inside quoted values, values that
 * span lines, CRLF or LF, an optional UTF-8 byte order mark) into records, each one JSON object of the header's
 * names and the row's values as strings, verbatim (an empty cell is an empty string). Commons CSV parses each record;
 * this class only finds where a record ends (an even number of quote characters), so that a malformed row is
 * isolated with its line number and a reason while the rows after it still load:
 * <ul>
 *   <li>an unbalanced quote (a quoted value never closed) rejects the line it starts on; reading resumes on the next
 *   line, so the rows a runaway quote would otherwise swallow still load;</li>
 *   <li>a row with another number of values than the header is rejected;</li>
 *   <li>a row with bytes that are not UTF-8 is rejected (the file is decoded strictly, line by line);</li>
 *   <li>a row Commons CSV refuses (text after a closing quote) is rejected with the parser's reason.</li>
 * </ul>
 * Only a file whose header row is unusable (missing, malformed, blank or repeated names) fails as a whole.
 */
public final class CsvRecords {
    /** A quoted value may span at most this many lines; beyond, its first line is an unbalanced quote. */
    static final int MAX_RECORD_LINES = 1000;
    /** Characters of a rejected row kept in raw_record_rejects.raw_text. */
    static final int MAX_REJECT_TEXT = 2000;

    private static final JsonFactory JSON = new JsonFactory();
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).build();

    /** Receives each good record: its number from 1, the line it starts on, its JSON object as UTF-8 bytes. */
    public interface Sink {
        void record(long recordNo, long lineNo, byte[] json, boolean hadNul);
    }

    /** A rejected row. */
    public record Reject(long lineNo, String reason, String rawText) {
    }

    /** What one file gave: record count, rejected rows, or the reason the whole file failed. */
    public record Result(long records, List<Reject> rejects, String fileError, long nulRecords) {
    }

    private record Line(long no, byte[] bytes) {
    }

    private CsvRecords() {
    }

    /** Reads the whole (already gunzipped) stream. */
    public static Result read(InputStream in, Sink sink) throws IOException {
        LineReader lines = new LineReader(in);
        Deque<Line> pending = new ArrayDeque<>();
        List<Reject> rejects = new ArrayList<>();
        List<String> header = null;
        long records = 0;
        long nul = 0;
        while (true) {
            Line first = pending.isEmpty() ? lines.next() : pending.pollFirst();
            if (first == null) {
                break;
            }
            if (isBlank(first.bytes())) {
                continue;
            }
            List<Line> group = new ArrayList<>();
            group.add(first);
            long quotes = quotes(first.bytes());
            while (quotes % 2 == 1 && group.size() < MAX_RECORD_LINES) {
                Line next = pending.isEmpty() ? lines.next() : pending.pollFirst();
                if (next == null) {
                    break;
                }
                group.add(next);
                quotes += quotes(next.bytes());
            }
            String problem = null;
            List<String> values = null;
            if (quotes % 2 == 1) {
                problem = "unbalanced quote: a quoted value opened on line " + first.no() + " is never closed";
            } else {
                problem = undecodable(group);
                if (problem == null) {
                    try {
                        values = parse(text(group));
                    } catch (IOException | UncheckedIOException | IllegalStateException e) {
                        problem = "malformed CSV: " + e.getMessage();
                    }
                }
            }
            if (problem == null && header != null && values.size() != header.size()) {
                problem = "wrong column count: " + values.size() + " value(s), the header has " + header.size()
                        + " column(s)";
            }
            if (problem != null) {
                if (header == null) {
                    return new Result(0, rejects, "header row (line " + first.no() + "): " + problem, 0);
                }
                rejects.add(new Reject(first.no(), problem, lenient(first.bytes())));
                // Only the first line is rejected: the lines a broken row pulled in are read again on their own.
                for (int i = group.size() - 1; i >= 1; i--) {
                    pending.addFirst(group.get(i));
                }
                continue;
            }
            if (header == null) {
                header = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (String name : values) {
                    String h = name.strip();
                    if (h.isEmpty()) {
                        return new Result(0, rejects, "header row (line " + first.no() + "): a column has no name",
                                0);
                    }
                    if (!seen.add(h)) {
                        return new Result(0, rejects, "header row (line " + first.no() + "): column \"" + h
                                + "\" appears twice", 0);
                    }
                    header.add(h);
                }
                continue;
            }
            boolean hadNul = false;
            ByteArrayOutputStream json = new ByteArrayOutputStream(256);
            try (JsonGenerator g = JSON.createGenerator(json)) {
                g.writeStartObject();
                for (int i = 0; i < header.size(); i++) {
                    String v = values.get(i);
                    if (v.indexOf('\u0000') >= 0) {
                        // jsonb cannot hold U+0000: it lands as U+FFFD, counted on the file; S3 keeps the original.
                        v = v.replace('\u0000', '\uFFFD');
                        hadNul = true;
                    }
                    g.writeStringField(header.get(i), v);
                }
                g.writeEndObject();
            }
            records++;
            if (hadNul) {
                nul++;
            }
            sink.record(records, first.no(), json.toByteArray(), hadNul);
        }
        if (header == null) {
            return new Result(0, rejects, "empty file: expected a header row and CSV records", 0);
        }
        return new Result(records, rejects, null, nul);
    }

    private static List<String> parse(String text) throws IOException {
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            List<CSVRecord> all = parser.getRecords();
            if (all.size() != 1) {
                throw new IOException("expected one record, found " + all.size());
            }
            List<String> values = new ArrayList<>(all.get(0).size());
            all.get(0).forEach(values::add);
            return values;
        }
    }

    private static String undecodable(List<Line> group) {
        for (Line l : group) {
            CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer in = ByteBuffer.wrap(l.bytes());
            java.nio.CharBuffer out = java.nio.CharBuffer.allocate(l.bytes().length + 1);
            java.nio.charset.CoderResult r = d.decode(in, out, true);
            if (r.isError()) {
                int at = in.position();
                return "not UTF-8: byte 0x" + String.format("%02X", l.bytes()[at] & 0xff) + " at position "
                        + (at + 1) + " of line " + l.no() + " cannot be decoded (export the file as UTF-8)";
            }
        }
        return null;
    }

    private static String text(List<Line> group) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Line l : group) {
            all.writeBytes(l.bytes());
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    private static String lenient(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8).replace('\u0000', '\uFFFD').stripTrailing();
        return s.length() > MAX_REJECT_TEXT ? s.substring(0, MAX_REJECT_TEXT) : s;
    }

    private static long quotes(byte[] bytes) {
        long n = 0;
        for (byte b : bytes) {
            if (b == '"') {
                n++;
            }
        }
        return n;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** Physical lines as bytes, each with its terminator (LF; a CR before it stays), numbered from 1; BOM dropped. */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int len;
        private long no;

        LineReader(InputStream in) {
            this.in = in;
        }

        Line next() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            while (true) {
                if (pos == len) {
                    len = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                        if (line.size() == 0) {
                            return null;
                        }
                        break;
                    }
                }
                int start = pos;
                while (pos < len && buf[pos] != '\n') {
                    pos++;
                }
                if (pos < len) {
                    pos++;
                    line.write(buf, start, pos - start);
                    break;
                }
                line.write(buf, start, pos - start);
            }
            no++;
            byte[] bytes = line.toByteArray();
            if (no == 1 && bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                    && (bytes[2] & 0xff) == 0xBF) {
                bytes = java.util.Arrays.copyOfRange(bytes, 3, bytes.length);
            }
            return new Line(no, bytes);
        }
    }
}
