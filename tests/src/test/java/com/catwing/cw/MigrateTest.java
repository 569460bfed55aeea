package com.catwing.cw;

import com.catwing.cw.db.Migrator;
import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestServer;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Migrating twice does nothing the second time, for cw_global and for each client. */
class MigrateTest extends DbTest {
    private static final String CATALOG_SNAPSHOT = """
            select md5(string_agg(line, e'\\n' order by line)) from (
                select format('%s.%s %s %s', c.table_schema, c.table_name, c.column_name, c.data_type) as line
                from information_schema.columns as c where c.table_schema like 'cw\\_%'
                union all
                select format('%s %s %s', n.nspname, p.proname, md5(p.prosrc))
                from pg_proc as p inner join pg_namespace as n on n.oid = p.pronamespace where n.nspname like 'cw\\_%'
                union all
                select format('%s %s', conrelid::regclass, conname) from pg_constraint
                where connamespace::regnamespace::text like 'cw\\_%'
            ) as catalog""";

    @Test
    void secondMigrateAppliesNothingAndChangesNothing() {
        String before = queryOne(CATALOG_SNAPSHOT);
        String historyBefore = queryOne("select count(*) || '/' || max(installed_rank) from cw_000901.flyway_schema_history");
        Migrator m = new Migrator(db);
        MigrateResult global = m.migrateGlobal();
        MigrateResult a = m.migrateTenant(TestServer.CLIENT_A);
        MigrateResult b = m.migrateTenant(TestServer.CLIENT_B);
        assertEquals(0, global.migrationsExecuted, "global migrations re-applied");
        assertEquals(0, a.migrationsExecuted, "client A migrations re-applied");
        assertEquals(0, b.migrationsExecuted, "client B migrations re-applied");
        assertEquals(before, queryOne(CATALOG_SNAPSHOT), "the catalog changed on a second migrate");
        assertEquals(historyBefore,
                queryOne("select count(*) || '/' || max(installed_rank) from cw_000901.flyway_schema_history"));
    }

    /**
     * An upgrade in which a repeatable file was renamed or removed (the load procedures were split and renamed, the
     * versioned migration of that release drops the old objects): clients migrated by the earlier release still
     * migrate. Simulated by a history row of a repeatable file that no longer exists.
     */
    @Test
    void aRepeatableFileRemovedByALaterReleaseDoesNotStopTheMigration() {
        exec("insert into cw_000902.flyway_schema_history (installed_rank, version, description, type, script, "
                + "checksum, installed_by, execution_time, success) select max(installed_rank) + 1, null, "
                + "'load something retired', 'SQL', 'R__0499_load_something_retired.sql', 12345, current_user, 1, true "
                + "from cw_000902.flyway_schema_history");
        MigrateResult b = new Migrator(db).migrateTenant(TestServer.CLIENT_B);
        assertEquals(0, b.migrationsExecuted, "nothing else to apply");
    }

    @Test
    void eachClientHasItsOwnFlywayHistoryAndOwnsItsObjects() {
        String a = queryOne("select max(version::int) from cw_000901.flyway_schema_history where version is not null");
        assertEquals(a, queryOne("select max(version::int) from cw_000902.flyway_schema_history where version is not null"),
                "both clients at the same version");
        assertEquals("0", queryOne("select count(*) from cw_000901.flyway_schema_history where not success"));
        assertEquals("0", queryOne("""
                select count(*) from pg_class as c inner join pg_namespace as n on n.oid = c.relnamespace
                where n.nspname like 'cw\\_000901%' and pg_get_userbyid(c.relowner) <> 'cw_000901_owner'"""),
                "every relation of a client belongs to its owner role");
        assertEquals("0", queryOne("""
                select count(*) from pg_class as c inner join pg_namespace as n on n.oid = c.relnamespace
                where n.nspname like 'cw\\_%' and c.relkind in ('r', 'p', 'v', 'm')
                    and obj_description(c.oid, 'pg_class') is null
                    and c.relname <> 'flyway_schema_history'"""),
                "every table and view has a comment");
        assertEquals("0", queryOne("""
                select count(*) from pg_proc as p inner join pg_namespace as n on n.oid = p.pronamespace
                where n.nspname like 'cw\\_%' and p.prokind in ('f', 'p') and obj_description(p.oid, 'pg_proc') is null
                    and not exists (select from pg_depend as d where d.objid = p.oid and d.deptype = 'e')"""),
                "every function and procedure has a comment");
        assertEquals("", queryOne("""
                select coalesce(string_agg(p.oid::regprocedure::text, ', '), '') from pg_proc as p
                inner join pg_namespace as n on n.oid = p.pronamespace
                where n.nspname like 'cw\\_000901%' and pg_get_userbyid(p.proowner) <> 'cw_000901_owner'"""),
                "every function and procedure of a client belongs to its owner role");
    }

    /**
     * A DBA understands every table from {@code \d+} alone: every column of every table and view of cw_global and of a
     * client's three schemas has a comment (partitions inherit their parent's; Flyway's history table is Flyway's),
     * and no comment cites a document outside the repository (the design's seed documents: "seed 004").
     */
    @Test
    void everyColumnHasACommentAndNoCommentCitesOutsideDocuments() {
        assertEquals("", queryOne("""
                select coalesce(string_agg(format('%s.%s', c.oid::regclass, a.attname), ', '
                                           order by c.oid::regclass::text, a.attnum), '')
                from pg_class as c
                inner join pg_namespace as n on n.oid = c.relnamespace
                inner join pg_attribute as a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                where (n.nspname = 'cw_global' or n.nspname in ('cw_000901', 'cw_000901_staging', 'cw_000901_stats'))
                    and c.relkind in ('r', 'p', 'v', 'm', 'f') and not c.relispartition
                    and c.relname <> 'flyway_schema_history'
                    and not exists (select from pg_depend as d where d.objid = c.oid and d.deptype = 'e')
                    and col_description(c.oid, a.attnum) is null"""),
                "columns without a comment (add them in a new migration: comment on column ...)");
        // "seed" alone is a word of the raw hashes (load_raw_hash_seed()); a citation is "seed" and a document number.
        assertEquals("", queryOne("""
                select coalesce(string_agg(format('%s %s: %s', objects.type, objects.identity, d.description), '; '),
                                '')
                from pg_description as d
                cross join lateral pg_identify_object(d.classoid, d.objoid, d.objsubid) as objects
                where d.description ~* '\\mseeds?\\s+(documents?\\s+)?[0-9]{3}|shared/seeds'"""),
                "comments citing outside documents: say what the cited passage means instead");
        assertEquals("", queryOne("""
                select coalesce(string_agg(d.description, '; '), '') from pg_shdescription as d
                where d.description ~* '\\mseeds?\\s+(documents?\\s+)?[0-9]{3}|shared/seeds'"""),
                "role or database comments citing outside documents");
    }

    @Test
    void noIdentifierWasTruncatedToSixtyThreeCharacters() {
        // PostgreSQL cuts longer names to 63 bytes without an error: a name of exactly 63 was almost certainly cut.
        assertEquals("", queryOne("""
                select coalesce(string_agg(name, ', '), '') from (
                    select conname::text as name from pg_constraint
                    where connamespace::regnamespace::text like 'cw\\_%'
                    union all
                    select relname::text from pg_class where relnamespace::regnamespace::text like 'cw\\_%'
                    union all
                    select proname::text from pg_proc where pronamespace::regnamespace::text like 'cw\\_%'
                    union all
                    select attname::text from pg_attribute as a inner join pg_class as c on c.oid = a.attrelid
                    where c.relnamespace::regnamespace::text like 'cw\\_%' and a.attnum > 0
                ) as names where octet_length(name) >= 63"""), "identifiers cut to 63 characters");
    }
}
