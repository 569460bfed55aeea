package com.catwing.cw.report;

import com.catwing.cw.support.Chromium;
import com.catwing.cw.support.CliRun;
import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cw erd} on a migrated client: the JSON model agrees with the catalog (tables, columns, foreign keys, groups)
 * and the HTML page renders in a real headless Chromium, where a search finds a column and a foreign key is a line.
 */
class ErdTest extends DbTest {
    private static final String CODE = TestServer.CLIENT_A;
    private static final String SCHEMA = "cw_000901";
    private static final String SCHEMAS = "'cw_global', '" + SCHEMA + "', '" + SCHEMA + "_staging', '" + SCHEMA + "_stats'";
    private static final String CATALOG_TABLES = "select nsp.nspname || '.' || cls.relname from pg_class as cls "
            + "inner join pg_namespace as nsp on nsp.oid = cls.relnamespace where nsp.nspname in (" + SCHEMAS + ") "
            + "and cls.relkind in ('r', 'p') and not cls.relispartition";
    private static final String CATALOG_FKS = "select con.conname from pg_constraint as con "
            + "inner join pg_class as cls on cls.oid = con.conrelid inner join pg_namespace as nsp "
            + "on nsp.oid = cls.relnamespace where con.contype = 'f' and con.conparentid = 0 "
            + "and not cls.relispartition and nsp.nspname in (" + SCHEMAS + ")";

    private static final String HOSTILE = "</script>\"><img src=x onerror=alert(1)> & \\ \"{x}\" -> |y|";

    private Path outDir;
    private JsonNode model;

    @BeforeAll
    void generate() throws IOException {
        outDir = TestServer.home().resolve("tests/target/erd");
        Files.createDirectories(outDir);
        CliRun run = CliRun.run(db, "erd", CODE, "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        model = new ObjectMapper().readTree(run.out());
    }

    @Test
    void theModelHasEveryTableAndForeignKeyOfTheCatalogOnce() {
        long tables = count(CATALOG_TABLES);
        long fks = count(CATALOG_FKS);
        assertTrue(tables > 100, "a migrated client has well over 100 tables: " + tables);
        assertEquals(tables, model.at("/counts/tables").asLong(), "tables: pg_class vs the model");
        assertEquals(tables, model.get("tables").size());
        assertEquals(fks, model.at("/counts/foreign_keys").asLong(), "foreign keys: pg_constraint vs the model");
        assertEquals(fks, model.get("foreign_keys").size());

        Set<String> inModel = new TreeSet<>();
        model.get("tables").forEach(t -> inModel.add(t.get("schema").asText() + "." + t.get("name").asText()));
        assertEquals(tables, inModel.size(), "each table once");
        assertEquals(new TreeSet<>(strings(CATALOG_TABLES)), inModel, "the same tables as the catalog");

        long columns = count("select from pg_attribute as att inner join pg_class as cls on cls.oid = att.attrelid "
                + "inner join pg_namespace as nsp on nsp.oid = cls.relnamespace where nsp.nspname in (" + SCHEMAS + ") "
                + "and cls.relkind in ('r', 'p') and not cls.relispartition and att.attnum > 0 and not att.attisdropped");
        assertEquals(columns, model.at("/counts/columns").asLong(), "columns: pg_attribute vs the model");
    }

    @Test
    void tablesAreGroupedByTheRulesAndNoneIsLeftOver() {
        assertEquals("core", groupOf(SCHEMA, "products"));
        assertEquals("orders", groupOf(SCHEMA, "sales_order_lines"));
        assertEquals("behaviors", groupOf(SCHEMA, "product_location_behaviors"));
        assertEquals("forecasts", groupOf(SCHEMA, "po_recommendations"));
        assertEquals("forecasts", groupOf(SCHEMA, "demand_forecast_products"));
        assertEquals("quality", groupOf(SCHEMA, "data_quality_runs"));
        assertEquals("staging", groupOf(SCHEMA + "_staging", "raw_records"));
        assertEquals("operations", groupOf(SCHEMA, "pipeline_runs"));
        assertEquals("global", groupOf("cw_global", "clients"));
        assertEquals("stats", groupOf(SCHEMA + "_stats", "sales_daily"));
        List<String> other = new ArrayList<>();
        model.get("tables").forEach(t -> {
            if (t.get("group").asText().equals("other")) {
                other.add(t.get("schema").asText() + "." + t.get("name").asText());
            }
        });
        assertEquals(List.of(), other, "tables no rule of erd-groups.json matches: add a rule (docs/erd.md)");
        int sum = 0;
        for (JsonNode g : model.get("groups")) {
            sum += g.get("tables").asInt();
        }
        assertEquals(model.get("tables").size(), sum, "the groups' table counts add up to every table");
    }

    @Test
    void aTableNoRuleMatchesLandsInOtherAndIsDrawn() throws Exception {
        exec("create table " + SCHEMA + ".zz_unmatched_widgets (id integer primary key, product_id integer "
                + "constraint zz_unmatched_widgets_product_id_fkey references " + SCHEMA + ".products (id))");
        exec("comment on column " + SCHEMA + ".zz_unmatched_widgets.product_id is '" + HOSTILE.replace("'", "''") + "'");
        exec("comment on table " + SCHEMA + ".zz_unmatched_widgets is '" + HOSTILE.replace("'", "''") + "'");
        try {
            JsonNode m = new ObjectMapper().readTree(CliRun.run(db, "erd", CODE, "--format", "json").out());
            String group = null;
            for (JsonNode t : m.get("tables")) {
                if (t.get("name").asText().equals("zz_unmatched_widgets")) {
                    group = t.get("group").asText();
                }
            }
            assertEquals("other", group);
            Path html = outDir.resolve("erd-other.html");
            assertEquals(0, CliRun.run(db, "erd", CODE, "--output", html.toString()).exitCode());
            String page = Files.readString(html, StandardCharsets.UTF_8);
            assertTrue(page.contains("id=\"t:other:" + SCHEMA + ".zz_unmatched_widgets\""), "drawn in group other");
            assertTrue(page.contains("id=\"fk:other:" + SCHEMA + ".zz_unmatched_widgets.zz_unmatched_widgets_product_id_fkey\""),
                    "its foreign key is drawn");
            assertFalse(page.contains("<img"), "a hostile comment adds no element: " + HOSTILE);
            assertFalse(page.contains("</script>\"><"), "nor ends the model's script element");
            assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;"), "it is shown as text in the diagram");
        } finally {
            exec("drop table " + SCHEMA + ".zz_unmatched_widgets");
        }
    }

    @Test
    void columnsCarryTypeKeysNullabilityAndComments() {
        JsonNode products = table(SCHEMA, "products");
        assertEquals(queryOne("select obj_description('" + SCHEMA + ".products'::regclass, 'pg_class')"),
                products.get("comment").asText());
        JsonNode id = column(products, "id");
        assertTrue(id.get("pk").asBoolean());
        assertFalse(id.get("nullable").asBoolean());
        JsonNode brand = column(products, "brand_id");
        assertTrue(brand.get("fk").asBoolean(), "brand_id is a foreign key");
        assertTrue(brand.get("nullable").asBoolean(), "brand_id may be null");
        assertEquals(queryOne("select format_type(atttypid, atttypmod) from pg_attribute where attrelid = '" + SCHEMA
                + ".products'::regclass and attname = 'brand_id'"), brand.get("type").asText());
        assertEquals(queryOne("select col_description('" + SCHEMA + ".products'::regclass, attnum) from pg_attribute "
                + "where attrelid = '" + SCHEMA + ".products'::regclass and attname = 'brand_id'"),
                brand.get("comment").asText());
        JsonNode fk = null;
        for (JsonNode f : model.get("foreign_keys")) {
            if (f.get("name").asText().equals("products_brand_id_fkey")) {
                fk = f;
            }
        }
        assertTrue(fk != null, "products_brand_id_fkey is in the model");
        assertEquals(SCHEMA + ".products", fk.get("schema").asText() + "." + fk.get("table").asText());
        assertEquals(SCHEMA + ".brands", fk.get("ref_schema").asText() + "." + fk.get("ref_table").asText());
        assertEquals("[\"brand_id\"]", fk.get("columns").toString());
        assertEquals("[\"id\"]", fk.get("ref_columns").toString());
    }

    @Test
    void thePageRendersInHeadlessChromiumWithSearchAndEveryForeignKeyDrawn() throws Exception {
        Path html = outDir.resolve("erd.html");
        CliRun run = CliRun.run(db, "erd", CODE, "--output", html.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("written to"), run.out());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(page).find(), "no external resources");
        assertFalse(page.contains("@import"), "no imported stylesheet");

        String dom = Chromium.run(html, "#search=qty_blocked&table=" + SCHEMA + ".products&column=brand_id", "--dump-dom");
        assertTrue(dom.contains("data-ready=\"true\""), "the page's script ran to the end");
        assertEquals(model.get("tables").size(), countMatches(dom, "<g id=\"t:[a-z]+:[a-z0-9_]+\\.[a-z0-9_]+\" class=\"node"),
                "every table is drawn once, in its group");
        assertEquals(model.get("foreign_keys").size(), countMatches(dom, "<g id=\"fk:[^\"]+\" class=\"edge[^\"]*\">"),
                "every foreign key is drawn once as a line");
        Matcher edge = Pattern.compile("<g id=\"fk:core:" + SCHEMA + "\\.products\\.products_brand_id_fkey\" "
                + "class=\"edge[^\"]*\">.*?<path [^>]*d=\"M[^\"]+\"", Pattern.DOTALL).matcher(dom);
        assertTrue(edge.find(), "products.brand_id -> brands.id is drawn as a path");
        assertTrue(dom.contains("<g id=\"fk:core:" + SCHEMA + ".products.products_brand_id_fkey\" class=\"edge hit\">"),
                "and highlighted with the selected table");
        assertTrue(dom.contains("id=\"x:core:cw_global.currencies\""), "a referenced table of another group is drawn");

        assertTrue(dom.contains("<li class=\"result\" data-kind=\"column\" data-table=\"" + SCHEMA
                + ".inventory_balances\" data-column=\"qty_blocked\">"), "the search finds inventory_balances.qty_blocked");
        assertTrue(dom.contains("<h2>" + SCHEMA + ".products</h2>"), "the selected table's details are shown");
        assertTrue(dom.contains("data-column=\"brand_id\" class=\"col hit\""), "the selected column is highlighted");

        Path png = outDir.resolve("erd-products.png");
        Files.deleteIfExists(png);
        Chromium.run(html, "#table=" + SCHEMA + ".products&column=brand_id", "--screenshot=" + png,
                "--window-size=1440,900", "--hide-scrollbars");
        assertTrue(Files.size(png) > 20_000, "a screenshot of the page: " + png);
    }

    @Test
    void errorsAreOneLineWithExitCode2() {
        CliRun unknown = CliRun.run(db, "erd", "CW-000999");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().strip().startsWith("cw: unknown client code CW-000999"), unknown.err());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        CliRun format = CliRun.run(db, "erd", CODE, "--format", "pdf");
        assertEquals(2, format.exitCode());
        assertEquals("cw: unknown ERD format 'pdf' (expected one of: html, json)", format.err().strip());
    }

    private String groupOf(String schema, String name) {
        return table(schema, name).get("group").asText();
    }

    private JsonNode table(String schema, String name) {
        for (JsonNode t : model.get("tables")) {
            if (t.get("schema").asText().equals(schema) && t.get("name").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no table " + schema + "." + name + " in the model");
    }

    private static JsonNode column(JsonNode table, String name) {
        for (JsonNode c : table.get("columns")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no column " + name);
    }

    private List<String> strings(String sql) {
        String joined = queryOne("select string_agg(x, ',') from (" + sql + ") as q(x)");
        return joined == null ? List.of() : List.of(joined.split(","));
    }

    private static int countMatches(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
