package com.catwing.cw.ml;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.s3.S3Store;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cw ml export}: the training data of an external demand model, as Parquet in
 * {@code ml-output/{client}/{run_date}/}: {@code features.parquet} (ml_features), {@code targets.parquet}
 * (ml_targets) and {@code config.json}. The rows are computed in SQL and streamed from PostgreSQL with a cursor into a
 * file-backed DuckDB table through its appender (DuckDB's memory is capped, the JVM heap stays flat in the number of
 * rows), written by DuckDB's own Parquet writer and uploaded.
 */
public final class MlExport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FETCH = 10_000;

    private final Database db;
    private final S3Store s3;
    private final Tenant tenant;
    private final PrintStream out;

    public MlExport(Database db, S3Store s3, Tenant tenant, PrintStream out) {
        this.db = db;
        this.s3 = s3;
        this.tenant = tenant;
        this.out = out;
    }

    /** What one file holds. */
    public record FileSummary(String key, long rows, long bytes, List<String[]> columns) {
    }

    /** What one export wrote. */
    public record Summary(String prefix, FileSummary features, FileSummary targets, String configKey) {
    }

    public static String prefix(Tenant tenant, LocalDate runDate) {
        return "ml-output/" + tenant.code() + "/" + runDate + "/";
    }

    public Summary export(LocalDate runDate) {
        String prefix = prefix(tenant, runDate);
        try (TempDir tmp = TempDir.create("cw-ml-", "the export");
             Connection pg = db.connect();
             Connection duck = DriverManager.getConnection("jdbc:duckdb:" + tmp.path.resolve("export.duckdb"))) {
            try (Statement s = pg.createStatement()) {
                s.execute("set role " + tenant.ownerRole());
            }
            try (Statement s = duck.createStatement()) {
                // A small, fixed footprint: DuckDB spills to its file beyond this; one thread on a shared machine.
                s.execute("set memory_limit = '256MB'");
                s.execute("set threads = 1");
                s.execute("set preserve_insertion_order = true");
            }
            ObjectNode settings = settings(pg);
            FileSummary features = file(pg, duck, tmp.path, "features", "select * from " + tenant.schema()
                    + ".ml_features(?)", runDate, prefix);
            FileSummary targets = file(pg, duck, tmp.path, "targets", "select * from " + tenant.schema()
                    + ".ml_targets(?)", runDate, prefix);
            String configKey = prefix + "config.json";
            s3.put(configKey, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(
                    config(runDate, settings, features, targets)));
            out.printf("wrote s3://%s/%s (features %,d rows, targets %,d rows, config.json)%n", s3.bucket(), prefix,
                    features.rows(), targets.rows());
            return new Summary(prefix, features, targets, configKey);
        } catch (SQLException e) {
            throw new CwException("ml export of " + tenant.code() + " for " + runDate + " failed: "
                    + com.catwing.cw.Cw.Errors.oneLine(e), 3);
        } catch (IOException e) {
            throw new CwException("ml export of " + tenant.code() + " for " + runDate + " failed: " + e.getMessage(), 1);
        }
    }

    private ObjectNode settings(Connection pg) throws SQLException, IOException {
        try (Statement s = pg.createStatement();
             ResultSet rs = s.executeQuery("select " + tenant.schema() + ".settings('ml')::text")) {
            rs.next();
            return (ObjectNode) JSON.readTree(rs.getString(1));
        }
    }

    /** Streams one SQL function's rows into a DuckDB table, writes it as Parquet and uploads it. */
    private FileSummary file(Connection pg, Connection duck, Path dir, String name, String sql, LocalDate runDate,
                             String prefix) throws SQLException, IOException {
        long rows = 0;
        List<String[]> columns = new ArrayList<>();
        boolean autoCommit = pg.getAutoCommit();
        pg.setAutoCommit(false);  // a cursor: the driver fetches FETCH rows at a time
        try (PreparedStatement ps = pg.prepareStatement(sql)) {
            ps.setFetchSize(FETCH);
            ps.setObject(1, runDate);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                StringBuilder ddl = new StringBuilder("create table " + name + " (");
                int[] kinds = new int[n];
                for (int i = 1; i <= n; i++) {
                    kinds[i - 1] = md.getColumnType(i);
                    String type = duckType(kinds[i - 1], md.getColumnTypeName(i));
                    columns.add(new String[] {md.getColumnLabel(i), type});
                    ddl.append(i > 1 ? ", " : "").append('"').append(md.getColumnLabel(i)).append("\" ").append(type);
                }
                try (Statement s = duck.createStatement()) {
                    s.execute(ddl.append(')').toString());
                }
                try (DuckDBAppender app = ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA,
                        name)) {
                    while (rs.next()) {
                        app.beginRow();
                        for (int i = 1; i <= n; i++) {
                            append(app, rs, i, kinds[i - 1]);
                        }
                        app.endRow();
                        if (++rows % 500_000 == 0) {
                            out.printf("  %s: %,d rows%n", name, rows);
                        }
                    }
                }
            }
        } finally {
            pg.commit();
            pg.setAutoCommit(autoCommit);
        }
        Path parquet = dir.resolve(name + ".parquet");
        try (Statement s = duck.createStatement()) {
            s.execute("copy " + name + " to '" + parquet + "' (format parquet, compression zstd)");
            s.execute("drop table " + name);
        }
        String key = prefix + name + ".parquet";
        s3.put(key, parquet);
        return new FileSummary(key, rows, Files.size(parquet), columns);
    }

    private static String duckType(int sqlType, String pgType) {
        return switch (sqlType) {
            case Types.SMALLINT, Types.INTEGER -> "INTEGER";  // the appender takes a Java int for INTEGER only
            case Types.BIGINT -> "BIGINT";
            case Types.NUMERIC, Types.DECIMAL, Types.DOUBLE, Types.REAL, Types.FLOAT -> "DOUBLE";
            case Types.BOOLEAN, Types.BIT -> "BOOLEAN";
            case Types.DATE -> "DATE";
            case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR -> "VARCHAR";
            default -> throw new IllegalStateException("no Parquet type for the SQL type " + pgType);
        };
    }

    private static void append(DuckDBAppender app, ResultSet rs, int i, int sqlType) throws SQLException {
        switch (sqlType) {
            case Types.SMALLINT, Types.INTEGER -> {
                int v = rs.getInt(i);
                if (rs.wasNull()) {
                    app.appendNull();
                } else {
                    app.append(v);
                }
            }
            case Types.BIGINT -> {
                long v = rs.getLong(i);
                if (rs.wasNull()) {
                    app.appendNull();
                } else {
                    app.append(v);
                }
            }
            case Types.NUMERIC, Types.DECIMAL, Types.DOUBLE, Types.REAL, Types.FLOAT -> {
                BigDecimal v = rs.getBigDecimal(i);
                if (v == null) {
                    app.appendNull();
                } else {
                    app.append(v.doubleValue());
                }
            }
            case Types.BOOLEAN, Types.BIT -> {
                boolean v = rs.getBoolean(i);
                if (rs.wasNull()) {
                    app.appendNull();
                } else {
                    app.append(v);
                }
            }
            case Types.DATE -> {
                LocalDate v = rs.getObject(i, LocalDate.class);
                if (v == null) {
                    app.appendNull();
                } else {
                    app.append(v);
                }
            }
            default -> {
                String v = rs.getString(i);
                if (v == null) {
                    app.appendNull();
                } else {
                    app.append(v);
                }
            }
        }
    }

    private ObjectNode config(LocalDate runDate, ObjectNode settings, FileSummary features, FileSummary targets) {
        ObjectNode c = JSON.createObjectNode();
        c.put("client", tenant.code());
        c.put("run_date", runDate.toString());
        c.put("generated_at", Instant.now().toString());
        c.put("feature_days", settings.path("feature_days").asInt());
        c.put("horizon_days", settings.path("horizon_days").asInt());
        c.put("granularity", "product x location x day");
        c.put("keys", "product_id and location_id are the client's ERP ids; feature_date = target_date");
        c.put("features_definition", "docs/ml.md: each feature of a day uses only the days before it");
        c.put("target", "demand_qty: stockout-corrected daily demand (sales plus imputed missed demand)");
        ObjectNode files = c.putObject("files");
        files.set("features", describe(features));
        files.set("targets", describe(targets));
        ObjectNode predictions = c.putObject("predictions_expected");
        predictions.put("key", prefix(tenant, runDate) + "predictions.parquet");
        ArrayNode cols = predictions.putArray("columns");
        for (String[] col : new String[][] {{"product_id", "VARCHAR"}, {"location_id", "VARCHAR"},
                {"forecast_date", "DATE"}, {"predicted_qty", "DOUBLE"}}) {
            cols.addObject().put("name", col[0]).put("type", col[1]);
        }
        predictions.put("dates", "run_date + 1 .. run_date + horizon_days");
        return c;
    }

    private static ObjectNode describe(FileSummary f) {
        ObjectNode o = JSON.createObjectNode();
        o.put("key", f.key());
        o.put("rows", f.rows());
        o.put("bytes", f.bytes());
        ArrayNode cols = o.putArray("columns");
        for (String[] col : f.columns()) {
            cols.addObject().put("name", col[0]).put("type", col[1]);
        }
        return o;
    }
}
