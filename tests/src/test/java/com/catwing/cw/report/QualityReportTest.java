package com.catwing.cw.report;

import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.load.RawLoader;
import com.catwing.cw.support.CliRun;
import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestS3;
import com.catwing.cw.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cw report quality} on generated data with every defect kind: a failed-gate day and a clean day, in html
 * (rendered by a real headless Chromium), md and json; hostile values come out escaped; errors are one line.
 */
class QualityReportTest extends DbTest {
    private static final String CODE = TestServer.CLIENT_A;
    private static final String SCHEMA = "cw_000901";
    private static final LocalDate START = LocalDate.of(2024, 1, 1);
    private static final int DAYS = 20;
    /** The 'all' profile truncates and corrupts files on this day: the gate fails. */
    private static final LocalDate FAILED_DAY = LocalDate.of(2024, 1, 15);
    /** Day 0 of the 'all' profile stays clean. */
    private static final LocalDate CLEAN_DAY = START;
    private static final String CLIENT_NAME = "Gartenwelt \"Nord\" <GmbH> & Co's";
    private static final String HOSTILE = "<script>document.title='pwned'</script>\"><img src=x onerror=alert(1)>";

    private Path outDir;

    @BeforeAll
    void generateLoadAndGate() throws IOException {
        TestS3.generate(CODE, START, DAYS, "catwing", "all", 7);
        new RawLoader(db, TestS3.store(), Tenant.of(CODE), new PrintStream(OutputStream.nullOutputStream()))
                .load(START, START.plusDays(DAYS - 1));
        for (LocalDate day = START; !day.isAfter(FAILED_DAY); day = day.plusDays(1)) {
            try (Connection c = connect(); CallableStatement cs = c.prepareCall(
                    "call " + SCHEMA + ".run_pipeline(?::date, null, 'load', null)")) {
                cs.setObject(1, day);
                cs.execute();
            } catch (SQLException e) {
                assertEquals("CW015", e.getSQLState(), e.getMessage());
            }
        }
        // Hostile strings the report must show as text: in the client's name and in a failed check of the day.
        exec("update cw_global.clients set name = '" + CLIENT_NAME.replace("'", "''") + "' where code = '" + CODE + "'");
        exec("update " + SCHEMA + ".data_quality_checks set sample_records = coalesce(sample_records, '[]') "
                + "|| jsonb_build_array(jsonb_build_object('file', 0, 'record', 0, 'value', '" + HOSTILE.replace("'", "''")
                + "')), detail = coalesce(detail, '') || ' " + HOSTILE.replace("'", "''") + "' where id = "
                + "(select min(checks.id) from " + SCHEMA + ".data_quality_checks as checks inner join " + SCHEMA
                + ".data_quality_runs as runs on runs.id = checks.data_quality_run_id "
                + "where runs.run_date = '" + FAILED_DAY + "' and not checks.passed)");
        outDir = TestServer.home().resolve("tests/target/quality-report");
        Files.createDirectories(outDir);
    }

    /** The distinct base names of the checks that failed on a date, from the gateway's table. */
    private Set<String> failedChecks(LocalDate day) {
        String names = queryOne("select string_agg(distinct split_part(checks.check_name, ':', 1), ',') from "
                + SCHEMA + ".data_quality_checks as checks inner join " + SCHEMA + ".data_quality_runs as runs "
                + "on runs.id = checks.data_quality_run_id where runs.run_date = '" + day + "' and not checks.passed");
        return names == null ? Set.of() : new TreeSet<>(List.of(names.split(",")));
    }

    private String score(LocalDate day) {
        String score = queryOne("select trim_scale(overall_score)::text from " + SCHEMA
                + ".data_quality_runs where run_date = '" + day + "'");
        return score;
    }

    private CliRun report(LocalDate day, String format, Path output) {
        CliRun run = CliRun.run(db, "report", "quality", CODE, "--date", day.toString(), "--format", format,
                "--output", output.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.exists(output), "written: " + output);
        return run;
    }

    @Test
    void theFailedDayRendersInHeadlessChromiumWithTheFailedChecksScoreAndFixInstructions() throws Exception {
        assertEquals("false", queryOne("select gate_passed::text from " + SCHEMA + ".data_quality_runs where run_date = '"
                + FAILED_DAY + "'"), "the 'all' profile fails the gate on " + FAILED_DAY);
        Path html = outDir.resolve("quality-" + FAILED_DAY + ".html");
        CliRun run = report(FAILED_DAY, "html", html);
        assertTrue(run.out().contains("written to"), run.out());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertFalse(page.toLowerCase().contains("<script"), "no script element in the page source");
        assertFalse(page.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no external resources");
        assertTrue(page.contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;&quot;&gt;&lt;img"),
                "the hostile sample value is escaped in the source");

        String dom = chromium(html, "--dump-dom");
        assertTrue(dom.contains("<svg"), "the trend chart is rendered");
        assertFalse(dom.toLowerCase().contains("<script"), "no injected script element in the rendered DOM");
        assertFalse(dom.toLowerCase().contains("<img"), "no injected img element in the rendered DOM");
        assertFalse(dom.contains("pwned</title>"), "the injected script never ran");
        assertTrue(dom.contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;\"&gt;&lt;img src=x onerror=alert(1)&gt;"),
                "the hostile value is shown as text");
        assertTrue(dom.contains("Gartenwelt \"Nord\" &lt;GmbH&gt; &amp; Co's"), "the client name is shown as text");
        assertTrue(dom.contains("Quality gate failed"), "the verdict");
        assertTrue(dom.contains("<span class=\"value\">" + score(FAILED_DAY) + "</span>"),
                "the score " + score(FAILED_DAY) + " is shown");
        Set<String> failed = failedChecks(FAILED_DAY);
        assertTrue(failed.contains("file_parsable"), "truncated and malformed files fail file_parsable: " + failed);
        for (String check : failed) {
            assertTrue(dom.contains("<code>" + check + "</code>"), "failed check shown: " + check);
        }
        JsonNode report = reportJson(FAILED_DAY);
        int checks = 0;
        for (JsonNode endpoint : report.get("endpoints")) {
            for (JsonNode check : endpoint.get("failed_checks")) {
                String fix = check.get("fix_instructions").asText().replace("&", "&amp;").replace("<", "&lt;")
                        .replace(">", "&gt;");
                assertTrue(dom.contains(fix), "fix instructions of " + check.get("check_name") + " shown: " + fix);
                checks++;
            }
        }
        assertEquals(checks, count("select from " + SCHEMA + ".data_quality_checks as checks inner join " + SCHEMA
                + ".data_quality_runs as runs on runs.id = checks.data_quality_run_id where runs.run_date = '"
                + FAILED_DAY + "' and not checks.passed"), "every failed check is in the report");
        assertTrue(dom.contains("raw-data/" + CODE + "/" + FAILED_DAY + "/") || !failed.contains("file_present"),
                "the delivery folder is filled into the fix instructions");

        Path png = outDir.resolve("quality-" + FAILED_DAY + ".png");
        Files.deleteIfExists(png);
        chromium(html, "--screenshot=" + png, "--window-size=1100,2400", "--hide-scrollbars");
        assertTrue(Files.size(png) > 10_000, "a screenshot of the page: " + png);
    }

    @Test
    void theFailedDayAsMarkdownAndJson() throws Exception {
        JsonNode report = reportJson(FAILED_DAY);
        assertEquals(CODE, report.get("client_code").asText());
        assertEquals(CLIENT_NAME, report.get("client_name").asText());
        assertEquals(FAILED_DAY.toString(), report.get("run_date").asText());
        assertEquals("failed", report.get("status").asText());
        assertFalse(report.get("gate_passed").asBoolean());
        assertEquals(score(FAILED_DAY), report.get("score").decimalValue().stripTrailingZeros().toPlainString());
        Set<String> inReport = new TreeSet<>();
        for (JsonNode endpoint : report.get("endpoints")) {
            for (JsonNode check : endpoint.get("failed_checks")) {
                inReport.add(check.get("check").asText());
                assertTrue(check.get("sample_records").isArray(), "sample records are an array");
                assertTrue(check.get("sample_records").size() <= 6, "a few offending records per check");
            }
        }
        assertEquals(failedChecks(FAILED_DAY), inReport);
        JsonNode trend = report.get("trend");
        assertEquals(15, trend.size(), "the 15 runs of the 30 days up to the date");
        assertEquals(FAILED_DAY.toString(), trend.get(trend.size() - 1).get("run_date").asText());
        assertFalse(trend.get(trend.size() - 1).get("gate_passed").asBoolean());
        assertEquals(5, CliRun.run(db, "report", "quality", CODE, "--date", FAILED_DAY.toString(), "--format", "json",
                "--trend-days", "5").out().transform(this::parse).get("trend").size(), "--trend-days narrows the trend");

        Path md = outDir.resolve("quality-" + FAILED_DAY + ".md");
        report(FAILED_DAY, "md", md);
        String text = Files.readString(md, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("# Data quality report: Gartenwelt \"Nord\" &lt;GmbH&gt; &amp; Co's (CW-000901)"),
                text.lines().findFirst().orElse(""));
        assertTrue(text.contains("**Score " + score(FAILED_DAY) + " of 100: quality gate FAILED**"), text);
        for (String check : failedChecks(FAILED_DAY)) {
            assertTrue(text.contains(check.replace("_", "\\_")), "failed check in the markdown: " + check);
        }
        assertTrue(text.contains("- **How to fix:** "), "fix instructions");
        assertFalse(text.contains("<script"), "hostile markup is escaped in markdown");
        assertTrue(text.contains("&lt;script&gt;"), "and still shown");
        assertTrue(text.contains("| run date | score | gate |"), "the trend table");
    }

    @Test
    void aCleanDayReportsAPassingGate() throws Exception {
        assertEquals("true", queryOne("select gate_passed::text from " + SCHEMA + ".data_quality_runs where run_date = '"
                + CLEAN_DAY + "'"));
        JsonNode report = reportJson(CLEAN_DAY);
        assertEquals("passed", report.get("status").asText());
        assertTrue(report.get("gate_passed").asBoolean());
        assertEquals(score(CLEAN_DAY), report.get("score").decimalValue().stripTrailingZeros().toPlainString());
        assertEquals(1, report.get("trend").size(), "the first run has no history");
        int passed = 0;
        for (JsonNode endpoint : report.get("endpoints")) {
            passed += endpoint.get("checks_passed").asInt();
            assertEquals(0, endpoint.get("failed_checks").size(), "no failed check on " + endpoint.get("endpoint"));
        }
        assertEquals(report.get("checks_total").asInt(), passed, "passed checks per endpoint add up");

        Path html = outDir.resolve("quality-" + CLEAN_DAY + ".html");
        report(CLEAN_DAY, "html", html);
        String dom = chromium(html, "--dump-dom");
        assertTrue(dom.contains("Quality gate passed"), "the verdict");
        assertTrue(dom.contains("No check failed."));
        assertTrue(dom.contains("Endpoints without issues"));
        String md = CliRun.run(db, "report", "quality", CODE, "--date", CLEAN_DAY.toString(), "--format", "md").out();
        assertTrue(md.contains("quality gate passed**"), md);
        assertTrue(md.contains("No check failed."), md);
    }

    @Test
    void everyGatedDayRendersInEveryFormat() throws IOException {
        for (LocalDate day = START; !day.isAfter(FAILED_DAY); day = day.plusDays(1)) {
            for (String format : List.of("html", "md", "json")) {
                Path file = outDir.resolve("day-" + day + "." + format);
                report(day, format, file);
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (format.equals("json")) {
                    assertEquals(day.toString(), parse(text).get("run_date").asText(), file + " is the day's JSON");
                } else {
                    assertFalse(text.toLowerCase().contains("<script"), file + " has no script element");
                    assertTrue(text.contains(day.toString()), file + " names its date");
                }
            }
        }
    }

    @Test
    void errorsAreOneLineWithExitCode2() {
        CliRun unknownClient = CliRun.run(db, "report", "quality", "CW-000999", "--date", "2024-01-15");
        assertEquals(2, unknownClient.exitCode());
        assertEquals("cw: unknown client code CW-000999 (hint: create it with: cw tenant create CW-000999) [SQLSTATE CW002]",
                unknownClient.err().strip());

        CliRun badCode = CliRun.run(db, "report", "quality", "ACME", "--date", "2024-01-15");
        assertEquals(2, badCode.exitCode());
        assertTrue(badCode.err().startsWith("cw: invalid client code 'ACME'"), badCode.err());

        CliRun badDate = CliRun.run(db, "report", "quality", CODE, "--date", "2024-13-45");
        assertEquals(2, badDate.exitCode());
        assertEquals("cw: invalid date '2024-13-45' (expected YYYY-MM-DD, e.g. 2024-01-15)", badDate.err().strip());

        CliRun badFormat = CliRun.run(db, "report", "quality", CODE, "--date", "2024-01-15", "--format", "pdf");
        assertEquals(2, badFormat.exitCode());
        assertEquals("cw: unknown report format 'pdf' (expected one of: html, md, json)", badFormat.err().strip());

        CliRun noRun = CliRun.run(db, "report", "quality", CODE, "--date", "2023-06-01");
        assertEquals(2, noRun.exitCode());
        assertEquals(1, noRun.err().strip().lines().count(), noRun.err());
        assertTrue(noRun.err().contains("no quality gateway run for client CW-000901 on 2023-06-01"), noRun.err());
        assertTrue(noRun.err().contains("(hint: latest runs: " + FAILED_DAY), noRun.err());
        assertTrue(noRun.err().contains("[SQLSTATE CW030]"), noRun.err());

        CliRun noDate = CliRun.run(db, "report", "quality", CODE);
        assertEquals(2, noDate.exitCode(), "--date is required");
    }

    @Test
    void anUnknownDateRaisesCw030InSql() {
        SQLException e = assertThrows(SQLException.class,
                () -> queryOrThrow("select " + SCHEMA + ".quality_report('2023-06-01')"));
        assertEquals("CW030", e.getSQLState());
    }

    @Test
    void theClientsUiRoleMayReadTheReport() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("set local role " + SCHEMA + "_ui");
            try (PreparedStatement ps = c.prepareStatement("select " + SCHEMA + ".quality_report(?::date) ->> 'status'")) {
                ps.setObject(1, FAILED_DAY);
                var rs = ps.executeQuery();
                assertTrue(rs.next());
                assertEquals("failed", rs.getString(1));
            }
            c.rollback();
        }
    }

    private void queryOrThrow(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeQuery(sql).close();
        }
    }

    private JsonNode reportJson(LocalDate day) {
        CliRun run = CliRun.run(db, "report", "quality", CODE, "--date", day.toString(), "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        return parse(run.out());
    }

    private JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** Runs Debian's chromium headless on a local file with a fresh profile; returns its stdout (the DOM dump). */
    private static String chromium(Path html, String... action) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("cw-chromium-");
        Path log = Files.createTempFile("cw-chromium-", ".log");
        List<String> cmd = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        cmd.addAll(List.of(action));
        cmd.add(html.toAbsolutePath().toUri().toString());
        Path stdout = Files.createTempFile("cw-chromium-", ".out");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("chromium is not installed (sudo scripts/install-deps.sh installs it)", e);
        }
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + readQuietly(log));
        }
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + readQuietly(log));
        byte[] out = Files.readAllBytes(stdout);
        deleteQuietly(profile);
        Files.deleteIfExists(log);
        Files.deleteIfExists(stdout);
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void deleteQuietly(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
