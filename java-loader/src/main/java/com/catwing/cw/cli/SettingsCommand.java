package com.catwing.cw.cli;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Jdbi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code cw settings CODE [--section S] [--set key=value ...] [--unset key ...]}: lists a client's settings (the
 * catalog cw_global.setting_definitions with the values in force) or changes them through
 * {@code cw_global.set_client_setting}, which validates each value; all changes of one call commit together or not at all.
 */
@Command(name = "settings", mixinStandardHelpOptions = true,
        description = "List a client's settings with their values, defaults and allowed ranges, or change them.")
public final class SettingsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "CODE", description = "client code, e.g. CW-000200")
    String code;
    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "set a setting, e.g. --set behaviors.window_days=120 (repeatable); lists: a,b or [\"a\",\"b\"]")
    List<String> sets = new ArrayList<>();
    @Option(names = "--unset", paramLabel = "KEY", description = "reset a setting to its default (repeatable)")
    List<String> unsets = new ArrayList<>();
    @Option(names = "--section", description = "list only this section (quality, behaviors, ...)")
    String section;

    @Override
    public Integer call() {
        Migrator.Tenant tenant = Migrator.Tenant.of(code);
        Database db = Database.configured();
        Jdbi jdbi = Jdbi.create(db::connect);
        jdbi.useHandle(h -> h.select("select cw_global.client_id(?)", code).mapTo(Integer.class).one());
        if (!sets.isEmpty() || !unsets.isEmpty()) {
            jdbi.useTransaction(h -> {
                for (String assignment : sets) {
                    int eq = assignment.indexOf('=');
                    if (eq <= 0) {
                        throw new CwException("invalid --set '" + assignment + "' (expected key=value, e.g. "
                                + "behaviors.window_days=120)", 2);
                    }
                    String key = assignment.substring(0, eq).trim();
                    h.createCall("call cw_global.set_client_setting(?, ?, cast(? as jsonb))")
                            .bind(0, code).bind(1, key).bind(2, asJson(assignment.substring(eq + 1).trim())).invoke();
                    System.out.println(code + ": " + key + " set");
                }
                for (String key : unsets) {
                    h.createCall("call cw_global.set_client_setting(?, ?, null)").bind(0, code).bind(1, key.trim())
                            .invoke();
                    System.out.println(code + ": " + key.trim() + " reset to its default");
                }
            });
        }
        List<Map<String, Object>> rows = jdbi.withHandle(h -> h.createQuery(String.format("""
                select setting_key, setting_value::text as setting_value, is_default, allowed, description
                from %s.setting_values where :section is null or section = :section order by setting_key""",
                tenant.schema())).bind("section", section).mapToMap().list());
        if (rows.isEmpty()) {
            String sections = jdbi.withHandle(h -> h.select(
                    "select string_agg(section, ', ' order by section) from cw_global.setting_sections")
                    .mapTo(String.class).one());
            throw new CwException("no settings in section '" + section + "' (sections: " + sections + ")", 2);
        }
        System.out.printf("%-42s %-18s %-8s %s%n", "setting", "value", "", "allowed");
        for (Map<String, Object> r : rows) {
            System.out.printf("%-42s %-18s %-8s %s%n", r.get("setting_key"), r.get("setting_value"),
                    Boolean.TRUE.equals(r.get("is_default")) ? "default" : "set", r.get("allowed"));
        }
        return 0;
    }

    /** A value as typed on the command line: JSON when it parses as JSON, else a JSON string. */
    static String asJson(String value) {
        try {
            JSON.readTree(value);
            return value;
        } catch (Exception notJson) {
            try {
                return JSON.writeValueAsString(value);
            } catch (Exception e) {
                throw new CwException("cannot encode value '" + value + "'", 2);
            }
        }
    }
}
