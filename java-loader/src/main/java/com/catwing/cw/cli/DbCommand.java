package com.catwing.cw.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code cw db start|stop|status|url}: the project-local PostgreSQL 15 cluster. */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Local PostgreSQL 15 cluster with pg_cron, pgvector, plpython3u, pgTAP: start|stop|status|url.")
public final class DbCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ACTION", description = "start, stop, status or url")
    Action action;

    enum Action { start, stop, status, url }

    @Override
    public Integer call() {
        if (System.getenv("CW_DATABASE_URL") != null && !System.getenv("CW_DATABASE_URL").isBlank()) {
            if (action == Action.url) {
                System.out.println(com.catwing.cw.db.Database.parse(System.getenv("CW_DATABASE_URL")).url()
                        .replaceAll("//([^:/@]+):[^@]*@", "//$1:***@"));
                return 0;
            }
            System.err.println("cw: CW_DATABASE_URL is set: the local cluster is not used (unset it to manage the local one)");
            return action == Action.status ? 0 : 2;
        }
        return Scripts.run("db.sh", action.name());
    }
}
