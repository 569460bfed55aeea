package com.catwing.cw.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

import static com.catwing.cw.report.Text.md;

/** The quality report as Markdown (a ticket, an e-mail, a chat message); every value from the database escaped. */
final class MarkdownPage {
    /** Unicode blocks for a one-line sparkline of the score trend. */
    private static final String BARS = "▁▂▃▄▅▆▇█";

    private final JsonNode report;
    private final StringBuilder out = new StringBuilder(16_384);

    MarkdownPage(JsonNode report) {
        this.report = report;
    }

    String render() {
        boolean passed = report.path("gate_passed").asBoolean(false);
        out.append("# Data quality report: ").append(md(report.path("client_name"))).append(" (")
                .append(md(report.path("client_code"))).append("), ").append(md(report.path("run_date"))).append("\n\n");
        out.append("**Score ").append(md(Text.number(report.path("score")))).append(" of 100: quality gate ")
                .append(passed ? "passed" : "FAILED").append("** (")
                .append(report.path("critical_count").asInt(0)).append(" critical, ")
                .append(report.path("warning_count").asInt(0)).append(" warnings; ")
                .append(report.path("checks_passed").asInt(0)).append(" of ")
                .append(report.path("checks_total").asInt(0)).append(" checks passed)\n\n");
        if (!passed) {
            out.append("The data of this date was not loaded into CatWing: fix the issues below in the ERP or its ")
                    .append("export and deliver the files again.\n\n");
        }
        trend();
        failures();
        clean();
        return out.toString();
    }

    private void trend() {
        JsonNode points = report.path("trend");
        if (points.isEmpty()) {
            return;
        }
        out.append("## Score trend (last ").append(report.path("trend_days").asInt(30)).append(" days)\n\n");
        int floor = QualityReport.trendAxisFloor(points);
        StringBuilder spark = new StringBuilder();
        for (JsonNode p : points) {
            double share = Math.max(p.path("score").asDouble(0) - floor, 0) / (100 - floor);
            spark.append(BARS.charAt((int) Math.min(BARS.length() - 1, Math.floor(share * BARS.length()))));
        }
        out.append("`").append(spark).append("` ").append(md(points.get(0).path("run_date"))).append(" to ")
                .append(md(points.get(points.size() - 1).path("run_date"))).append(" (scale ").append(floor)
                .append(" to 100)\n\n");
        out.append("| run date | score | gate |\n|---|---:|---|\n");
        for (JsonNode p : points) {
            out.append("| ").append(md(p.path("run_date"))).append(" | ").append(md(Text.number(p.path("score"))))
                    .append(" | ").append(p.path("gate_passed").asBoolean(false) ? "passed" : "failed").append(" |\n");
        }
        out.append('\n');
    }

    private void failures() {
        out.append("## What to fix\n\n");
        boolean any = false;
        for (JsonNode endpoint : report.path("endpoints")) {
            if (!QualityReport.hasFailures(endpoint)) {
                continue;
            }
            any = true;
            out.append("### ").append(md(endpoint.path("endpoint"))).append(" (")
                    .append(endpoint.path("checks_failed").asInt(0)).append(" failed, ")
                    .append(endpoint.path("checks_passed").asInt(0)).append(" passed)\n\n");
            for (JsonNode check : endpoint.path("failed_checks")) {
                check(check);
            }
        }
        if (!any) {
            out.append("No check failed.\n\n");
        }
    }

    private void check(JsonNode check) {
        out.append("#### ").append(md(Text.of(check.path("severity")).toUpperCase(java.util.Locale.ROOT))).append(": ")
                .append(md(QualityReport.checkTitle(check))).append(" (").append(md(check.path("category")))
                .append(")\n\n");
        if (!Text.of(check.path("description")).isEmpty()) {
            out.append(md(check.path("description"))).append("\n\n");
        }
        item("Expected", check.path("expected_value"));
        item("Found", check.path("actual_value"));
        if (check.path("failed_count").asLong(0) > 0) {
            item("Offending records", check.path("failed_count"));
        }
        item("Detail", check.path("detail"));
        item("How to fix", check.path("fix_instructions"));
        out.append('\n');
        JsonNode samples = check.path("sample_records");
        if (samples.isArray() && !samples.isEmpty()) {
            List<String> columns = QualityReport.sampleColumns(samples);
            if (columns.isEmpty()) {
                out.append("| value |\n|---|\n");
                samples.forEach(s -> out.append("| ").append(md(s)).append(" |\n"));
            } else {
                out.append('|');
                columns.forEach(c -> out.append(' ').append(md(c)).append(" |"));
                out.append("\n|");
                columns.forEach(c -> out.append("---|"));
                out.append('\n');
                for (JsonNode sample : samples) {
                    out.append('|');
                    columns.forEach(c -> out.append(' ').append(md(sample.path(c))).append(" |"));
                    out.append('\n');
                }
            }
            out.append('\n');
        }
    }

    private void item(String label, JsonNode value) {
        String text = Text.of(value);
        if (!text.isEmpty()) {
            out.append("- **").append(label).append(":** ").append(md(text)).append('\n');
        }
    }

    private void clean() {
        StringBuilder list = new StringBuilder();
        for (JsonNode endpoint : report.path("endpoints")) {
            if (!QualityReport.hasFailures(endpoint)) {
                list.append(list.length() == 0 ? "" : ", ").append(md(endpoint.path("endpoint"))).append(" (")
                        .append(endpoint.path("checks_passed").asInt(0)).append(')');
            }
        }
        if (list.length() > 0) {
            out.append("## Endpoints without issues\n\n").append(list).append("\n");
        }
    }
}
