package com.catwing.cw.erd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The table groups of the ERD, read from the one place they are defined: {@code erd-groups.json} next to this class
 * (groups in display order, then rules; the first rule that matches a table's schema kind and name wins; a table no
 * rule matches goes to {@code other}). docs/erd.md lists the groups and how to add a rule.
 */
public final class ErdGroups {
    /** The group of tables no rule matches: always present, so no table is silently dropped. */
    public static final String OTHER = "other";

    /** One group: key, display label, fill colour of its tables, what it holds. */
    public record Group(String key, String label, String color, String description) {
    }

    private record Rule(String group, String schemaKind, Pattern tables) {
    }

    private final List<Group> groups;
    private final List<Rule> rules;

    private ErdGroups(List<Group> groups, List<Rule> rules) {
        this.groups = List.copyOf(groups);
        this.rules = List.copyOf(rules);
    }

    /** The groups and rules shipped with cw. */
    public static ErdGroups standard() {
        try (InputStream in = ErdGroups.class.getResourceAsStream("erd-groups.json")) {
            if (in == null) {
                throw new IllegalStateException("erd-groups.json is missing from the cw jar");
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read erd-groups.json", e);
        }
    }

    static ErdGroups parse(JsonNode root) {
        List<Group> groups = new ArrayList<>();
        for (JsonNode g : root.path("groups")) {
            groups.add(new Group(g.path("key").asText(), g.path("label").asText(), g.path("color").asText("#e5e7eb"),
                    g.path("description").asText("")));
        }
        if (groups.stream().noneMatch(g -> g.key().equals(OTHER))) {
            groups.add(new Group(OTHER, "Other", "#e5e7eb", "Tables no rule matches."));
        }
        List<Rule> rules = new ArrayList<>();
        for (JsonNode r : root.path("rules")) {
            String group = r.path("group").asText();
            if (groups.stream().noneMatch(g -> g.key().equals(group))) {
                throw new IllegalStateException("erd-groups.json: a rule names the unknown group '" + group + "'");
            }
            rules.add(new Rule(group, r.path("schema").asText("*"), Pattern.compile(r.path("tables").asText())));
        }
        return new ErdGroups(groups, rules);
    }

    public List<Group> groups() {
        return groups;
    }

    /**
     * The group of a table: the first rule whose schema kind ({@code global}, {@code production}, {@code staging},
     * {@code stats}, or {@code *}) and whole-name pattern match, else {@link #OTHER}.
     */
    public String groupOf(String schemaKind, String table) {
        for (Rule rule : rules) {
            if ((rule.schemaKind().equals("*") || rule.schemaKind().equals(schemaKind))
                    && rule.tables().matcher(table).matches()) {
                return rule.group();
            }
        }
        return OTHER;
    }
}
