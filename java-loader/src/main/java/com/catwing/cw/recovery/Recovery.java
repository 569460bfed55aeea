package com.catwing.cw.recovery;

import com.catwing.cw.Cw;
import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.load.RawLoader;
import com.catwing.cw.s3.S3Store;
import com.catwing.cw.tenant.Pipeline;
import com.catwing.cw.tenant.Scheduler;
import com.catwing.cw.tenant.Tenants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Disaster recovery (seed 002, issue 18): per-client backups streamed to S3, restore with replay of what came after,
 * full rebuild from the raw files and the UI edit journal, and the comparison of two clients. See docs/recovery.md.
 */
public final class Recovery {
    static final String HEADER = "-- cw-backup ";
    static final String TRAILER = "-- cw-backup complete";
    private static final Pattern RAW_DATE = Pattern.compile("raw-data/CW-\\d{6}/(\\d{4}-\\d{2}-\\d{2})/.*");
    private static final Pattern BACKUP_KEY = Pattern.compile(
            "db-backups/(daily|weekly)/(CW-\\d{6})/(\\d{4}-\\d{2}-\\d{2}|\\d{4}-W\\d{2})\\.sql\\.gz");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final S3Store s3;
    private final PrintStream out;

    public Recovery(Database db, S3Store s3, PrintStream out) {
        this.db = db;
        this.s3 = s3;
        this.out = out;
    }

    // ---------------------------------------------------------------- keys

    public static String dailyKey(Tenant t, LocalDate day) {
        return "db-backups/daily/" + t.code() + "/" + day + ".sql.gz";
    }

    public static String weeklyKey(Tenant t, LocalDate day) {
        return String.format("db-backups/weekly/%s/%d-W%02d.sql.gz", t.code(),
                day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public static String journalPrefix(Tenant t) {
        return "ui-edits/" + t.code() + "/";
    }

    /** A stored backup. */
    public record BackupInfo(String key, String kind, String client, String label, long size) {
    }

    /** Backups in S3, of one client or (code null) of all, oldest first per kind. */
    public List<BackupInfo> list(String code) {
        List<BackupInfo> all = new ArrayList<>();
        for (String kind : List.of("daily", "weekly")) {
            String prefix = "db-backups/" + kind + "/" + (code == null ? "" : Tenant.of(code).code() + "/");
            s3.list(prefix).forEach(o -> {
                Matcher m = BACKUP_KEY.matcher(o.key());
                if (m.matches()) {
                    all.add(new BackupInfo(o.key(), m.group(1), m.group(2), m.group(3), o.size()));
                }
            });
        }
        return all;
    }

    // ---------------------------------------------------------------- backup

    /** Settings of the backup section of cw_global.clients.settings (docs/recovery.md). */
    record BackupSettings(int dailyKeepDays, int weeklyKeepWeeks, int weeklyDay) {
    }

    BackupSettings backupSettings(Tenant t) {
        // The catalog (cw_global.setting_definitions, section backup) validates the overrides and fills the defaults.
        String sql = """
                select (values ->> 'daily_keep_days')::integer, (values ->> 'weekly_keep_weeks')::integer,
                       (values ->> 'weekly_day')::integer
                from (select cw_global.section_settings('backup', clients.settings -> 'backup', clients.code) as values
                      from cw_global.clients where code = ?) as backup""";
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, t.code());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new BackupSettings(rs.getInt(1), rs.getInt(2), rs.getInt(3));
            }
        } catch (SQLException e) {
            throw new CwException("invalid backup settings of " + t.code() + ": " + Cw.Errors.oneLine(e), 2);
        }
    }

    /** What a backup did. */
    public record BackupResult(String key, String weeklyKey, long bytes, double seconds, List<String> deleted) {
    }

    /**
     * Dumps one client (its three schemas with pg_dump, its cw_global rows, its pg_cron job) as gzip-compressed SQL
     * streamed to S3 (multipart upload: no local copy; nothing is visible under the key unless complete), then
     * applies the retention setting.
     */
    public BackupResult backup(String code, LocalDate dayOrNull) {
        Tenant t = Tenants.require(db, code);
        flushJournal(t);
        BackupSettings settings = backupSettings(t);
        long t0 = System.nanoTime();
        ObjectNode header = JSON.createObjectNode();
        LocalDate day;
        try (Connection c = db.connect()) {
            try (ResultSet rs = c.createStatement().executeQuery("select " + t.schema() + ".client_today(), "
                    + "(select max(run_date) from " + t.schema() + ".pipeline_runs), "
                    + "cw_global.client_registry_rows('" + t.code() + "')::text")) {
                rs.next();
                day = dayOrNull != null ? dayOrNull : rs.getObject(1, LocalDate.class);
                header.put("format", 1);
                header.put("client", t.code());
                header.put("backup_date", day.toString());
                header.put("taken_at", Instant.now().toString());
                header.put("last_run_date", rs.getString(2));
                header.set("registry", JSON.readTree(rs.getString(3)));
            }
        } catch (SQLException | IOException e) {
            throw new CwException("backup of " + t.code() + " failed: " + Cw.Errors.oneLine(e), 3);
        }
        header.set("cron", cronJob(t).orElse(null));
        String key = dailyKey(t, day);
        out.printf("backup of %s (%s, %s, %s) -> s3://%s/%s%n", t.code(), t.schema(), t.stagingSchema(),
                t.statsSchema(), s3.bucket(), key);
        ProcessBuilder pb = new ProcessBuilder("pg_dump", "--dbname=" + db.url(), "--format=plain",
                "--no-unlogged-table-data", "--schema=" + t.schema(), "--schema=" + t.stagingSchema(),
                "--schema=" + t.statsSchema());
        pb.redirectError(ProcessBuilder.Redirect.PIPE);
        if (db.password() != null) {
            pb.environment().put("PGPASSWORD", db.password());
        }
        long bytes;
        S3Store.Upload upload = s3.upload(key);
        try {
            Process p = pb.start();
            StreamCollector err = new StreamCollector(p.getErrorStream());
            CountingOutputStream counted = new CountingOutputStream(upload);
            GZIPOutputStream gz = new GZIPOutputStream(counted, 1 << 16);
            gz.write((HEADER + JSON.writeValueAsString(header) + "\n").getBytes(StandardCharsets.UTF_8));
            byte[] buf = new byte[1 << 16];
            long raw = 0;
            long nextReport = 64L << 20;
            try (InputStream in = p.getInputStream()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    gz.write(buf, 0, n);
                    raw += n;
                    if (raw >= nextReport) {
                        out.printf("  %,d MB dumped, %,d MB compressed, %.0f s%n", raw >> 20, counted.count >> 20,
                                (System.nanoTime() - t0) / 1e9);
                        nextReport += 64L << 20;
                    }
                }
            }
            int rc = p.waitFor();
            if (rc != 0) {
                upload.abort();
                throw new CwException("pg_dump of " + t.code() + " failed (exit " + rc + "): " + err.text().trim()
                        + "; nothing was written to S3", 3);
            }
            gz.write(("\n" + TRAILER + "\n").getBytes(StandardCharsets.UTF_8));
            gz.finish();
            gz.flush();
            upload.close();
            bytes = counted.count;
        } catch (IOException e) {
            upload.abort();
            throw new CwException("backup of " + t.code() + " failed: " + e.getMessage() + " (is pg_dump 15 on the "
                    + "PATH?); nothing was written to S3", 3);
        } catch (InterruptedException e) {
            upload.abort();
            Thread.currentThread().interrupt();
            throw new CwException("backup of " + t.code() + " interrupted; nothing was written to S3", 1);
        } catch (RuntimeException e) {
            upload.abort();
            throw e;
        }
        String weekly = null;
        if (day.getDayOfWeek().getValue() == settings.weeklyDay() && settings.weeklyKeepWeeks() > 0) {
            weekly = weeklyKey(t, day);
            try (InputStream in = s3.get(key); S3Store.Upload w = s3.upload(weekly)) {
                in.transferTo(w);
            } catch (IOException e) {
                throw new CwException("copying the backup to " + weekly + " failed: " + e.getMessage(), 3);
            }
        }
        List<String> deleted = applyRetention(t, day, settings);
        return new BackupResult(key, weekly, bytes, (System.nanoTime() - t0) / 1e9, deleted);
    }

    /** Deletes daily backups older than daily_keep_days and weekly ones older than weekly_keep_weeks. */
    List<String> applyRetention(Tenant t, LocalDate day, BackupSettings s) {
        List<String> deleted = new ArrayList<>();
        LocalDate dailyCut = day.minusDays(s.dailyKeepDays() - 1L);
        LocalDate weeklyCut = day.minusWeeks(s.weeklyKeepWeeks());
        for (BackupInfo b : list(t.code())) {
            boolean old;
            if (b.kind().equals("daily")) {
                old = LocalDate.parse(b.label()).isBefore(dailyCut);
            } else {
                String[] yw = b.label().split("-W");
                LocalDate monday = LocalDate.of(Integer.parseInt(yw[0]), 1, 4)
                        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(yw[1]))
                        .with(java.time.DayOfWeek.MONDAY);
                old = !monday.isAfter(weeklyCut.with(java.time.DayOfWeek.MONDAY).minusDays(1));
            }
            if (old) {
                s3.delete(b.key());
                deleted.add(b.key());
            }
        }
        return deleted;
    }

    private Optional<JsonNode> cronJob(Tenant t) {
        try {
            String name = Scheduler.jobName(t);
            return new Scheduler(db).list().stream().filter(j -> j.name().equals(name)).findFirst()
                    .map(j -> (JsonNode) JSON.createObjectNode().put("schedule", j.schedule()).put("active", j.active()));
        } catch (RuntimeException e) {
            out.println("  note: pg_cron not reachable, the backup carries no schedule: " + e.getMessage());
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- journal of UI edits

    /**
     * Copies the client's UI edits not yet in S3 into new objects (append-only): the change events not yet journaled
     * (format 2), and rows of the old journal table ui_edits written before change_events became the source
     * (format 1); returns how many edits.
     */
    public int flushJournal(Tenant t) {
        return flushLegacyJournal(t) + flushChangeEvents(t);
    }

    /** The change events not yet in S3, as journal entries of format 2, into one new object. */
    int flushChangeEvents(Tenant t) {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement lock = c.createStatement()) {
                lock.execute("select id from " + t.schema() + ".change_events where journal_object_key is null "
                        + "and journal_edit_uuid is null for update");
            }
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            List<Long> ids = new ArrayList<>();
            List<String> uuids = new ArrayList<>();
            String firstUuid = null;
            LocalDate editDay = null;
            int n = 0;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select event_ids, edit_uuid, "
                    + "edited_at, edited_by, table_name, operation, row_key::text, changes::text, after_run_date from "
                    + t.schema() + ".ui_edit_journal_pending()")) {
                while (rs.next()) {
                    String uuid = rs.getString(2);
                    java.time.OffsetDateTime at = rs.getObject(3, java.time.OffsetDateTime.class);
                    if (firstUuid == null) {
                        firstUuid = uuid;
                        editDay = at.toLocalDate();
                    }
                    for (Long id : (Long[]) rs.getArray(1).getArray()) {
                        ids.add(id);
                        uuids.add(uuid);
                    }
                    ObjectNode e = JSON.createObjectNode();
                    e.put("format", 2);
                    e.put("edit_uuid", uuid);
                    e.put("edited_at", at.toString());
                    e.put("edited_by", rs.getString(4));
                    e.put("table_name", rs.getString(5));
                    e.put("operation", rs.getString(6));
                    e.set("row_key", JSON.readTree(rs.getString(7)));
                    e.set("changes", JSON.readTree(rs.getString(8)));
                    e.put("after_run_date", rs.getString(9));
                    buf.write(JSON.writeValueAsBytes(e));
                    buf.write('\n');
                    n++;
                }
            }
            if (n == 0) {
                c.rollback();
                return 0;
            }
            String key = journalPrefix(t) + editDay + "/" + Instant.now().toString().replace(":", "") + "-" + firstUuid
                    + ".jsonl";
            s3.put(key, buf.toByteArray());
            try (PreparedStatement ps = c.prepareStatement("update " + t.schema() + ".change_events as events "
                    + "set journal_edit_uuid = journaled.edit_uuid, journal_object_key = ?, "
                    + "journaled_at = clock_timestamp() "
                    + "from unnest(?::bigint[], ?::uuid[]) as journaled (id, edit_uuid) where events.id = journaled.id")) {
                ps.setString(1, key);
                ps.setArray(2, c.createArrayOf("bigint", ids.toArray()));
                ps.setArray(3, c.createArrayOf("uuid", uuids.toArray()));
                ps.executeUpdate();
            }
            c.commit();
            out.printf("journal: %d UI edit(s) of %s copied to s3://%s/%s%n", n, t.code(), s3.bucket(), key);
            return n;
        } catch (SQLException | IOException e) {
            throw new CwException("copying the UI edit journal of " + t.code() + " to S3 failed: "
                    + Cw.Errors.oneLine(e), 3);
        }
    }

    /** Rows of the old journal table ui_edits not yet in S3 (format 1), into one new object. */
    int flushLegacyJournal(Tenant t) {
        String select = "select id, edit_uuid, edited_at, edited_by, table_name, row_key::text, changes::text, "
                + "after_run_date from " + t.schema() + ".ui_edits where object_key is null order by id";
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            long first = -1;
            long last = -1;
            String firstUuid = null;
            int n = 0;
            LocalDate editDay = null;
            try (PreparedStatement ps = c.prepareStatement(select + " for update")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (first < 0) {
                            first = rs.getLong(1);
                            firstUuid = rs.getString(2);
                            editDay = rs.getObject(3, java.time.OffsetDateTime.class).toLocalDate();
                        }
                        last = rs.getLong(1);
                        ObjectNode e = JSON.createObjectNode();
                        e.put("edit_uuid", rs.getString(2));
                        e.put("edited_at", rs.getObject(3, java.time.OffsetDateTime.class).toString());
                        e.put("edited_by", rs.getString(4));
                        e.put("table_name", rs.getString(5));
                        e.set("row_key", JSON.readTree(rs.getString(6)));
                        e.set("changes", JSON.readTree(rs.getString(7)));
                        e.put("after_run_date", rs.getString(8));
                        buf.write(JSON.writeValueAsBytes(e));
                        buf.write('\n');
                        n++;
                    }
                }
            }
            if (n == 0) {
                c.rollback();
                return 0;
            }
            String key = journalPrefix(t) + editDay + "/" + Instant.now().toString().replace(":", "") + "-" + firstUuid
                    + ".jsonl";
            s3.put(key, buf.toByteArray());
            try (PreparedStatement ps = c.prepareStatement("update " + t.schema() + ".ui_edits set object_key = ?, "
                    + "exported_at = clock_timestamp() where id between ? and ? and object_key is null")) {
                ps.setString(1, key);
                ps.setLong(2, first);
                ps.setLong(3, last);
                ps.executeUpdate();
            }
            c.commit();
            out.printf("journal: %d UI edit(s) of %s copied to s3://%s/%s%n", n, t.code(), s3.bucket(), key);
            return n;
        } catch (SQLException | IOException e) {
            throw new CwException("copying the UI edit journal of " + t.code() + " to S3 failed: "
                    + Cw.Errors.oneLine(e), 3);
        }
    }

    /** A journaled UI edit as read from S3. */
    record Edit(String uuid, String editedAt, String editedBy, String table, String rowKey, String changes,
                LocalDate afterRunDate, String objectKey, String operation) {
    }

    /** Every journaled edit of a client in S3, deduplicated by uuid, in (after_run_date, edited_at) order. */
    List<Edit> readJournal(Tenant t) {
        Map<String, Edit> byUuid = new LinkedHashMap<>();
        s3.list(journalPrefix(t)).forEach(o -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(s3.get(o.key()), StandardCharsets.UTF_8))) {
                int lineNo = 0;
                for (String line; (line = r.readLine()) != null; ) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode e;
                    try {
                        e = JSON.readTree(line);
                    } catch (IOException bad) {
                        throw new CwException("corrupt UI edit journal object s3://" + s3.bucket() + "/" + o.key()
                                + " line " + lineNo + ": " + bad.getMessage(), 2);
                    }
                    int format = e.path("format").asInt(1);
                    if (format > 3) {
                        throw new CwException("UI edit journal object s3://" + s3.bucket() + "/" + o.key() + " line "
                                + lineNo + " has format " + format + ", newer than this cw (1 to 3): upgrade cw", 2);
                    }
                    String after = e.path("after_run_date").isNull() ? null : e.path("after_run_date").asText(null);
                    byUuid.putIfAbsent(e.get("edit_uuid").asText(), new Edit(e.get("edit_uuid").asText(),
                            e.get("edited_at").asText(), e.get("edited_by").asText(), e.get("table_name").asText(),
                            e.get("row_key").toString(), e.get("changes").toString(),
                            after == null ? null : LocalDate.parse(after), o.key(),
                            e.path("operation").asText("update")));
                }
            } catch (IOException e) {
                throw new CwException("cannot read s3://" + s3.bucket() + "/" + o.key() + ": " + e.getMessage(), 3);
            }
        });
        List<Edit> edits = new ArrayList<>(byUuid.values());
        edits.sort(Comparator.comparing((Edit e) -> e.afterRunDate() == null ? LocalDate.MIN : e.afterRunDate())
                .thenComparing(Edit::editedAt));
        return edits;
    }

    /** Applies the journaled edits made after runs before {@code before} (all when null); returns how many applied. */
    int applyEdits(Tenant target, List<Edit> edits, LocalDate before) {
        int applied = 0;
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("select " + target.schema()
                + ".apply_ui_edit(?::uuid, ?::timestamptz, ?, ?, ?::jsonb, ?::jsonb, ?::date, ?, ?)")) {
            for (java.util.Iterator<Edit> it = edits.iterator(); it.hasNext(); ) {
                Edit e = it.next();
                if (before != null && e.afterRunDate() != null && !e.afterRunDate().isBefore(before)) {
                    continue;
                }
                if (e.operation().equals("upload")) {
                    applied += applyUpload(c, target, e);
                    it.remove();
                    continue;
                }
                ps.setString(1, e.uuid());
                ps.setString(2, e.editedAt());
                ps.setString(3, e.editedBy());
                ps.setString(4, e.table());
                ps.setString(5, e.rowKey());
                ps.setString(6, e.changes());
                ps.setObject(7, e.afterRunDate());
                ps.setString(8, e.objectKey());
                ps.setString(9, e.operation());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    applied += rs.getInt(1);
                }
                it.remove();
            }
        } catch (SQLException e) {
            throw new CwException("replaying UI edits into " + target.code() + " failed: " + Cw.Errors.oneLine(e), 3);
        }
        return applied;
    }

    /**
     * Replays a journaled upload (format 3): the file stored in S3 applied again with cw upload's code, unless this
     * client already registered it (a restored backup that holds it). Returns 1 when applied.
     */
    private int applyUpload(Connection c, Tenant target, Edit e) throws SQLException {
        JsonNode key;
        JsonNode changes;
        try {
            key = JSON.readTree(e.rowKey());
            changes = JSON.readTree(e.changes());
        } catch (IOException bad) {
            throw new CwException("corrupt upload entry " + e.uuid() + " in s3://" + s3.bucket() + "/" + e.objectKey()
                    + ": " + bad.getMessage(), 2);
        }
        String s3Key = key.path("s3_key").asText(null);
        if (s3Key == null || changes.path("kind").isMissingNode() || changes.path("file_name").isMissingNode()) {
            throw new CwException("corrupt upload entry " + e.uuid() + " in s3://" + s3.bucket() + "/" + e.objectKey()
                    + ": it needs row_key.s3_key, changes.kind and changes.file_name", 2);
        }
        try (PreparedStatement ps = c.prepareStatement("select from " + target.schema() + ".client_uploads "
                + "where s3_key = ?")) {
            ps.setString(1, s3Key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return 0;
                }
            }
        }
        String sheet = changes.path("sheet_name").isNull() ? null : changes.path("sheet_name").asText(null);
        String date = changes.path("file_date").isNull() ? null : changes.path("file_date").asText(null);
        new com.catwing.cw.upload.ClientUpload(db, s3, target, new PrintStream(OutputStream.nullOutputStream()))
                .replay(s3Key, changes.get("kind").asText(), changes.get("file_name").asText(), sheet,
                        date == null ? null : LocalDate.parse(date), e.uuid(), e.objectKey());
        return 1;
    }

    // ---------------------------------------------------------------- replay

    /** Dates that have raw files under raw-data/{client}/, in order. */
    public TreeSet<LocalDate> rawDates(Tenant source) {
        TreeSet<LocalDate> dates = new TreeSet<>();
        s3.list("raw-data/" + source.code() + "/").forEach(o -> {
            Matcher m = RAW_DATE.matcher(o.key());
            if (m.matches()) {
                dates.add(LocalDate.parse(m.group(1)));
            }
        });
        return dates;
    }

    /** One replayed day. */
    public record DayReplay(LocalDate date, long records, int files, int edits, String status, double seconds) {
    }

    /** Loads and runs a client's own raw files of the given dates in order (no UI edits); one line per day. */
    public List<DayReplay> replayDays(Tenant t, List<LocalDate> dates) {
        return replay(t, t, dates, new ArrayList<>());
    }

    /** Loads, applies due UI edits and runs the pipeline for each date in order; prints one line per day. */
    List<DayReplay> replay(Tenant target, Tenant source, List<LocalDate> dates, List<Edit> edits) {
        List<DayReplay> days = new ArrayList<>();
        Pipeline pipeline = new Pipeline(db, new PrintStream(OutputStream.nullOutputStream()));
        int i = 0;
        for (LocalDate d : dates) {
            i++;
            long t0 = System.nanoTime();
            int applied = applyEdits(target, edits, d);
            RawLoader.Summary sum = new RawLoader(db, s3, target, new PrintStream(OutputStream.nullOutputStream()))
                    .source(source.code()).load(d, d);
            String status = "succeeded";
            try {
                pipeline.run(target.code(), d, null, null, null);
            } catch (CwException e) {
                if (e.exitCode() != 4) {
                    throw e;
                }
                status = "stopped/failed: " + e.getMessage();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            days.add(new DayReplay(d, sum.records, sum.loaded, applied, status, secs));
            out.printf("  [%d/%d] %s  %3d file(s) %,9d records  %2d UI edit(s)  %6.1f s  %s%n", i, dates.size(), d,
                    sum.loaded, sum.records, applied, secs, status.length() > 90 ? status.substring(0, 89) + "…" : status);
        }
        int rest = applyEdits(target, edits, null);
        if (rest > 0) {
            out.printf("  %d UI edit(s) made after the last run applied%n", rest);
        }
        return days;
    }

    // ---------------------------------------------------------------- restore

    /** The latest daily backup of a client. */
    public String latestBackup(Tenant t) {
        return list(t.code()).stream().filter(b -> b.kind().equals("daily")).map(BackupInfo::key)
                .max(Comparator.naturalOrder())
                .orElseThrow(() -> new CwException("no backup of " + t.code() + " under s3://" + s3.bucket()
                        + "/db-backups/daily/" + t.code() + "/ (take one with: cw backup " + t.code()
                        + ", or rebuild from the raw files: cw rebuild " + t.code() + ")", 2));
    }

    /** What a restore did. */
    public record RestoreResult(String key, LocalDate lastRunDate, List<DayReplay> replayed, double restoreSeconds,
                                double replaySeconds) {
    }

    /**
     * Restores a backup in one transaction (the client's schemas are replaced only when the whole dump applied),
     * brings the schemas to the current migrations, puts back the pg_cron job, then replays every raw file dated
     * after the backup's last run in date order with the UI edits made since, and runs the pipeline for each date.
     */
    public RestoreResult restore(String code, String keyOrNull, boolean replay) {
        Tenant t = Tenant.of(code);
        String key = keyOrNull != null ? keyOrNull : latestBackup(t);
        if (!s3.exists(key)) {
            throw new CwException("no backup at s3://" + s3.bucket() + "/" + key + " (list them with: cw backup --list "
                    + t.code() + ")", 2);
        }
        JsonNode header = readHeader(key);
        if (!t.code().equals(header.path("client").asText())) {
            throw new CwException("s3://" + s3.bucket() + "/" + key + " is a backup of " + header.path("client").asText()
                    + ", not of " + t.code() + "; nothing was changed", 2);
        }
        long t0 = System.nanoTime();
        boolean registered = new Tenants(db, new PrintStream(OutputStream.nullOutputStream())).exists(t.code());
        if (!registered) {
            JsonNode reg = header.get("registry");
            out.printf("client %s is not registered: creating its registry row, roles and schemas first%n", t.code());
            try (Connection c = db.connect(); CallableStatement cs = c.prepareCall(
                    "call cw_global.provision_client(?, ?, ?, ?, ?)")) {
                cs.setString(1, t.code());
                cs.setString(2, reg.get("name").asText());
                cs.setString(3, reg.get("currency").asText());
                cs.setString(4, reg.get("timezone").asText());
                cs.setString(5, reg.get("erp_dialect").asText());
                cs.execute();
            } catch (SQLException e) {
                throw new CwException("cannot register " + t.code() + " for the restore: " + Cw.Errors.oneLine(e), 2);
            }
        }
        out.printf("restoring %s from s3://%s/%s (taken %s, last run %s)%n", t.code(), s3.bucket(), key,
                header.path("taken_at").asText(), header.path("last_run_date").asText());
        try {
            applyDump(t, key, header);
        } catch (RuntimeException e) {
            if (!registered) {
                try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("call cw_global.drop_client(?)")) {
                    ps.setString(1, t.code());
                    ps.execute();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        new Migrator(db).migrateTenant(t.code());
        JsonNode cron = header.get("cron");
        if (cron != null && !cron.isNull()) {
            new Scheduler(db).schedule(t.code(), cron.get("schedule").asText());
            out.printf("pg_cron job %s back: '%s'%n", Scheduler.jobName(t), cron.get("schedule").asText());
        }
        double restoreSeconds = (System.nanoTime() - t0) / 1e9;
        out.printf("restored in %.1f s%n", restoreSeconds);
        LocalDate lastRun = lastRunDate(t);
        List<DayReplay> days = List.of();
        long t1 = System.nanoTime();
        if (replay) {
            List<LocalDate> after = rawDates(t).stream().filter(d -> lastRun == null || d.isAfter(lastRun)).toList();
            List<Edit> edits = readJournal(t);
            out.printf("replaying %d day(s) of raw files after %s%n", after.size(), lastRun);
            days = replay(t, t, after, edits);
        }
        return new RestoreResult(key, lastRun, days, restoreSeconds, (System.nanoTime() - t1) / 1e9);
    }

    LocalDate lastRunDate(Tenant t) {
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                "select max(run_date) from " + t.schema() + ".pipeline_runs")) {
            rs.next();
            return rs.getObject(1, LocalDate.class);
        } catch (SQLException e) {
            throw new CwException("cannot read the runs of " + t.code() + ": " + Cw.Errors.oneLine(e), 3);
        }
    }

    private JsonNode readHeader(String key) {
        try (InputStream in = new GZIPInputStream(s3.get(key), 1 << 16)) {
            StringBuilder sb = new StringBuilder();
            for (int b; (b = in.read()) >= 0 && b != '\n' && sb.length() < 1_000_000; ) {
                sb.append((char) b);
            }
            String line = new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            if (!line.startsWith(HEADER)) {
                throw new CwException("s3://" + s3.bucket() + "/" + key + " is not a cw backup (no '" + HEADER.trim()
                        + "' header line); nothing was changed", 2);
            }
            return JSON.readTree(line.substring(HEADER.length()));
        } catch (IOException e) {
            throw new CwException("s3://" + s3.bucket() + "/" + key + " is not a readable gzip-compressed cw backup: "
                    + e.getMessage() + "; nothing was changed", 2);
        }
    }

    /** Feeds the dump to psql inside one transaction that first drops the client's schemas; commits only when whole. */
    private void applyDump(Tenant t, String key, JsonNode header) {
        ProcessBuilder pb = new ProcessBuilder("psql", "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1",
                "--dbname=" + db.url());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (db.password() != null) {
            pb.environment().put("PGPASSWORD", db.password());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new CwException("cannot start psql (PostgreSQL 15 client on the PATH?): " + e.getMessage(), 3);
        }
        StreamCollector err = new StreamCollector(p.getErrorStream());
        String problem = null;
        long bytes = 0;
        long t0 = System.nanoTime();
        try (OutputStream sql = p.getOutputStream();
             InputStream in = new GZIPInputStream(s3.get(key), 1 << 16)) {
            sql.write(("set client_min_messages = warning;\nbegin;\n"
                    + "select pg_advisory_xact_lock(17239, " + t.number() + ");\n"
                    + "drop schema if exists " + t.schema() + ", " + t.stagingSchema() + ", " + t.statsSchema()
                    + " cascade;\n").getBytes(StandardCharsets.UTF_8));
            byte[] buf = new byte[1 << 16];
            byte[] tail = new byte[0];
            long nextReport = 64L << 20;
            for (int n; (n = in.read(buf)) > 0; ) {
                sql.write(buf, 0, n);
                bytes += n;
                byte[] joined = new byte[Math.min(tail.length + n, 64)];
                int fromTail = Math.max(0, joined.length - n);
                System.arraycopy(tail, tail.length - fromTail, joined, 0, fromTail);
                System.arraycopy(buf, n - (joined.length - fromTail), joined, fromTail, joined.length - fromTail);
                tail = joined;
                if (bytes >= nextReport) {
                    out.printf("  %,d MB restored, %.0f s%n", bytes >> 20, (System.nanoTime() - t0) / 1e9);
                    nextReport += 64L << 20;
                }
            }
            if (!new String(tail, StandardCharsets.UTF_8).trim().endsWith(TRAILER)) {
                problem = "the dump is truncated (no '" + TRAILER + "' line at its end)";
            } else {
                sql.write(("\nset search_path = pg_catalog;\ncall cw_global.restore_client_registry('" + t.code()
                        + "', " + dollarQuote(header.get("registry").toString()) + "::jsonb);\ncommit;\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            problem = e.getMessage();
        }
        int rc;
        try {
            if (problem != null) {
                p.destroy();
            }
            rc = p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new CwException("restore interrupted; the transaction was rolled back", 1);
        }
        String psqlError = err.text().trim();
        if (problem != null || rc != 0) {
            throw new CwException("restore of " + t.code() + " from s3://" + s3.bucket() + "/" + key + " failed, "
                    + "nothing was changed (one transaction, rolled back): "
                    + (problem != null ? "corrupt dump: " + problem : "")
                    + (psqlError.isEmpty() ? "" : (problem != null ? "; " : "") + firstLines(psqlError, 3)), 2);
        }
    }

    private static String firstLines(String s, int n) {
        String[] lines = java.util.Arrays.stream(s.split("\n")).filter(l -> !l.startsWith("NOTICE")
                && !l.startsWith("DETAIL:  drop cascades")).toArray(String[]::new);
        return String.join(" | ", java.util.Arrays.copyOf(lines, Math.min(n, lines.length)));
    }

    private static String dollarQuote(String s) {
        String tag = "$cw_registry$";
        if (s.contains(tag)) {
            throw new CwException("registry rows contain " + tag, 1);
        }
        return tag + s + tag;
    }

    // ---------------------------------------------------------------- rebuild

    /** What a rebuild did. */
    public record RebuildResult(Tenant target, List<DayReplay> days, double seconds) {
    }

    /**
     * Option B: an empty client from the migrations, every raw file of the source replayed in date order with the
     * journaled UI edits, the pipeline run for every date. In place (target = source) the client's schemas are
     * dropped and created again; its registry settings and pg_cron job are kept.
     */
    public RebuildResult rebuild(String sourceCode, String targetCode) {
        Tenant source = Tenants.require(db, sourceCode);
        Tenant target = targetCode == null ? source : Tenant.of(targetCode);
        Tenants tenants = new Tenants(db, new PrintStream(OutputStream.nullOutputStream()));
        boolean inPlace = target.equals(source);
        if (!inPlace && tenants.exists(target.code())) {
            throw new CwException("target client " + target.code() + " already exists; a rebuild goes into a new "
                    + "client (drop it first with: cw tenant drop " + target.code() + " --yes); nothing was changed", 2);
        }
        TreeSet<LocalDate> dates = rawDates(source);
        if (dates.isEmpty()) {
            throw new CwException("no raw files under s3://" + s3.bucket() + "/raw-data/" + source.code()
                    + "/: nothing to rebuild from; nothing was changed", 2);
        }
        try {
            flushJournal(source);
        } catch (CwException e) {
            out.println("note: the journal of " + source.code() + " could not be flushed (" + e.getMessage()
                    + "); rebuilding from what S3 holds");
        }
        List<Edit> edits = readJournal(source);
        JsonNode registry;
        Optional<JsonNode> cron = cronJob(source);
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                "select cw_global.client_registry_rows('" + source.code() + "')::text")) {
            rs.next();
            registry = JSON.readTree(rs.getString(1));
        } catch (SQLException | IOException e) {
            throw new CwException("cannot read the registry row of " + source.code() + ": " + Cw.Errors.oneLine(e), 3);
        }
        long t0 = System.nanoTime();
        out.printf("rebuilding %s%s from %d day(s) of raw files (%s .. %s) and %d journaled UI edit(s)%n",
                source.code(), inPlace ? " in place" : " into " + target.code(), dates.size(), dates.first(),
                dates.last(), edits.size());
        if (inPlace) {
            new Scheduler(db).removeIfPresent(source.code());
            tenants.drop(source.code());
        }
        tenants.create(target.code(), registry.get("name").asText(), registry.get("currency").asText(),
                registry.get("timezone").asText(), registry.get("erp_dialect").asText());
        ObjectNode targetRows = registry.deepCopy();
        targetRows.put("code", target.code());
        if (!inPlace) {
            targetRows.set("users", JSON.createArrayNode()); // user e-mails are unique: people stay with the source
        }
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "call cw_global.restore_client_registry(?, ?::jsonb)")) {
            ps.setString(1, target.code());
            ps.setString(2, targetRows.toString());
            ps.execute();
        } catch (SQLException e) {
            throw new CwException("cannot copy the settings of " + source.code() + ": " + Cw.Errors.oneLine(e), 3);
        }
        if (inPlace && cron.isPresent()) {
            new Scheduler(db).schedule(target.code(), cron.get().get("schedule").asText());
        }
        List<DayReplay> days = replay(target, source, new ArrayList<>(dates), edits);
        double secs = (System.nanoTime() - t0) / 1e9;
        long records = days.stream().mapToLong(DayReplay::records).sum();
        out.printf("rebuilt %s in %.1f s: %d day(s), %,d records, %.2f s per replayed day%n", target.code(), secs,
                days.size(), records, days.isEmpty() ? 0 : secs / days.size());
        return new RebuildResult(target, days, secs);
    }

    // ---------------------------------------------------------------- onboarding

    /** What an onboarding did. */
    public record OnboardResult(LocalDate date, int files, long records, String status, double loadSeconds,
                                double runSeconds, long demandRows, LocalDate firstDemandDate) {
    }

    /**
     * Onboarding with history (issue 18 point 4, docs/recovery.md): a new client's initial export — one date whose
     * order files hold every past order — loaded in one load and computed in one pipeline run for the whole client:
     * step 5's first run covers every date from the first order to the export date, and everything after it is
     * computed over that history. Refused when the client already has pipeline runs (its next exports are daily runs).
     */
    public OnboardResult onboard(String code, LocalDate dateOrNull) {
        Tenant t = Tenants.require(db, code);
        LocalDate lastRun = lastRunDate(t);
        if (lastRun != null) {
            throw new CwException(t.code() + " already has pipeline runs (the last for " + lastRun + "): onboarding is "
                    + "a client's first load; load and run its next exports day by day (cw ingest, cw run); nothing "
                    + "was changed", 2);
        }
        TreeSet<LocalDate> dates = rawDates(t);
        LocalDate date = dateOrNull != null ? dateOrNull : dates.isEmpty() ? null : dates.first();
        if (date == null || !dates.contains(date)) {
            throw new CwException("no raw files under s3://" + s3.bucket() + "/raw-data/" + t.code() + "/"
                    + (date == null ? "" : date + "/") + ": nothing to onboard; nothing was changed", 2);
        }
        if (!dates.headSet(date).isEmpty()) {
            out.printf("note: %d earlier export date(s) in S3 (from %s) are not loaded: onboarding loads %s alone%n",
                    dates.headSet(date).size(), dates.first(), date);
        }
        out.printf("onboarding %s from its initial export of %s%n", t.code(), date);
        long t0 = System.nanoTime();
        RawLoader.Summary sum = new RawLoader(db, s3, t, new PrintStream(OutputStream.nullOutputStream()))
                .load(date, date);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        out.printf("  ingest: %d file(s), %,d records in %.1f s%n", sum.loaded, sum.records, loadSeconds);
        long t1 = System.nanoTime();
        String status = "succeeded";
        try {
            // one run for the whole client (no scope): every date of the batch is computed
            new Pipeline(db, out).run(t.code(), date, null, null, null);
        } catch (CwException e) {
            if (e.exitCode() != 4) {
                throw e;
            }
            status = "stopped/failed: " + e.getMessage();
        }
        learnTradingCalendar(t, date);
        double runSeconds = (System.nanoTime() - t1) / 1e9;
        long rows;
        LocalDate first;
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(
                "select count(*), min(demand_date) from " + t.schema() + ".demand_history")) {
            rs.next();
            rows = rs.getLong(1);
            first = rs.getObject(2, LocalDate.class);
        } catch (SQLException e) {
            throw new CwException("cannot read the demand history of " + t.code() + ": " + Cw.Errors.oneLine(e), 3);
        }
        out.printf("onboarded %s in %.1f s (load %.1f s, run %.1f s): %,d demand history rows from %s to %s; run %s%n",
                t.code(), loadSeconds + runSeconds, loadSeconds, runSeconds, rows, first, date, status);
        return new OnboardResult(date, sum.loaded, sum.records, status, loadSeconds, runSeconds, rows, first);
    }

    /**
     * The trading calendar of an onboarded client. The quality gate learns it (learn_trading_weekdays) from the sales
     * already in production, before it judges the day; in the one onboarding run the gate comes before the load of
     * the whole history, so it found no sales and learned nothing. The day-by-day client's last gate learned it from
     * the sales up to the day before the export date: the same learning, after the run, gives the same rows.
     */
    private void learnTradingCalendar(Tenant t, LocalDate exportDate) {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "select " + t.schema() + ".learn_trading_weekdays(?)")) {
            ps.setObject(1, exportDate.minusDays(1));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                out.printf("  trading calendar learned from the history up to %s: %d row(s)%n", exportDate.minusDays(1),
                        rs.getInt(1));
            }
        } catch (SQLException e) {
            throw new CwException("learning the trading calendar of " + t.code() + " failed: "
                    + Cw.Errors.oneLine(e), 3);
        }
    }

    // ---------------------------------------------------------------- verify

    /** One table of a comparison. */
    public record TableDiff(String kind, String table, long rowsA, long rowsB, boolean equal) {
    }

    /** Compares two clients table by table (cw_global.client_table_checksums, run once per client). */
    public List<TableDiff> verify(String codeA, String codeB) {
        Tenant a = Tenants.require(db, codeA);
        Tenant b = Tenants.require(db, codeB);
        Map<String, String[]> sumsA = checksums(a);
        Map<String, String[]> sumsB = checksums(b);
        TreeSet<String> tables = new TreeSet<>(sumsA.keySet());
        tables.addAll(sumsB.keySet());
        List<TableDiff> diffs = new ArrayList<>();
        for (String table : tables) {
            String[] x = sumsA.get(table);
            String[] y = sumsB.get(table);
            String[] kt = table.split("\\.", 2);
            diffs.add(new TableDiff(kt[0], kt[1], x == null ? -1 : Long.parseLong(x[0]),
                    y == null ? -1 : Long.parseLong(y[0]), x != null && y != null && x[1].equals(y[1])));
        }
        return diffs;
    }

    private Map<String, String[]> checksums(Tenant t) {
        Map<String, String[]> sums = new LinkedHashMap<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "select schema_kind, table_name, row_count, checksum from cw_global.client_table_checksums(?)")) {
            ps.setString(1, t.code());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sums.put(rs.getString(1) + "." + rs.getString(2), new String[] {rs.getString(3), rs.getString(4)});
                }
            }
        } catch (SQLException e) {
            throw new CwException("checksums of " + t.code() + " failed: " + Cw.Errors.oneLine(e), 3);
        }
        return sums;
    }

    // ---------------------------------------------------------------- helpers

    /** Collects a child process's stderr on a daemon thread (so that a full pipe never blocks it). */
    static final class StreamCollector {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final Thread thread;

        StreamCollector(InputStream in) {
            thread = new Thread(() -> {
                try (in) {
                    in.transferTo(buf);
                } catch (IOException ignored) {
                    // the process ended; what was read is kept
                }
            }, "stderr");
            thread.setDaemon(true);
            thread.start();
        }

        String text() {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (buf) {
                return buf.toString(StandardCharsets.UTF_8);
            }
        }
    }

    static final class CountingOutputStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int n) throws IOException {
            out.write(b, off, n);
            count += n;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
