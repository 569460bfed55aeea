package com.catwing.cw.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code cw generate --supplier-availability}: every supplier's product list as its own spreadsheet export would
 * have it, with the noise of real lists (docs/uploads.md "Generated lists"), and the truth of each row:
 * <ul>
 *   <li>{@code client-data/{client}/ground-truth/supplier-availability/lists.csv} — one file for every supplier
 *       (columns of the supplier-availability upload kind), ready for {@code cw upload … --kind
 *       supplier-availability};</li>
 *   <li>{@code …/truth.csv} — supplier_id, supplier_ref, the true product (ERP id, empty for a product the retailer
 *       does not have), the noise applied, and the products each supplier no longer carries (not in its list).</li>
 * </ul>
 * Noise: about a third of the rows use the supplier's own article number instead of the vendor SKU the retailer knows;
 * a quarter lack the EAN and 3 % carry an EAN with a wrong digit; names are copied (60 %), with a typo (18 %), with
 * words dropped or reordered (12 %) or renamed (10 %); 8 % of the supplier's products are no longer carried (absent),
 * 6 % listed as not available; 5 % of the rows are products the retailer does not have.
 */
final class SupplierAvailability {
    private final World w;
    private final Dialect dialect;
    private final Sink sink;
    private final String client;

    /** Counts of what was written. */
    static final class Stats {
        int rows;
        int unknownProducts;
        int notCarried;
    }

    SupplierAvailability(World w, Dialect dialect, Sink sink, String client) {
        this.w = w;
        this.dialect = dialect;
        this.sink = sink;
        this.client = client;
    }

    Stats write() {
        Stats st = new Stats();
        String prefix = "client-data/" + client + "/ground-truth/supplier-availability/";
        StringBuilder lists = new StringBuilder("supplier_id,supplier_ref,ean,product_name,is_available\n");
        StringBuilder truth = new StringBuilder("supplier_id,supplier_ref,product_id,noise,is_listed\n");
        Rng r = new Rng(Rng.hash(w.seed, 4242));
        for (int p = 0; p < w.nProd; p++) {
            int s = w.prodSupplier[p];
            String sup = dialect.idText(IdKind.SUPPLIER, s);
            String product = dialect.productKey(p);
            String ownRef = String.format(Locale.ROOT, "%s-%06d", sup, 100000 + (Rng.hash(w.seed, 4243, p) >>> 1)
                    % 900000);
            if (r.chance(0.08)) {
                truth.append(csv(sup)).append(',').append(csv(ownRef)).append(',').append(csv(product))
                        .append(",not_carried,false\n");
                st.notCarried++;
                continue;
            }
            String ref = r.chance(0.65) ? w.prodVendorSku[p] : ownRef;
            String noise = ref.equals(ownRef) ? "own_ref" : "vendor_sku";
            String ean = w.prodEan[p];
            double e = r.nextDouble();
            if (e < 0.25) {
                ean = "";
                noise += "+no_ean";
            } else if (e < 0.28) {
                ean = wrongDigit(ean, r);
                noise += "+bad_ean";
            }
            String name = w.prodNameFixed[p];
            double n = r.nextDouble();
            if (n < 0.18) {
                name = typo(name, r);
                noise += "+typo";
            } else if (n < 0.30) {
                name = reorder(name, r);
                noise += "+reordered";
            } else if (n < 0.40) {
                name = rename(name, r);
                noise += "+renamed";
            } else if (r.chance(0.3)) {
                name = name.toUpperCase(Locale.ROOT);
            }
            boolean available = !w.prodDead[p] && !w.discontinued(p, w.days - 1) && !r.chance(0.06);
            lists.append(csv(sup)).append(',').append(csv(ref)).append(',').append(ean).append(',')
                    .append(csv(name)).append(',').append(available ? "yes" : "no").append('\n');
            truth.append(csv(sup)).append(',').append(csv(ref)).append(',').append(csv(product)).append(',')
                    .append(noise).append(",true\n");
            st.rows++;
            if (r.chance(0.05)) {
                // a product of the supplier the retailer does not have: a new name from the same nouns
                String other = w.brandName[r.nextInt(w.nBrand)] + " " + r.pick(Catalog.ADJECTIVES) + " "
                        + r.pick(w.leafNouns[r.nextInt(w.nLeaf)]) + " " + r.pick(Catalog.VARIANTS) + " "
                        + (2 + r.nextInt(8)) + "-pack";
                String otherRef = String.format(Locale.ROOT, "%s-N%05d", sup, r.nextInt(100000));
                lists.append(csv(sup)).append(',').append(csv(otherRef)).append(",,").append(csv(other))
                        .append(",yes\n");
                truth.append(csv(sup)).append(',').append(csv(otherRef)).append(",,unknown_product,true\n");
                st.rows++;
                st.unknownProducts++;
            }
        }
        put(prefix + "lists.csv", lists);
        put(prefix + "truth.csv", truth);
        return st;
    }

    private void put(String key, StringBuilder text) {
        Sink.Target t = sink.open(key);
        try (OutputStream out = t) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            t.abort();
            throw new UncheckedIOException(e);
        }
    }

    private static String csv(String v) {
        return v.indexOf(',') >= 0 || v.indexOf('"') >= 0 ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    private static String wrongDigit(String ean, Rng r) {
        int i = r.nextInt(ean.length() - 1);
        char c = (char) ('0' + (ean.charAt(i) - '0' + 1 + r.nextInt(8)) % 10);
        return ean.substring(0, i) + c + ean.substring(i + 1);
    }

    /** One typo: two letters swapped, one dropped or one doubled. */
    static String typo(String name, Rng r) {
        int at = 1 + r.nextInt(Math.max(1, name.length() - 3));
        return switch (r.nextInt(3)) {
            case 0 -> name.substring(0, at) + name.charAt(at + 1) + name.charAt(at) + name.substring(at + 2);
            case 1 -> name.substring(0, at) + name.substring(at + 1);
            default -> name.substring(0, at) + name.charAt(at) + name.substring(at);
        };
    }

    /** Brand dropped or the variant put first (how suppliers shorten names). */
    static String reorder(String name, Rng r) {
        String[] words = name.split(" ");
        if (r.chance(0.5) && words.length > 2) {
            return String.join(" ", java.util.Arrays.copyOfRange(words, 1, words.length));
        }
        String last = words[words.length - 1];
        return last + " " + String.join(" ", java.util.Arrays.copyOf(words, words.length - 1));
    }

    /** The adjective replaced by another and a suffix added (a renamed product). */
    static String rename(String name, Rng r) {
        String out = name;
        for (String a : Catalog.ADJECTIVES) {
            if (out.contains(" " + a + " ")) {
                out = out.replace(" " + a + " ", " " + r.pick(Catalog.ADJECTIVES) + " ");
                break;
            }
        }
        return out + (r.chance(0.5) ? " (new)" : " 2.0");
    }
}
