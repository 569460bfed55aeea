package com.catwing.cw.cli;

import com.catwing.cw.db.Database;
import com.catwing.cw.tenant.Tenants;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code cw migrate}: cw_global first, then every registered client, each with its own Flyway history. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply Flyway migrations: cw_global, then every registered client.")
public final class MigrateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        new Tenants(Database.configured(), System.out).migrateAll();
        return 0;
    }
}
