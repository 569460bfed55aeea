package com.catwing.cw.cli;

import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.ml.MlExport;
import com.catwing.cw.ml.MlImport;
import com.catwing.cw.s3.S3Store;
import com.catwing.cw.tenant.Tenants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.LocalDate;
import java.util.concurrent.Callable;

/**
 * {@code cw ml export CODE --date D}: training data for an external demand model; {@code cw ml import CODE --date D}:
 * its predictions back as a forecast (docs/ml.md).
 */
@Command(name = "ml", mixinStandardHelpOptions = true,
        description = "Data for external machine-learning models in ml-output/{client}/{run_date}/ (docs/ml.md).",
        subcommands = {MlCommand.Export.class, MlCommand.Import.class})
public final class MlCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write features.parquet, targets.parquet and config.json of a run date to "
                    + "ml-output/{client}/{run_date}/ in S3.")
    public static final class Export implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CODE", description = "client code, e.g. CW-000200")
        String code;
        @Option(names = "--date", required = true, description = "run date: the last day of the exported window")
        LocalDate date;

        @Override
        public Integer call() {
            Tenant t = Tenant.of(code);
            Database db = Database.configured();
            Tenants.require(db, t.code());
            try (S3Store s3 = S3Store.open()) {
                new MlExport(db, s3, t, System.out).export(date);
            }
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Read an external model's predictions.parquet (product_id, location_id, forecast_date, "
                    + "predicted_qty) and store it as the run date's active forecast, built on step 7's forecast of "
                    + "that date (docs/ml.md).")
    public static final class Import implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CODE", description = "client code, e.g. CW-000200")
        String code;
        @Option(names = "--date", required = true, description = "run date: the forecast date the predictions follow")
        LocalDate date;
        @Option(names = "--key", description = "S3 key of the file (default ml-output/{client}/{date}/predictions.parquet)")
        String key;
        @Option(names = "--model", defaultValue = "external_ml",
                description = "name of the model, recorded in the forecast's metadata (default ${DEFAULT-VALUE})")
        String model;

        @Override
        public Integer call() {
            Tenant t = Tenant.of(code);
            Database db = Database.configured();
            Tenants.require(db, t.code());
            try (S3Store s3 = S3Store.open()) {
                new MlImport(db, s3, t, System.out).importPredictions(date, key, model);
            }
            return 0;
        }
    }
}
