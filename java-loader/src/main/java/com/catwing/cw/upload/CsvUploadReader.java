package com.catwing.cw.upload;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a csv upload with Apache Commons CSV, streaming (one record in memory): UTF-8 only (a byte-order mark is
 * skipped; any other encoding is refused with the line where decoding failed), delimiter ',' or ';' (whichever the
 * header line has more of, as spreadsheet programs write either by locale), RFC 4180 quoting.
 */
public final class CsvUploadReader {
    private CsvUploadReader() {
    }

    public static void read(Path file, UploadRows rows) {
        char delimiter = detectDelimiter(file);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true)
                .setTrim(true).get();
        long line = 1;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            skipBom(in);
            Reader reader = new InputStreamReader(in, decoder);
            try (CSVParser parser = CSVParser.parse(reader, format)) {
                boolean first = true;
                try {
                    for (CSVRecord record : parser) {
                        line = parser.getCurrentLineNumber();
                        List<String> cells = new ArrayList<>(record.size());
                        for (String v : record) {
                            cells.add(v == null || v.isEmpty() ? null : v);
                        }
                        if (first) {
                            rows.header(cells);
                            first = false;
                        } else {
                            rows.row(record.getRecordNumber(), cells);
                        }
                    }
                } catch (UncheckedIOException e) {
                    throw failure(e.getCause(), parser.getCurrentLineNumber() + 1);
                }
                if (first) {
                    throw new UploadFileException("the csv file is empty: it needs a header row and data rows");
                }
            }
        } catch (IOException e) {
            throw failure(e, line);
        }
    }

    private static UploadFileException failure(IOException e, long line) {
        if (e instanceof CharacterCodingException) {
            return new UploadFileException("the csv file is not UTF-8 (undecodable bytes, first met reading ahead "
                    + "from line " + line + "): save it as \"CSV UTF-8\" (Excel) or convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8", e);
        }
        return new UploadFileException("cannot read the csv file near line " + line + ": " + e.getMessage(), e);
    }

    private static void skipBom(InputStream in) throws IOException {
        in.mark(3);
        byte[] b = in.readNBytes(3);
        if (!(b.length == 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf)) {
            in.reset();
        }
    }

    /** ',' unless the first line has more ';' than ',' outside quotes. */
    static char detectDelimiter(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(64 * 1024);
            int commas = 0;
            int semicolons = 0;
            boolean quoted = false;
            for (byte b : head) {
                if (b == '"') {
                    quoted = !quoted;
                } else if (!quoted && (b == '\n' || b == '\r')) {
                    break;
                } else if (!quoted && b == ',') {
                    commas++;
                } else if (!quoted && b == ';') {
                    semicolons++;
                }
            }
            return semicolons > commas ? ';' : ',';
        } catch (IOException e) {
            throw new UploadFileException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
