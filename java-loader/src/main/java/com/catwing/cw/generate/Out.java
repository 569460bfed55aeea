package com.catwing.cw.generate;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Writes one endpoint file (a JSON array, one record per line) through Jackson's streaming generator, and is
 * the single place where record-level defects are injected: the dialects name every field twice — its logical
 * (catwing) name and its physical name — and a defect armed for the current record replaces, drops, renames or
 * breaks the matching field. With no defect armed the cost is one null check per field.
 */
final class Out {
    private final JsonGenerator g;
    private final Dialect dialect;
    private final World w;
    private final String fileKey;
    private final List<Manifest.Entry> manifest;
    private final char[] buf = new char[64];

    private final ArrayDeque<Defect> queue = new ArrayDeque<>();
    private Defect armed;
    private boolean duplicate;
    private Defect drift;
    private String driftName;
    private String prefix = "";
    private int index = -1;
    private String recordId;
    int records;
    long nested;

    Out(JsonGenerator g, Dialect dialect, World w, String fileKey, List<Manifest.Entry> manifest) {
        this.g = g;
        this.dialect = dialect;
        this.w = w;
        this.fileKey = fileKey;
        this.manifest = manifest;
    }

    /** Queues record-level defects (sorted by target index) and applies file-level drift. */
    void plan(List<Defect> defects) {
        for (Defect d : defects) {
            if (d.kind.equals(Defect.DRIFT)) {
                drift = d;
                driftName = dialect.renamed(d.text);
                manifest.add(new Manifest.Entry(fileKey, null, null, d.kind, d.field(),
                        "field " + d.field() + " renamed to " + driftName + " in every record"));
            } else if (d.recordLevel()) {
                queue.add(d);
            }
        }
    }

    int index() {
        return index;
    }

    /** Record-level defects that found no matching record in this file (the generator moves them to the next day). */
    List<Defect> leftovers() {
        List<Defect> l = new java.util.ArrayList<>();
        if (armed != null) {
            l.add(armed);
        }
        l.addAll(queue);
        return l;
    }

    boolean pendingDefects() {
        return armed != null || duplicate || !queue.isEmpty();
    }

    // ------------------------------------------------------------------ structure

    void begin() {
        try {
            g.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void end() {
        try {
            g.writeEndArray();
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a top-level record; {@code id} is its ERP id for the manifest. */
    void record(String id) {
        index++;
        records++;
        recordId = id;
        if (armed == null && !queue.isEmpty() && queue.peek().target <= index) {
            Defect d = queue.poll();
            if (d.kind.equals(Defect.DUPLICATE)) {
                duplicate = true;
            } else {
                armed = d;
            }
        }
        obj();
    }

    /** True once, after the record that a duplicate defect chose: the caller writes that record again. */
    boolean duplicateDue() {
        if (!duplicate) {
            return false;
        }
        duplicate = false;
        manifest.add(new Manifest.Entry(fileKey, index + 1, recordId, Defect.DUPLICATE, null,
                "record " + index + " repeated as record " + (index + 1)));
        return true;
    }

    void endRecord() {
        endObj();
    }

    void obj() {
        try {
            g.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void endObj() {
        try {
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A nested object field; logical children are addressed as {@code key.child}. */
    void obj(String key, String phys) {
        try {
            g.writeFieldName(phys);
            g.writeStartObject();
            prefix = key + ".";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void endObj(String key) {
        endObj();
        prefix = "";
    }

    /** A nested array of objects (order lines, prices); children are addressed as {@code lines.child}. */
    void arr(String key, String phys) {
        try {
            g.writeFieldName(phys);
            g.writeStartArray();
            prefix = key + ".";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void endArr() {
        try {
            g.writeEndArray();
            prefix = "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An element object inside {@link #arr}. */
    void elem() {
        nested++;
        obj();
    }

    /** Opens a wrapper object (e.g. navision's "Header") without changing logical names. */
    void wrap(String phys) {
        try {
            g.writeFieldName(phys);
            g.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ fields

    private boolean hit(String key) {
        return armed != null && armed.name.equals(key) && armed.prefix.equals(prefix);
    }

    private String name(String key, String phys) {
        if (drift != null && drift.name.equals(key) && drift.prefix.equals(prefix)) {
            return driftName;
        }
        return phys;
    }

    private void fired(String note) {
        manifest.add(new Manifest.Entry(fileKey, index, recordId, armed.kind, armed.field(), note));
        armed = null;
    }

    /** Handles a missing-field defect; true when the field must be left out. */
    private boolean dropped(String key, String phys) {
        if (hit(key) && armed.kind.equals(Defect.MISSING)) {
            fired("field " + phys + " left out");
            return true;
        }
        return false;
    }

    void str(String key, String phys, String v) {
        try {
            if (armed != null && hit(key)) {
                if (dropped(key, phys)) {
                    return;
                }
                if (armed.kind.equals(Defect.HOSTILE)) {
                    v = armed.text;
                    fired("value replaced by hostile text: " + Manifest.describeHostile(v));
                } else if (armed.kind.equals(Defect.MALFORMED)) {
                    g.writeFieldName(phys);
                    g.writeRawValue("\"" + v + " \"broken\" quote\\x");
                    fired("unescaped quotes and an invalid escape in " + phys + ": the line is not valid JSON");
                    return;
                }
            }
            g.writeFieldName(name(key, phys));
            if (v == null) {
                g.writeNull();
            } else {
                g.writeString(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void nul(String key, String phys) {
        try {
            if (armed != null && dropped(key, phys)) {
                return;
            }
            g.writeFieldName(name(key, phys));
            g.writeNull();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An identifier; {@code index < 0} writes null. An orphan-reference defect points it at a missing entity. */
    void id(String key, String phys, IdKind kind, long idx) {
        try {
            if (armed != null && hit(key)) {
                if (dropped(key, phys)) {
                    return;
                }
                if (armed.kind.equals(Defect.ORPHAN)) {
                    idx = 900_000 + (idx % 1000);
                    g.writeFieldName(phys);
                    dialect.writeId(g, kind, idx, buf);
                    fired("points to " + kind.name().toLowerCase() + " " + dialect.idText(kind, idx) + ", which does not exist");
                    return;
                }
            }
            g.writeFieldName(name(key, phys));
            if (idx < 0) {
                g.writeNull();
            } else {
                dialect.writeId(g, kind, idx, buf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A quantity (integer). */
    void qty(String key, String phys, long v) {
        try {
            if (armed != null && hit(key)) {
                if (dropped(key, phys)) {
                    return;
                }
                if (armed.kind.equals(Defect.NEGATIVE_QTY)) {
                    long nv = -Math.max(1, Math.abs(v)) - 2;
                    fired("quantity " + v + " written as " + nv);
                    v = nv;
                } else if (armed.kind.equals(Defect.ABSURD_QTY)) {
                    fired("quantity " + v + " written as 99999999");
                    v = 99_999_999;
                }
            }
            g.writeFieldName(name(key, phys));
            dialect.writeQty(g, v, buf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain integer that is not a quantity (line numbers, lead times, echelons). */
    void num(String key, String phys, long v) {
        try {
            if (armed != null && dropped(key, phys)) {
                return;
            }
            g.writeFieldName(name(key, phys));
            g.writeNumber(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void dbl(String key, String phys, double v) {
        try {
            g.writeFieldName(name(key, phys));
            g.writeNumber(Math.round(v * 1e4) / 1e4);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A money amount given in cents. */
    void money(String key, String phys, long cents) {
        try {
            if (armed != null && hit(key)) {
                if (dropped(key, phys)) {
                    return;
                }
                if (armed.kind.equals(Defect.NEGATIVE_PRICE)) {
                    fired("amount " + Fmt.cents(cents) + " written as " + Fmt.cents(-Math.max(1, cents)));
                    cents = -Math.max(1, cents);
                } else if (armed.kind.equals(Defect.ABSURD_PRICE)) {
                    fired("amount " + Fmt.cents(cents) + " written as 9999999.99");
                    cents = 999_999_999L;
                }
            }
            g.writeFieldName(name(key, phys));
            dialect.writeMoney(g, cents, buf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void bool(String key, String phys, boolean v) {
        try {
            if (armed != null && dropped(key, phys)) {
                return;
            }
            g.writeFieldName(name(key, phys));
            dialect.writeBool(g, v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A date given as a day index relative to the start ({@link World#NEVER} or ALWAYS write null). */
    void date(String key, String phys, int day) {
        try {
            if (armed != null && hit(key)) {
                if (dropped(key, phys)) {
                    return;
                }
                if (armed.kind.equals(Defect.FUTURE_DATE)) {
                    String was = dialect.date(day);
                    day = day + 5 * 365 + 1;
                    fired("date " + was + " written as " + dialect.date(day) + " (five years ahead)");
                } else if (armed.kind.equals(Defect.ANCIENT_DATE)) {
                    String was = dialect.date(day);
                    day = (int) (java.time.LocalDate.of(1900, 1, 1).toEpochDay() - w.cfg.start().toEpochDay());
                    fired("date " + was + " written as " + dialect.date(day));
                }
            }
            g.writeFieldName(name(key, phys));
            if (day == World.NEVER || day == World.ALWAYS) {
                dialect.writeNoDate(g);
            } else {
                g.writeString(dialect.date(day));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A raw string written as is (pre-formatted timestamps). */
    void raw(String key, String phys, String v) {
        try {
            if (armed != null && dropped(key, phys)) {
                return;
            }
            g.writeFieldName(name(key, phys));
            g.writeString(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
