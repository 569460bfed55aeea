package com.catwing.cw.cli;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.load.RawLoader;
import com.catwing.cw.s3.S3Store;
import com.catwing.cw.tenant.Tenants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.LocalDate;
import java.util.concurrent.Callable;

/**
 * {@code cw ingest CW-000200 --date D | --from D1 --to D2}: step 1 (ingest), raw JSON from S3 into the raw landing
 * table. {@code cw load} is the old name, kept as an alias for a while (step 3 is the one called load).
 */
@Command(name = "ingest", aliases = "load", mixinStandardHelpOptions = true,
        description = {"Step 1: stream a client's raw JSON files for a date (or a range, in date order) from S3 into "
                + "the database, as the client's owner role.",
                "'cw load' is the old name of this command (an alias, to be removed; step 3 is called load)."})
public final class IngestCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CODE", description = "client code, e.g. CW-000200")
    String code;
    @Option(names = "--date", description = "one snapshot date")
    LocalDate date;
    @Option(names = "--from", description = "first date of a range (with --to)")
    LocalDate from;
    @Option(names = "--to", description = "last date of a range (with --from)")
    LocalDate to;

    @Override
    public Integer call() {
        Tenant t = Tenant.of(code);
        if ((date == null) == (from == null || to == null) || (date != null && (from != null || to != null))) {
            throw new CwException("give either --date D or both --from D1 --to D2", 2);
        }
        LocalDate first = date != null ? date : from;
        LocalDate last = date != null ? date : to;
        if (last.isBefore(first)) {
            throw new CwException("--to " + last + " is before --from " + first, 2);
        }
        Database db = Database.configured();
        Tenants.require(db, t.code());
        try (S3Store s3 = S3Store.open()) {
            RawLoader.Summary sum = new RawLoader(db, s3, t, System.out).load(first, last);
            System.out.println(sum);
            if (sum.loaded == 0 && sum.failed == 0 && sum.conflicts == 0 && sum.skipped > 0) {
                System.out.println("nothing new to load");
            }
            if (!sum.clean()) {
                System.err.printf("cw: %d file(s) failed, %d conflict(s), %d read error(s): failed files and "
                        + "conflicts fail the quality gate until fixed at the source; read errors are retried by the "
                        + "next load%n", sum.failed, sum.conflicts, sum.errors);
                return 5;
            }
        }
        return 0;
    }
}
