package com.catwing.cw.cli;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.report.ForecastReport;
import com.catwing.cw.report.QualityReport;
import com.catwing.cw.report.ReportFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

/** {@code cw report quality|forecast …}: client-facing reports (more report kinds become subcommands here). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Client-facing reports.",
        subcommands = {ReportCommand.Quality.class, ReportCommand.Forecast.class})
public final class ReportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code cw report quality CW-000200 --date D [--format html|md|json] [--trend-days N] [--output FILE]}. */
    @Command(name = "quality", mixinStandardHelpOptions = true,
            description = "The data quality report of a gateway run: score, failed checks by endpoint with offending "
                    + "records and fix instructions, and the score trend.")
    static final class Quality implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CODE", description = "client code, e.g. CW-000200")
        String code;
        @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD", description = "run date of the report")
        String date;
        @Option(names = "--format", defaultValue = "html", paramLabel = "html|md|json",
                description = "html (a self-contained page), md or json (default: ${DEFAULT-VALUE})")
        String format;
        @Option(names = "--trend-days", defaultValue = "30", paramLabel = "N",
                description = "days of score history in the trend (default: ${DEFAULT-VALUE})")
        int trendDays;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of stdout")
        Path output;

        @Override
        public Integer call() {
            Tenant t = Tenant.of(code);
            ReportFormat f = ReportFormat.parse(format);
            LocalDate runDate = parseDate(date);
            if (trendDays < 1 || trendDays > 3660) {
                throw new CwException("invalid --trend-days " + trendDays + " (expected 1 to 3660)", 2);
            }
            String text = QualityReport.fetch(Database.configured(), t.code(), runDate, trendDays).render(f);
            return write(text, output, "quality report of " + t.code() + " for " + runDate, f);
        }

        /** Prints a rendered report, or writes it to a file and says so. */
        static int write(String text, Path output, String what, ReportFormat f) {
            if (output == null) {
                System.out.print(text);
                System.out.flush();
                return 0;
            }
            try {
                Path parent = output.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(output, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CwException("cannot write " + output + ": " + e.getMessage(), 1);
            }
            System.out.printf("%s written to %s (%s)%n", what, output, f.label());
            return 0;
        }

        static LocalDate parseDate(String s) {
            try {
                return LocalDate.parse(s.trim());
            } catch (DateTimeParseException e) {
                throw new CwException("invalid date '" + s + "' (expected YYYY-MM-DD, e.g. 2024-01-15)", 2);
            }
        }
    }

    /** {@code cw report forecast CW-000200 --date D [--format html|md|json] [--weeks N] [--output FILE]}. */
    @Command(name = "forecast", mixinStandardHelpOptions = true,
            description = "The forecast accuracy report: weighted RMSSE, MASE, WAPE, bias and value added over a "
                    + "seasonal-naive benchmark of the forecast weeks that ended in the weeks up to a date, overall, "
                    + "per horizon and by ABC class, location and category.")
    static final class Forecast implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CODE", description = "client code, e.g. CW-000200")
        String code;
        @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD",
                description = "last day of the window (forecast weeks that ended up to this day)")
        String date;
        @Option(names = "--format", defaultValue = "html", paramLabel = "html|md|json",
                description = "html (a self-contained page), md or json (default: ${DEFAULT-VALUE})")
        String format;
        @Option(names = "--weeks", defaultValue = "13", paramLabel = "N",
                description = "weeks in the window (default: ${DEFAULT-VALUE})")
        int weeks;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of stdout")
        Path output;

        @Override
        public Integer call() {
            Tenant t = Tenant.of(code);
            ReportFormat f = ReportFormat.parse(format);
            LocalDate day = Quality.parseDate(date);
            if (weeks < 1 || weeks > 520) {
                throw new CwException("invalid --weeks " + weeks + " (expected 1 to 520)", 2);
            }
            String text = ForecastReport.fetch(Database.configured(), t.code(), day, weeks).render(f);
            return Quality.write(text, output, "forecast report of " + t.code() + " for " + day, f);
        }
    }
}
