package com.catwing.cw.upload;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.s3.S3Store;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code cw upload}: a client's spreadsheet (xlsx or csv) is stored in S3 under
 * {@code client-data/{client}/{kind}/{timestamp}-{name}} (immutable), registered in {@code client_uploads}, its
 * header checked against {@code upload_columns(kind)}, its rows streamed with COPY into the staging table
 * {@code client_upload_rows} and applied by {@code upload_apply} in SQL, in one transaction with the per-row report.
 * A file that cannot be read as a whole (wrong sheet, not UTF-8, missing required column) is registered as
 * rejected and changes nothing else (docs/uploads.md).
 */
public final class ClientUpload {
    public static final List<String> KINDS = List.of("supplier-availability", "suppliers", "locations",
            "supply-network");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Database db;
    private final S3Store s3;
    private final Tenant tenant;
    private final PrintStream out;

    /** The result: the upload's id, its final status and the summary of upload_apply (null when rejected). */
    public record Result(long uploadId, String status, String s3Key, JsonNode summary, String message) {
    }

    public ClientUpload(Database db, S3Store s3, Tenant tenant, PrintStream out) {
        this.db = db;
        this.s3 = s3;
        this.tenant = tenant;
        this.out = out;
    }

    /**
     * A re-application of an upload journaled in S3 (cw rebuild, cw restore; docs/recovery.md "Uploads"): the stored
     * file is read back from {@code key} and applied as it was then, registered under the same key (no new copy) and
     * with the same file name, sheet and date. The change events it writes are this journal entry (never journaled
     * again) and are marked processed, like a replayed UI edit.
     */
    public Result replay(String key, String kind, String fileName, String sheet, LocalDate fileDate, String entryUuid,
                         String entryKey) {
        if (!s3.exists(key)) {
            throw new CwException("the upload " + entryUuid + " journaled in s3://" + s3.bucket() + "/" + entryKey
                    + " names s3://" + s3.bucket() + "/" + key + ", which does not exist: the uploaded file was "
                    + "deleted from S3 (restore it from the bucket's versions) or the journal is corrupt", 2);
        }
        Path dir = null;
        Path local = null;
        try {
            dir = Files.createTempDirectory("cw-upload-replay-");
            local = dir.resolve(fileName.replaceAll("[^A-Za-z0-9._-]", "_"));
            try (InputStream in = s3.get(key)) {
                Files.copy(in, local);
            }
            return apply(local, fileName, kind, sheet, fileDate, key, entryUuid, entryKey);
        } catch (IOException e) {
            throw new CwException("cannot read back the uploaded file s3://" + s3.bucket() + "/" + key + ": "
                    + e.getMessage(), 3);
        } finally {
            try {
                if (local != null) {
                    Files.deleteIfExists(local);
                }
                if (dir != null) {
                    Files.deleteIfExists(dir);
                }
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }

    public Result upload(Path file, String kind, String sheet, LocalDate fileDate) {
        return apply(file, null, kind, sheet, fileDate, null, null, null);
    }

    /**
     * The upload itself. {@code storedKey} null: a new upload (stored in S3, journaled); else a replay of the journal
     * entry {@code entryUuid} of the file already at {@code storedKey}.
     */
    private Result apply(Path file, String fileName, String kind, String sheet, LocalDate fileDate, String storedKey,
                         String entryUuid, String entryKey) {
        boolean replay = storedKey != null;
        if (!KINDS.contains(kind)) {
            throw new CwException("unknown upload kind '" + kind + "' (expected one of " + String.join(", ", KINDS)
                    + ")", 2);
        }
        if (!Files.isRegularFile(file)) {
            throw new CwException("no such file: " + file, 2);
        }
        String name = fileName != null ? fileName : file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String format = lower.endsWith(".xlsx") ? "xlsx" : lower.endsWith(".csv") ? "csv" : null;
        if (format == null) {
            throw new CwException("cannot upload " + name + ": only .xlsx and .csv files are read (an .xls from old "
                    + "Excel: save it as .xlsx)", 2);
        }
        long bytes;
        String sha;
        try {
            bytes = Files.size(file);
            sha = sha256(file);
        } catch (IOException e) {
            throw new CwException("cannot read " + file + ": " + e.getMessage(), 2);
        }
        Instant now = Instant.now();
        String key = replay ? storedKey : "client-data/" + tenant.code() + "/" + kind + "/" + STAMP.format(now) + "-"
                + name.replaceAll("[^A-Za-z0-9._-]", "_");
        LocalDate date = fileDate != null ? fileDate : LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!replay) {
            s3.ensureBucket();
            s3.put(key, file);
            out.printf("stored %s (%,d bytes) as s3://%s/%s%n", name, bytes, s3.bucket(), key);
        }

        try (Connection pg = db.connect()) {
            pg.setAutoCommit(false);
            Map<String, Boolean> columns = new LinkedHashMap<>();
            long id;
            try (Statement s = pg.createStatement()) {
                s.execute("set local role " + tenant.ownerRole());
                s.execute("select set_config('cw.app_user', 'cw upload', true)");
            }
            try (PreparedStatement ps = pg.prepareStatement("select column_name, is_required from " + tenant.schema()
                    + ".upload_columns(?)")) {
                ps.setString(1, kind);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        columns.put(rs.getString(1), rs.getBoolean(2));
                    }
                }
            }
            try (PreparedStatement ps = pg.prepareStatement("insert into " + tenant.schema() + ".client_uploads "
                    + "(kind, s3_key, file_name, file_format, file_bytes, file_sha256, file_date) values "
                    + "(?, ?, ?, ?, ?, ?, ?) returning id")) {
                ps.setString(1, kind);
                ps.setString(2, key);
                ps.setString(3, name);
                ps.setString(4, format);
                ps.setLong(5, bytes);
                ps.setString(6, sha);
                ps.setObject(7, date);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            pg.commit();

            Lander lander = new Lander(pg, id, columns);
            String sheetRead = null;
            try {
                try (Statement s = pg.createStatement()) {
                    s.execute("set local role " + tenant.ownerRole());
                    s.execute("select set_config('cw.app_user', 'cw upload', true)");
                }
                lander.begin();
                long t0 = System.nanoTime();
                if (format.equals("xlsx")) {
                    sheetRead = XlsxUploadReader.read(file, kind, sheet, lander);
                } else {
                    CsvUploadReader.read(file, lander);
                }
                lander.end();
                out.printf("read %,d rows in %.1f s%n", lander.rows, (System.nanoTime() - t0) / 1e9);
                for (String[] p : lander.fileProblems) {
                    insertProblem(pg, id, p[0], p[1], p[2]);
                }
                if (sheetRead != null) {
                    try (PreparedStatement ps = pg.prepareStatement("update " + tenant.schema()
                            + ".client_uploads set sheet_name = ? where id = ?")) {
                        ps.setString(1, sheetRead);
                        ps.setLong(2, id);
                        ps.executeUpdate();
                    }
                }
                String summaryText;
                try (CallableStatement call = pg.prepareCall("call " + tenant.schema() + ".upload_apply(?, null)")) {
                    call.setLong(1, id);
                    try (ResultSet rs = call.executeQuery()) {
                        rs.next();
                        summaryText = rs.getString(1);
                    }
                }
                if (replay) {
                    markReplayedEvents(pg, entryUuid, entryKey);
                } else {
                    journal(pg, key, kind, name, sheetRead, date);
                }
                pg.commit();
                JsonNode summary = JSON.readTree(summaryText);
                report(pg, id, summary);
                return new Result(id, "applied", key, summary, null);
            } catch (UploadFileException e) {
                lander.abort();
                pg.rollback();
                reject(pg, id, e.getMessage());
                if (!replay) {
                    // a rejected file is journaled too: the rebuilt client registers (and rejects) it the same way
                    journal(pg, key, kind, name, sheet, date);
                    pg.commit();
                }
                return new Result(id, "rejected", key, null, e.getMessage());
            }
        } catch (SQLException e) {
            throw new CwException("upload of " + name + " for " + tenant.code() + " failed (nothing was applied): "
                    + com.catwing.cw.Cw.Errors.oneLine(e), 3);
        } catch (IOException e) {
            throw new CwException("upload of " + name + " failed: " + e.getMessage(), 1);
        }
    }

    /**
     * Journals the upload for a rebuild (docs/recovery.md "Uploads"): one entry of format 3 (operation upload, the
     * stored file's key) in a new object under the client's UI edit journal, written before the transaction commits
     * (as the journal flush does: a crash in between leaves an entry that a replay applies again), and the change
     * events the upload wrote in this transaction marked as that entry, so that the journal flush does not copy them
     * as UI edits as well (the replay of the upload writes them again).
     */
    private void journal(Connection pg, String key, String kind, String name, String sheetRead, LocalDate date)
            throws SQLException, IOException {
        String afterRunDate;
        String editedAt;
        String editedBy;
        try (Statement s = pg.createStatement(); ResultSet rs = s.executeQuery("select (select max(run_date)::text "
                + "from " + tenant.schema() + ".pipeline_runs), now(), current_user")) {
            rs.next();
            afterRunDate = rs.getString(1);
            editedAt = rs.getObject(2, java.time.OffsetDateTime.class).toString();
            editedBy = rs.getString(3);
        }
        String uuid = java.util.UUID.randomUUID().toString();
        com.fasterxml.jackson.databind.node.ObjectNode entry = JSON.createObjectNode();
        entry.put("format", 3);
        entry.put("edit_uuid", uuid);
        entry.put("edited_at", editedAt);
        entry.put("edited_by", editedBy);
        entry.put("table_name", "client_uploads");
        entry.put("operation", "upload");
        entry.set("row_key", JSON.createObjectNode().put("s3_key", key));
        entry.set("changes", JSON.createObjectNode().put("kind", kind).put("file_name", name)
                .put("sheet_name", sheetRead).put("file_date", date.toString()));
        entry.put("after_run_date", afterRunDate);
        String entryKey = com.catwing.cw.recovery.Recovery.journalPrefix(tenant)
                + java.time.OffsetDateTime.parse(editedAt).toLocalDate() + "/" + Instant.now().toString()
                .replace(":", "") + "-" + uuid + ".jsonl";
        s3.put(entryKey, (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8));
        try (PreparedStatement ps = pg.prepareStatement("update " + tenant.schema() + ".change_events set "
                + "journal_edit_uuid = ?::uuid, journal_object_key = ?, journaled_at = clock_timestamp() "
                + "where transaction_id = pg_current_xact_id()")) {
            ps.setString(1, uuid);
            ps.setString(2, entryKey);
            ps.executeUpdate();
        }
        out.printf("journal: the upload is in s3://%s/%s (a rebuild applies it again)%n", s3.bucket(), entryKey);
    }

    /** A replayed upload's change events are its journal entry, never journaled again, and processed. */
    private void markReplayedEvents(Connection pg, String entryUuid, String entryKey) throws SQLException {
        try (PreparedStatement ps = pg.prepareStatement("update " + tenant.schema() + ".change_events set "
                + "journal_edit_uuid = ?::uuid, journal_object_key = ?, journaled_at = clock_timestamp(), "
                + "status = 'processed', processed_at = clock_timestamp() where transaction_id = pg_current_xact_id()")) {
            ps.setString(1, entryUuid);
            ps.setString(2, entryKey);
            ps.executeUpdate();
        }
    }

    private void insertProblem(Connection pg, long id, String problem, String column, String message)
            throws SQLException {
        try (PreparedStatement ps = pg.prepareStatement("insert into " + tenant.schema() + ".client_upload_errors "
                + "(upload_id, row_number, column_name, bad_value, problem, message, is_row_rejected) "
                + "values (?, null, ?, left(?, 200), ?, ?, false)")) {
            ps.setLong(1, id);
            ps.setString(2, column);
            ps.setString(3, column);
            ps.setString(4, problem);
            ps.setString(5, message);
            ps.executeUpdate();
        }
    }

    /** Registers the whole file as rejected with its reason, in its own transaction. */
    private void reject(Connection pg, long id, String message) throws SQLException {
        try (Statement s = pg.createStatement()) {
            s.execute("set local role " + tenant.ownerRole());
        }
        try (PreparedStatement ps = pg.prepareStatement("insert into " + tenant.schema() + ".client_upload_errors "
                + "(upload_id, row_number, problem, message, is_row_rejected) values (?, null, 'file', ?, true)")) {
            ps.setLong(1, id);
            ps.setString(2, message);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = pg.prepareStatement("update " + tenant.schema() + ".client_uploads set status = "
                + "'rejected', message = ? where id = ?")) {
            ps.setString(1, message);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
        pg.commit();
        out.printf("REJECTED: %s%nnothing of this file was applied; what earlier uploads applied stays in force%n",
                message);
    }

    private void report(Connection pg, long id, JsonNode summary) throws SQLException {
        out.printf("applied upload %d (%s): %,d rows read, %,d applied (%,d changed), %,d rejected%n", id,
                summary.path("kind").asText(), summary.path("rows_read").asLong(),
                summary.path("rows_applied").asLong(), summary.path("rows_changed").asLong(),
                summary.path("rows_rejected").asLong());
        if (summary.path("rows_removed").asLong() > 0) {
            out.printf("  %,d products of the suppliers' previous lists are no longer listed (removed)%n",
                    summary.path("rows_removed").asLong());
        }
        if (summary.path("problems").size() > 0) {
            out.println("problems by kind: " + summary.path("problems"));
            try (PreparedStatement ps = pg.prepareStatement("select coalesce(row_number::text, 'file'), "
                    + "case when is_row_rejected then 'rejected' else 'warning' end, message from "
                    + tenant.schema() + ".client_upload_errors where upload_id = ? order by row_number nulls first, "
                    + "id limit 20")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.printf("  row %s (%s): %s%n", rs.getString(1), rs.getString(2), rs.getString(3));
                    }
                }
            }
            out.printf("the whole report: select * from %s.client_upload_errors where upload_id = %d order by "
                    + "row_number%n", tenant.schema(), id);
        }
        pg.commit();
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks the header and streams rows with COPY as (upload_id, row_number, fields jsonb). */
    private final class Lander implements UploadRows {
        private final Connection pg;
        private final long id;
        private final Map<String, Boolean> columns;
        private final List<String[]> fileProblems = new ArrayList<>();
        private String[] names;
        private CopyIn copy;
        private long rows;
        private final ByteArrayOutputStream json = new ByteArrayOutputStream(256);
        private final StringBuilder line = new StringBuilder(256);

        Lander(Connection pg, long id, Map<String, Boolean> columns) {
            this.pg = pg;
            this.id = id;
            this.columns = columns;
        }

        void begin() throws SQLException {
            copy = pg.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + tenant.stagingSchema()
                    + ".client_upload_rows (upload_id, row_number, fields) from stdin (format text)");
        }

        void end() throws SQLException {
            if (names == null) {
                throw new UploadFileException("the sheet is empty: it needs a header row ("
                        + String.join(", ", columns.keySet()) + ") and data rows");
            }
            copy.endCopy();
        }

        void abort() {
            try {
                if (copy != null && copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException ignored) {
                // the transaction is rolled back anyway
            }
        }

        @Override
        public void header(List<String> cells) {
            names = new String[cells.size()];
            Set<String> seen = new java.util.HashSet<>();
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                String raw = cells.get(i);
                if (raw == null) {
                    continue;
                }
                String n = raw.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
                if (!seen.add(n)) {
                    throw new UploadFileException("column '" + raw + "' appears twice in the header: keep one");
                }
                if (columns.containsKey(n)) {
                    names[i] = n;
                } else {
                    fileProblems.add(new String[] {"unknown_column", raw, "unknown column '" + raw + "' is ignored "
                            + "(columns of this kind: " + String.join(", ", columns.keySet()) + ")"});
                }
            }
            columns.forEach((n, required) -> {
                if (required && !seen.contains(n)) {
                    missing.add(n);
                }
            });
            if (!missing.isEmpty()) {
                throw new UploadFileException("missing required column(s) " + String.join(", ", missing)
                        + " in the header (found: " + String.join(", ", cells.stream().map(String::valueOf).toList())
                        + "); the first row must name the columns: " + String.join(", ", columns.keySet()));
            }
        }

        @Override
        public void row(long rowNumber, List<String> cells) {
            try {
                json.reset();
                boolean any = false;
                try (JsonGenerator g = FACTORY.createGenerator(json)) {
                    g.writeStartObject();
                    for (int i = 0; i < Math.min(cells.size(), names.length); i++) {
                        String v = cells.get(i);
                        if (names[i] != null && v != null) {
                            g.writeStringField(names[i], v);
                            any = true;
                        }
                    }
                    g.writeEndObject();
                }
                if (!any && cells.stream().allMatch(c -> c == null)) {
                    return;
                }
                line.setLength(0);
                line.append(id).append('\t').append(rowNumber).append('\t');
                escape(json.toString(StandardCharsets.UTF_8), line);
                line.append('\n');
                byte[] b = line.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(b, 0, b.length);
                if (++rows % 250_000 == 0) {
                    out.printf("  %,d rows landed%n", rows);
                }
            } catch (IOException | SQLException e) {
                throw new UploadFileException("cannot land row " + rowNumber + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void warning(String message) {
            fileProblems.add(new String[] {"file", null, message});
        }
    }

    private static void escape(String v, StringBuilder b) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
    }
}
