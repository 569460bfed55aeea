package com.catwing.cw.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The initial export of a new client (docs/generator.md "Onboarding export"): the order files of the onboarding days
 * are captured here (one spill file per endpoint on local disk, one record per line) instead of being written to S3,
 * then merged into one file per endpoint dated the last onboarding day, each document once, in its last state (a
 * purchase order re-emitted as it was confirmed, received and closed appears once, closed). Memory holds one map of
 * document ids per endpoint, not the documents.
 */
final class OnboardingExport implements Sink {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NEWLINE = {'\n'};

    private final boolean navision;
    private final Map<Endpoint, Path> spills = new EnumMap<>(Endpoint.class);

    OnboardingExport(String dialect) {
        this.navision = dialect.equals("navision");
    }

    private static Endpoint endpointOf(String key) {
        String file = key.substring(key.lastIndexOf('/') + 1).replace(".json", "");
        for (Endpoint e : Endpoint.values()) {
            if (e.file.equals(file)) {
                return e;
            }
        }
        throw new IllegalArgumentException("not an endpoint file: " + key);
    }

    /** Captures one daily file: its records are appended to the endpoint's spill file. */
    @Override
    public Target open(String key) {
        Endpoint e = endpointOf(key);
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
                append(e, buf.toByteArray());
            }

            @Override
            public void abort() {
            }
        };
    }

    private void append(Endpoint e, byte[] file) {
        try {
            Path spill = spills.get(e);
            if (spill == null) {
                spill = Files.createTempFile("cw-onboarding-" + e.file + "-", ".jsonl");
                spills.put(e, spill);
            }
            try (BufferedReader in = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(file),
                    StandardCharsets.UTF_8));
                 var out = Files.newOutputStream(spill, java.nio.file.StandardOpenOption.APPEND)) {
                for (String line; (line = in.readLine()) != null; ) {
                    String record = record(line);
                    if (record != null) {
                        out.write(record.getBytes(StandardCharsets.UTF_8));
                        out.write(NEWLINE);
                    }
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The record on one line of a daily file ({@code [}, {@code {…},}, {@code {…}}, {@code ]}); null for none. */
    private static String record(String line) {
        if (line.isEmpty() || line.equals("[") || line.equals("]") || line.equals("[]")) {
            return null;
        }
        return line.endsWith(",") ? line.substring(0, line.length() - 1) : line;
    }

    /** The ERP id of a document record. */
    private String documentId(Endpoint e, String record) throws IOException {
        JsonNode node = JSON.readTree(record);
        if (navision) {
            return node.path("Header").path("No").asText();
        }
        String field = switch (e) {
            case SALES_ORDERS -> "order_id";
            case PURCHASE_ORDERS -> "po_id";
            case RECEIVING_ORDERS -> "receipt_id";
            case STORE_ORDERS -> "store_order_id";
            case TRANSFER_ORDERS -> "transfer_id";
            default -> throw new IllegalArgumentException(e.file);
        };
        return node.path(field).asText();
    }

    /**
     * Writes the merged file of one endpoint to {@code key} of the sink, each document in its last captured state,
     * in the order of those last states; returns {records, bytes}.
     */
    long[] write(Endpoint e, String key, Sink sink) {
        Path spill = spills.get(e);
        Target target = sink.open(key);
        long records = 0;
        long bytes = 0;
        try {
            Map<String, Integer> last = new HashMap<>();
            if (spill != null) {
                try (BufferedReader in = Files.newBufferedReader(spill, StandardCharsets.UTF_8)) {
                    int i = 0;
                    for (String line; (line = in.readLine()) != null; i++) {
                        last.put(documentId(e, line), i);
                    }
                }
            }
            java.util.BitSet keep = new java.util.BitSet();
            last.values().forEach(keep::set);
            try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(new NonClosing(target),
                    StandardCharsets.UTF_8), 1 << 16)) {
                if (keep.isEmpty()) {
                    out.write("[]\n");
                    bytes = 3;
                } else {
                    out.write("[\n");
                    bytes += 2;
                    try (BufferedReader in = Files.newBufferedReader(spill, StandardCharsets.UTF_8)) {
                        int i = 0;
                        for (String line; (line = in.readLine()) != null; i++) {
                            if (keep.get(i)) {
                                String text = (records > 0 ? ",\n" : "") + line;
                                out.write(text);
                                bytes += text.getBytes(StandardCharsets.UTF_8).length;
                                records++;
                            }
                        }
                    }
                    out.write("\n]\n");
                    bytes += 3;
                }
            }
            target.close();
        } catch (IOException ex) {
            target.abort();
            throw new UncheckedIOException(ex);
        } catch (RuntimeException ex) {
            target.abort();
            throw ex;
        }
        return new long[] {records, bytes};
    }

    /** Deletes the spill files. */
    void close() {
        for (Path p : spills.values()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
        spills.clear();
    }

    /** Lets a writer be closed (flushed) without closing the target, which the caller closes (or aborts). */
    private static final class NonClosing extends java.io.OutputStream {
        private final java.io.OutputStream out;

        NonClosing(java.io.OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
