package com.catwing.cw.load;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.s3.S3Store;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Step 1, ingest: streams every object under {@code raw-data/{client}/{date}/} from S3 into the client's raw landing
 * table with COPY, one transaction per object together with its registry row. JSON arrays and JSON Lines are
 * accepted, gzip-compressed or not. A loaded object is never loaded again; a different object under a loaded key is
 * refused and recorded as a conflict; a malformed object is recorded as failed with the byte offset and the reason,
 * and none of its records land. The files of the last date loaded are also mapped into the typed staging tables, on a
 * second connection while the next file lands, so that the quality gate of that date finds them mapped.
 */
public final class RawLoader {
    private static final Pattern KEY = Pattern.compile(
            "raw-data/(CW-\\d{6})/(\\d{4}-\\d{2}-\\d{2})/([a-z_]{1,40})\\.(json|jsonl|ndjson|csv)(\\.gz)?");
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE)
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    private static final Pattern NUL = Pattern.compile("(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000");

    private final Database db;
    private final S3Store s3;
    private final Tenant tenant;
    private final PrintStream out;
    private boolean staging = true;
    private String sourceCode;

    public RawLoader(Database db, S3Store s3, Tenant tenant, PrintStream out) {
        this.db = db;
        this.s3 = s3;
        this.tenant = tenant;
        this.out = out;
    }

    /** Whether to map the last date's files into the typed staging tables while loading (default true). */
    public RawLoader staging(boolean enabled) {
        this.staging = enabled;
        return this;
    }

    /**
     * Loads the raw files of another client's prefix ({@code raw-data/{source}/...}) into this client: a rebuild into
     * a new client (cw rebuild A --into B) replays A's raw files. Default: the client's own prefix.
     */
    public RawLoader source(String code) {
        this.sourceCode = Tenant.of(code).code();
        return this;
    }

    private String sourceCode() {
        return sourceCode == null ? tenant.code() : sourceCode;
    }

    /** What one load did. */
    public static final class Summary {
        public int loaded;
        public int skipped;
        public int failed;
        public int conflicts;
        public int ignored;
        public int errors;
        public long records;
        public long bytes;
        public int staged;
        public long stagedRows;
        public long rejectedRows;

        public boolean clean() {
            return failed == 0 && conflicts == 0 && errors == 0;
        }

        @Override
        public String toString() {
            return String.format("%d file(s) loaded (%,d records, %,d bytes), %d already loaded, %d failed, "
                    + "%d conflict(s)%s%s", loaded, records, bytes, skipped, failed, conflicts,
                    errors > 0 ? ", " + errors + " read error(s) to retry" : "",
                    ignored > 0 ? ", " + ignored + " ignored (not a raw endpoint file)" : "")
                    + (rejectedRows > 0 ? String.format("; %,d malformed CSV row(s) isolated", rejectedRows) : "")
                    + (staged > 0 ? String.format("; %d file(s) mapped into staging (%,d rows)", staged, stagedRows) : "");
        }
    }

    /** Loads the days from..to in date order. */
    public Summary load(LocalDate from, LocalDate to) {
        Summary sum = new Summary();
        try (Stager stager = new Stager(sum)) {
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                loadDay(d, sum, staging && d.equals(to) ? stager : null);
            }
        }
        return sum;
    }

    private void loadDay(LocalDate date, Summary sum, Stager stager) {
        String prefix = "raw-data/" + sourceCode() + "/" + date + "/";
        // Largest first: while the loader lands the small files, the stager maps the large ones.
        List<S3Store.ObjectInfo> objects = s3.list(prefix)
                .sorted(java.util.Comparator.comparingLong(S3Store.ObjectInfo::size).reversed()
                        .thenComparing(S3Store.ObjectInfo::key))
                .toList();
        if (objects.isEmpty()) {
            out.printf("%s: no raw files under s3://%s/%s%n", date, s3.bucket(), prefix);
            return;
        }
        out.printf("%s: %d object(s)%n", date, objects.size());
        try (Connection c = connectAsOwner()) {
            for (S3Store.ObjectInfo o : objects) {
                long fileId = loadObject(c, date, o, sum);
                if (fileId > 0 && stager != null) {
                    stager.submit(fileId);
                }
            }
        } catch (SQLException e) {
            throw new CwException("loading " + prefix + " failed: " + com.catwing.cw.Cw.Errors.oneLine(e), 3);
        }
    }

    /**
     * A connection that works as the client's owner role (like the pipeline and its pg_cron job), not as the login
     * role: whatever the loader creates at run time (monthly raw_records partitions) belongs to the owner.
     */
    private Connection connectAsOwner() throws SQLException {
        Connection c = db.connect();
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("set role " + tenant.ownerRole());
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** One object's registry decision: the registry rule lives in SQL ({@code raw_file_begin}). */
    private record Begin(String action, long fileId, String registeredStatus, String registeredEtag) {
    }

    private Begin begin(Connection c, LocalDate date, S3Store.ObjectInfo o, String endpoint) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select action, file_id, registered_status, registered_etag "
                + "from " + tenant.schema() + ".raw_file_begin(?, ?, ?, ?, ?)")) {
            ps.setString(1, o.key());
            ps.setString(2, endpoint);
            ps.setObject(3, date);
            ps.setLong(4, o.size());
            ps.setString(5, o.etag());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Begin(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4));
            }
        }
    }

    /** Loads one object; returns its raw_files id when its records landed, else 0. */
    private long loadObject(Connection c, LocalDate date, S3Store.ObjectInfo o, Summary sum) throws SQLException {
        Matcher m = KEY.matcher(o.key());
        if (!m.matches() || !m.group(1).equals(sourceCode()) || !m.group(2).equals(date.toString())) {
            out.printf("  %-28s ignored: not raw-data/{client}/{date}/{endpoint}.json[l]|csv[.gz]%n", name(o.key()));
            sum.ignored++;
            return 0;
        }
        String endpoint = m.group(3);
        boolean csv = m.group(4).equals("csv");
        long t0 = System.nanoTime();
        c.setAutoCommit(false);
        Landing landing;
        try {
            Begin begin = begin(c, date, o, endpoint);
            if (!begin.action().equals("load")) {
                c.commit();  // a conflict is recorded by raw_file_begin
                c.setAutoCommit(true);
                if (begin.action().equals("skip")) {
                    out.printf("  %-28s already %s, skipped%n", name(o.key()), begin.registeredStatus());
                    sum.skipped++;
                } else {
                    out.printf("  %-28s CRITICAL: content differs from the object loaded under this key "
                            + "(ETag %s, was %s); raw data is immutable, the loaded version is kept%n",
                            name(o.key()), o.etag(), begin.registeredEtag());
                    sum.conflicts++;
                }
                return 0;
            }
            landing = csv ? landCsv(c, begin.fileId(), date, o, endpoint)
                    : land(c, begin.fileId(), date, o, endpoint, true);
            if (landing.outcome() == null) {
                // The fast path gave up (or PostgreSQL refused a record): the validating parser judges the object.
                c.rollback();
                landing = land(c, begin(c, date, o, endpoint).fileId(), date, o, endpoint, false);
            }
        } catch (IOException | RuntimeException e) {
            // A read or transport problem says nothing about the object: record nothing, so the next run retries.
            c.rollback();
            c.setAutoCommit(true);
            sum.errors++;
            out.printf("  %-28s ERROR, not recorded (the next run retries it): %s%n", name(o.key()), e.getMessage());
            return 0;
        }
        ParseOutcome outcome = landing.outcome();
        if (outcome.error == null) {
            insertRejects(c, landing.fileId(), date, landing.rejects());
            try (PreparedStatement ps = c.prepareStatement(
                    "select " + tenant.schema() + ".raw_file_finish(?, ?, ?, ?)")) {
                ps.setLong(1, landing.fileId());
                ps.setString(2, outcome.sha256);
                ps.setLong(3, outcome.records);
                ps.setLong(4, outcome.nulRecords);
                ps.execute();
            }
            c.commit();
            sum.loaded++;
            sum.records += outcome.records;
            sum.bytes += o.size();
            out.printf("  %-28s %,10d records %,12d bytes %7.2f s%n", name(o.key()), outcome.records, o.size(),
                    (System.nanoTime() - t0) / 1e9);
            for (CsvRecords.Reject r : landing.rejects().subList(0, Math.min(20, landing.rejects().size()))) {
                out.printf("    line %d rejected: %s%n", r.lineNo(), r.reason());
            }
            if (landing.rejects().size() > 20) {
                out.printf("    ... %,d rejected rows in all (raw_record_rejects)%n", landing.rejects().size());
            }
            sum.rejectedRows += landing.rejects().size();
            c.setAutoCommit(true);
            return landing.fileId();
        }
        // None of a malformed object's records may land: roll them back, then register it as failed.
        c.rollback();
        long failedId = begin(c, date, o, endpoint).fileId();
        try (PreparedStatement ps = c.prepareStatement("select " + tenant.schema() + ".raw_file_fail(?, ?, ?, ?)")) {
            ps.setLong(1, failedId);
            ps.setString(2, outcome.sha256);
            if (outcome.offset >= 0) {
                ps.setLong(3, outcome.offset);
            } else {
                ps.setNull(3, java.sql.Types.BIGINT);
            }
            ps.setString(4, outcome.error);
            ps.execute();
        }
        c.commit();
        sum.failed++;
        out.printf("  %-28s FAILED%s: %s (nothing from this file was loaded)%n", name(o.key()),
                outcome.offset >= 0 ? " at byte " + outcome.offset : "", outcome.error);
        c.setAutoCommit(true);
        return 0;
    }

    private record Landing(long fileId, ParseOutcome outcome, List<CsvRecords.Reject> rejects) {
        Landing(long fileId, ParseOutcome outcome) {
            this(fileId, outcome, List.of());
        }
    }

    /**
     * Lands a CSV object (docs/quality.md "CSV files"): each good row as one JSON object of the header's names with
     * its line number; malformed rows are returned as rejects (written with the file's registry row), the rest
     * loads. Only an unusable header fails the whole object.
     */
    private Landing landCsv(Connection c, long fileId, LocalDate date, S3Store.ObjectInfo o, String endpoint)
            throws SQLException, IOException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + tenant.stagingSchema()
                + ".raw_records (file_id, file_date, endpoint, record_no, line_no, payload) from stdin");
        try (InputStream raw = s3.get(o.key())) {
            Source src = Source.open(raw);
            CopyBuffer buf = new CopyBuffer((chunk, n) -> {
                try {
                    copy.writeToCopy(chunk, 0, n);
                } catch (SQLException e) {
                    throw new java.io.UncheckedIOException(new IOException(e.getMessage(), e));
                }
            });
            byte[] prefix = (fileId + "\t" + date + "\t" + endpoint + "\t")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            CsvRecords.Result result = CsvRecords.read(src.in, (recordNo, lineNo, json, hadNul) -> {
                buf.write(prefix);
                buf.writeAscii(recordNo + "\t" + lineNo + "\t");
                buf.writeEscaped(json, 0, json.length);
                buf.write('\n');
            });
            String sha = src.sha256();
            if (result.fileError() != null) {
                return new Landing(fileId, ParseOutcome.failure(-1, result.fileError(), sha));
            }
            buf.flush();
            copy.endCopy();
            return new Landing(fileId, new ParseOutcome(result.records(), sha, -1, null, result.nulRecords()),
                    result.rejects());
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private void insertRejects(Connection c, long fileId, LocalDate date, List<CsvRecords.Reject> rejects)
            throws SQLException {
        if (rejects.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into " + tenant.stagingSchema()
                + ".raw_record_rejects (file_id, file_date, line_no, reason, raw_text) values (?, ?, ?, ?, ?)")) {
            for (CsvRecords.Reject r : rejects) {
                ps.setLong(1, fileId);
                ps.setObject(2, date);
                ps.setLong(3, r.lineNo());
                ps.setString(4, r.reason());
                ps.setString(5, r.rawText());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * One attempt to land the records of a begun object in the open transaction with COPY, through the record
     * scanner ({@code fast}) or the validating parser. The outcome is null when the fast path gave up; the caller
     * rolls back and tries the validating parser.
     */
    private Landing land(Connection c, long fileId, LocalDate date, S3Store.ObjectInfo o, String endpoint, boolean fast)
            throws SQLException, IOException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + tenant.stagingSchema()
                + ".raw_records (file_id, file_date, endpoint, record_no, payload) from stdin");
        try (InputStream raw = s3.get(o.key())) {
            return new Landing(fileId, stream(raw, fileId, date, endpoint, copy, fast));
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /**
     * Maps loaded files into the typed staging tables ({@code map_file_to_staging}) on its own connection and thread,
     * so the mapping of one file overlaps the landing of the next. A failure here loses nothing: the quality gate
     * maps whatever is not staged.
     */
    private final class Stager implements AutoCloseable {
        private final Summary sum;
        private java.util.concurrent.ExecutorService worker;
        private Connection connection;
        private boolean failed;

        Stager(Summary sum) {
            this.sum = sum;
        }

        void submit(long fileId) {
            if (worker == null) {
                worker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "cw-stager");
                    t.setDaemon(true);
                    return t;
                });
            }
            worker.execute(() -> stage(fileId));
        }

        private void stage(long fileId) {
            if (failed) {
                return;
            }
            try {
                if (connection == null) {
                    connection = connectAsOwner();
                }
                try (java.sql.CallableStatement cs = connection.prepareCall(
                        "call " + tenant.schema() + ".map_file_to_staging(?, ?)")) {
                    cs.setLong(1, fileId);
                    cs.setNull(2, java.sql.Types.BIGINT);
                    cs.registerOutParameter(2, java.sql.Types.BIGINT);
                    cs.execute();
                    long rows = cs.getLong(2);
                    if (!cs.wasNull()) {
                        synchronized (sum) {
                            sum.staged++;
                            sum.stagedRows += rows;
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                failed = true;
                out.printf("  staging not prepared (the quality gate maps the files itself): %s%n",
                        com.catwing.cw.Cw.Errors.oneLine(e));
            }
        }

        @Override
        public void close() {
            if (worker == null) {
                return;
            }
            worker.shutdown();
            try {
                while (!worker.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                    out.printf("  still mapping into staging ...%n");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                worker.shutdownNow();
            }
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // closing a connection that is done
                }
            }
        }
    }

    private static String name(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    record ParseOutcome(long records, String sha256, long offset, String error, long nulRecords) {
        static ParseOutcome failure(long offset, String error, String sha256) {
            return new ParseOutcome(0, sha256, offset, error, 0);
        }
    }

    /**
     * Streams one object into COPY on two cores: a parser thread reads the object from S3 and cuts each record into
     * a COPY row in 256 KiB chunks ({@code fast}: the {@link RecordScanner}; else the validating parser), while this
     * thread hands the chunks to PostgreSQL, which parses the jsonb meanwhile. Returns the record count and checksum,
     * or the byte offset and reason of the first problem (the caller then rolls the COPY back), or null when the fast
     * path gave up or PostgreSQL refused one of its records. A read error of the object is thrown (the load retries
     * it next time).
     */
    static ParseOutcome stream(InputStream raw, long fileId, LocalDate date, String endpoint, CopyIn copy,
                               boolean fast) throws IOException {
        java.util.concurrent.BlockingQueue<Object> queue = new java.util.concurrent.ArrayBlockingQueue<>(8);
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        Thread parser = new Thread(() -> {
            Object result;
            try {
                ChunkSink sink = (chunk, n) -> offer(queue, cancelled, new Chunk(chunk, n));
                result = fast ? scan(raw, fileId, date, endpoint, sink) : parse(raw, fileId, date, endpoint, sink);
            } catch (IOException | RuntimeException e) {
                result = e;
            }
            try {
                offer(queue, cancelled, new End(result));
            } catch (java.util.concurrent.CancellationException ignored) {
                // the consumer gave up; nobody waits for the result
            }
        }, "cw-json-parser");
        parser.setDaemon(true);
        parser.start();
        try {
            while (true) {
                Object item = queue.take();
                if (item instanceof Chunk c) {
                    copy.writeToCopy(c.data(), 0, c.length());
                    continue;
                }
                Object result = ((End) item).result();
                if (result instanceof IOException e) {
                    throw e;
                }
                if (result instanceof java.util.concurrent.CancellationException) {
                    throw new IOException("parsing was cancelled");
                }
                if (result instanceof RuntimeException e) {
                    throw e;
                }
                ParseOutcome outcome = (ParseOutcome) result;
                if (outcome == null) {
                    return null;  // the fast path gave up: the validating parser judges the object
                }
                if (outcome.error() == null) {
                    copy.endCopy();
                }
                return outcome;
            }
        } catch (SQLException e) {
            // On the fast path the record may not be JSON at all: the validating parser says where and why.
            return fast ? null : ParseOutcome.failure(-1, "the database refused a record: " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while loading", e);
        } finally {
            cancelled.set(true);
            queue.clear();
        }
    }

    private record Chunk(byte[] data, int length) {
    }

    private record End(Object result) {
    }

    /** Hands an item to the consumer, waiting while the queue is full, unless the consumer has given up. */
    private static void offer(java.util.concurrent.BlockingQueue<Object> queue,
                              java.util.concurrent.atomic.AtomicBoolean cancelled, Object item) {
        try {
            while (!queue.offer(item, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (cancelled.get()) {
                    throw new java.util.concurrent.CancellationException("load cancelled");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        }
    }

    /** Receives filled chunks of COPY rows; the chunk array is handed over (never reused by the sender). */
    interface ChunkSink {
        void accept(byte[] chunk, int length);
    }

    /**
     * Parses one object and encodes its records as COPY text rows into the sink. Returns the record count and
     * checksum, or the byte offset and reason of the first problem.
     */
    static ParseOutcome parse(InputStream raw, long fileId, LocalDate date, String endpoint, ChunkSink sink)
            throws IOException {
        Source src = Source.open(raw);
        RecordRows rows = new RecordRows(fileId, date, endpoint, sink);
        long n = 0;
        Tape tape = new Tape(src.in);
        try (JsonParser p = JSON.createParser(tape)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return ParseOutcome.failure(0, "empty file: expected a JSON array or JSON Lines", null);
            }
            boolean array = first == JsonToken.START_ARRAY;
            JsonToken t = array ? p.nextToken() : first;
            while (t != null && !(array && t == JsonToken.END_ARRAY)) {
                n++;
                if (t != JsonToken.START_OBJECT) {
                    return ParseOutcome.failure(p.currentTokenLocation().getByteOffset(),
                            "record " + n + " is a JSON " + t.asString() + " token " + t + ", not an object", null);
                }
                // The record's own bytes, as the parser has just validated them (no re-encoding: numbers keep their
                // digits, strings their escapes).
                long start = p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                long end = p.currentLocation().getByteOffset();
                byte[] bytes = tape.array();
                int from = tape.index(start);
                int length = (int) (end - start);
                if (start < 0 || end <= start || bytes[from] != '{' || bytes[from + length - 1] != '}') {
                    // Only a byte-oriented (UTF-8) parse reports byte offsets; JSON exchanged between systems is UTF-8.
                    return ParseOutcome.failure(-1, "record " + n + ": not UTF-8 encoded JSON", null);
                }
                rows.record(bytes, from, length);
                tape.discardBefore(end);
                t = p.nextToken();
            }
            if (array) {
                if (t == null) {
                    return ParseOutcome.failure(p.currentLocation().getByteOffset(),
                            "unexpected end of file: the JSON array is not closed", null);
                }
                JsonToken trailing = p.nextToken();
                if (trailing != null) {
                    return ParseOutcome.failure(p.currentTokenLocation().getByteOffset(),
                            "content after the end of the JSON array", null);
                }
            }
        } catch (JsonProcessingException e) {
            long off = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
            return ParseOutcome.failure(off, "malformed JSON after record " + n + ": " + e.getOriginalMessage(), null);
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            return ParseOutcome.failure(-1, "corrupt gzip stream: " + e.getMessage(), null);
        }
        rows.flush();
        return new ParseOutcome(rows.count(), src.sha256(), -1, null, rows.nulRecords());
    }

    /**
     * The fast path of {@link #parse}: the same rows from a valid object, cut by the {@link RecordScanner} without a
     * JSON parser. Null when the scanner gave up (the validating parser then judges the object).
     */
    static ParseOutcome scan(InputStream raw, long fileId, LocalDate date, String endpoint, ChunkSink sink)
            throws IOException {
        Source src = Source.open(raw);
        RecordRows rows = new RecordRows(fileId, date, endpoint, sink);
        try {
            if (!RecordScanner.scan(src.in, rows)) {
                return null;
            }
        } catch (java.io.EOFException | java.util.zip.ZipException e) {
            return null;
        }
        rows.flush();
        return new ParseOutcome(rows.count(), src.sha256(), -1, null, rows.nulRecords());
    }

    /** An object's bytes as read (SHA-256 over them), gunzipped when they start with the gzip magic bytes. */
    static final class Source {
        private final MessageDigest sha;
        private final DigestInputStream digest;
        final InputStream in;

        private Source(MessageDigest sha, DigestInputStream digest, InputStream in) {
            this.sha = sha;
            this.digest = digest;
            this.in = in;
        }

        static Source open(InputStream raw) throws IOException {
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            DigestInputStream digest = new DigestInputStream(new BufferedInputStream(raw, 1 << 16), sha);
            InputStream in = digest;
            in.mark(2);
            int b1 = in.read();
            int b2 = in.read();
            in.reset();
            if (b1 == 0x1f && b2 == 0x8b) {
                in = new BufferedInputStream(new GZIPInputStream(digest, 1 << 16), 1 << 16);
            }
            return new Source(sha, digest, in);
        }

        /** Reads the rest (e.g. a gzip trailer) so that the checksum covers the whole object; returns it in hex. */
        String sha256() throws IOException {
            byte[] skip = new byte[1 << 16];
            while (digest.read(skip, 0, skip.length) >= 0) {
                // drain
            }
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    /** Writes records as COPY text rows: file id, date, endpoint, record number from 1, the record's JSON. */
    static final class RecordRows {
        private final CopyBuffer buf;
        private final byte[] prefix;
        private long n;
        private long nulRecords;

        RecordRows(long fileId, LocalDate date, String endpoint, ChunkSink sink) {
            this.buf = new CopyBuffer(sink);
            this.prefix = (fileId + "\t" + date + "\t" + endpoint + "\t")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        /** One record: the bytes of a JSON object, as read. */
        void record(byte[] bytes, int from, int length) {
            n++;
            buf.write(prefix);
            buf.writeAscii(Long.toString(n));
            buf.write('\t');
            if (hasNulEscape(bytes, from, length)) {
                // jsonb cannot hold U+0000: it lands as U+FFFD, counted on the file; S3 keeps the original.
                byte[] json = java.util.Arrays.copyOfRange(bytes, from, from + length);
                byte[] replaced = replaceNul(json);
                if (!java.util.Arrays.equals(replaced, json)) {
                    nulRecords++;
                }
                buf.writeEscaped(replaced, 0, replaced.length);
            } else {
                buf.writeEscaped(bytes, from, length);
            }
            buf.write('\n');
        }

        long count() {
            return n;
        }

        long nulRecords() {
            return nulRecords;
        }

        void flush() {
            buf.flush();
        }
    }

    private static byte[] replaceNul(byte[] json) {
        String s = new String(json, java.nio.charset.StandardCharsets.UTF_8);
        // Only a real escape: an odd number of backslashes before u0000 (an escaped backslash is left alone).
        return NUL.matcher(s).replaceAll("$1\\\\ufffd").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Whether the JSON text holds the escape \\u0000 (an escaped backslash followed by "u0000" does not count). */
    static boolean hasNulEscape(byte[] json, int from, int length) {
        int end = from + length;
        for (int i = from; i < end; i++) {
            if (json[i] == '\\') {
                if (i + 5 < end && json[i + 1] == 'u' && json[i + 2] == '0' && json[i + 3] == '0' && json[i + 4] == '0'
                        && json[i + 5] == '0') {
                    return true;
                }
                i++;  // the escaped character, possibly a backslash itself
            }
        }
        return false;
    }

    /**
     * What the JSON parser reads, kept from the start of the current record: the parser reports byte offsets, and a
     * record's raw bytes are cut from here. Holds one record plus the parser's read-ahead.
     */
    static final class Tape extends InputStream {
        private final InputStream in;
        private byte[] buf = new byte[1 << 16];
        private int len;
        private long base;

        Tape(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                ensure(1);
                buf[len++] = (byte) b;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int n) throws IOException {
            int r = in.read(b, off, n);
            if (r > 0) {
                ensure(r);
                System.arraycopy(b, off, buf, len, r);
                len += r;
            }
            return r;
        }

        private void ensure(int more) {
            if (len + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
            }
        }

        byte[] array() {
            return buf;
        }

        /** Index in {@link #array()} of a stream offset. */
        int index(long offset) {
            return (int) (offset - base);
        }

        /** Forgets the bytes before this stream offset. */
        void discardBefore(long offset) {
            int drop = index(offset);
            System.arraycopy(buf, drop, buf, 0, len - drop);
            len -= drop;
            base = offset;
        }
    }

    /** Buffers COPY text-format rows and hands them on in 256 KiB chunks. */
    static final class CopyBuffer {
        private static final int SIZE = 1 << 18;
        private final ChunkSink sink;
        private byte[] buf = new byte[SIZE];
        private int len;

        CopyBuffer(ChunkSink sink) {
            this.sink = sink;
        }

        void write(int b) {
            if (len == buf.length) {
                flush();
            }
            buf[len++] = (byte) b;
        }

        void write(byte[] bytes) {
            for (byte b : bytes) {
                write(b);
            }
        }

        /** Bytes that need no escaping, in bulk. */
        private void writeRun(byte[] bytes, int from, int length) {
            while (length > 0) {
                if (len == buf.length) {
                    flush();
                }
                int n = Math.min(length, buf.length - len);
                System.arraycopy(bytes, from, buf, len, n);
                len += n;
                from += n;
                length -= n;
            }
        }

        void writeAscii(String s) {
            for (int i = 0; i < s.length(); i++) {
                write(s.charAt(i));
            }
        }

        /**
         * COPY text format: backslash doubles; tab, newline and carriage return (whitespace between the tokens of a
         * pretty-printed record; JSON strings cannot hold them raw) become their backslash escapes.
         */
        void writeEscaped(byte[] json, int from, int length) {
            int run = from;
            int end = from + length;
            for (int i = from; i < end; i++) {
                byte b = json[i];
                if (b == '\\' || b == '\t' || b == '\n' || b == '\r') {
                    writeRun(json, run, i - run);
                    write('\\');
                    write(b == '\t' ? 't' : b == '\n' ? 'n' : b == '\r' ? 'r' : '\\');
                    run = i + 1;
                }
            }
            writeRun(json, run, end - run);
        }

        void flush() {
            if (len > 0) {
                sink.accept(buf, len);
                buf = new byte[SIZE];
                len = 0;
            }
        }
    }
}
