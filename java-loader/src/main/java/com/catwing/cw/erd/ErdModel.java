package com.catwing.cw.erd;

import com.catwing.cw.Cw;
import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entity-relationship model of a client as the live catalog has it: every table of {@code cw_global} and of the
 * client's three schemas (partitions through their parent), its columns with type, nullability, default, keys and
 * {@code comment on} text, every foreign key once, and the group of each table ({@link ErdGroups}). The queries are
 * the {@code erd-*.sql} files next to this class.
 */
public final class ErdModel {
    /** A column: type as {@code format_type} prints it; pk/unique/fk say whether it is part of such a key. */
    public record Column(String name, String type, boolean nullable, String defaultValue, boolean identity,
                         boolean pk, boolean unique, boolean fk, String comment) {
    }

    /** A table: schema, kind of schema (global, production, staging, stats), group, comment, columns in order. */
    public record Table(String schema, String name, String kind, String group, boolean partitioned, boolean unlogged,
                       String comment, List<Column> columns) {
        public String qualified() {
            return schema + "." + name;
        }
    }

    /** A foreign key from {@code schema.table(columns)} to {@code refSchema.refTable(refColumns)}. */
    public record ForeignKey(String schema, String table, String name, String refSchema, String refTable,
                             List<String> columns, List<String> refColumns, String onDelete, String comment) {
        public String qualified() {
            return schema + "." + table;
        }

        public String refQualified() {
            return refSchema + "." + refTable;
        }
    }

    private final String clientCode;
    private final String clientName;
    private final OffsetDateTime generatedAt;
    private final Map<String, String> schemaKinds;
    private final ErdGroups groups;
    private final List<Table> tables;
    private final List<ForeignKey> foreignKeys;

    ErdModel(String clientCode, String clientName, OffsetDateTime generatedAt, Map<String, String> schemaKinds,
             ErdGroups groups, List<Table> tables, List<ForeignKey> foreignKeys) {
        this.clientCode = clientCode;
        this.clientName = clientName;
        this.generatedAt = generatedAt;
        this.schemaKinds = schemaKinds;
        this.groups = groups;
        this.tables = List.copyOf(tables);
        this.foreignKeys = List.copyOf(foreignKeys);
    }

    /** Reads the model of a registered client from the catalog; an unknown client is a one-line error (exit 2). */
    public static ErdModel fetch(Database db, Tenant tenant, ErdGroups groups) {
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("cw_global", "global");
        kinds.put(tenant.schema(), "production");
        kinds.put(tenant.stagingSchema(), "staging");
        kinds.put(tenant.statsSchema(), "stats");
        try (Connection c = db.connect()) {
            String name = clientName(c, tenant);
            Array schemas = c.createArrayOf("text", kinds.keySet().toArray());
            Map<String, List<Column>> columns = new LinkedHashMap<>();
            Map<String, List<String>> fkColumns = new LinkedHashMap<>();
            List<ForeignKey> fks = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(resource("erd-foreign-keys.sql"))) {
                ps.setArray(1, schemas);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ForeignKey fk = new ForeignKey(rs.getString("schema_name"), rs.getString("table_name"),
                                rs.getString("constraint_name"), rs.getString("ref_schema_name"),
                                rs.getString("ref_table_name"), strings(rs.getArray("column_names")),
                                strings(rs.getArray("ref_column_names")), onDelete(rs.getString("on_delete")),
                                rs.getString("constraint_comment"));
                        fks.add(fk);
                        fkColumns.computeIfAbsent(fk.qualified(), k -> new ArrayList<>()).addAll(fk.columns());
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(resource("erd-columns.sql"))) {
                ps.setArray(1, schemas);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String table = rs.getString("schema_name") + "." + rs.getString("table_name");
                        String column = rs.getString("column_name");
                        columns.computeIfAbsent(table, k -> new ArrayList<>()).add(new Column(column,
                                rs.getString("data_type"), rs.getBoolean("is_nullable"), rs.getString("column_default"),
                                rs.getBoolean("is_identity"), rs.getBoolean("is_pk"), rs.getBoolean("is_unique"),
                                fkColumns.getOrDefault(table, List.of()).contains(column),
                                rs.getString("column_comment")));
                    }
                }
            }
            List<Table> tables = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(resource("erd-tables.sql"))) {
                ps.setArray(1, schemas);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String schema = rs.getString("schema_name");
                        String table = rs.getString("table_name");
                        String kind = kinds.get(schema);
                        tables.add(new Table(schema, table, kind, groups.groupOf(kind, table),
                                rs.getBoolean("is_partitioned"), rs.getBoolean("is_unlogged"),
                                rs.getString("table_comment"), columns.getOrDefault(schema + "." + table, List.of())));
                    }
                }
            }
            if (tables.stream().noneMatch(t -> t.schema().equals(tenant.schema()))) {
                throw new CwException("client " + tenant.code() + " has no tables in schema " + tenant.schema()
                        + " (migrate it with: cw migrate)", 2);
            }
            return new ErdModel(tenant.code(), name, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS),
                    kinds, groups, tables, fks);
        } catch (SQLException e) {
            String state = e.getSQLState();
            throw new CwException(Cw.Errors.oneLine(e), state != null && state.startsWith("CW") ? 2 : 3);
        }
    }

    private static String clientName(Connection c, Tenant tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select name from cw_global.clients where code = ?")) {
            ps.setString(1, tenant.code());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new CwException("unknown client code " + tenant.code()
                            + " (hint: list clients with: cw tenant list)", 2);
                }
                return rs.getString(1);
            }
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Object o : (Object[]) array.getArray()) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    private static String onDelete(String code) {
        return switch (code == null ? "" : code) {
            case "c" -> "cascade";
            case "n" -> "set null";
            case "d" -> "set default";
            case "r" -> "restrict";
            default -> "no action";
        };
    }

    static String resource(String resource) {
        try (InputStream in = ErdModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the cw jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String clientCode() {
        return clientCode;
    }

    public String clientName() {
        return clientName;
    }

    public OffsetDateTime generatedAt() {
        return generatedAt;
    }

    public ErdGroups groups() {
        return groups;
    }

    public List<Table> tables() {
        return tables;
    }

    public List<ForeignKey> foreignKeys() {
        return foreignKeys;
    }

    /** The tables of one group, in schema and name order. */
    public List<Table> tablesOf(String group) {
        return tables.stream().filter(t -> t.group().equals(group)).toList();
    }

    /** The table of a qualified name, or null when it is outside the model (a reference to another schema). */
    public Table table(String qualified) {
        for (Table t : tables) {
            if (t.qualified().equals(qualified)) {
                return t;
            }
        }
        return null;
    }

    /** The model as JSON: client, counts, groups with their table counts, tables with columns, foreign keys. */
    public ObjectNode toJson() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("client_code", clientCode);
        root.put("client_name", clientName);
        root.put("generated_at", generatedAt.toString());
        ObjectNode schemas = root.putObject("schemas");
        schemaKinds.forEach(schemas::put);
        ObjectNode counts = root.putObject("counts");
        counts.put("tables", tables.size());
        counts.put("columns", tables.stream().mapToInt(t -> t.columns().size()).sum());
        counts.put("foreign_keys", foreignKeys.size());
        ArrayNode groupArray = root.putArray("groups");
        for (ErdGroups.Group g : groups.groups()) {
            ObjectNode o = groupArray.addObject();
            o.put("key", g.key());
            o.put("label", g.label());
            o.put("color", g.color());
            o.put("description", g.description());
            o.put("tables", tablesOf(g.key()).size());
        }
        ArrayNode tableArray = root.putArray("tables");
        for (Table t : tables) {
            ObjectNode o = tableArray.addObject();
            o.put("schema", t.schema());
            o.put("name", t.name());
            o.put("kind", t.kind());
            o.put("group", t.group());
            o.put("partitioned", t.partitioned());
            o.put("unlogged", t.unlogged());
            o.put("comment", t.comment());
            ArrayNode cols = o.putArray("columns");
            for (Column col : t.columns()) {
                ObjectNode co = cols.addObject();
                co.put("name", col.name());
                co.put("type", col.type());
                co.put("nullable", col.nullable());
                co.put("default", col.identity() ? "identity" : col.defaultValue());
                co.put("pk", col.pk());
                co.put("unique", col.unique());
                co.put("fk", col.fk());
                co.put("comment", col.comment());
            }
        }
        ArrayNode fkArray = root.putArray("foreign_keys");
        for (ForeignKey fk : foreignKeys) {
            ObjectNode o = fkArray.addObject();
            o.put("name", fk.name());
            o.put("schema", fk.schema());
            o.put("table", fk.table());
            fk.columns().forEach(o.putArray("columns")::add);
            o.put("ref_schema", fk.refSchema());
            o.put("ref_table", fk.refTable());
            fk.refColumns().forEach(o.putArray("ref_columns")::add);
            o.put("on_delete", fk.onDelete());
            o.put("comment", fk.comment());
        }
        return root;
    }

    /** {@link #toJson()} indented, with a final newline. */
    public String toJsonText() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson()) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
