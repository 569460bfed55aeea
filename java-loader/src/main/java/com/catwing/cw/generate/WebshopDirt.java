package com.catwing.cw.generate;

/**
 * The kinds of dirt of seed 003's web-shop export ({@code --dialect webshop_csv}) and their default rates. Each kind
 * is aimed at one of seed 003's cleansing rules ({@link Kind#rule}). Every decision is a hash of the seed, the kind
 * and the row's identity, independent of everything else drawn, so the clean and the dirty export of one seed differ
 * exactly in the rows that the ground truth ({@code ground-truth/dirt/{date}.jsonl}) names. A row carries at most one
 * kind (the first that fires in the order below); a duplicate customer is an extra row.
 */
final class WebshopDirt {
    /** What a rate is counted on. */
    enum Unit { CUSTOMER, PRODUCT, PRODUCT_WEEK, TRANSACTION, ITEM }

    /** A kind of dirt: default rate per unit, the file it is in, the cleansing rule that should catch it. */
    enum Kind {
        DUPLICATE_CUSTOMER("duplicate_customer", 0.01, Unit.CUSTOMER, "remove_duplicate_customers"),
        BAD_CASE_NAME("bad_case_name", 0.02, Unit.CUSTOMER, "standardise_names"),
        STRAY_WHITESPACE("stray_whitespace", 0.02, Unit.CUSTOMER, "standardise_names"),
        MISSING_CUSTOMER_FIELD("missing_field", 0.03, Unit.CUSTOMER, "fill_missing_unknown"),
        MISSING_PRODUCT_FIELD("missing_field", 0.02, Unit.PRODUCT, "fill_missing_unknown"),
        INVALID_PRICE("invalid_price", 0.01, Unit.PRODUCT_WEEK, "fix_invalid_prices"),
        COST_NOT_BELOW_PRICE("cost_not_below_price", 0.01, Unit.PRODUCT_WEEK, "ensure_cost_below_price"),
        INVALID_DATE("invalid_date", 0.005, Unit.TRANSACTION, "validate_dates"),
        UNKNOWN_PAYMENT_METHOD("unknown_payment_method", 0.01, Unit.TRANSACTION, "validate_payment_methods"),
        MISSING_TRANSACTION_FIELD("missing_field", 0.005, Unit.TRANSACTION, "handle_nulls"),
        WRONG_LINE_TOTAL("wrong_line_total", 0.01, Unit.ITEM, "recalculate_line_totals"),
        INVALID_QUANTITY("invalid_quantity", 0.005, Unit.ITEM, "remove_invalid_quantities"),
        DISCOUNT_OUT_OF_RANGE("discount_out_of_range", 0.005, Unit.ITEM, "validate_discount_range");

        final String name;
        final double rate;
        final Unit unit;
        final String rule;

        Kind(String name, double rate, Unit unit, String rule) {
            this.name = name;
            this.rate = rate;
            this.unit = unit;
            this.rule = rule;
        }

        /** The key in world.json's dirt summary (kind and rule, since missing_field has three rules). */
        String key() {
            return name + "/" + rule;
        }
    }

    /** The hostile rows of {@code --hostile-csv}: not dirt a rule cleans, rows an RFC 4180 reader must isolate. */
    static final String UNBALANCED_QUOTE = "unbalanced_quote";
    static final String WRONG_COLUMN_COUNT = "wrong_column_count";
    static final String INVALID_UTF8 = "invalid_utf8";
    static final String ISOLATE = "isolate_malformed_row";

    private final long seed;
    private final double scale;

    WebshopDirt(long seed, double scale) {
        this.seed = seed;
        this.scale = scale;
    }

    /** Whether {@code kind} fires for the unit identified by {@code a} and {@code b}. */
    boolean fires(Kind kind, long a, long b) {
        return scale > 0 && Rng.unit(Rng.hash(seed, 1000 + kind.ordinal(), a, b)) < kind.rate * scale;
    }

    /** A uniform draw for the details of a fired kind (which form, which field). */
    double detail(Kind kind, long a, long b) {
        return Rng.unit(Rng.hash(seed, 1100 + kind.ordinal(), a, b));
    }

    /**
     * Whether a product-week kind is active for product p on day d: it fires for the product's week d / 7, and then
     * lasts one to three days from a drawn day of that week (a wrong price entered and corrected a few days later).
     */
    boolean episode(Kind kind, int p, int d) {
        int week = d / 7;
        if (!fires(kind, p, week)) {
            return false;
        }
        double u = detail(kind, p, week);
        int start = week * 7 + (int) (u * 7);
        int length = 1 + (int) (Rng.unit(Rng.hash(seed, 1200 + kind.ordinal(), p, week)) * 3);
        return d >= start && d < start + length;
    }
}
