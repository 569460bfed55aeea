package com.catwing.cw.generate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Profile "all" injects every defect kind, and every manifest entry can be found in the files. */
class DefectsTest {
    static final int DAYS = 30;

    private static JsonNode manifest(Gen g) {
        return g.json("client-data/" + g.cfg.client() + "/ground-truth/defects-manifest.json").get("defects");
    }

    @ParameterizedTest
    @ValueSource(strings = {"catwing", "navision"})
    void profileAllInjectsEveryKind(String dialect) {
        Gen g = Gen.of(Gen.config(DAYS, dialect, "all"));
        Set<String> kinds = new TreeSet<>();
        manifest(g).forEach(d -> kinds.add(d.get("kind").asText()));
        assertEquals(new TreeSet<>(Arrays.asList(Defect.KINDS)), kinds, "every defect kind at least once");
        assertEquals(g.stats.defects, manifest(g).size(), "stats count the manifest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"catwing", "navision"})
    void everyManifestEntryIsInItsFile(String dialect) throws Exception {
        Gen g = Gen.of(Gen.config(DAYS, dialect, "all"));
        for (JsonNode d : manifest(g)) {
            String file = d.get("file").asText();
            String kind = d.get("kind").asText();
            byte[] bytes = g.bytes(file);
            String text = new String(bytes, StandardCharsets.UTF_8);
            String[] lines = text.split("\n", -1);
            String what = kind + " in " + file + ": " + d;
            switch (kind) {
                case Defect.TRUNCATED -> assertThrows(Exception.class, () -> Gen.JSON.readTree(bytes), what);
                case Defect.STALE -> {
                    String prev = file.replace(file.split("/")[2], g.cfg.start().plusDays(
                            java.time.temporal.ChronoUnit.DAYS.between(g.cfg.start(),
                                    java.time.LocalDate.parse(file.split("/")[2])) - 1).toString());
                    assertArrayEquals(g.bytes(prev), bytes, what);
                }
                case Defect.COLLAPSE -> {
                    int kept = Integer.parseInt(d.get("note").asText().replaceAll("^only (\\d+) of.*", "$1"));
                    int total = Integer.parseInt(d.get("note").asText().replaceAll("^only \\d+ of (\\d+).*", "$1"));
                    assertEquals(kept, g.json(file).size(), what);
                    assertTrue(kept * 5 < total, "volume collapsed: " + what);
                }
                case Defect.DRIFT -> {
                    String renamed = d.get("note").asText().replaceAll(".* renamed to (\\S+) .*", "$1");
                    for (JsonNode r : g.json(file)) {
                        assertTrue(r.has(renamed), what);
                    }
                }
                case Defect.MALFORMED -> {
                    String line = lines[d.get("record").asInt() + 1];
                    assertThrows(Exception.class, () -> Gen.JSON.readTree(line.replaceAll(",$", "")), what);
                }
                default -> {
                    int idx = d.get("record").asInt();
                    String line = lines[idx + 1].replaceAll(",$", "");
                    JsonNode rec = Gen.JSON.readTree(line);
                    String flat = rec.toString();
                    switch (kind) {
                        case Defect.DUPLICATE -> assertEquals(lines[idx].replaceAll(",$", ""), line, what);
                        case Defect.MISSING, Defect.ORPHAN, Defect.NEGATIVE_QTY, Defect.NEGATIVE_PRICE -> {
                            Gen clean = Gen.of(Gen.config(DAYS, dialect, "none"));
                            assertFalse(Arrays.asList(clean.text(file).split("\n")).contains(lines[idx + 1]),
                                    "the record differs from the clean one: " + what);
                            if (kind.startsWith("negative")) {
                                assertTrue(flat.matches(".*:\"?-\\d.*"), what);
                            }
                        }
                        case Defect.ABSURD_QTY -> assertTrue(flat.contains("99999999"), what);
                        case Defect.ABSURD_PRICE -> assertTrue(flat.contains("9999999.99"), what);
                        case Defect.ANCIENT_DATE -> assertTrue(flat.contains("1900"), what);
                        case Defect.FUTURE_DATE -> assertTrue(flat.contains(
                                String.valueOf(g.cfg.start().getYear() + 5)), what);
                        case Defect.HOSTILE -> {
                            Set<String> values = new HashSet<>();
                            collect(rec, values);
                            assertTrue(values.contains(DefectPlan.SQL) || values.contains(DefectPlan.QUOTES)
                                    || values.contains(DefectPlan.CONTROL) || values.contains(DefectPlan.LONG)
                                    || values.contains(DefectPlan.NON_LATIN), "hostile text survives JSON intact: " + what);
                        }
                        default -> throw new AssertionError("unchecked kind " + kind);
                    }
                }
            }
        }
    }

    private static void collect(JsonNode n, Set<String> out) {
        if (n.isTextual()) {
            out.add(n.asText());
        }
        n.forEach(c -> collect(c, out));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "light"})
    void milderProfiles(String profile) {
        Gen g = Gen.of(Gen.config(DAYS, "catwing", profile));
        int n = manifest(g).size();
        if (profile.equals("none")) {
            assertEquals(0, n, "no defects");
        } else {
            assertTrue(n >= 2 && n <= 8, "about one defect a week: " + n);
        }
    }
}
