package com.catwing.cw.report;

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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cw report forecast} on the hand-made accuracy world of the pgTAP fixtures (tests.forecast_accuracy_world:
 * two series, two scored weeks, every number known): html rendered by a real headless Chromium, md and json; hostile
 * names come out escaped; errors are one line.
 */
class ForecastReportTest extends DbTest {
    private static final String CODE = TestServer.CLIENT_A;
    private static final String SCHEMA = "cw_000901";
    private static final String DATE = "2024-07-14";
    private static final String CLIENT_NAME = "Gartenwelt \"Nord\" <GmbH> & Co's";
    private static final String HOSTILE = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>";

    private Path outDir;

    @BeforeAll
    void scoreTheHandMadeWorld() throws IOException {
        exec("select tests.forecast_accuracy_world('2024-06-30')");
        exec("call " + SCHEMA + ".forecast_score('" + DATE + "')");
        exec("update cw_global.clients set name = '" + CLIENT_NAME.replace("'", "''") + "' where code = '" + CODE + "'");
        exec("update " + SCHEMA + ".locations set name = '" + HOSTILE.replace("'", "''") + "' where erp_id = 'FA-S2'");
        outDir = TestServer.home().resolve("tests/target/forecast-report");
        Files.createDirectories(outDir);
    }

    private CliRun report(String format, Path output, String... extra) {
        List<String> args = new ArrayList<>(List.of("report", "forecast", CODE, "--date", DATE, "--weeks", "2",
                "--format", format));
        if (output != null) {
            args.addAll(List.of("--output", output.toString()));
        }
        args.addAll(List.of(extra));
        CliRun run = CliRun.run(db, args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        return run;
    }

    @Test
    void theHtmlRendersInHeadlessChromiumWithTheChartTheVerdictAndTheBreakdowns() throws Exception {
        Path html = outDir.resolve("forecast-" + DATE + ".html");
        CliRun run = report("html", html);
        assertTrue(run.out().contains("written to"), run.out());
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertFalse(page.toLowerCase().contains("<script"), "no script element in the page source");
        assertFalse(page.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no external resources");

        String dom = chromium(html, "--dump-dom");
        assertTrue(dom.contains("<svg"), "the horizon chart is rendered");
        assertEquals(4, dom.split("<rect ", -1).length - 1, "two bars (ours, benchmark) per scored horizon week");
        assertFalse(dom.toLowerCase().contains("<script"), "no injected script element in the rendered DOM");
        assertFalse(dom.toLowerCase().contains("<img"), "no injected img element in the rendered DOM");
        assertFalse(dom.contains("pwned</title>"), "the injected script never ran");
        assertTrue(dom.contains("Gartenwelt \"Nord\" &lt;GmbH&gt; &amp; Co's"), "the client name is shown as text");
        assertTrue(dom.contains("FA-S2 &lt;script&gt;document.title='pwned'&lt;/script&gt;"),
                "the hostile location name is shown as text");
        // Hand arithmetic (tests/pgtap/forecast_score): overall weighted RMSSE (1.3929 + 1.2857) / 2, benchmark
        // (0.8929 + 1) / 2, value added 1 - 1.3393 / 0.9464 = -41.5 %, WAPE 9 / 29, bias -1 / 29.
        assertTrue(dom.contains("Value added -41.5 %"), "the verdict's value added");
        assertTrue(dom.contains("The seasonal-naive benchmark did better"), "the verdict");
        assertTrue(dom.contains("<b>1.3393</b><span>weighted RMSSE (benchmark 0.9464)</span>"), "weighted RMSSE");
        assertTrue(dom.contains("<b>31 %</b><span>WAPE (benchmark 24.1 %)</span>"), "WAPE");
        assertTrue(dom.contains("<b>-3.4 %</b>"), "bias");
        for (String section : List.of("by-horizon", "by-abc-class", "by-location", "by-category")) {
            assertTrue(dom.contains("<section id=\"" + section + "\">"), "section " + section);
        }
        assertTrue(dom.contains("<td>1 week</td><td>2</td><td>1.3929</td><td>0.8929</td>"), "horizon week 1 row");
        assertTrue(dom.contains("<td>unclassified</td>"), "a series without a class at the origin");
        assertTrue(dom.contains("<td>FA Garden</td>"), "the category");

        Path png = outDir.resolve("forecast-" + DATE + ".png");
        Files.deleteIfExists(png);
        chromium(html, "--screenshot=" + png, "--window-size=1100,1800", "--hide-scrollbars");
        assertTrue(Files.size(png) > 10_000, "a screenshot of the page: " + png);
    }

    @Test
    void markdownAndJsonCarryTheSameFigures() throws Exception {
        JsonNode report = new ObjectMapper().readTree(report("json", null).out());
        assertEquals(CODE, report.get("client_code").asText());
        assertEquals(CLIENT_NAME, report.get("client_name").asText());
        assertEquals("2024-07-01", report.get("from_date").asText());
        assertEquals(2, report.get("by_horizon").size(), "two horizon weeks scored");
        assertEquals(4, report.get("overall").get("series_weeks").asInt());
        assertEquals("1.3393", report.get("overall").get("wrmsse").asText());
        assertEquals(2, report.get("by_location").size());

        Path md = outDir.resolve("forecast-" + DATE + ".md");
        report("md", md);
        String text = Files.readString(md, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("# Forecast accuracy report: Gartenwelt \"Nord\" &lt;GmbH&gt; &amp; Co's (CW-000901)"),
                text.lines().findFirst().orElse(""));
        assertTrue(text.contains("**Weighted RMSSE 1.3393 (benchmark 0.9464), value added -41.5 %, WAPE 31 %, "
                + "bias -3.4 %**"), text);
        assertTrue(text.contains("| forecast made | series weeks | WRMSSE |"), "the horizon table");
        assertTrue(text.contains("| 1 week | 2 | 1.3929 | 0.8929 |"), text);
        assertFalse(text.contains("<script"), "hostile markup is escaped in markdown");
    }

    @Test
    void errorsAreOneLineWithExitCode2() {
        CliRun noScores = CliRun.run(db, "report", "forecast", CODE, "--date", "2024-05-01");
        assertEquals(2, noScores.exitCode());
        assertEquals(1, noScores.err().strip().lines().count(), noScores.err());
        assertTrue(noScores.err().contains("no scored forecast week for client CW-000901 in the 13 weeks up to "
                + "2024-05-01"), noScores.err());
        assertTrue(noScores.err().contains("the latest scored week ends on 2024-07-14"), noScores.err());
        assertTrue(noScores.err().contains("[SQLSTATE CW203]"), noScores.err());

        CliRun badWeeks = CliRun.run(db, "report", "forecast", CODE, "--date", DATE, "--weeks", "0");
        assertEquals(2, badWeeks.exitCode());
        assertEquals("cw: invalid --weeks 0 (expected 1 to 520)", badWeeks.err().strip());

        CliRun badFormat = CliRun.run(db, "report", "forecast", CODE, "--date", DATE, "--format", "pdf");
        assertEquals(2, badFormat.exitCode());
        assertEquals("cw: unknown report format 'pdf' (expected one of: html, md, json)", badFormat.err().strip());

        CliRun unknownClient = CliRun.run(db, "report", "forecast", "CW-000999", "--date", DATE);
        assertEquals(2, unknownClient.exitCode());
        assertTrue(unknownClient.err().contains("[SQLSTATE CW002]"), unknownClient.err());
    }

    @Test
    void theClientsUiRoleMayReadTheReportAndTheScores() {
        assertEquals("4", queryOne("select " + "tests.scalar_as('" + SCHEMA + "_ui', $$select (" + SCHEMA
                + ".forecast_accuracy_report('" + DATE + "', 2) #>> '{overall,series_weeks}')$$)"));
        assertEquals("2", queryOne("select tests.scalar_as('" + SCHEMA + "_ui', $$select count(*) from " + SCHEMA
                + ".forecast_accuracy_series_scores$$)"));
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
            throw new AssertionError("chromium did not finish in 120 s: " + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + readQuietly(log));
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        try (var paths = Files.walk(profile)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        Files.deleteIfExists(log);
        Files.deleteIfExists(stdout);
        return out;
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
