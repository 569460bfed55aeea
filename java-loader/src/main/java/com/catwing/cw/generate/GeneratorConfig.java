package com.catwing.cw.generate;

import com.catwing.cw.CwException;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * The arguments of one generation run; the output is a pure function of them.
 *
 * @param client    client code, {@code CW-nnnnnn}
 * @param start     first generated day
 * @param days      number of days (≥ 1)
 * @param products  catalogue size (≥ 10)
 * @param locations locations including the warehouse, distribution centres and the webshop (≥ 4)
 * @param suppliers number of suppliers (≥ 1)
 * @param seed      random seed
 * @param dialect   ERP dialect: {@code catwing} or {@code navision}
 * @param defects   defect profile: {@code none}, {@code light} or {@code all}
 * @param storeStock whether stores and the webshop report their stock in the inventory endpoint ({@code false}: a
 *                  shop without stock reporting at its customer-facing locations; DCs and the warehouse still report,
 *                  the simulation and its ground truth, lost sales included, are unchanged)
 * @param cancellations whether the sales documents include cancelled orders, cancelled lines and returns
 *                  ({@link SalesDocPlanner}; ground truth in {@code ground-truth/documents/})
 * @param onboardingDays 0 (the default): one export a day. N &gt; 0: the first N days are written as one initial
 *                  export dated day N (a new client's history in one delivery: every order document of those days in
 *                  its last state, the masters and a full stock snapshot of that day); the days after it are daily
 *                  exports as usual. The simulation and its ground truth are unchanged.
 * @param dirt      {@code webshop_csv} only: scale of the seed-003 dirt rates ({@link WebshopDirt}); 1 the documented
 *                  default rates, 0 clean files, 2 twice as much dirt (at most 10)
 * @param hostileCsv {@code webshop_csv} only: also write a few hostile rows (unbalanced quote, wrong column count,
 *                  invalid UTF-8) that an RFC 4180 reader must isolate
 */
public record GeneratorConfig(String client, LocalDate start, int days, int products, int locations, int suppliers,
                              long seed, String dialect, String defects, boolean storeStock, boolean cancellations,
                              int onboardingDays, double dirt, boolean hostileCsv) {
    /** The JSON dialects (ten endpoint files a day). */
    public static final String[] DIALECTS = {"catwing", "navision"};
    /** The CSV dialects (four files a day, {@link WebshopCsv}). */
    public static final String[] CSV_DIALECTS = {"webshop_csv"};
    public static final String[] PROFILES = {"none", "light", "all"};

    public GeneratorConfig {
        if (client == null || !client.matches("CW-\\d{6}")) {
            throw new CwException("bad client code '" + client + "' (expected CW-nnnnnn, e.g. CW-000200)", 2);
        }
        if (days < 1) {
            throw new CwException("--days must be at least 1, got " + days, 2);
        }
        if (days > 3660) {
            throw new CwException("--days must be at most 3660 (ten years), got " + days, 2);
        }
        if (products < 10 || products > 1_000_000) {
            throw new CwException("--products must be between 10 and 1000000, got " + products, 2);
        }
        if (locations < 4 || locations > 999) {
            throw new CwException("--locations must be between 4 (warehouse, DC, webshop, one store) and 999, got "
                    + locations, 2);
        }
        if (suppliers < 1 || suppliers > 9999) {
            throw new CwException("--suppliers must be between 1 and 9999, got " + suppliers, 2);
        }
        if (!Arrays.asList(DIALECTS).contains(dialect) && !Arrays.asList(CSV_DIALECTS).contains(dialect)) {
            throw new CwException("unknown dialect '" + dialect + "' (known: " + String.join(", ", DIALECTS) + ", "
                    + String.join(", ", CSV_DIALECTS) + ")", 2);
        }
        if (!Arrays.asList(PROFILES).contains(defects)) {
            throw new CwException("unknown defect profile '" + defects + "' (known: " + String.join(", ", PROFILES) + ")", 2);
        }
        if (defects.equals("all") && days < 3) {
            throw new CwException("defect profile 'all' needs --days 3 or more (a stale snapshot repeats an earlier day),"
                    + " got " + days, 2);
        }
        if (start == null) {
            throw new CwException("--start is required (yyyy-MM-dd)", 2);
        }
        if (onboardingDays < 0 || onboardingDays > days) {
            throw new CwException("--onboarding-days must be between 0 (daily exports only) and --days (" + days
                    + "), got " + onboardingDays, 2);
        }
        if (onboardingDays > 0 && !defects.equals("none")) {
            throw new CwException("--onboarding-days needs --defects none (an injected defect names a record of a daily "
                    + "file, which the initial export merges), got --defects " + defects, 2);
        }
        if (!(dirt >= 0 && dirt <= 10)) {
            throw new CwException("--dirt must be between 0 (clean files) and 10, got " + dirt, 2);
        }
        if (Arrays.asList(CSV_DIALECTS).contains(dialect)) { // csv() reads the fields, not yet set here
            if (!defects.equals("none")) {
                throw new CwException("--defects " + defects + " is for the JSON dialects; dialect " + dialect
                        + " has its own dirt (--dirt SCALE, --hostile-csv; docs/generator.md)", 2);
            }
            if (onboardingDays > 0) {
                throw new CwException("--onboarding-days is for the JSON dialects, not " + dialect, 2);
            }
        } else if (hostileCsv) {
            throw new CwException("--hostile-csv needs --dialect webshop_csv, got --dialect " + dialect, 2);
        }
    }

    /** The defaults of the webshop dirt: the documented rates, no hostile rows. */
    public GeneratorConfig(String client, LocalDate start, int days, int products, int locations, int suppliers,
                           long seed, String dialect, String defects, boolean storeStock, boolean cancellations,
                           int onboardingDays) {
        this(client, start, days, products, locations, suppliers, seed, dialect, defects, storeStock, cancellations,
                onboardingDays, 1.0, false);
    }

    /** Whether this is a CSV dialect (four CSV files a day instead of ten JSON endpoints). */
    public boolean csv() {
        return Arrays.asList(CSV_DIALECTS).contains(dialect);
    }

    /** Daily exports only (no onboarding export). */
    public GeneratorConfig(String client, LocalDate start, int days, int products, int locations, int suppliers,
                           long seed, String dialect, String defects, boolean storeStock, boolean cancellations) {
        this(client, start, days, products, locations, suppliers, seed, dialect, defects, storeStock, cancellations, 0);
    }

    /** The date of the initial export (the last of the onboarding days); null without one. */
    public LocalDate onboardingDate() {
        return onboardingDays == 0 ? null : start.plusDays(onboardingDays - 1L);
    }

    /** A world whose every location reports its stock (the default). */
    public GeneratorConfig(String client, LocalDate start, int days, int products, int locations, int suppliers,
                           long seed, String dialect, String defects) {
        this(client, start, days, products, locations, suppliers, seed, dialect, defects, true, false, 0);
    }

    public GeneratorConfig withDefects(String profile) {
        return new GeneratorConfig(client, start, days, products, locations, suppliers, seed, dialect, profile,
                storeStock, cancellations, onboardingDays, dirt, hostileCsv);
    }

    public GeneratorConfig withDialect(String name) {
        return new GeneratorConfig(client, start, days, products, locations, suppliers, seed, name, defects,
                storeStock, cancellations, onboardingDays, dirt, hostileCsv);
    }

    public GeneratorConfig withStoreStock(boolean reported) {
        return new GeneratorConfig(client, start, days, products, locations, suppliers, seed, dialect, defects,
                reported, cancellations, onboardingDays, dirt, hostileCsv);
    }

    public GeneratorConfig withCancellations(boolean emitted) {
        return new GeneratorConfig(client, start, days, products, locations, suppliers, seed, dialect, defects,
                storeStock, emitted, onboardingDays, dirt, hostileCsv);
    }

    public GeneratorConfig withOnboardingDays(int n) {
        return new GeneratorConfig(client, start, days, products, locations, suppliers, seed, dialect, defects,
                storeStock, cancellations, n, dirt, hostileCsv);
    }

    /** The webshop dirt: {@code scale} × the documented rates, with or without hostile rows. */
    public GeneratorConfig withDirt(double scale, boolean hostile) {
        return new GeneratorConfig(client, start, days, products, locations, suppliers, seed, dialect, defects,
                storeStock, cancellations, onboardingDays, scale, hostile);
    }
}
