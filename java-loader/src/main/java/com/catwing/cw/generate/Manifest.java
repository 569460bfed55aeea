package com.catwing.cw.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * Every injected defect, as written to {@code client-data/{client}/ground-truth/defects-manifest.json}: the file
 * key, the 0-based index of the record in the file's array (null for file-level defects), the record's ERP id, the
 * defect kind, the logical (catwing) field and a human note.
 */
final class Manifest {
    record Entry(String file, Integer record, String id, String kind, String field, String note) {
    }

    final List<Entry> entries = new ArrayList<>();

    static String describeHostile(String v) {
        if (v.length() > 1000) {
            return "very long text (" + v.length() + " characters)";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length() && sb.length() < 80; i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
