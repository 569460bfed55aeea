package com.catwing.cw.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Small generated worlds for the tests, kept in memory and cached per configuration. */
final class Gen {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<GeneratorConfig, Gen> CACHE = new HashMap<>();

    final GeneratorConfig cfg;
    final Sink.Memory sink = new Sink.Memory();
    final Generator.Stats stats;

    private Gen(GeneratorConfig cfg) {
        this.cfg = cfg;
        this.stats = new Generator(cfg, sink).run(null);
    }

    static GeneratorConfig config(int days, String dialect, String defects) {
        return new GeneratorConfig("CW-000042", LocalDate.of(2024, 3, 1), days, 120, 8, 12, 7, dialect, defects);
    }

    static synchronized Gen of(GeneratorConfig cfg) {
        return CACHE.computeIfAbsent(cfg, Gen::new);
    }

    String rawKey(int day, String endpoint) {
        return "raw-data/" + cfg.client() + "/" + cfg.start().plusDays(day) + "/" + endpoint + ".json";
    }

    byte[] bytes(String key) {
        byte[] b = sink.objects.get(key);
        if (b == null) {
            throw new AssertionError("no object " + key);
        }
        return b;
    }

    String text(String key) {
        return new String(bytes(key), StandardCharsets.UTF_8);
    }

    JsonNode json(String key) {
        try {
            return JSON.readTree(bytes(key));
        } catch (IOException e) {
            throw new UncheckedIOException(key, e);
        }
    }

    JsonNode raw(int day, String endpoint) {
        return json(rawKey(day, endpoint));
    }

    /** The ground-truth rows of a day. */
    List<JsonNode> truth(int day) {
        String key = "client-data/" + cfg.client() + "/ground-truth/demand/" + cfg.start().plusDays(day) + ".jsonl";
        List<JsonNode> rows = new ArrayList<>();
        for (String line : text(key).split("\n")) {
            if (!line.isEmpty()) {
                try {
                    rows.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return rows;
    }
}
