package com.catwing.cw.support;

import com.catwing.cw.db.Database;
import com.catwing.cw.tenant.Tenants;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The PostgreSQL server the tests run against: CW_TEST_DATABASE_URL when set; else a Testcontainers container when a
 * Docker engine exists (image CW_TEST_IMAGE, which must carry pg_cron, pgvector, plpython3u and pgTAP); else the
 * project-local cluster started through scripts/db.sh. Each test class gets a fresh database cloned from a migrated
 * template (two test clients, CW-000901 and CW-000902, and pgTAP in schema tap), rebuilt only when the SQL changes.
 */
public final class TestServer {
    public static final String CLIENT_A = "CW-000901";
    public static final String CLIENT_B = "CW-000902";
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static Database admin;
    private static String template;

    private TestServer() {
    }

    public static Path home() {
        return Path.of(System.getProperty("cw.home", "..")).toAbsolutePath().normalize();
    }

    /** The admin connection to the server's maintenance database. */
    public static synchronized Database admin() {
        if (admin == null) {
            String url = System.getenv("CW_TEST_DATABASE_URL");
            if (url == null || url.isBlank()) {
                url = dockerAvailable() ? Containers.start() : localCluster();
            }
            admin = Database.parse(url).withDatabase("postgres");
        }
        return admin;
    }

    private static boolean dockerAvailable() {
        return Files.exists(Path.of("/var/run/docker.sock")) && Containers.dockerAvailable();
    }

    private static String localCluster() {
        try {
            Process p = new ProcessBuilder(home().resolve("scripts/db.sh").toString(), "start", "--quiet")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("scripts/db.sh start failed:\n" + out);
            }
            Process u = new ProcessBuilder(home().resolve("scripts/db.sh").toString(), "url").start();
            String url = new String(u.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            u.waitFor();
            return url;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot start the local cluster: " + e.getMessage(), e);
        }
    }

    /** A new database cloned from the migrated template; drop it with {@link #drop}. */
    public static Database freshDatabase(String label) {
        String tmpl = template();
        String clean = label.toLowerCase().replaceAll("[^a-z0-9]", "");
        String name = "cw_t_" + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet() + "_"
                + clean.substring(0, Math.min(30, clean.length()));
        exec(admin(), "create database " + name + " template " + tmpl);
        return admin().withDatabase(name);
    }

    public static void drop(Database db) {
        if (db != null) {
            exec(admin(), "drop database if exists " + db.databaseName() + " with (force)");
        }
    }

    private static synchronized String template() {
        if (template != null) {
            return template;
        }
        String name = "cw_tmpl_" + sqlHash();
        Database a = admin();
        if (!exists(a, name)) {
            String building = name + "_b" + ProcessHandle.current().pid();
            exec(a, "drop database if exists " + building + " with (force)");
            exec(a, "create database " + building);
            Database b = a.withDatabase(building);
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
            Tenants tenants = new Tenants(b, quiet);
            tenants.migrateAll();
            tenants.create(CLIENT_A, "Test Client A", "EUR", "Europe/Berlin", "catwing");
            tenants.create(CLIENT_B, "Test Client B", "PLN", "Europe/Warsaw", "catwing");
            exec(b, "create schema tap; create extension pgtap schema tap; grant usage on schema tap to public");
            try {
                exec(b, Files.readString(home().resolve("tests/pgtap/fixtures.sql")));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read tests/pgtap/fixtures.sql", e);
            }
            exec(a, "alter database " + building + " rename to " + name);
        }
        dropStale(a, name);
        template = name;
        return name;
    }

    /** Drops templates of older SQL versions and test databases left by killed test runs. */
    private static void dropStale(Database a, String keep) {
        List<String> stale = new ArrayList<>();
        try (Connection c = a.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select datname from pg_database where datname like 'cw\\_tmpl\\_%' "
                     + "or datname like 'cw\\_t\\_%'")) {
            while (rs.next()) {
                String n = rs.getString(1);
                if (!n.equals(keep) && !alive(n)) {
                    stale.add(n);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        for (String n : stale) {
            exec(a, "drop database if exists " + n + " with (force)");
        }
        // pg_cron jobs of test databases that are gone (a killed test run) would fail every minute.
        exec(a, "select cron.unschedule(jobid) from cron.job where database not in (select datname from pg_database)");
    }

    /** Test databases are named cw_t_PID_..., templates being built cw_tmpl_HASH_bPID: a live PID keeps them. */
    private static boolean alive(String db) {
        String pid = db.startsWith("cw_t_") ? db.split("_")[2]
                : db.contains("_b") ? db.substring(db.lastIndexOf("_b") + 2) : null;
        if (pid == null || !pid.matches("\\d{1,10}")) {
            return false;
        }
        return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Hash of the SQL the template is migrated with: the db/ resources on the class path (the cw-loader build the
     * tests run against, not the working tree, which may be ahead of it) and the pgTAP fixtures.
     */
    private static String sqlHash() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            Path code = Path.of(com.catwing.cw.db.Migrator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(code)) {
                Path root = code.resolve("db");
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        md.update(root.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                        md.update(Files.readAllBytes(f));
                    }
                }
            } else {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(code.toFile())) {
                    for (java.util.jar.JarEntry e : jar.stream().filter(e -> e.getName().startsWith("db/") && !e.isDirectory())
                            .sorted(java.util.Comparator.comparing(java.util.jar.JarEntry::getName)).toList()) {
                        md.update(e.getName().getBytes(StandardCharsets.UTF_8));
                        md.update(jar.getInputStream(e).readAllBytes());
                    }
                }
            }
            md.update(Files.readAllBytes(home().resolve("tests/pgtap/fixtures.sql")));
            return HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (Exception e) {
            throw new IllegalStateException("cannot hash the SQL sources", e);
        }
    }

    private static boolean exists(Database a, String name) {
        try (Connection c = a.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
            return rs.next();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void exec(Database db, String sql) {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
