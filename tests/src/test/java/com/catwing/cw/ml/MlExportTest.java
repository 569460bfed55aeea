package com.catwing.cw.ml;

import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.s3.S3Store;
import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestS3;
import com.catwing.cw.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * cw ml export on a hand-made demand history (client B, 2 products x 2 locations x 60 days, behaviours of the run
 * date): features.parquet and targets.parquet hold one row per product, location and day of the window, their row
 * counts and column names read from the Parquet footers by a reader of this test (independent of DuckDB, which wrote
 * them), their values equal to what PostgreSQL computes, and config.json describes them. Dates in 2034 keep the
 * objects apart from other test classes.
 */
class MlExportTest extends DbTest {
    private static final String B = "cw_000902";
    private static final LocalDate F0 = LocalDate.of(2034, 1, 1);
    private static final int DAYS = 60;
    private static final LocalDate RUN = F0.plusDays(DAYS - 1);
    private S3Store s3;

    @BeforeAll
    void fixture() throws Exception {
        s3 = TestS3.store();
        exec("insert into " + B + ".products (erp_id, name, erp_currency_id, erp_status, first_seen_date, row_hash) "
                + "select 'ML-P' || p, 'ml fixture ' || p, (select id from cw_global.currencies where code = 'EUR'), "
                + "'active', '" + F0 + "', md5('mlp' || p)::uuid from generate_series(0, 1) as p");
        exec("insert into " + B + ".locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, "
                + "row_hash) select 'ML-L' || l, 'store ' || l, 'store', 1, 'active', '" + F0 + "', md5('mll' || l)::uuid "
                + "from generate_series(0, 1) as l");
        exec("insert into " + B + ".demand_history (product_id, location_id, demand_date, quantity, revenue, is_in_stock, "
                + "stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, computed_on) "
                + "select products.id, locations.id, '" + F0 + "'::date + d, (d * (p + 1) + l) % 5, "
                + "((d * (p + 1) + l) % 5) * 2, true, null, false, (d * (p + 1) + l) % 5, 1, '" + RUN + "' "
                + "from generate_series(0, 1) as p cross join generate_series(0, 1) as l "
                + "cross join generate_series(0, " + (DAYS - 1) + ") as d "
                + "inner join " + B + ".products on products.erp_id = 'ML-P' || p "
                + "inner join " + B + ".locations on locations.erp_id = 'ML-L' || l");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("set role " + B + "_owner");
            s.execute("call " + B + ".step_behaviors('" + RUN + "', null)");
        }
    }

    @Test
    void writesFeaturesTargetsAndConfigThatAnIndependentReaderAgreesWith() throws Exception {
        MlExport.Summary sum = new MlExport(db, s3, Tenant.of(TestServer.CLIENT_B),
                new PrintStream(OutputStream.nullOutputStream())).export(RUN);
        String prefix = "ml-output/CW-000902/" + RUN + "/";
        assertEquals(prefix, sum.prefix());
        long expected = 2 * 2 * 56;  // ml.feature_days (56) days of every product x location
        assertEquals(expected, sum.features().rows());
        assertEquals(expected, sum.targets().rows());

        byte[] features = s3.getBytes(prefix + "features.parquet");
        Footer footer = Footer.read(features);
        assertEquals(expected, footer.rows, "row count in the Parquet footer");
        assertEquals(List.of("product_id", "location_id", "feature_date", "day_of_week", "lag_1_qty", "lag_7_qty",
                "lag_14_qty", "lag_28_qty", "mean_7_qty", "mean_28_qty", "std_28_qty", "zero_share_28",
                "in_stock_share_28", "abc_class", "xyz_class", "fmr_class", "freq_class", "demand_pattern", "velocity",
                "trend", "hotness_score"), footer.columns, "column names in the Parquet footer");
        Footer targets = Footer.read(s3.getBytes(prefix + "targets.parquet"));
        assertEquals(expected, targets.rows);
        assertEquals(List.of("product_id", "location_id", "target_date", "demand_qty", "sold_qty", "is_in_stock",
                "is_oos_imputed"), targets.columns);

        // The values: one row read back (DuckDB) against the history in PostgreSQL.
        Path file = Files.createTempFile("cw-ml-features-", ".parquet");
        try {
            Files.write(file, features);
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                 Statement s = duck.createStatement();
                 ResultSet rs = s.executeQuery("select lag_1_qty, lag_7_qty, lag_28_qty, mean_7_qty, abc_class "
                         + "from read_parquet('" + file + "') where product_id = 'ML-P1' and location_id = 'ML-L0' "
                         + "and feature_date = DATE '" + RUN + "'")) {
                assertTrue(rs.next());
                int d = DAYS - 1;
                assertEquals((d - 1) * 2 % 5, rs.getDouble(1), 1e-9, "lag 1: the demand of the day before");
                assertEquals((d - 7) * 2 % 5, rs.getDouble(2), 1e-9, "lag 7");
                assertEquals((d - 28) * 2 % 5, rs.getDouble(3), 1e-9, "lag 28");
                double mean7 = 0;
                for (int k = 1; k <= 7; k++) {
                    mean7 += (d - k) * 2 % 5;
                }
                assertEquals(Math.round(mean7 / 7 * 10000) / 10000.0, rs.getDouble(4), 1e-9, "mean of the 7 days before");
                assertEquals(queryOne("select abc_classes.code from " + B + ".product_location_behaviors as b "
                        + "inner join " + B + ".abc_classes on abc_classes.id = b.abc_class_id inner join " + B
                        + ".products on products.id = b.product_id inner join " + B + ".locations on locations.id = "
                        + "b.location_id where products.erp_id = 'ML-P1' and locations.erp_id = 'ML-L0'"),
                        rs.getString(5), "the class of the run date's behaviours");
            }
        } finally {
            Files.deleteIfExists(file);
        }

        JsonNode config = new ObjectMapper().readTree(s3.getBytes(prefix + "config.json"));
        assertEquals("CW-000902", config.path("client").asText());
        assertEquals(RUN.toString(), config.path("run_date").asText());
        assertEquals(28, config.path("horizon_days").asInt());
        assertEquals(expected, config.path("files").path("features").path("rows").asLong());
        assertEquals(prefix + "predictions.parquet", config.path("predictions_expected").path("key").asText());
    }

    /**
     * The row count and the leaf column names of a Parquet file, read from its footer (Thrift compact protocol)
     * without any Parquet library.
     */
    static final class Footer {
        long rows = -1;
        final List<String> columns = new ArrayList<>();
        private final ByteBuffer buf;

        private Footer(ByteBuffer buf) {
            this.buf = buf;
        }

        static Footer read(byte[] file) {
            assertEquals("PAR1", new String(file, 0, 4, StandardCharsets.US_ASCII), "leading magic");
            assertEquals("PAR1", new String(file, file.length - 4, 4, StandardCharsets.US_ASCII), "trailing magic");
            int length = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            Footer f = new Footer(ByteBuffer.wrap(file, file.length - 8 - length, length));
            f.fileMetaData();
            return f;
        }

        private void fileMetaData() {
            int id = 0;
            while (true) {
                int header = buf.get() & 0xff;
                if (header == 0) {
                    return;
                }
                int type = header & 0x0f;
                id = (header >> 4) != 0 ? id + (header >> 4) : (short) zigzag(varint());
                if (id == 2 && type == 9) {
                    int sizeType = buf.get() & 0xff;
                    int size = (sizeType >> 4) == 15 ? (int) varint() : sizeType >> 4;
                    for (int i = 0; i < size; i++) {
                        schemaElement(i == 0);
                    }
                } else if (id == 3 && type == 6) {
                    rows = zigzag(varint());
                    return;  // fields come in id order: the schema (2) and the row count (3) are all this test reads
                } else {
                    skip(type);
                }
            }
        }

        private void schemaElement(boolean root) {
            int id = 0;
            String name = null;
            boolean leaf = false;
            while (true) {
                int header = buf.get() & 0xff;
                if (header == 0) {
                    break;
                }
                int type = header & 0x0f;
                id = (header >> 4) != 0 ? id + (header >> 4) : (short) zigzag(varint());
                if (id == 1 && type == 5) {
                    zigzag(varint());
                    leaf = true;  // only leaf columns carry a physical type
                } else if (id == 4 && type == 8) {
                    byte[] b = new byte[(int) varint()];
                    buf.get(b);
                    name = new String(b, StandardCharsets.UTF_8);
                } else {
                    skip(type);
                }
            }
            if (!root && leaf) {
                columns.add(name);
            }
        }

        private void skip(int type) {
            switch (type) {
                case 1, 2 -> { }
                case 3 -> buf.get();
                case 4, 5, 6 -> varint();
                case 7 -> buf.position(buf.position() + 8);
                case 8 -> buf.position(buf.position() + (int) varint());
                case 9, 10 -> {
                    int sizeType = buf.get() & 0xff;
                    int size = (sizeType >> 4) == 15 ? (int) varint() : sizeType >> 4;
                    for (int i = 0; i < size; i++) {
                        skipValue(sizeType & 0x0f);
                    }
                }
                case 11 -> {
                    int size = (int) varint();
                    if (size > 0) {
                        int kv = buf.get() & 0xff;
                        for (int i = 0; i < size; i++) {
                            skipValue(kv >> 4);
                            skipValue(kv & 0x0f);
                        }
                    }
                }
                case 12 -> {
                    while (true) {
                        int header = buf.get() & 0xff;
                        if (header == 0) {
                            break;
                        }
                        if ((header >> 4) == 0) {
                            varint();
                        }
                        skip(header & 0x0f);
                    }
                }
                default -> throw new IllegalStateException("unknown Thrift compact type " + type);
            }
        }

        /** An element of a list, set or map: booleans take a byte there. */
        private void skipValue(int type) {
            if (type == 1 || type == 2) {
                buf.get();
            } else {
                skip(type);
            }
        }

        private long varint() {
            long result = 0;
            int shift = 0;
            while (true) {
                byte b = buf.get();
                result |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
                shift += 7;
            }
        }

        private static long zigzag(long n) {
            return (n >>> 1) ^ -(n & 1);
        }
    }
}
