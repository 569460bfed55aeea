package com.catwing.cw.ml;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.s3.S3Store;
import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestS3;
import com.catwing.cw.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * cw ml import on a hand-made history (client B, 2 products x 2 locations x 120 days, step 7 run on the last day): a
 * predictions.parquet written by DuckDB (as an external model would) becomes the active forecast; the weeks it covers
 * carry its sums, the rest is step 7's; importing it again writes nothing; a file with a wrong schema, an unknown
 * product or no file at all fails with a clear message and writes nothing. Dates in 2036 keep the objects apart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MlImportTest extends DbTest {
    private static final String B = "cw_000902";
    private static final LocalDate F0 = LocalDate.of(2036, 1, 1);
    private static final int DAYS = 120;
    private static final LocalDate RUN = F0.plusDays(DAYS - 1);
    private static final String KEY = "ml-output/CW-000902/" + RUN + "/predictions.parquet";
    private S3Store s3;
    private MlImport importer;

    @BeforeAll
    void fixture() throws Exception {
        s3 = TestS3.store();
        importer = new MlImport(db, s3, Tenant.of(TestServer.CLIENT_B), new PrintStream(OutputStream.nullOutputStream()));
        exec("insert into " + B + ".products (erp_id, name, erp_currency_id, cost, price, erp_status, first_seen_date, "
                + "row_hash) select 'MI-P' || p, 'import fixture ' || p, (select id from cw_global.currencies where "
                + "code = 'EUR'), 4, 10, 'active', '" + F0 + "', md5('mip' || p)::uuid from generate_series(0, 1) as p");
        exec("insert into " + B + ".locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, "
                + "row_hash) select 'MI-L' || l, 'store ' || l, 'store', 1, 'active', '" + F0 + "', md5('mil' || l)::uuid "
                + "from generate_series(0, 1) as l");
        exec("insert into " + B + ".demand_history (product_id, location_id, demand_date, quantity, revenue, is_in_stock, "
                + "stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, computed_on) "
                + "select products.id, locations.id, '" + F0 + "'::date + d, 1 + (d + p + l) % 3, 10, true, null, false, "
                + "1 + (d + p + l) % 3, 1, '" + RUN + "' "
                + "from generate_series(0, 1) as p cross join generate_series(0, 1) as l "
                + "cross join generate_series(0, " + (DAYS - 1) + ") as d "
                + "inner join " + B + ".products on products.erp_id = 'MI-P' || p "
                + "inner join " + B + ".locations on locations.erp_id = 'MI-L' || l");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("set role " + B + "_owner");
            s.execute("call " + B + ".step_forecast('" + RUN + "', null)");
        }
    }

    /** Writes a Parquet file with DuckDB from a SELECT and puts it under {@code key}. */
    private void putParquet(String key, String select) throws Exception {
        Path file = Files.createTempFile("cw-ml-predictions-", ".parquet");
        try {
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
                s.execute("copy (" + select + ") to '" + file + "' (format parquet)");
            }
            s3.put(key, file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private String modelWeek(int horizonDays) {
        return queryOne("select predicted_qty from " + B + ".active_demand_forecast_products as f inner join " + B
                + ".products on products.id = f.product_id inner join " + B + ".locations on locations.id = "
                + "f.location_id where products.erp_id = 'MI-P0' and locations.erp_id = 'MI-L0' and horizon_days = "
                + horizonDays);
    }

    @Test
    @Order(1)
    void aFileWithAWrongSchemaFailsAndWritesNothing() throws Exception {
        putParquet(KEY, "select 'MI-P0' as product_id, 'MI-L0' as location_id, DATE '" + RUN.plusDays(1)
                + "' as forecast_date, 2.5 as quantity");
        long before = count("select from " + B + ".demand_forecasts");
        CwException e = assertThrows(CwException.class, () -> importer.importPredictions(RUN, null, "m1"));
        assertTrue(e.getMessage().contains("missing column predicted_qty"), e.getMessage());
        assertEquals(before, count("select from " + B + ".demand_forecasts"));
    }

    @Test
    @Order(2)
    void anUnknownProductFailsTheWholeImport() throws Exception {
        putParquet(KEY, "select * from (values ('MI-P0', 'MI-L0', DATE '" + RUN.plusDays(1) + "', 1.0), ('NOPE', "
                + "'MI-L0', DATE '" + RUN.plusDays(1) + "', 1.0)) as t (product_id, location_id, forecast_date, "
                + "predicted_qty)");
        long before = count("select from " + B + ".demand_forecasts");
        CwException e = assertThrows(CwException.class, () -> importer.importPredictions(RUN, null, "m1"));
        assertTrue(e.getMessage().contains("CW147") && e.getMessage().contains("NOPE/MI-L0"), e.getMessage());
        assertEquals(before, count("select from " + B + ".demand_forecasts"));
    }

    @Test
    @Order(3)
    void predictionsBecomeTheActiveForecastAndAReimportWritesNothing() throws Exception {
        String ownWeek3 = modelWeek(21);
        // 2.5 a day for 14 days: weeks 7 and 14 from the model; a 15th day does not complete week 21
        putParquet(KEY, "select 'MI-P0' as product_id, 'MI-L0' as location_id, DATE '" + RUN + "' + d::integer "
                + "as forecast_date, 2.5::double as predicted_qty from range(1, 16) as t (d)");
        long id = importer.importPredictions(RUN, null, "gbm-test");
        assertEquals(Long.toString(id), queryOne("select id from " + B + ".active_demand_forecast"));
        assertEquals("gbm-test", queryOne("select metadata -> 'method' ->> 'model' from " + B
                + ".active_demand_forecast"));
        assertEquals("17.5", modelWeek(7), "week 1: the model's sum of 7 days");
        assertEquals("17.5", modelWeek(14));
        assertEquals(ownWeek3, modelWeek(21), "a week the model covers partly stays step 7's");
        long forecasts = count("select from " + B + ".demand_forecasts");
        assertEquals(id, importer.importPredictions(RUN, null, "gbm-test"), "the same file again: same forecast");
        assertEquals(forecasts, count("select from " + B + ".demand_forecasts"), "and nothing written");
    }

    @Test
    @Order(4)
    void aMissingFileSaysWhereItWasLookedFor() {
        CwException e = assertThrows(CwException.class,
                () -> importer.importPredictions(RUN.plusDays(1), null, "m1"));
        assertTrue(e.getMessage().contains("no predictions at") && e.getMessage().contains(
                "ml-output/CW-000902/" + RUN.plusDays(1) + "/predictions.parquet"), e.getMessage());
    }
}
