package com.catwing.cw.report;

import com.fasterxml.jackson.databind.JsonNode;

import static com.catwing.cw.report.Text.md;

/** The forecast accuracy report as Markdown; every value from the database escaped. */
final class ForecastMarkdownPage {
    private final JsonNode report;
    private final StringBuilder out = new StringBuilder(8_192);

    ForecastMarkdownPage(JsonNode report) {
        this.report = report;
    }

    String render() {
        JsonNode overall = report.path("overall");
        out.append("# Forecast accuracy report: ").append(md(report.path("client_name"))).append(" (")
                .append(md(report.path("client_code"))).append("), ").append(md(report.path("report_date")))
                .append("\n\n");
        out.append("Forecast weeks that ended ").append(md(report.path("from_date"))).append(" to ")
                .append(md(report.path("to_date"))).append(" (").append(report.path("window_weeks").asInt())
                .append(" weeks), ").append(Text.number(overall.path("series_weeks"))).append(" product × location ")
                .append("weeks from ").append(overall.path("forecasts").asInt(0))
                .append(overall.path("forecasts").asInt(0) == 1 ? " forecast.\n\n" : " forecasts.\n\n");
        out.append("**Weighted RMSSE ").append(md(Text.number(overall.path("wrmsse")))).append(" (benchmark ")
                .append(md(Text.number(overall.path("naive_wrmsse")))).append("), value added ")
                .append(md(Text.number(overall.path("value_added_pct")))).append(" %, WAPE ")
                .append(md(Text.number(overall.path("wape_pct")))).append(" %, bias ")
                .append(md(Text.number(overall.path("bias_pct")))).append(" %**\n\n")
                .append(md(ForecastReport.verdict(overall))).append("\n\n");
        for (String[] section : ForecastReport.SECTIONS) {
            table(section[1], section[2], report.path(section[0]));
        }
        out.append("Benchmark: ").append(md(report.path("benchmark"))).append(". RMSSE: error scaled by the series' ")
                .append("mean squared one-week change before the forecast (M5), weighted by revenue of the 28 days ")
                .append("before it; value added = 1 − ours / benchmark; bias > 0 means over-forecast.\n");
        return out.toString();
    }

    private void table(String heading, String first, JsonNode rows) {
        out.append("## ").append(heading).append("\n\n");
        if (!rows.isArray() || rows.isEmpty()) {
            out.append("No scored weeks.\n\n");
            return;
        }
        out.append("| ").append(first).append(" | series weeks | WRMSSE | benchmark | value added % | MASE | WAPE % | ")
                .append("bias % |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (JsonNode row : rows) {
            out.append("| ").append(md(row.path("label")));
            for (String key : new String[] {"series_weeks", "wrmsse", "naive_wrmsse", "value_added_pct", "mase",
                    "wape_pct", "bias_pct"}) {
                out.append(" | ").append(md(Text.number(row.path(key))));
            }
            out.append(" |\n");
        }
        out.append('\n');
    }
}
