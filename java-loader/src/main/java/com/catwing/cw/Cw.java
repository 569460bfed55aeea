package com.catwing.cw;

import com.catwing.cw.cli.BenchCommand;
import com.catwing.cw.cli.DbCommand;
import com.catwing.cw.cli.DemoCommand;
import com.catwing.cw.cli.ErdCommand;
import com.catwing.cw.cli.GateCommand;
import com.catwing.cw.cli.GenerateCommand;
import com.catwing.cw.cli.IngestCommand;
import com.catwing.cw.cli.MigrateCommand;
import com.catwing.cw.cli.MlCommand;
import com.catwing.cw.cli.ReportCommand;
import com.catwing.cw.cli.RunCommand;
import com.catwing.cw.cli.S3Command;
import com.catwing.cw.cli.ScheduleCommand;
import com.catwing.cw.cli.SettingsCommand;
import com.catwing.cw.cli.TenantCommand;
import com.catwing.cw.cli.TestCommand;
import com.catwing.cw.cli.UploadCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.sql.SQLException;

/** Entry point of the {@code cw} command line. */
@Command(name = "cw", mixinStandardHelpOptions = true, version = "cw 0.1.0",
        description = "CatWing in-database retail pipeline: local database and S3, tenants, migrations, loading, runs.",
        subcommands = {
                DbCommand.class, S3Command.class, MigrateCommand.class, TenantCommand.class,
                IngestCommand.class, RunCommand.class, GateCommand.class, ReportCommand.class, ErdCommand.class, ScheduleCommand.class, SettingsCommand.class, MlCommand.class, UploadCommand.class, GenerateCommand.class, BenchCommand.class,
                com.catwing.cw.simulate.SimulateCommand.class,
                com.catwing.cw.recovery.RecoveryCommands.Backup.class, com.catwing.cw.recovery.RecoveryCommands.Restore.class,
                com.catwing.cw.recovery.RecoveryCommands.Rebuild.class, com.catwing.cw.recovery.RecoveryCommands.Verify.class,
                com.catwing.cw.recovery.RecoveryCommands.Journal.class, com.catwing.cw.recovery.RecoveryCommands.Onboard.class,
                DemoCommand.class, TestCommand.class, CommandLine.HelpCommand.class})
public final class Cw implements Runnable {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces and extra diagnostics.")
    static boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static boolean verbose() {
        return verbose;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: one-line errors, SQLSTATE-aware exit codes. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Cw());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            System.err.println("cw: " + Errors.oneLine(ex));
            if (verbose) {
                ex.printStackTrace(System.err);
            } else if (!(ex instanceof CwException)) {
                System.err.println("cw: (run with --verbose for the stack trace)");
            }
            return Errors.exitCode(ex);
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            System.err.println("cw: " + ex.getMessage());
            System.err.println("cw: see '" + ex.getCommandLine().getCommandSpec().qualifiedName(" ") + " --help'");
            return 2;
        });
        return cl;
    }

    /** Maps failures to exit codes: 2 bad input, 3 database, 4 pipeline run failed/stopped/locked, 1 anything else. */
    public static final class Errors {
        private Errors() {
        }

        public static int exitCode(Throwable ex) {
            if (ex instanceof CwException cw) {
                return cw.exitCode();
            }
            SQLException sql = sqlCause(ex);
            if (sql != null) {
                String state = sql.getSQLState();
                if (state != null && state.startsWith("CW")) {
                    // A run that failed, stopped or could not start because another run holds the lock: 4.
                    // Every other project error is bad input: 2.
                    return switch (state) {
                        case "CW010", "CW012", "CW015" -> 4;
                        default -> 2;
                    };
                }
                return 3;
            }
            return 1;
        }

        public static String oneLine(Throwable ex) {
            SQLException sql = sqlCause(ex);
            if (sql != null) {
                String msg = sql.getMessage();
                if (sql instanceof org.postgresql.util.PSQLException pe && pe.getServerErrorMessage() != null) {
                    org.postgresql.util.ServerErrorMessage server = pe.getServerErrorMessage();
                    msg = server.getMessage() + (server.getDetail() == null ? "" : " (" + server.getDetail() + ")")
                            + (server.getHint() == null ? "" : " (hint: " + server.getHint() + ")");
                } else if (msg != null) {
                    msg = msg.replaceFirst("^ERROR: ", "").replace('\n', ' ');
                }
                String state = sql.getSQLState();
                if ("08001".equals(state) || "08004".equals(state)) {
                    return "cannot connect to the database: " + msg
                            + " (start the local one with 'cw db start' or check CW_DATABASE_URL)";
                }
                return msg + (state != null ? " [SQLSTATE " + state + "]" : "");
            }
            String msg = ex.getMessage();
            return msg == null ? ex.getClass().getSimpleName() : msg;
        }

        static SQLException sqlCause(Throwable ex) {
            for (Throwable t = ex; t != null; t = t.getCause()) {
                if (t instanceof SQLException s) {
                    return s;
                }
            }
            return null;
        }
    }
}
