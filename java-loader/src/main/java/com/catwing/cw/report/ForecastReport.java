package com.catwing.cw.report;

import com.catwing.cw.Cw;
import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.tenant.Tenants;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * The client-facing forecast accuracy report: the content is SQL ({@code forecast_accuracy_report(date, weeks)},
 * procedures/tenant/R__0848_forecast_accuracy_report.sql, over the scores of step forecast); this class fetches it
 * and renders it as JSON, Markdown or a self-contained HTML page.
 */
public final class ForecastReport {
    /** The breakdowns of the report, in page order: JSON key, heading, first column. */
    static final List<String[]> SECTIONS = List.of(
            new String[] {"by_horizon", "By horizon", "forecast made"},
            new String[] {"by_abc_class", "By ABC class", "class"},
            new String[] {"by_location", "By location", "location"},
            new String[] {"by_category", "By category", "category"});

    private final JsonNode report;

    public ForecastReport(JsonNode report) {
        this.report = report;
    }

    /** Reads the report of a client for the weeks up to a date; one-line errors for an unknown client or window. */
    public static ForecastReport fetch(Database db, String code, LocalDate date, int weeks) {
        Tenant t = Tenants.require(db, code);
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement(
                     "select " + t.schema() + ".forecast_accuracy_report(?::date, ?)::text")) {
            ps.setObject(1, date);
            ps.setInt(2, weeks);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new ForecastReport(QualityReport.JSON.readTree(rs.getString(1)));
            }
        } catch (SQLException e) {
            String state = e.getSQLState();
            throw new CwException(Cw.Errors.oneLine(e), state != null && state.startsWith("CW") ? 2 : 3);
        } catch (JsonProcessingException e) {
            throw new CwException("the forecast report of " + t.code() + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    public JsonNode json() {
        return report;
    }

    public String render(ReportFormat format) {
        return switch (format) {
            case JSON -> {
                try {
                    yield QualityReport.JSON.writeValueAsString(report) + "\n";
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            case MD -> new ForecastMarkdownPage(report).render();
            case HTML -> new ForecastHtmlPage(report).render();
        };
    }

    /** The verdict sentence on forecast value added (shared by the HTML and Markdown pages). */
    static String verdict(JsonNode overall) {
        JsonNode added = overall.path("value_added_pct");
        if (!added.isNumber()) {
            return "No series in this window has a demand history long enough to be scaled: weighted RMSSE and value "
                    + "added cannot be computed; WAPE and bias are shown.";
        }
        double value = added.asDouble();
        String pct = Text.number(added).replace("-", "");
        if (value > 0) {
            return "The forecast beat the seasonal-naive benchmark: its weighted RMSSE is " + pct + " % lower.";
        }
        if (value < 0) {
            return "The seasonal-naive benchmark did better: the forecast's weighted RMSSE is " + pct
                    + " % higher. The breakdowns below show where.";
        }
        return "The forecast and the seasonal-naive benchmark scored the same.";
    }
}
