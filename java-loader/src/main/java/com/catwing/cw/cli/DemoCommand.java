package com.catwing.cw.cli;

import com.catwing.cw.db.Database;
import com.catwing.cw.tenant.Pipeline;
import com.catwing.cw.tenant.Tenants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.concurrent.Callable;

/** {@code cw demo}: everything from a fresh machine to a pipeline run on generated data. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Set up the local database, migrate, create the demo client and run its pipeline end to end.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--client", defaultValue = "CW-000200", description = "demo client code (default: ${DEFAULT-VALUE})")
    String client;
    @Option(names = "--date", defaultValue = "2024-03-31", description = "run date (default: ${DEFAULT-VALUE})")
    LocalDate date;

    @Override
    public Integer call() {
        com.catwing.cw.db.Migrator.Tenant.of(client);
        System.out.println("== 1/3 database");
        Database db = Database.configured();
        Tenants tenants = new Tenants(db, System.out);
        System.out.println("== 2/3 migrations and demo client " + client);
        tenants.migrateAll();
        if (!tenants.exists(client)) {
            tenants.create(client, "Demo Retail GmbH", "EUR", "Europe/Berlin", "catwing");
        }
        System.out.println("== 3/3 pipeline");
        new Pipeline(db, System.out).run(client, date, null, null, null);
        return 0;
    }
}
