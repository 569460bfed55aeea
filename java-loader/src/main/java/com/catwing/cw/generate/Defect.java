package com.catwing.cw.generate;

/**
 * One planned defect: where (day, endpoint, record index from which it may fire, logical field) and what. Logical
 * fields use the catwing names, with "lines." or "customer." for nested ones; each dialect maps them.
 */
final class Defect {
    static final String DUPLICATE = "duplicate_record";
    static final String MISSING = "missing_required_field";
    static final String ORPHAN = "orphan_reference";
    static final String NEGATIVE_QTY = "negative_quantity";
    static final String ABSURD_QTY = "absurd_quantity";
    static final String NEGATIVE_PRICE = "negative_price";
    static final String ABSURD_PRICE = "absurd_price";
    static final String FUTURE_DATE = "future_date";
    static final String ANCIENT_DATE = "ancient_date";
    static final String STALE = "stale_snapshot";
    static final String DRIFT = "schema_drift";
    static final String COLLAPSE = "volume_collapse";
    static final String TRUNCATED = "truncated_file";
    static final String MALFORMED = "malformed_json";
    static final String HOSTILE = "hostile_string";

    static final String[] KINDS = {DUPLICATE, MISSING, ORPHAN, NEGATIVE_QTY, ABSURD_QTY, NEGATIVE_PRICE, ABSURD_PRICE,
        FUTURE_DATE, ANCIENT_DATE, STALE, DRIFT, COLLAPSE, TRUNCATED, MALFORMED, HOSTILE};

    final int day;
    final Endpoint endpoint;
    final String kind;
    final String prefix;
    final String name;
    final int target;
    /** hostile text, or the renamed field for drift (per dialect: "catwing=…,navision=…"). */
    final String text;

    Defect(int day, Endpoint endpoint, String kind, String field, int target, String text) {
        this.day = day;
        this.endpoint = endpoint;
        this.kind = kind;
        int dot = field == null ? -1 : field.indexOf('.');
        this.prefix = field == null ? null : dot < 0 ? "" : field.substring(0, dot + 1);
        this.name = field == null ? null : dot < 0 ? field : field.substring(dot + 1);
        this.target = target;
        this.text = text;
    }

    String field() {
        return name == null ? null : prefix + name;
    }

    boolean recordLevel() {
        return !(kind.equals(STALE) || kind.equals(DRIFT) || kind.equals(COLLAPSE) || kind.equals(TRUNCATED));
    }
}
