package com.catwing.cw.cli;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.tenant.Tenants;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code cw tenant create|list|drop}: client provisioning. */
@Command(name = "tenant", mixinStandardHelpOptions = true,
        description = "Create, list and drop clients (schemas, roles, Flyway history).",
        subcommands = {TenantCommand.Create.class, TenantCommand.ListClients.class, TenantCommand.Drop.class})
public final class TenantCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Register a client and create its schemas and roles, then migrate them.")
    static final class Create implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CODE", description = "client code, CW- and six digits (CW-000200)")
        String code;
        @Option(names = "--name", description = "client name (default: the code)")
        String name;
        @Option(names = "--currency", defaultValue = "EUR", description = "ISO 4217 currency (default: ${DEFAULT-VALUE})")
        String currency;
        @Option(names = "--timezone", defaultValue = "Europe/Berlin", description = "IANA time zone (default: ${DEFAULT-VALUE})")
        String timezone;
        @Option(names = "--erp-dialect", defaultValue = "catwing", description = "ERP export dialect (default: ${DEFAULT-VALUE})")
        String dialect;

        @Override
        public Integer call() {
            com.catwing.cw.db.Migrator.Tenant.of(code);
            new Tenants(Database.configured(), System.out).create(code, name, currency, timezone, dialect);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the registered clients.")
    static final class ListClients implements Callable<Integer> {
        @Override
        public Integer call() {
            var rows = new Tenants(Database.configured(), System.out).list();
            if (rows.isEmpty()) {
                System.out.println("no clients yet (create one with: cw tenant create CW-000200 --name \"...\")");
                return 0;
            }
            System.out.printf("%-10s %-28s %-10s %-16s %-4s %-9s %-6s %s%n", "code", "name", "schema", "timezone",
                    "cur", "dialect", "active", "created");
            for (var r : rows) {
                System.out.printf("%-10s %-28s %-10s %-16s %-4s %-9s %-6s %s%n", r.code(),
                        r.name().length() > 28 ? r.name().substring(0, 27) + "…" : r.name(), r.schema(), r.timezone(),
                        r.currency(), r.dialect(), r.active() ? "yes" : "no", r.createdAt());
            }
            return 0;
        }
    }

    @Command(name = "drop", mixinStandardHelpOptions = true,
            description = "Drop a client: schemas with all data, roles, schedule (S3 is untouched).")
    static final class Drop implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CODE", description = "client code")
        String code;
        @Option(names = "--yes", description = "confirm: the client's database data is deleted")
        boolean yes;

        @Override
        public Integer call() {
            com.catwing.cw.db.Migrator.Tenant.of(code);
            if (!yes) {
                throw new CwException("dropping " + code + " deletes all its data in the database; "
                        + "repeat with --yes to confirm", 2);
            }
            new Tenants(Database.configured(), System.out).drop(code);
            return 0;
        }
    }
}
