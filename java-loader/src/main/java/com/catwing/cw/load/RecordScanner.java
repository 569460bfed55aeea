package com.catwing.cw.load;

import java.io.IOException;
import java.io.InputStream;

/**
 * The loader's fast path: cuts a JSON array of objects, or JSON Lines of objects, into its records by tracking only
 * strings and bracket depth, and writes each record's bytes as a COPY row. It does not validate a record's grammar:
 * PostgreSQL parses every record into jsonb anyway and refuses one that is not JSON, and a record cut at the wrong
 * place is never valid JSON. Between the records it is strict (one comma between array elements, only whitespace
 * elsewhere). At the first thing it does not expect it gives up ({@link #scan} returns false), and so does the COPY
 * when PostgreSQL refuses a record; the loader then reads the object again with the validating parser
 * ({@link RawLoader#parse}), which loads it or says where and why it is malformed. On valid input both write the same
 * rows, byte for byte.
 */
final class RecordScanner {
    private static final int START = 0;
    private static final int ARRAY_FIRST = 1;
    private static final int ARRAY_NEXT = 2;
    private static final int ARRAY_ELEMENT = 3;
    private static final int LINES = 4;
    private static final int END = 5;
    private static final int RECORD = 6;

    private RecordScanner() {
    }

    /**
     * Writes the records of {@code in} to {@code rows}. Returns true when the input was a JSON array of objects or
     * JSON Lines of objects as far as strings and brackets tell; false (with part of the rows possibly written) when
     * the validating parser has to judge it.
     */
    static boolean scan(InputStream in, RawLoader.RecordRows rows) throws IOException {
        byte[] chunk = new byte[1 << 16];
        byte[] rec = new byte[1 << 12];
        int recLen = 0;
        int state = START;
        boolean array = false;
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        int r;
        while ((r = in.read(chunk, 0, chunk.length)) > 0) {
            int i = 0;
            while (i < r) {
                if (state == RECORD) {
                    int from = i;
                    boolean closed = false;
                    for (; i < r; i++) {
                        byte b = chunk[i];
                        if (inString) {
                            if (escaped) {
                                escaped = false;
                            } else if (b == '\\') {
                                escaped = true;
                            } else if (b == '"') {
                                inString = false;
                            }
                        } else if (b == '"') {
                            inString = true;
                        } else if (b == '{' || b == '[') {
                            depth++;
                        } else if ((b == '}' || b == ']') && --depth == 0) {
                            i++;
                            closed = true;
                            break;
                        }
                    }
                    int n = i - from;
                    if (recLen + n > rec.length) {
                        rec = java.util.Arrays.copyOf(rec, Math.max(rec.length * 2, recLen + n));
                    }
                    System.arraycopy(chunk, from, rec, recLen, n);
                    recLen += n;
                    if (closed) {
                        if (rec[recLen - 1] != '}') {
                            return false;
                        }
                        rows.record(rec, 0, recLen);
                        recLen = 0;
                        state = array ? ARRAY_NEXT : LINES;
                    }
                    continue;
                }
                byte b = chunk[i++];
                if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                    continue;
                }
                if (b == '{' && (state == START || state == ARRAY_FIRST || state == ARRAY_ELEMENT || state == LINES)) {
                    rec[0] = '{';
                    recLen = 1;
                    depth = 1;
                    inString = false;
                    escaped = false;
                    state = RECORD;
                } else if (b == '[' && state == START) {
                    array = true;
                    state = ARRAY_FIRST;
                } else if (b == ']' && (state == ARRAY_FIRST || state == ARRAY_NEXT)) {
                    state = END;
                } else if (b == ',' && state == ARRAY_NEXT) {
                    state = ARRAY_ELEMENT;
                } else {
                    return false;
                }
            }
        }
        return state == END || (state == LINES && rows.count() > 0);
    }
}
