package com.catwing.cw.report;

import com.catwing.cw.Cw;
import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.tenant.Tenants;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The client-facing quality report of one gateway run. The content is SQL ({@code quality_report(date, days)},
 * procedures/tenant/R__0330_quality_report.sql); this class fetches it and renders it as JSON, Markdown or HTML.
 */
public final class QualityReport {
    static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final JsonNode report;

    public QualityReport(JsonNode report) {
        this.report = report;
    }

    /** Reads the report of a client's gateway run for a date; one-line errors for an unknown client or date. */
    public static QualityReport fetch(Database db, String code, LocalDate runDate, int trendDays) {
        Tenant t = Tenants.require(db, code);
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("select " + t.schema() + ".quality_report(?::date, ?)::text")) {
            ps.setObject(1, runDate);
            ps.setInt(2, trendDays);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new QualityReport(JSON.readTree(rs.getString(1)));
            }
        } catch (SQLException e) {
            String state = e.getSQLState();
            throw new CwException(Cw.Errors.oneLine(e), state != null && state.startsWith("CW") ? 2 : 3);
        } catch (JsonProcessingException e) {
            throw new CwException("the quality report of " + t.code() + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    public JsonNode json() {
        return report;
    }

    public String render(ReportFormat format) {
        return switch (format) {
            case JSON -> toJson();
            case MD -> new MarkdownPage(report).render();
            case HTML -> new HtmlPage(report).render();
        };
    }

    private String toJson() {
        try {
            return JSON.writeValueAsString(report) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The column names of a check's sample records: file and record first (where the administrator finds the record),
     * then the others in order of first appearance (records differ per check).
     */
    static List<String> sampleColumns(JsonNode samples) {
        Set<String> columns = new LinkedHashSet<>();
        if (samples != null && samples.isArray()) {
            for (String first : List.of("file", "record")) {
                for (JsonNode sample : samples) {
                    if (sample.has(first)) {
                        columns.add(first);
                        break;
                    }
                }
            }
            for (JsonNode sample : samples) {
                sample.fieldNames().forEachRemaining(columns::add);
            }
        }
        return new ArrayList<>(columns);
    }

    /**
     * The bottom of the trend chart's score axis: scores of real runs sit in the upper range (one failed warning
     * costs a point or less), so the axis spans the smallest of 5, 10, 25, 50, 100 points that shows every run.
     */
    static int trendAxisFloor(JsonNode points) {
        double min = 100;
        for (JsonNode p : points) {
            min = Math.min(min, p.path("score").asDouble(0));
        }
        for (int span : new int[] {5, 10, 25, 50}) {
            if (min >= 100 - span * 0.9) {
                return 100 - span;
            }
        }
        return 0;
    }

    /** Checks, endpoints: small helpers shared by the renderers. */
    static boolean hasFailures(JsonNode endpoint) {
        return endpoint.path("failed_checks").size() > 0;
    }

    static String checkTitle(JsonNode check) {
        String subject = Text.of(check.path("subject"));
        return Text.of(check.path("check")) + (subject.isEmpty() ? "" : " (" + subject + ")");
    }
}
