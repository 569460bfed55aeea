package com.catwing.cw.cli;

import com.catwing.cw.Cw;
import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.tenant.Pipeline;
import com.catwing.cw.tenant.Tenants;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/** {@code cw gate accept …}: the quality gate's recorded way past a false alarm. */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = "The quality gate: accept a failure that is a false alarm.",
        subcommands = {GateCommand.Accept.class})
public final class GateCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code cw gate accept CW-000200 --date D [--check NAME] --reason "…" [--no-resume]}. */
    @Command(name = "accept", mixinStandardHelpOptions = true,
            description = "Accept the failed critical checks of a date (one check with --check, else all), recorded "
                    + "with the reason in data_quality_acceptances, then resume the stopped run of that date.")
    static final class Accept implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CODE", description = "client code, e.g. CW-000200")
        String code;
        @Option(names = "--date", required = true, description = "run date whose gate failure is accepted")
        LocalDate date;
        @Option(names = "--check", paramLabel = "NAME", description = "accept only this check, e.g. volume_change")
        String check;
        @Option(names = "--reason", required = true, description = "why it is a false alarm (recorded)")
        String reason;
        @Option(names = "--no-resume", description = "record the acceptance only; the next run of the date resumes")
        boolean noResume;

        @Override
        public Integer call() {
            Tenant.of(code);
            Database db = Database.configured();
            Tenant t = Tenants.require(db, code);
            try (Connection c = db.connect();
                 PreparedStatement ps = c.prepareStatement(
                         "select " + t.schema() + ".accept_quality_failure(?::date, ?, ?)")) {
                ps.setObject(1, date);
                ps.setString(2, check);
                ps.setString(3, reason);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    for (SQLWarning w = ps.getWarnings(); w != null; w = w.getNextWarning()) {
                        System.out.println(w.getMessage());
                    }
                    System.out.printf("acceptance %d recorded for %s on %s%n", rs.getLong(1), t.code(), date);
                }
            } catch (SQLException e) {
                throw new CwException(Cw.Errors.oneLine(e), Cw.Errors.exitCode(e));
            }
            if (!noResume) {
                new Pipeline(db, System.out).run(code, date, null, null, null);
            }
            return 0;
        }
    }
}
