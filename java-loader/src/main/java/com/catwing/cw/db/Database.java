package com.catwing.cw.db;

import com.catwing.cw.CwException;
import com.catwing.cw.Env;
import com.catwing.cw.cli.Scripts;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The database the CLI works on: {@code CW_DATABASE_URL} when set (RDS in production; nothing local is
 * started), else the project-local cluster, started on demand through scripts/db.sh. The system property
 * {@code cw.database.url} overrides both (the test suite runs the CLI in-process against a test database).
 */
public final class Database {
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String databaseName;

    private Database(String jdbcUrl, String user, String password, String databaseName) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.databaseName = databaseName;
    }

    /** The configured database, starting the local cluster when no URL is configured. */
    public static Database configured() {
        String url = System.getProperty("cw.database.url", System.getenv("CW_DATABASE_URL"));
        if (url == null || url.isBlank()) {
            Scripts.run("db.sh", "start", "--quiet");
            url = Scripts.output("db.sh", "url");
        }
        return parse(url);
    }

    /** Parses {@code postgresql://user:password@host:port/db?opts} or a {@code jdbc:postgresql:} URL. */
    public static Database parse(String url) {
        String u = url.trim();
        if (u.startsWith("jdbc:")) {
            u = u.substring(5);
        }
        if (u.startsWith("postgres://")) {
            u = "postgresql://" + u.substring("postgres://".length());
        }
        if (!u.startsWith("postgresql://")) {
            throw new CwException("database URL must look like postgresql://user:password@host:port/database, got: "
                    + redact(url), 2);
        }
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new CwException("malformed database URL: " + redact(url) + " (" + e.getMessage() + ")", 2);
        }
        String userInfo = uri.getRawUserInfo();
        String user = null;
        String password = null;
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String query = uri.getRawQuery();
        if (query != null) {
            for (String kv : query.split("&")) {
                String[] p = kv.split("=", 2);
                if (p[0].equals("user") && p.length == 2) {
                    user = decode(p[1]);
                } else if (p[0].equals("password") && p.length == 2) {
                    password = decode(p[1]);
                }
            }
        }
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String jdbc = "jdbc:postgresql://" + host + ":" + port + "/";
        return new Database(jdbc, user, password, db);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String redact(String url) {
        return url.replaceAll("//([^:/@]+):[^@]*@", "//$1:***@");
    }

    public String databaseName() {
        return databaseName;
    }

    /** The same server, another database (e.g. the pg_cron database or a test database). */
    public Database withDatabase(String name) {
        return new Database(jdbcUrl, user, password, name);
    }

    /** A postgresql:// URL for psql and other tools (password included when configured). */
    public String url() {
        String cred = user == null ? "" : user + (password == null ? "" : ":" + password) + "@";
        return "postgresql://" + cred + jdbcUrl.substring("jdbc:postgresql://".length()) + databaseName;
    }

    public String jdbcUrl() {
        return jdbcUrl + databaseName;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connect() {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "cw");
        props.setProperty("connectTimeout", Env.get("CW_CONNECT_TIMEOUT", "10"));
        try {
            return DriverManager.getConnection(jdbcUrl(), props);
        } catch (SQLException e) {
            throw new CwException("cannot connect to " + redact(url()) + ": " + e.getMessage()
                    + (System.getenv("CW_DATABASE_URL") == null ? " (is the local database running? try 'cw db start')"
                    : " (check CW_DATABASE_URL)"), 3);
        }
    }
}
