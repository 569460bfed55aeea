package com.catwing.cw.ml;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.s3.S3Store;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code cw ml import}: an external model's {@code predictions.parquet} (product_id, location_id, forecast_date,
 * predicted_qty: one row per product, location and day after the run date) becomes a forecast of the run date that
 * the later steps use like step 7's (procedure {@code forecast_import_external}, docs/ml.md). The file is downloaded
 * to a temporary folder, read by DuckDB and streamed with COPY into a temporary table; the whole import is one
 * transaction, so a bad file changes nothing.
 */
public final class MlImport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Expected columns and the DuckDB types each may have. */
    private static final Map<String, Set<String>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("product_id", Set.of("VARCHAR", "INTEGER", "BIGINT"));
        COLUMNS.put("location_id", Set.of("VARCHAR", "INTEGER", "BIGINT"));
        COLUMNS.put("forecast_date", Set.of("DATE", "TIMESTAMP"));
        COLUMNS.put("predicted_qty", Set.of("DOUBLE", "FLOAT", "INTEGER", "BIGINT", "DECIMAL"));
    }

    private final Database db;
    private final S3Store s3;
    private final Tenant tenant;
    private final PrintStream out;

    public MlImport(Database db, S3Store s3, Tenant tenant, PrintStream out) {
        this.db = db;
        this.s3 = s3;
        this.tenant = tenant;
        this.out = out;
    }

    /** Imports {@code key} (default: the run date's predictions.parquet) as a forecast; returns its id. */
    public long importPredictions(LocalDate runDate, String key, String model) {
        String objectKey = key != null ? key : MlExport.prefix(tenant, runDate) + "predictions.parquet";
        S3Store.ObjectInfo info = s3.list(objectKey).filter(o -> o.key().equals(objectKey)).findFirst()
                .orElseThrow(() -> new CwException("no predictions at s3://" + s3.bucket() + "/" + objectKey
                        + " (a model writes predictions.parquet there; columns: product_id, location_id, "
                        + "forecast_date, predicted_qty — see config.json of cw ml export)", 5));
        try (TempDir tmp = TempDir.create("cw-ml-import-", "the import")) {
            Path file = tmp.path.resolve("predictions.parquet");
            try (InputStream in = s3.get(objectKey)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return load(runDate, objectKey, info, model, file);
        } catch (IOException e) {
            throw new CwException("cannot download s3://" + s3.bucket() + "/" + objectKey + ": " + e.getMessage(), 5);
        }
    }

    private long load(LocalDate runDate, String key, S3Store.ObjectInfo info, String model, Path file) {
        String parquet = file.toString().replace("'", "''");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Connection pg = db.connect()) {
            try (Statement s = duck.createStatement()) {
                s.execute("set memory_limit = '256MB'");
                s.execute("set threads = 1");
            }
            checkSchema(duck, parquet, key);
            pg.setAutoCommit(false);
            try (Statement s = pg.createStatement()) {
                s.execute("set local role " + tenant.ownerRole());
                s.execute("create temporary table forecast_import_rows (product_id text, location_id text, "
                        + "forecast_date date, predicted_qty double precision) on commit drop");
            }
            long rows = copy(duck, pg, parquet);
            ObjectNode source = JSON.createObjectNode();
            source.put("bucket", s3.bucket()).put("key", key).put("etag", info.etag()).put("bytes", info.size());
            long id;
            try (CallableStatement call = pg.prepareCall("call " + tenant.schema()
                    + ".forecast_import_external(?, ?, ?::jsonb, null)")) {
                call.setObject(1, runDate);
                call.setString(2, model);
                call.setString(3, JSON.writeValueAsString(source));
                try (ResultSet rs = call.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                for (java.sql.SQLWarning w = call.getWarnings(); w != null; w = w.getNextWarning()) {
                    out.println("  " + w.getMessage());
                }
            }
            pg.commit();
            out.printf("imported %,d predictions of model %s from s3://%s/%s as forecast %d of %s; run the later "
                    + "steps with: cw run %s --date %s --from inventory_targets%n", rows, model, s3.bucket(), key, id,
                    runDate, tenant.code(), runDate);
            return id;
        } catch (SQLException e) {
            throw new CwException("ml import of " + tenant.code() + " for " + runDate + " failed (nothing was "
                    + "written): " + com.catwing.cw.Cw.Errors.oneLine(e), 3);
        } catch (IOException e) {
            throw new CwException("ml import of " + tenant.code() + " for " + runDate + " failed: " + e.getMessage(), 1);
        }
    }

    /** The file's columns against the contract: every expected column with a usable type; extra columns are named. */
    private void checkSchema(Connection duck, String parquet, String key) throws SQLException {
        Map<String, String> found = new LinkedHashMap<>();
        try (Statement s = duck.createStatement();
             ResultSet rs = s.executeQuery("describe select * from read_parquet('" + parquet + "')")) {
            while (rs.next()) {
                found.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2).replaceAll("\\(.*", ""));
            }
        } catch (SQLException e) {
            throw new CwException("s3://" + s3.bucket() + "/" + key + " is not a readable Parquet file: "
                    + e.getMessage().lines().findFirst().orElse(""), 4);
        }
        StringBuilder problems = new StringBuilder();
        COLUMNS.forEach((name, types) -> {
            String type = found.get(name);
            if (type == null) {
                problems.append("; missing column ").append(name);
            } else if (!types.contains(type)) {
                problems.append("; column ").append(name).append(" is ").append(type).append(", expected one of ")
                        .append(String.join("/", types));
            }
        });
        if (problems.length() > 0) {
            throw new CwException("s3://" + s3.bucket() + "/" + key + " does not match the predictions contract"
                    + problems + " (found: " + found + "; expected product_id, location_id, forecast_date, "
                    + "predicted_qty)", 4);
        }
        found.keySet().stream().filter(c -> !COLUMNS.containsKey(c))
                .forEach(c -> out.println("  ignoring column " + c + " (not part of the predictions contract)"));
    }

    /** Streams the rows from DuckDB into the temporary table with COPY (text format), one row at a time. */
    private long copy(Connection duck, Connection pg, String parquet) throws SQLException {
        long rows = 0;
        CopyIn in = pg.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy forecast_import_rows from stdin (format text)");
        StringBuilder line = new StringBuilder(128);
        try (Statement s = duck.createStatement();
             ResultSet rs = s.executeQuery("select product_id::varchar, location_id::varchar, "
                     + "cast(forecast_date as date)::varchar, predicted_qty::double from read_parquet('" + parquet
                     + "')")) {
            while (rs.next()) {
                line.setLength(0);
                for (int i = 1; i <= 4; i++) {
                    String v = rs.getString(i);
                    line.append(i > 1 ? "\t" : "").append(v == null ? "\\N" : escape(v));
                }
                byte[] bytes = line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
                in.writeToCopy(bytes, 0, bytes.length);
                if (++rows % 1_000_000 == 0) {
                    out.printf("  %,d rows read%n", rows);
                }
            }
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
        return rows;
    }

    private static String escape(String v) {
        StringBuilder b = new StringBuilder(v.length());
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
        return b.toString();
    }
}
