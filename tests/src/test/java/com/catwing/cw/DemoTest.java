package com.catwing.cw;

import com.catwing.cw.s3.S3Settings;
import com.catwing.cw.support.CliRun;
import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestS3;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cw demo} end to end, as a user runs it (the same command, in-process), on the test database and the test
 * S3: the output shows a few products' forecasts next to their recent demand (issue 12), targets next to stock on
 * hand (issue 13), the morning's purchase proposal per supplier and the transfer list (issue 14) and a small web-shop
 * client (issue 17), each with real numbers, not only its heading; a second run succeeds and prints the same figures.
 * Own client codes (the S3 bucket is shared by every test class of the JVM) and the demo's {@code --small} world.
 */
class DemoTest extends DbTest {
    private static final String CLIENT = "CW-000961";
    private static final String WEBSHOP = "CW-000962";
    private static final String[] ARGS = {"demo", "--small", "--client", CLIENT, "--webshop-client", WEBSHOP};
    /** The sections whose figures a second run must print again unchanged (titles as the demo prints them). */
    private static final List<String> STABLE = List.of("behaviours, ", "forecast, ", "inventory targets, ",
            "assortments ", "purchase proposal, ", "transfer list, ");

    private final Map<String, String> s3Properties = new java.util.LinkedHashMap<>();
    private CliRun first;
    private CliRun second;

    @BeforeAll
    void runTheDemoTwice() {
        // Point the in-process demo at the test S3 (a system property wins over the environment, see Env.get).
        S3Settings s3 = TestS3.store().settings();
        s3Properties.put("CW_S3_ENDPOINT", s3.endpoint().toString());
        s3Properties.put("CW_S3_BUCKET", s3.bucket());
        s3Properties.put("CW_S3_REGION", s3.region());
        s3Properties.put("CW_S3_ACCESS_KEY", s3.accessKey());
        s3Properties.put("CW_S3_SECRET_KEY", s3.secretKey());
        s3Properties.put("CW_S3_PATH_STYLE", "true");
        s3Properties.forEach(System::setProperty);
        TestS3.configureAwsS3(db);
        first = CliRun.run(db, ARGS);
        second = CliRun.run(db, ARGS);
        // Both outputs next to the surefire reports, to read what the demo printed.
        try {
            java.nio.file.Path dir = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target"));
            java.nio.file.Files.writeString(dir.resolve("demo-first.txt"), first.out() + first.err());
            java.nio.file.Files.writeString(dir.resolve("demo-second.txt"), second.out() + second.err());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    void clearProperties() {
        s3Properties.keySet().forEach(System::clearProperty);
    }

    @Test
    void theDemoRunsWithoutAnError() {
        assertEquals(0, first.exitCode(), "cw demo failed:\n" + first.err() + "\n" + first.out());
        assertTrue(first.err().isBlank(), "nothing on stderr: " + first.err());
    }

    /** Issue 12: a few products' weekly demand of the last 4 weeks next to their forecast of the next 4. */
    @Test
    void showsForecastsNextToRecentDemand() {
        List<String> rows = rows(first.out(), "forecast, ");
        Pattern row = Pattern.compile("^(\\S+)\\s+(\\S+)\\s+(\\d+)\\s+((?:\\s*-?\\d+\\.\\d){4})\\s+\\|"
                + "((?:\\s*-?\\d+\\.\\d){1,4})\\s+(\\d\\.\\d\\d)\\s+(\\S+)$");
        double demand = 0;
        double forecast = 0;
        for (String r : rows) {
            Matcher m = row.matcher(r);
            assertTrue(m.matches(), "a forecast row with 4 weeks of demand and up to 4 of forecast: '" + r + "'");
            demand += sum(m.group(4));
            forecast += sum(m.group(5));
        }
        assertTrue(rows.size() >= 3, "a few products' forecasts: " + rows);
        assertTrue(demand > 0 && forecast > 0, "real demand and forecast figures: " + rows);
    }

    /** Issue 13: a few targets next to stock on hand. */
    @Test
    void showsTargetsNextToStockOnHand() {
        List<String> rows = rows(first.out(), "inventory targets, ");
        Pattern row = Pattern.compile("^(\\S+)\\s+(\\S+)\\s+([a-z_]+)\\s+(-|-?\\d+(?:\\.\\d+)?)\\s+(-?\\d+\\.\\d)\\s+"
                + "(-?\\d+\\.\\d)\\s+(-?\\d+\\.\\d)\\s+(-|\\d(?:\\.\\d+)?)(?:\\s+order now)?$");
        boolean onHand = false;
        double target = 0;
        for (String r : rows) {
            Matcher m = row.matcher(r);
            assertTrue(m.matches(), "a target row (product, location, strategy, on hand, reorder point, safety "
                    + "stock, target, fill rate): '" + r + "'");
            onHand |= !m.group(4).equals("-");
            target += Double.parseDouble(m.group(7));
        }
        assertTrue(rows.size() >= 3, "a few targets: " + rows);
        assertTrue(onHand, "stock on hand next to the targets: " + rows);
        assertTrue(target > 0, "real target figures: " + rows);
    }

    /** Issue 14: the morning's purchase proposal per supplier, then the transfer list. */
    @Test
    void endsWithThePurchaseProposalPerSupplierAndTheTransferList() {
        List<String> proposal = rows(first.out(), "purchase proposal, ");
        Pattern supplier = Pattern.compile("^(\\S+)\\s+.+\\s+([A-Z]{3})\\s+([\\d,]+)\\s+([\\d,]+)\\s+"
                + "([\\d,]+\\.\\d\\d)\\s+(-|[\\d,]+\\.\\d\\d)\\s+(yes|no)$");
        BigDecimal value = BigDecimal.ZERO;
        for (String r : proposal) {
            Matcher m = supplier.matcher(r);
            assertTrue(m.matches(), "a supplier row (lines, critical, order value, minimum, meets): '" + r + "'");
            assertTrue(Long.parseLong(m.group(3).replace(",", "")) > 0, "a supplier with lines: " + r);
            value = value.add(new BigDecimal(m.group(5).replace(",", "")));
        }
        assertFalse(proposal.isEmpty(), "a purchase proposal per supplier");
        assertTrue(value.signum() > 0, "a real order value: " + proposal);

        List<String> transfers = rows(first.out(), "transfer list, ");
        Pattern route = Pattern.compile("^(\\S+)\\s+(\\S+)\\s+.+\\s+(critical|high|medium|low)\\s+([\\d,]+)\\s+"
                + "([\\d,]+)\\s+([\\d,]+)$");
        long units = 0;
        for (String r : transfers) {
            Matcher m = route.matcher(r);
            assertTrue(m.matches(), "a route row (from, to, reasons, priority, lines, critical, units): '" + r + "'");
            units += Long.parseLong(m.group(6).replace(",", ""));
        }
        assertFalse(transfers.isEmpty(), "a transfer list");
        assertTrue(units > 0, "real transfer quantities: " + transfers);

        int po = first.out().indexOf("\npurchase proposal, ");
        int to = first.out().indexOf("\ntransfer list, ");
        int web = first.out().indexOf("== 6/6");
        assertTrue(po > 0 && to > po && (web < 0 || web > to),
                "the demo client's part ends with the purchase proposal, then the transfer list");
    }

    /** Issue 17: a small web-shop client, generated, loaded and run; its days pass the gate and its sales land. */
    @Test
    void alsoRunsASmallWebShopClient() {
        String out = first.out();
        int at = out.indexOf("== 6/6 a web-shop client " + WEBSHOP);
        assertTrue(at > 0, "the web-shop part: " + out);
        String web = out.substring(at);
        Matcher files = Pattern.compile("([\\d,]+) CSV rows in (\\d+) files").matcher(web);
        assertTrue(files.find() && Integer.parseInt(files.group(2)) > 0, "CSV files generated: " + web);
        Matcher gate = Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\d\\s+passed\\s+\\d").matcher(web);
        assertTrue(gate.find(), "web-shop days with a passed gate and a score: " + web);
        Matcher sales = Pattern.compile("(?m)^sales_order_lines\\s+([\\d,]+)\\s+([\\d,]+)").matcher(web);
        assertTrue(sales.find() && Long.parseLong(sales.group(1).replace(",", "")) > 0,
                "the load counts of the web shop's last day that ran to the end show its sales lines: " + web);
        assertTrue(count("select from cw_000962.sales_order_lines") > 0, "the web shop's sales land");
        assertEquals("webshop_csv", queryOne("select erp_dialects.code from cw_global.clients inner join "
                + "cw_global.erp_dialects on erp_dialects.id = clients.erp_dialect_id where clients.code = '"
                + WEBSHOP + "'"));
    }

    /** A second run: no error, the same figures in every result section, and no second client or forecast. */
    @Test
    void aSecondRunIsIdempotent() {
        assertEquals(0, second.exitCode(), "the second cw demo failed:\n" + second.err() + "\n" + second.out());
        for (String title : STABLE) {
            List<String> once = rows(first.out(), title);
            assertFalse(once.isEmpty(), "section " + title + " has rows");
            assertEquals(once, rows(second.out(), title), "section '" + title + "' unchanged by a second run");
        }
        assertEquals(gateTable(first.out()), gateTable(second.out()), "the gate table of each day unchanged");
        assertEquals("2", queryOne("select count(*) from cw_global.clients where code in ('" + CLIENT + "', '"
                + WEBSHOP + "')"), "each demo client once");
    }

    /**
     * The data rows of a section: the lines after its title and column header, up to the next blank line, heading
     * ("== ") or note of a client created.
     */
    private static List<String> rows(String out, String title) {
        String[] lines = out.split("\n");
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(title)) {
                for (int j = i + 2; j < lines.length && !lines[j].isBlank() && !lines[j].startsWith("client ")
                        && !lines[j].startsWith("== "); j++) {
                    if (!lines[j].startsWith("-- class ")) {
                        rows.add(lines[j].stripTrailing());
                    }
                }
                assertFalse(rows.stream().anyMatch(r -> r.startsWith("(no ")), "section " + title + " is empty: "
                        + rows);
                return rows;
            }
        }
        assertNotNull(null, "no section '" + title + "' in the demo's output:\n" + out);
        return rows;
    }

    /** The demo client's gate table: the lines that start with a date, before step 5's heading. */
    private static List<String> gateTable(String out) {
        List<String> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("== 5/")) {
                break;
            }
            if (line.matches("^\\d{4}-\\d\\d-\\d\\d .*")) {
                rows.add(line.stripTrailing());
            }
        }
        return rows;
    }

    private static double sum(String numbers) {
        double s = 0;
        for (String n : numbers.trim().split("\\s+")) {
            s += Double.parseDouble(n);
        }
        return s;
    }
}
