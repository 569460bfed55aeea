package com.catwing.cw.generate;

import com.catwing.cw.CwException;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cw generate --dialect webshop_csv}: the four files follow the CSV contract of docs/generator.md, the dirt in
 * them is exactly what the ground truth says at the documented rates, the output is a function of the arguments, and
 * the JSON dialects' output did not change.
 */
class WebshopGeneratorTest {
    private static final int DAYS = 20;
    private static final String[] FILES = {"customers", "products", "transactions", "transaction_items"};
    private static final Map<String, String[]> HEADERS = Map.of("customers", WebshopCsv.CUSTOMERS, "products",
            WebshopCsv.PRODUCTS, "transactions", WebshopCsv.TRANSACTIONS, "transaction_items", WebshopCsv.ITEMS);
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern UTC = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final Pattern MONEY = Pattern.compile("-?\\d+\\.\\d{2}");

    static GeneratorConfig config(int days, double dirt, boolean hostile) {
        return new GeneratorConfig("CW-000042", LocalDate.of(2024, 3, 1), days, 160, 8, 12, 7, "webshop_csv", "none")
                .withCancellations(true).withDirt(dirt, hostile);
    }

    private static String key(GeneratorConfig cfg, int day, String file) {
        return "raw-data/" + cfg.client() + "/" + cfg.start().plusDays(day) + "/" + file + ".csv";
    }

    /** The records of a file (the BOM checked and removed; header checked). */
    static List<CSVRecord> parse(byte[] bytes, String file) {
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3), "UTF-8 BOM");
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        try (CSVParser p = CSVParser.parse(new StringReader(text),
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertEquals(List.of(HEADERS.get(file)), p.getHeaderNames(), file + ": the contract's header");
            List<CSVRecord> records = p.getRecords();
            for (CSVRecord r : records) {
                assertEquals(HEADERS.get(file).length, r.size(), file + ": column count of record " + r.getRecordNumber());
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(file, e);
        }
    }

    private static String v(CSVRecord r, String column) {
        String s = r.get(column);
        return s.isEmpty() ? null : s;
    }

    private static List<JsonNode> dirt(Gen g, int day) {
        String text = g.text("client-data/" + g.cfg.client() + "/ground-truth/dirt/" + g.cfg.start().plusDays(day)
                + ".jsonl");
        List<JsonNode> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                try {
                    rows.add(Gen.JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return rows;
    }

    @Test
    void cleanFilesFollowTheContract() {
        Gen g = Gen.of(config(DAYS, 0, false));
        Set<String> allTransactions = new HashSet<>();
        int returns = 0;
        int cancelled = 0;
        int cancelledItems = 0;
        int discounted = 0;
        boolean comma = false;
        boolean quote = false;
        boolean newline = false;
        for (int d = 0; d < DAYS; d++) {
            assertTrue(dirt(g, d).isEmpty(), "--dirt 0 writes no dirt");
            Set<String> customers = new HashSet<>();
            for (CSVRecord r : parse(g.bytes(key(g.cfg, d, "customers")), "customers")) {
                assertTrue(r.get("customer_id").matches("C\\d{7}"), r.toString());
                assertTrue(customers.add(r.get("customer_id")), "one row per customer");
                for (String c : WebshopCsv.CUSTOMERS) {
                    assertNotNull(v(r, c), "clean customers have every field: " + c);
                    assertEquals(r.get(c).strip(), r.get(c), "no stray whitespace");
                }
                assertTrue(DATE.matcher(r.get("signup_date")).matches(), r.toString());
                assertFalse(LocalDate.parse(r.get("signup_date")).isAfter(g.cfg.start().plusDays(d)), "registered");
                assertTrue(UTC.matcher(r.get("updated_at")).matches(), r.toString());
                assertTrue(r.get("email").contains("@"));
            }
            Set<String> products = new HashSet<>();
            for (CSVRecord r : parse(g.bytes(key(g.cfg, d, "products")), "products")) {
                products.add(r.get("product_id"));
                BigDecimal price = new BigDecimal(r.get("price"));
                BigDecimal cost = new BigDecimal(r.get("cost"));
                assertTrue(MONEY.matcher(r.get("price")).matches() && price.signum() > 0, r.toString());
                assertTrue(cost.compareTo(price) < 0, "cost below price: " + r);
                assertEquals("EUR", r.get("currency"));
                assertTrue(Set.of("active", "discontinued").contains(r.get("status")));
                assertEquals("merchandise", r.get("product_type"));
                assertTrue(Integer.parseInt(r.get("pack_size")) >= 1);
                assertTrue(UTC.matcher(r.get("updated_at")).matches());
                String name = r.get("product_name");
                comma |= name.contains(",");
                quote |= name.contains("\"");
                newline |= name.contains("\n");
            }
            Map<String, CSVRecord> transactions = new HashMap<>();
            for (CSVRecord r : parse(g.bytes(key(g.cfg, d, "transactions")), "transactions")) {
                String id = r.get("transaction_id");
                transactions.put(id, r);
                assertTrue(customers.contains(r.get("customer_id")), "the buyer is in the day's customers: " + r);
                OffsetDateTime at = OffsetDateTime.parse(r.get("transaction_date"));
                assertFalse(at.toLocalDate().isAfter(g.cfg.start().plusDays(d)), "not after the file's day");
                assertTrue(Arrays.asList(WebshopCsv.PAYMENTS).contains(r.get("payment_method")), r.toString());
                assertTrue(Set.of("completed", "cancelled").contains(r.get("status")));
                assertTrue(Set.of("sale", "return").contains(r.get("transaction_type")));
                if (r.get("transaction_type").equals("return")) {
                    returns++;
                    assertTrue(allTransactions.contains(r.get("original_transaction_id")),
                            "a return refers to an earlier transaction: " + r);
                } else {
                    assertNull(v(r, "original_transaction_id"));
                }
                cancelled += r.get("status").equals("cancelled") ? 1 : 0;
                assertEquals("EUR", r.get("currency"));
                assertTrue(UTC.matcher(r.get("updated_at")).matches());
            }
            allTransactions.addAll(transactions.keySet());
            for (CSVRecord r : parse(g.bytes(key(g.cfg, d, "transaction_items")), "transaction_items")) {
                CSVRecord t = transactions.get(r.get("transaction_id"));
                assertNotNull(t, "an item's transaction is in the same day's file: " + r);
                assertTrue(r.get("transaction_item_id").startsWith(r.get("transaction_id") + "-"));
                assertTrue(products.contains(r.get("product_id")), "an item's product is in the day's list: " + r);
                int q = Integer.parseInt(r.get("quantity"));
                assertTrue(q > 0, "positive quantities, returns included: " + r);
                BigDecimal unit = new BigDecimal(r.get("unit_price"));
                BigDecimal disc = new BigDecimal(r.get("discount"));
                assertTrue(disc.signum() >= 0 && disc.compareTo(BigDecimal.ONE) <= 0, "discount a fraction: " + r);
                discounted += disc.signum() > 0 ? 1 : 0;
                BigDecimal expected = unit.multiply(BigDecimal.valueOf(q)).multiply(BigDecimal.ONE.subtract(disc))
                        .setScale(2, RoundingMode.HALF_UP);
                assertEquals(expected, new BigDecimal(r.get("line_total")), "line_total = q × price × (1 − d): " + r);
                assertTrue(r.get("status").isEmpty() || r.get("status").equals("cancelled"));
                cancelledItems += r.get("status").equals("cancelled") ? 1 : 0;
            }
        }
        assertTrue(returns > 0 && cancelled > 0 && cancelledItems > 0 && discounted > 0,
                "returns " + returns + ", cancelled " + cancelled + ", cancelled items " + cancelledItems
                        + ", discounted lines " + discounted);
        assertTrue(comma && quote && newline, "product names with a comma, quotes and a line break (quoted)");
    }

    private static void assertNull(String s) {
        assertTrue(s == null, "expected empty, got " + s);
    }

    /**
     * Every row that differs from the clean export of the same seed is in the ground truth with the value written
     * and the true value, at the record and line it names; nothing else differs.
     */
    @Test
    void dirtyRowsAreExactlyTheGroundTruth() {
        Gen clean = Gen.of(config(DAYS, 0, false));
        Gen dirty = Gen.of(config(DAYS, 3, false));
        Map<String, Integer> kinds = new HashMap<>();
        for (int d = 0; d < DAYS; d++) {
            Map<String, JsonNode> truth = new HashMap<>();
            for (JsonNode e : dirt(dirty, d)) {
                truth.put(e.get("file").asText() + "#" + e.get("record").asInt(), e);
                kinds.merge(e.get("kind").asText() + "/" + e.get("field").asText(), 1, Integer::sum);
            }
            int named = 0;
            for (String file : FILES) {
                String k = key(dirty.cfg, d, file);
                Map<String, CSVRecord> cleanById = new HashMap<>();
                for (CSVRecord r : parse(clean.bytes(k), file)) {
                    cleanById.put(r.get(0), r);
                }
                String text = new String(dirty.bytes(k), 3, dirty.bytes(k).length - 3, StandardCharsets.UTF_8);
                List<CSVRecord> records = parse(dirty.bytes(k), file);
                for (int i = 0; i < records.size(); i++) {
                    CSVRecord r = records.get(i);
                    CSVRecord c = cleanById.get(r.get(0));
                    JsonNode e = truth.get(k + "#" + i);
                    if (c == null) {
                        assertNotNull(e, "a row that the clean export lacks is named: " + r);
                        assertEquals("duplicate_customer", e.get("kind").asText());
                        CSVRecord original = cleanById.get(e.get("clean").asText());
                        assertNotNull(original, "the duplicate's survivor is in the file");
                        assertEquals(original.get("email").toLowerCase(), r.get("email").toLowerCase(), "same person");
                        assertEquals(original.get("last_name").toLowerCase(), r.get("last_name").strip().toLowerCase());
                        named++;
                        continue;
                    }
                    List<String> changed = new ArrayList<>();
                    for (String col : HEADERS.get(file)) {
                        if (!r.get(col).equals(c.get(col))) {
                            changed.add(col);
                        }
                    }
                    if (changed.isEmpty()) {
                        assertTrue(e == null, "a clean row is not named: " + e);
                        continue;
                    }
                    assertNotNull(e, file + " row " + i + " differs in " + changed + " but is not in the ground truth");
                    named++;
                    String field = e.get("field").asText();
                    assertTrue(changed.contains(field), "the named field changed: " + e);
                    assertEquals(e.get("id").asText(), r.get(0));
                    assertEquals(e.get("value").isNull() ? "" : e.get("value").asText(), r.get(field), "value: " + e);
                    assertEquals(e.get("truth").asText(), c.get(field), "truth is the clean export's value: " + e);
                    if (!e.get("kind").asText().equals("invalid_quantity")) {
                        assertEquals(List.of(field), changed, "one field per defect: " + e);
                    }
                    String before = text.substring(0, (int) r.getCharacterPosition());
                    assertEquals(e.get("line").asInt(), 1 + before.chars().filter(ch -> ch == '\n').count(),
                            "physical line of " + e);
                }
            }
            assertEquals(truth.size(), named, "every ground-truth entry is a dirty row (day " + d + ")");
        }
        for (String k : List.of("duplicate_customer/null", "bad_case_name/first_name", "stray_whitespace/last_name",
                "missing_field/email", "missing_field/category", "missing_field/supplier_id", "invalid_price/price",
                "cost_not_below_price/cost", "invalid_date/transaction_date",
                "unknown_payment_method/payment_method", "missing_field/currency", "wrong_line_total/line_total",
                "invalid_quantity/quantity", "discount_out_of_range/discount")) {
            assertTrue(kinds.getOrDefault(k, 0) > 0, "kind " + k + " occurs: " + kinds);
        }
    }

    /** The rates of the kinds counted per customer, transaction and item agree with the documented ones. */
    @Test
    void dirtRatesAreTheDocumentedOnes() {
        Gen clean = Gen.of(config(DAYS, 0, false));
        Gen dirty = Gen.of(config(DAYS, 3, false));
        Set<String> customers = new HashSet<>();
        long transactions = 0;
        long items = 0;
        long saleItems = 0;
        Map<String, Set<String>> perCustomer = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (int d = 0; d < DAYS; d++) {
            for (CSVRecord r : parse(clean.bytes(key(clean.cfg, d, "customers")), "customers")) {
                customers.add(r.get(0));
            }
            Map<String, CSVRecord> txn = new HashMap<>();
            for (CSVRecord r : parse(clean.bytes(key(clean.cfg, d, "transactions")), "transactions")) {
                txn.put(r.get(0), r);
                transactions++;
            }
            for (CSVRecord r : parse(clean.bytes(key(clean.cfg, d, "transaction_items")), "transaction_items")) {
                CSVRecord t = txn.get(r.get("transaction_id"));
                items++;
                if (t.get("status").equals("completed") && t.get("transaction_type").equals("sale")
                        && r.get("status").isEmpty()) {
                    saleItems++;
                }
            }
            for (JsonNode e : dirt(dirty, d)) {
                String kind = e.get("kind").asText() + "/" + e.get("rule").asText();
                if (e.get("file").asText().endsWith("customers.csv")) {
                    perCustomer.computeIfAbsent(kind, x -> new HashSet<>()).add(e.get("id").asText());
                } else {
                    count.merge(kind, 1, Integer::sum);
                }
            }
        }
        double scale = dirty.cfg.dirt();
        for (WebshopDirt.Kind k : WebshopDirt.Kind.values()) {
            String name = k.name + "/" + k.rule;
            long n;
            long observed;
            switch (k.unit) {
                case CUSTOMER -> {
                    n = customers.size();
                    observed = perCustomer.getOrDefault(name, Set.of()).size();
                }
                case TRANSACTION -> {
                    n = transactions;
                    observed = count.getOrDefault(name, 0);
                }
                case ITEM -> {
                    n = k == WebshopDirt.Kind.WRONG_LINE_TOTAL ? items : saleItems;
                    observed = count.getOrDefault(name, 0);
                }
                default -> {
                    continue; // product kinds: too few products for a rate; their presence is tested above
                }
            }
            double p = k.rate * scale;
            double expected = n * p;
            double sigma = Math.sqrt(n * p * (1 - p));
            // a row carries one kind: a later kind of the same row fires a little less often (up to ~15 % at --dirt 3)
            assertTrue(observed >= 0.8 * expected - 4 * sigma && observed <= expected + 4 * sigma,
                    name + ": " + observed + " of " + n + " (expected about " + Math.round(expected) + ")");
        }
    }

    @Test
    void hostileRowsBreakOnlyTheirRowAndAreNamed() throws Exception {
        Gen plain = Gen.of(config(DAYS, 1, false));
        Gen hostile = Gen.of(config(DAYS, 1, true));
        Map<String, JsonNode> byKind = new HashMap<>();
        for (int d = 0; d < DAYS; d++) {
            List<JsonNode> a = dirt(plain, d);
            List<JsonNode> b = dirt(hostile, d);
            for (JsonNode e : b) {
                if (e.get("rule").asText().equals("isolate_malformed_row")) {
                    byKind.put(e.get("kind").asText(), e);
                }
            }
            for (String file : FILES) {
                String k = key(plain.cfg, d, file);
                boolean named = b.stream().anyMatch(e -> e.get("file").asText().equals(k)
                        && e.get("rule").asText().equals("isolate_malformed_row"));
                if (!named) {
                    assertArrayEquals(plain.bytes(k), hostile.bytes(k), "a file without hostile rows is unchanged");
                }
            }
            assertTrue(b.size() >= a.size());
        }
        assertEquals(Set.of("unbalanced_quote", "wrong_column_count", "invalid_utf8"), byKind.keySet());

        JsonNode quote = byKind.get("unbalanced_quote");
        byte[] customers = hostile.bytes(quote.get("file").asText());
        String text = new String(customers, 3, customers.length - 3, StandardCharsets.UTF_8);
        String[] lines = text.split("\r\n", -1);
        assertEquals(quote.get("line").asInt(), lines.length - 1, "the unbalanced quote is on the last line");
        CSVParser parser = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180.builder().setHeader()
                .setSkipHeaderRecord(true).get());
        int read = 0;
        try {
            for (CSVRecord r : parser) {
                read++;
            }
            throw new AssertionError("an unbalanced quote must not parse");
        } catch (UncheckedIOException expected) {
            assertEquals(quote.get("record").asInt(), read, "every record before it parses");
        }

        JsonNode columns = byKind.get("wrong_column_count");
        byte[] items = hostile.bytes(columns.get("file").asText());
        String itemText = new String(items, 3, items.length - 3, StandardCharsets.UTF_8);
        List<CSVRecord> itemRecords = CSVParser.parse(new StringReader(itemText), CSVFormat.RFC4180).getRecords();
        CSVRecord bad = itemRecords.get(columns.get("record").asInt() + 1);
        assertEquals(WebshopCsv.ITEMS.length + 1, bad.size(), "one column too many: " + bad);
        assertEquals(columns.get("id").asText(), bad.get(0));
        assertEquals(columns.get("truth").asText(), bad.get(4) + "." + bad.get(5), "the decimal comma split the price");

        JsonNode utf8 = byKind.get("invalid_utf8");
        byte[] products = hostile.bytes(utf8.get("file").asText());
        assertThrows(CharacterCodingException.class, () -> StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(products)));
        String latin = new String(products, StandardCharsets.ISO_8859_1);
        String row = latin.split("\r\n")[utf8.get("line").asInt() - 1];
        assertTrue(row.startsWith(utf8.get("id").asText() + ","), row);
        assertTrue(row.contains(utf8.get("truth").asText()), "the row is the true text in Latin-1: " + row);
    }

    @Test
    void sameArgumentsGiveTheSameBytes() {
        GeneratorConfig cfg = config(8, 1, true);
        Sink.Memory a = new Sink.Memory();
        Sink.Memory b = new Sink.Memory();
        new Generator(cfg, a).run(null);
        new Generator(cfg, b).run(null);
        assertEquals(a.objects.keySet(), b.objects.keySet());
        for (String k : a.objects.keySet()) {
            assertArrayEquals(a.objects.get(k), b.objects.get(k), "same bytes in " + k);
        }
        assertTrue(a.objects.containsKey(key(cfg, 7, "transaction_items")));
        assertTrue(a.objects.containsKey("client-data/CW-000042/ground-truth/world.json"));
    }

    /** SHA-256 of every object (key and bytes) of 20-day worlds, computed with the generator before this dialect. */
    private static final Map<String, String> BEFORE = Map.of(
            "catwing none false", "731abc4a160d1af3b1d242d16fb321437ddd8fd0246d12fc5547ab661b9bbbef",
            "catwing none true", "6da52fd749dc57affdf9f42e025e91578b5e754e40b54636a4b7904ca284fd0d",
            "catwing all false", "00e5bb41e72c6441c5eafa687adfd012fd0c0b2f952be2bbec9a3aacae9be9e8",
            "catwing all true", "1cca992340c3c9e42e6792501f7f9001103fd0414bd5e0fe3a4f85a32362fe80",
            "navision none false", "df728136932b12e5b382711ff3e370db22c960f207ce66670cf17d5f2bb8fc8b",
            "navision none true", "8b9468ab573dbebe27b221315fa82e4f0404f2dc095be653714c4678ada33751",
            "navision all false", "fc94ee29e62156bbfca5de9381798c48942e6ae18518cbff5cd2d4e2c42923bc",
            "navision all true", "ff89d8c77aab47c880f8b5ac7f383632a6325ecece84df453083b1559220a360");

    @Test
    void theJsonDialectsWriteTheSameBytesAsBefore() throws Exception {
        for (Map.Entry<String, String> e : BEFORE.entrySet()) {
            String[] p = e.getKey().split(" ");
            GeneratorConfig cfg = Gen.config(20, p[0], p[1]).withCancellations(Boolean.parseBoolean(p[2]));
            Sink.Memory m = new Sink.Memory();
            new Generator(cfg, m).run(null);
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> o : m.objects.entrySet()) {
                md.update(o.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(o.getValue());
            }
            assertEquals(e.getValue(), HexFormat.of().formatHex(md.digest()), e.getKey());
        }
    }

    @Test
    void jsonOptionsAreRefusedForTheCsvDialectAndBack() {
        assertEquals(2, assertThrows(CwException.class, () -> config(5, 1, false).withDefects("all")).exitCode());
        assertEquals(2, assertThrows(CwException.class,
                () -> Gen.config(5, "catwing", "none").withDirt(1, true)).exitCode());
        assertEquals(2, assertThrows(CwException.class, () -> config(5, -1, false)).exitCode());
    }
}
