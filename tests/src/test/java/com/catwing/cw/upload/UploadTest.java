package com.catwing.cw.upload;

import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.s3.S3Store;
import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestS3;
import com.catwing.cw.support.TestServer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * cw upload end to end (S3, the readers, COPY into staging, upload_apply) on client B with hand-made suppliers,
 * locations and products: a good file of each kind, xlsx and csv, and the hostile ones — a workbook without the
 * kind's sheet, merged cells, formulas (their cached value is read), a csv that is not UTF-8, a missing required
 * column, an unknown column, and large files (200,000 csv rows, 100,000 xlsx rows). Every file is made here with POI or plain text.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UploadTest extends DbTest {
    private static final String B = "cw_000902";
    /** Rows of the big csv: 200,000 here (the million-row xlsx with -Xmx256m is measured in docs/uploads.md). */
    private static final int ROWS = 200_000;
    private S3Store s3;
    private ClientUpload uploader;
    private Path dir;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeAll
    void fixture() throws Exception {
        s3 = TestS3.store();
        uploader = new ClientUpload(db, s3, Tenant.of(TestServer.CLIENT_B), new PrintStream(printed, true,
                StandardCharsets.UTF_8));
        dir = Files.createTempDirectory("cw-upload-test-");
        exec("insert into " + B + ".suppliers (erp_id, name, currency_id, erp_status, lead_time_days, first_seen_date, "
                + "row_hash) select 'UP-S' || s, 'Upload supplier ' || s, (select id from cw_global.currencies where "
                + "code = 'EUR'), 'active', 10, date '2024-01-01', md5('up-s' || s)::uuid from generate_series(1, 2) s");
        exec("insert into " + B + ".locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, "
                + "row_hash) select 'UP-L' || l, 'Upload store ' || l, 'store', 1, 'active', date '2024-01-01', "
                + "md5('up-l' || l)::uuid from generate_series(1, 3) l");
        exec("insert into " + B + ".products (erp_id, sku, ean, name, erp_currency_id, erp_status, first_seen_date, "
                + "row_hash) values ('UP-P1', 'UP-SKU-1', '4006381333931', 'Brando Classic Claw Hammer', (select id "
                + "from cw_global.currencies where code = 'EUR'), 'active', date '2024-01-01', md5('up-p1')::uuid), "
                + "('UP-P2', 'UP-SKU-2', null, 'Measura Tape Measure 5 m', (select id from cw_global.currencies "
                + "where code = 'EUR'), 'active', date '2024-01-01', md5('up-p2')::uuid)");
    }

    @AfterAll
    void cleanUp() throws Exception {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private Path xlsx(String name, String sheet, List<List<Object>> rows) throws Exception {
        Path file = dir.resolve(name);
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            fill(wb.createSheet(sheet), rows);
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            wb.write(out);
        }
        return file;
    }

    private static void fill(Sheet sheet, List<List<Object>> rows) {
        for (int r = 0; r < rows.size(); r++) {
            Row row = sheet.createRow(r);
            for (int c = 0; c < rows.get(r).size(); c++) {
                Object v = rows.get(r).get(c);
                if (v == null) {
                    continue;
                }
                Cell cell = row.createCell(c);
                if (v instanceof Number n) {
                    cell.setCellValue(n.doubleValue());
                } else if (v instanceof Boolean b) {
                    cell.setCellValue(b);
                } else if (v.toString().startsWith("=")) {
                    cell.setCellFormula(v.toString().substring(1));
                } else {
                    cell.setCellValue(v.toString());
                }
            }
        }
    }

    private Path csv(String name, String text, Charset charset) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text, charset);
        return file;
    }

    private ClientUpload.Result upload(Path file, String kind) {
        printed.reset();
        return uploader.upload(file, kind, null, LocalDate.of(2024, 3, 1));
    }

    private String supplier(String column) {
        return queryOne("select " + column + " from " + B + ".suppliers where erp_id = 'UP-S1'");
    }

    @Test
    @Order(1)
    void aGoodSuppliersWorkbookFillsTheUiOwnedFieldsAndKeepsTheOriginalInS3() throws Exception {
        Path file = xlsx("suppliers.xlsx", "suppliers", List.of(
                List.of("Supplier ID", "Name", "Lead time days", "MOQ qty", "is_enabled"),
                List.of("UP-S1", "renamed by the client", 21, 12.5, "yes"),
                List.of("UP-S2", "", "=7*2", "", false)));
        ClientUpload.Result r = upload(file, "suppliers");
        assertEquals("applied", r.status(), printed.toString());
        assertTrue(r.s3Key().startsWith("client-data/CW-000902/suppliers/") && r.s3Key().endsWith("-suppliers.xlsx"),
                r.s3Key());
        assertTrue(s3.exists(r.s3Key()), "the original is kept in S3");
        assertEquals("21|10|12.500|Upload supplier 1", supplier("lead_time_days_override || '|' || lead_time_days "
                + "|| '|' || moq_qty_override || '|' || name"), "UI-owned fields filled, ERP-owned ones untouched");
        assertEquals("14|false", queryOne("select lead_time_days_override || '|' || is_enabled from " + B
                + ".suppliers where erp_id = 'UP-S2'"), "a formula gives its cached value");
        assertEquals(0L, count("select from " + B + ".client_upload_errors where upload_id = " + r.uploadId()));
    }

    @Test
    @Order(2)
    void aWorkbookWithoutTheKindsSheetIsRejectedAndChangesNothing() throws Exception {
        Path file = dir.resolve("two-sheets.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            fill(wb.createSheet("Sheet1"), List.of(List.of("supplier_id", "lead_time_days"), List.of("UP-S1", 99)));
            fill(wb.createSheet("Notes"), List.of(List.of("hello")));
            wb.write(out);
        }
        ClientUpload.Result r = upload(file, "suppliers");
        assertEquals("rejected", r.status());
        assertTrue(r.message().contains("none is named 'suppliers'") && r.message().contains("Sheet1, Notes"),
                r.message());
        assertEquals("21", supplier("lead_time_days_override"), "what the earlier upload applied stays");
        assertEquals("rejected|file", queryOne("select status || '|' || (select string_agg(problem, ',') from " + B
                + ".client_upload_errors where upload_id = uploads.id) from " + B + ".client_uploads as uploads where "
                + "id = " + r.uploadId()));
    }

    @Test
    @Order(3)
    void mergedCellsAreReportedAndTheirEmptyRowsRejected() throws Exception {
        Path file = dir.resolve("locations.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = wb.createSheet("Locations");
            fill(sheet, List.of(List.of("location_id", "is_enabled", "planner_note"),
                    List.of("UP-L1", "no", "refit"), List.of("UP-L2", "yes", "fine"), List.of("", "no", "")));
            sheet.addMergedRegion(new CellRangeAddress(2, 3, 0, 0));
            wb.write(out);
        }
        ClientUpload.Result r = upload(file, "locations");
        assertEquals("applied", r.status(), printed.toString());
        assertEquals(2L, r.summary().path("rows_applied").asLong());
        assertEquals("missing_value", queryOne("select problem from " + B + ".client_upload_errors where upload_id = "
                + r.uploadId() + " and row_number = 4"), "the row under the merged cell has no location_id");
        assertTrue(queryOne("select message from " + B + ".client_upload_errors where upload_id = " + r.uploadId()
                + " and problem = 'file'").contains("merged cells (A3:A4)"));
        assertEquals("false|refit", queryOne("select is_enabled || '|' || planner_note from " + B + ".locations where "
                + "erp_id = 'UP-L1'"));
    }

    @Test
    @Order(4)
    void aCsvThatIsNotUtf8IsRejectedAndChangesNothing() throws Exception {
        Path file = csv("suppliers-latin1.csv", "supplier_id;lead_time_days;name\nUP-S1;30;Caf\u00e9 M\u00fcller\n",
                Charset.forName("windows-1252"));
        ClientUpload.Result r = upload(file, "suppliers");
        assertEquals("rejected", r.status());
        assertTrue(r.message().contains("not UTF-8") && r.message().contains("iconv"), r.message());
        assertEquals("21", supplier("lead_time_days_override"));
        assertEquals(0L, count("select from " + B + "_staging.client_upload_rows where upload_id = " + r.uploadId()));
    }

    @Test
    @Order(5)
    void aCsvWithSemicolonsAndAByteOrderMarkReportsUnknownColumnsAndBadRows() throws Exception {
        Path file = csv("suppliers.csv", "\uFEFFsupplier_id;lead_time_days;colour;review_cycle_days\n"
                + "UP-S1;\"30\";red;7\nUP-S2;soon;blue;\nUP-S9;3;;\n", StandardCharsets.UTF_8);
        ClientUpload.Result r = upload(file, "suppliers");
        assertEquals("applied", r.status(), printed.toString());
        assertEquals("30|7", supplier("lead_time_days_override || '|' || review_cycle_days"));
        assertEquals("unknown_column:colour,unknown_reference:4,wrong_type:3", queryOne("select string_agg(problem || "
                + "':' || coalesce(row_number::text, column_name), ',' order by problem) from " + B
                + ".client_upload_errors where upload_id = " + r.uploadId()));
        assertTrue(printed.toString().contains("row 3 (rejected)"),
                printed.toString());
    }

    @Test
    @Order(6)
    void aMissingRequiredColumnRejectsTheFile() throws Exception {
        ClientUpload.Result r = upload(csv("network.csv", "supplier_id,source_location_id\nUP-S1,UP-L1\n",
                StandardCharsets.UTF_8), "supply-network");
        assertEquals("rejected", r.status());
        assertTrue(r.message().contains("missing required column(s) location_id"), r.message());
        assertEquals(0L, count("select from " + B + ".supply_network_overrides"));
    }

    @Test
    @Order(7)
    void aSupplierListIsMatchedAndANumericEanCellKeepsItsDigits() throws Exception {
        Path file = xlsx("availability.xlsx", "supplier-availability", List.of(
                List.of("supplier_id", "supplier_ref", "ean", "product_name", "is_available"),
                List.of("UP-S1", "A-1", 4006381333931L, "hammer", "yes"),
                List.of("UP-S1", "A-2", "", "Measura Tape Measure 5m", "no"),
                List.of("UP-S1", "A-3", 4006381333932L, "Something else entirely", "yes")));
        ClientUpload.Result r = upload(file, "supplier-availability");
        assertEquals("applied", r.status(), printed.toString());
        assertEquals("A-1:UP-P1:ean:applied,A-2:UP-P2:name_trigram:applied,A-3:-:-:unmatched", queryOne(
                "select string_agg(available.supplier_ref || ':' || coalesce(products.erp_id, '-') || ':' || "
                + "coalesce(methods.name, '-') || ':' || available.match_status, ',' order by available.supplier_ref) "
                + "from " + B + ".supplier_available_products as available left join " + B + ".products on "
                + "products.id = available.product_id left join " + B + ".match_methods as methods on methods.id = "
                + "available.match_method_id"));
        assertEquals("4006381333931", queryOne("select code from " + B + ".supplier_available_products where "
                + "supplier_ref = 'A-1'"));
        assertEquals("invalid_ean", queryOne("select problem from " + B + ".client_upload_errors where upload_id = "
                + r.uploadId() + " and row_number = 4"), "a wrong check digit is a warning");

        // The next list of the supplier no longer carries: their rows go.
        ClientUpload.Result next = upload(csv("availability.csv", "supplier_id,supplier_ref,ean,product_name\n"
                + "UP-S1,A-1,4006381333931,hammer\n", StandardCharsets.UTF_8), "supplier-availability");
        assertEquals(2L, next.summary().path("rows_removed").asLong());
        assertEquals(1L, count("select from " + B + ".supplier_available_products"));
    }

    @Test
    @Order(8)
    void aLargeCsvStreamsThroughAndReportsEveryBadRow() throws Exception {
        Path file = dir.resolve("million.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("location_id,is_enabled,planner_note\nUP-L3,false,the one real row\n");
            for (int i = 1; i < ROWS; i++) {
                w.write("NOPE-" + i + ",true,note " + i + "\n");
            }
        }
        ClientUpload.Result r = upload(file, "locations");
        assertEquals("applied", r.status(), printed.toString());
        assertEquals((long) ROWS, r.summary().path("rows_read").asLong());
        assertEquals(ROWS - 1L, r.summary().path("rows_rejected").asLong());
        assertEquals("f", queryOne("select is_enabled from " + B + ".locations where erp_id = 'UP-L3'"));
        assertEquals(ROWS - 1L, count("select from " + B + ".client_upload_errors where upload_id = " + r.uploadId()
                + " and problem = 'unknown_reference'"));
        assertEquals(0L, count("select from " + B + "_staging.client_upload_rows"), "landed rows are dropped");
        assertNotNull(printed.toString());
    }

    @Test
    @Order(9)
    void aLargeWorkbookIsReadRowByRow() throws Exception {
        Path file = dir.resolve("big.xlsx");
        try (SXSSFWorkbook wb = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = wb.createSheet("supply-network");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("location_id");
            header.createCell(1).setCellValue("supplier_id");
            for (int i = 1; i <= 100_000; i++) {
                Row row = sheet.createRow(i);
                row.createCell(0).setCellValue(i == 1 ? "UP-L2" : "NOPE-" + i);
                row.createCell(1).setCellValue("UP-S2");
            }
            wb.write(out);
            wb.dispose();
        }
        ClientUpload.Result r = upload(file, "supply-network");
        assertEquals(100_000L, r.summary().path("rows_read").asLong());
        assertEquals(1L, count("select from " + B + ".supply_network_overrides"));
    }
}
