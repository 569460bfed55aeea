package com.catwing.cw.generate;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeterminismTest {
    @Test
    void sameArgumentsAndSeedGiveByteIdenticalFiles() {
        for (String dialect : GeneratorConfig.DIALECTS) {
            GeneratorConfig cfg = Gen.config(20, dialect, "all");
            Sink.Memory a = new Sink.Memory();
            Sink.Memory b = new Sink.Memory();
            new Generator(cfg, a).run(null);
            new Generator(cfg, b).run(null);
            assertEquals(a.objects.keySet(), b.objects.keySet(), dialect + ": same keys");
            for (String k : a.objects.keySet()) {
                assertArrayEquals(a.objects.get(k), b.objects.get(k), dialect + ": same bytes in " + k);
            }
        }
    }

    @Test
    void anotherSeedGivesAnotherWorld() {
        GeneratorConfig cfg = Gen.config(5, "catwing", "none");
        GeneratorConfig other = new GeneratorConfig(cfg.client(), cfg.start(), cfg.days(), cfg.products(),
                cfg.locations(), cfg.suppliers(), cfg.seed() + 1, cfg.dialect(), cfg.defects());
        Sink.Memory a = new Sink.Memory();
        Sink.Memory b = new Sink.Memory();
        new Generator(cfg, a).run(null);
        new Generator(other, b).run(null);
        String key = "raw-data/" + cfg.client() + "/" + cfg.start() + "/products.json";
        assertFalse(Arrays.equals(a.objects.get(key), b.objects.get(key)), "seed changes the catalogue");
    }

    /** Defects change only the files the manifest names: the simulated world is the same. */
    @Test
    void defectsTouchOnlyTheFilesInTheManifest() throws Exception {
        Gen clean = Gen.of(Gen.config(30, "catwing", "none"));
        Gen dirty = Gen.of(Gen.config(30, "catwing", "all"));
        Set<String> named = new HashSet<>();
        for (var d : dirty.json("client-data/CW-000042/ground-truth/defects-manifest.json").get("defects")) {
            named.add(d.get("file").asText());
        }
        assertTrue(named.size() >= 8, "defects spread over several files");
        int same = 0;
        for (Map.Entry<String, byte[]> e : clean.sink.objects.entrySet()) {
            String k = e.getKey();
            if (k.startsWith("raw-data/") && !named.contains(k)) {
                assertArrayEquals(e.getValue(), dirty.bytes(k), "a file without defects is unchanged: " + k);
                same++;
            } else if (k.contains("/ground-truth/demand/")) {
                assertArrayEquals(e.getValue(), dirty.bytes(k), "ground truth does not depend on defects: " + k);
            }
        }
        assertTrue(same > 250, "most files are clean");
    }
}
