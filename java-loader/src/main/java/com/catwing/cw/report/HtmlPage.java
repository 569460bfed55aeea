package com.catwing.cw.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static com.catwing.cw.report.Text.html;

/**
 * The quality report as one self-contained HTML page for a client's ERP administrator: inline CSS, an inline SVG
 * chart, no scripts and no external resources; every value from the database is escaped.
 */
final class HtmlPage {
    private static final String CSS = """
            :root { --ok: #1a7f37; --ok-bg: #dafbe1; --bad: #cf222e; --bad-bg: #ffebe9; --warn: #9a6700;
                    --warn-bg: #fff8c5; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa; }
            * { box-sizing: border-box; }
            body { margin: 0; background: #eef1f4; color: var(--ink);
                   font: 15px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 980px; margin: 24px auto; background: #fff; border: 1px solid var(--line);
                   border-radius: 8px; padding: 28px 32px; }
            h1 { font-size: 24px; margin: 0 0 4px; }
            h2 { font-size: 19px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
            h3 { font-size: 17px; margin: 24px 0 10px; }
            h3 small, .muted { color: var(--muted); font-weight: normal; }
            h4 { display: inline; font-size: 15px; margin: 0 8px 0 0; }
            code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
            .top { display: flex; justify-content: space-between; align-items: flex-start; gap: 24px; }
            .eyebrow { margin: 0 0 4px; color: var(--muted); text-transform: uppercase; letter-spacing: .06em;
                       font-size: 12px; }
            .client-code { color: var(--muted); font-weight: normal; font-size: 16px; }
            .score { min-width: 132px; text-align: center; border-radius: 8px; padding: 10px 14px; }
            .score .value { display: block; font-size: 40px; font-weight: 700; line-height: 1.1; }
            .score .label { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; }
            .passed { background: var(--ok-bg); color: var(--ok); }
            .warned { background: var(--warn-bg); color: var(--warn); }
            .failed { background: var(--bad-bg); color: var(--bad); }
            .verdict { margin: 20px 0 0; padding: 12px 16px; border-radius: 6px; border-left: 5px solid; }
            .verdict p { margin: 0; color: var(--ink); }
            .stats { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 20px 0 0; }
            .stat { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
            .stat b { display: block; font-size: 22px; }
            .stat span { color: var(--muted); font-size: 13px; }
            .chart svg { width: 100%; height: auto; display: block; }
            .legend { color: var(--muted); font-size: 13px; margin: 4px 0 0; }
            .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 4px 0 12px; }
            .toc { margin: 0; padding-left: 20px; }
            .check { border: 1px solid var(--line); border-left: 5px solid var(--warn); border-radius: 6px;
                     padding: 12px 16px; margin: 0 0 14px; }
            .check.critical { border-left-color: var(--bad); }
            .pill { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600;
                    text-transform: uppercase; margin-right: 8px; vertical-align: 1px; }
            .pill.critical { background: var(--bad-bg); color: var(--bad); }
            .pill.warning { background: var(--warn-bg); color: var(--warn); }
            .category { color: var(--muted); font-size: 13px; }
            .description { margin: 6px 0; color: var(--muted); }
            dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
            dl.facts dt { color: var(--muted); }
            dl.facts dd { margin: 0; overflow-wrap: anywhere; }
            .fix { background: #ddf4ff; border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
            .fix strong { display: block; font-size: 13px; text-transform: uppercase; letter-spacing: .04em;
                          color: #0550ae; }
            .fix p { margin: 2px 0 0; }
            table { border-collapse: collapse; width: 100%; margin: 8px 0 0; font-size: 13px; }
            caption { text-align: left; color: var(--muted); padding: 0 0 4px; }
            th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top;
                     overflow-wrap: anywhere; unicode-bidi: isolate; }
            th { background: var(--panel); font-weight: 600; overflow-wrap: normal; white-space: nowrap; }
            ul.clean { columns: 3; padding-left: 20px; }
            footer { margin-top: 32px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--line);
                     padding-top: 10px; }
            @media (max-width: 700px) { .stats { grid-template-columns: repeat(2, 1fr); } ul.clean { columns: 1; } }
            @media print { body { background: #fff; } main { border: 0; margin: 0; max-width: none; }
                           .check { break-inside: avoid; } }
            """;

    private final JsonNode report;
    private final StringBuilder out = new StringBuilder(32_768);

    HtmlPage(JsonNode report) {
        this.report = report;
    }

    String render() {
        String client = Text.of(report.path("client_name"));
        String code = Text.of(report.path("client_code"));
        String date = Text.of(report.path("run_date"));
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Data quality report: ").append(html(client)).append(" (").append(html(code))
                .append("), ").append(html(date)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<main>\n");
        header(client, code, date);
        stats();
        trend();
        failures();
        cleanEndpoints();
        out.append("<footer>Generated by CatWing from the DataQualityGateway run of ").append(html(date))
                .append(" (checked ").append(html(Text.timestamp(report.path("completed_at"))))
                .append("). Questions about a check: contact CatWing support with this report.</footer>\n")
                .append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    private String tone() {
        if (!report.path("gate_passed").asBoolean(false)) {
            return "failed";
        }
        return report.path("warning_count").asInt(0) > 0 ? "warned" : "passed";
    }

    private void header(String client, String code, String date) {
        out.append("<header class=\"top\">\n<div>\n<p class=\"eyebrow\">CatWing data quality report</p>\n")
                .append("<h1>").append(html(client)).append(" <span class=\"client-code\">").append(html(code))
                .append("</span></h1>\n<p class=\"muted\">ERP delivery of <strong id=\"run-date\">").append(html(date))
                .append("</strong></p>\n</div>\n<div class=\"score ").append(tone()).append("\" id=\"score\">")
                .append("<span class=\"value\">").append(html(Text.number(report.path("score"))))
                .append("</span><span class=\"label\">score of 100</span></div>\n</header>\n");
        int critical = report.path("critical_count").asInt(0);
        int warnings = report.path("warning_count").asInt(0);
        String verdict;
        String text;
        if (!report.path("gate_passed").asBoolean(false)) {
            verdict = "Quality gate failed";
            text = critical + " critical check" + (critical == 1 ? "" : "s") + " failed"
                    + (warnings > 0 ? " (and " + warnings + " warning" + (warnings == 1 ? "" : "s") + ")" : "")
                    + ". The data of this date was not loaded into CatWing: fix the issues below in the ERP or its "
                    + "export and deliver the files again.";
        } else if (warnings > 0) {
            verdict = "Quality gate passed with warnings";
            text = "The data was accepted. " + warnings + " warning" + (warnings == 1 ? "" : "s")
                    + " should be fixed before they grow into critical issues.";
        } else {
            verdict = "Quality gate passed";
            text = "Every check passed. Nothing to fix.";
        }
        out.append("<section class=\"verdict ").append(tone()).append("\" id=\"verdict\"><strong>").append(verdict)
                .append("</strong><p>").append(html(text)).append("</p></section>\n");
    }

    private void stats() {
        int affected = 0;
        for (JsonNode endpoint : report.path("endpoints")) {
            affected += QualityReport.hasFailures(endpoint) ? 1 : 0;
        }
        out.append("<section class=\"stats\">\n");
        stat(Text.number(report.path("checks_passed")) + " / " + Text.number(report.path("checks_total")),
                "checks passed");
        stat(Text.number(report.path("critical_count")), "critical failures");
        stat(Text.number(report.path("warning_count")), "warnings");
        stat(affected + " / " + report.path("endpoints").size(), "endpoints with issues");
        out.append("</section>\n");
    }

    private void stat(String value, String label) {
        out.append("<div class=\"stat\"><b>").append(html(value)).append("</b><span>").append(label)
                .append("</span></div>\n");
    }

    /** The score per run as bars (green: gate passed, red: failed), the reported date outlined. */
    private void trend() {
        JsonNode points = report.path("trend");
        out.append("<section class=\"chart\" id=\"trend\">\n<h2>Score trend <small class=\"muted\">(last ")
                .append(report.path("trend_days").asInt(30)).append(" days)</small></h2>\n");
        int n = points.size();
        if (n == 0) {
            out.append("<p class=\"muted\">No runs in this period.</p>\n</section>\n");
            return;
        }
        final int width = 720;
        final int height = 200;
        final int left = 40;
        final int right = 10;
        final int top = 18;
        final int bottom = 34;
        double plotW = width - left - right;
        double plotH = height - top - bottom;
        double slot = plotW / Math.max(n, 1);
        double bar = Math.min(Math.max(slot * 0.7, 2), 48);
        String current = Text.of(report.path("run_date"));
        List<String> passed = new ArrayList<>();
        int floor = QualityReport.trendAxisFloor(points);
        double span = 100 - floor;
        int step = (100 - floor) / 5;
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"trend-title\">\n<title id=\"trend-title\">Quality score of the ")
                .append(n).append(" run").append(n == 1 ? "" : "s").append(" up to ").append(html(current))
                .append(" (score axis from ").append(floor).append(" to 100)</title>\n");
        for (int g = floor; g <= 100; g += step) {
            double y = top + plotH * (1 - (g - floor) / span);
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"#59636e\">%d</text>%n",
                    left, width - right, y, y, g == floor ? "#8c959f" : "#e6eaef", left - 6, y + 4, g));
        }
        int labelEvery = Math.max(1, (int) Math.ceil(n / 8.0));
        for (int i = 0; i < n; i++) {
            JsonNode p = points.get(i);
            String day = Text.of(p.path("run_date"));
            double score = p.path("score").isNumber() ? p.path("score").asDouble() : 0;
            boolean ok = p.path("gate_passed").asBoolean(false);
            boolean isCurrent = day.equals(current);
            double cx = left + slot * i + slot / 2;
            double h = Math.max(plotH * Math.max(score - floor, 0) / span, 1);
            double y = top + plotH - h;
            out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                            + "rx=\"2\" fill=\"%s\"%s><title>%s: score %s, gate %s</title></rect>%n",
                    cx - bar / 2, y, bar, h, ok ? "#2da44e" : "#e5534b",
                    isCurrent ? " stroke=\"#1f2328\" stroke-width=\"2\"" : "", html(day),
                    html(Text.number(p.path("score"))), ok ? "passed" : "failed"));
            if (isCurrent) {
                out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" font-weight=\"700\" "
                        + "text-anchor=\"middle\" fill=\"#1f2328\">%s</text>%n", cx, Math.max(y - 4, 11),
                        html(Text.number(p.path("score")))));
            }
            if (i % labelEvery == 0 || i == n - 1) {
                out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" "
                        + "text-anchor=\"middle\" fill=\"#59636e\"%s>%s</text>%n", cx, height - bottom + 16,
                        isCurrent ? " font-weight=\"700\"" : "", html(day.length() == 10 ? day.substring(5) : day)));
            }
            passed.add(ok ? "passed" : "failed");
        }
        out.append("</svg>\n<p class=\"legend\"><span class=\"swatch\" style=\"background:#2da44e\"></span>gate passed")
                .append("<span class=\"swatch\" style=\"background:#e5534b\"></span>gate failed")
                .append("<span class=\"swatch\" style=\"background:#fff;border:2px solid #1f2328\"></span>this report ")
                .append("(").append(html(current)).append("); score axis from ").append(floor)
                .append(" to 100</p>\n");
        out.append("<details><summary>The trend as a table</summary>\n<table><thead><tr><th>run date</th>")
                .append("<th>score</th><th>gate</th></tr></thead><tbody>\n");
        for (int i = 0; i < n; i++) {
            JsonNode p = points.get(i);
            out.append("<tr><td>").append(html(p.path("run_date"))).append("</td><td>")
                    .append(html(Text.number(p.path("score")))).append("</td><td>").append(passed.get(i))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table>\n</details>\n</section>\n");
    }

    private void failures() {
        List<JsonNode> failing = new ArrayList<>();
        for (JsonNode endpoint : report.path("endpoints")) {
            if (QualityReport.hasFailures(endpoint)) {
                failing.add(endpoint);
            }
        }
        out.append("<section id=\"failed-checks\">\n<h2>What to fix</h2>\n");
        if (failing.isEmpty()) {
            out.append("<p>No check failed.</p>\n</section>\n");
            return;
        }
        out.append("<ul class=\"toc\">\n");
        for (JsonNode endpoint : failing) {
            String name = Text.of(endpoint.path("endpoint"));
            out.append("<li><a href=\"#endpoint-").append(html(anchor(name))).append("\">").append(html(name))
                    .append("</a>: ").append(counts(endpoint)).append("</li>\n");
        }
        out.append("</ul>\n");
        for (JsonNode endpoint : failing) {
            String name = Text.of(endpoint.path("endpoint"));
            out.append("<section class=\"endpoint\" id=\"endpoint-").append(html(anchor(name))).append("\">\n<h3>")
                    .append(html(name)).append(" <small>").append(counts(endpoint)).append(", ")
                    .append(endpoint.path("checks_passed").asInt(0)).append(" passed</small></h3>\n");
            for (JsonNode check : endpoint.path("failed_checks")) {
                check(check);
            }
            out.append("</section>\n");
        }
        out.append("</section>\n");
    }

    private static String counts(JsonNode endpoint) {
        int critical = endpoint.path("critical_failed").asInt(0);
        int warnings = endpoint.path("warning_failed").asInt(0);
        List<String> parts = new ArrayList<>();
        if (critical > 0) {
            parts.add(critical + " critical");
        }
        if (warnings > 0) {
            parts.add(warnings + " warning" + (warnings == 1 ? "" : "s"));
        }
        return String.join(", ", parts);
    }

    private static String anchor(String name) {
        return name.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    private void check(JsonNode check) {
        String severity = Text.of(check.path("severity"));
        String cssSeverity = severity.equals("critical") ? "critical" : "warning";
        out.append("<article class=\"check ").append(cssSeverity).append("\" data-check=\"")
                .append(html(check.path("check_name"))).append("\">\n<div><span class=\"pill ").append(cssSeverity)
                .append("\">").append(html(severity)).append("</span><h4><code>").append(html(check.path("check")))
                .append("</code>");
        String subject = Text.of(check.path("subject"));
        if (!subject.isEmpty()) {
            out.append(" on <code>").append(html(subject)).append("</code>");
        }
        out.append("</h4><span class=\"category\">").append(html(check.path("category"))).append("</span></div>\n");
        if (!Text.of(check.path("description")).isEmpty()) {
            out.append("<p class=\"description\">").append(html(check.path("description"))).append("</p>\n");
        }
        out.append("<dl class=\"facts\">");
        fact("Expected", check.path("expected_value"));
        fact("Found", check.path("actual_value"));
        if (check.path("failed_count").asLong(0) > 0) {
            fact("Offending records", check.path("failed_count"));
        }
        fact("Detail", check.path("detail"));
        out.append("</dl>\n");
        if (!Text.of(check.path("fix_instructions")).isEmpty()) {
            out.append("<div class=\"fix\"><strong>How to fix</strong><p>").append(html(check.path("fix_instructions")))
                    .append("</p></div>\n");
        }
        samples(check.path("sample_records"), check.path("failed_count").asLong(0));
        out.append("</article>\n");
    }

    private void fact(String label, JsonNode value) {
        String text = Text.of(value);
        if (!text.isEmpty()) {
            out.append("<dt>").append(label).append("</dt><dd>").append(html(text)).append("</dd>");
        }
    }

    private void samples(JsonNode samples, long failedCount) {
        if (!samples.isArray() || samples.isEmpty()) {
            return;
        }
        List<String> columns = QualityReport.sampleColumns(samples);
        boolean scalars = columns.isEmpty();
        out.append("<table class=\"samples\"><caption>")
                .append(samples.size() < failedCount ? "The first " + samples.size() + " of " + failedCount
                        + " offending records" : "Offending records")
                .append("</caption>\n<thead><tr>");
        if (scalars) {
            out.append("<th>value</th>");
        }
        for (String column : columns) {
            out.append("<th>").append(html(column)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        for (JsonNode sample : samples) {
            out.append("<tr>");
            if (scalars || !sample.isObject()) {
                out.append("<td class=\"mono\">").append(html(sample.isValueNode() ? Text.of(sample)
                        : sample.toString())).append("</td>");
            } else {
                for (String column : columns) {
                    out.append("<td class=\"mono\">").append(html(sample.path(column))).append("</td>");
                }
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private void cleanEndpoints() {
        List<JsonNode> clean = new ArrayList<>();
        for (JsonNode endpoint : report.path("endpoints")) {
            if (!QualityReport.hasFailures(endpoint)) {
                clean.add(endpoint);
            }
        }
        if (clean.isEmpty()) {
            return;
        }
        out.append("<section id=\"clean-endpoints\">\n<h2>Endpoints without issues</h2>\n<ul class=\"clean\">\n");
        for (JsonNode endpoint : clean) {
            out.append("<li>").append(html(endpoint.path("endpoint"))).append(" <span class=\"muted\">(")
                    .append(endpoint.path("checks_passed").asInt(0)).append(" checks passed)</span></li>\n");
        }
        out.append("</ul>\n</section>\n");
    }
}
