package com.catwing.cw.cli;

import com.catwing.cw.db.Database;
import com.catwing.cw.tenant.Pipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.LocalDate;
import java.util.concurrent.Callable;

/** {@code cw run CW-000200 [--date D] [--from-step S] [--to-step S] [--scope JSON] [--catch-up]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a client's pipeline for a date (CALL run_pipeline) and print the step table.")
public final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CODE", description = "client code, e.g. CW-000200")
    String code;
    @Option(names = "--date", description = "run date (default: today in the client's time zone)")
    LocalDate date;
    @Option(names = "--from-step", description = "first step (default: the first, or where a failed run stopped)")
    String fromStep;
    @Option(names = "--to-step", description = "last step (default: the last)")
    String toStep;
    @Option(names = "--scope", description = "incremental scope, e.g. '{\"products\": [\"P000123\"]}'")
    String scope;
    @Option(names = "--catch-up", description = "first run every earlier stopped date in date order (each resumes "
            + "where it stopped; the first that stops again ends the command), then the date")
    boolean catchUp;

    @Override
    public Integer call() {
        com.catwing.cw.db.Migrator.Tenant.of(code);
        Pipeline pipeline = new Pipeline(Database.configured(), System.out);
        if (catchUp) {
            if (fromStep != null || toStep != null || scope != null) {
                throw new com.catwing.cw.CwException("--catch-up runs whole days: it takes no --from-step, --to-step "
                        + "or --scope", 2);
            }
            pipeline.catchUp(code, date);
        }
        pipeline.run(code, date, fromStep, toStep, scope);
        return 0;
    }
}
