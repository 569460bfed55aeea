package com.catwing.cw.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

import static com.catwing.cw.report.Text.html;

/**
 * The forecast accuracy report as one self-contained HTML page: inline CSS, an inline SVG chart of the weighted RMSSE
 * per horizon week (ours against the benchmark), no scripts and no external resources; every value escaped.
 */
final class ForecastHtmlPage {
    private static final String OURS = "#0969da";
    private static final String BENCHMARK = "#bf8700";
    private static final String CSS = """
            :root { --ok: #1a7f37; --ok-bg: #dafbe1; --bad: #cf222e; --bad-bg: #ffebe9; --ink: #1f2328;
                    --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa; }
            * { box-sizing: border-box; }
            body { margin: 0; background: #eef1f4; color: var(--ink);
                   font: 15px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 980px; margin: 24px auto; background: #fff; border: 1px solid var(--line);
                   border-radius: 8px; padding: 28px 32px; }
            h1 { font-size: 24px; margin: 0 0 4px; }
            h2 { font-size: 19px; margin: 32px 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
            .eyebrow { margin: 0 0 4px; color: var(--muted); text-transform: uppercase; letter-spacing: .06em;
                       font-size: 12px; }
            .muted, .client-code { color: var(--muted); font-weight: normal; }
            .verdict { margin: 20px 0 0; padding: 12px 16px; border-radius: 6px; border-left: 5px solid; }
            .verdict p { margin: 0; color: var(--ink); }
            .better { background: var(--ok-bg); color: var(--ok); }
            .worse { background: var(--bad-bg); color: var(--bad); }
            .stats { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin: 20px 0 0; }
            .stat { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
            .stat b { display: block; font-size: 22px; }
            .stat span { color: var(--muted); font-size: 13px; }
            .chart svg { width: 100%; height: auto; display: block; }
            .legend { color: var(--muted); font-size: 13px; margin: 4px 0 0; }
            .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 4px 0 12px; }
            table { border-collapse: collapse; width: 100%; margin: 8px 0 0; font-size: 13px; }
            th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: right; overflow-wrap: anywhere;
                     unicode-bidi: isolate; }
            th:first-child, td:first-child { text-align: left; }
            th { background: var(--panel); font-weight: 600; white-space: nowrap; }
            td.neg { color: var(--bad); }
            td.pos { color: var(--ok); }
            footer { margin-top: 32px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--line);
                     padding-top: 10px; }
            @media (max-width: 700px) { .stats { grid-template-columns: repeat(2, 1fr); } }
            @media print { body { background: #fff; } main { border: 0; margin: 0; max-width: none; } }
            """;

    private final JsonNode report;
    private final StringBuilder out = new StringBuilder(32_768);

    ForecastHtmlPage(JsonNode report) {
        this.report = report;
    }

    String render() {
        String client = Text.of(report.path("client_name"));
        String code = Text.of(report.path("client_code"));
        String date = Text.of(report.path("report_date"));
        JsonNode overall = report.path("overall");
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Forecast accuracy report: ").append(html(client)).append(" (").append(html(code))
                .append("), ").append(html(date)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<main>\n");
        out.append("<header>\n<p class=\"eyebrow\">CatWing forecast accuracy report</p>\n<h1>").append(html(client))
                .append(" <span class=\"client-code\">").append(html(code)).append("</span></h1>\n")
                .append("<p class=\"muted\">Forecast weeks that ended <strong id=\"from-date\">")
                .append(html(report.path("from_date"))).append("</strong> to <strong id=\"to-date\">")
                .append(html(report.path("to_date"))).append("</strong> (").append(report.path("window_weeks").asInt())
                .append(" weeks)</p>\n</header>\n");
        double added = overall.path("value_added_pct").asDouble(0);
        out.append("<section class=\"verdict ").append(added >= 0 ? "better" : "worse").append("\" id=\"verdict\">")
                .append("<strong>Value added ").append(html(Text.number(overall.path("value_added_pct"))))
                .append(" %</strong><p>").append(html(ForecastReport.verdict(overall))).append("</p></section>\n");
        out.append("<section class=\"stats\">\n");
        stat("wrmsse", Text.number(overall.path("wrmsse")), "weighted RMSSE (benchmark "
                + Text.number(overall.path("naive_wrmsse")) + ")");
        stat("wape", Text.number(overall.path("wape_pct")) + " %", "WAPE (benchmark "
                + Text.number(overall.path("naive_wape_pct")) + " %)");
        stat("bias", Text.number(overall.path("bias_pct")) + " %", "bias (> 0: over-forecast)");
        int forecasts = overall.path("forecasts").asInt(0);
        stat("series-weeks", Text.number(overall.path("series_weeks")), "product × location weeks from "
                + forecasts + (forecasts == 1 ? " forecast" : " forecasts"));
        out.append("</section>\n");
        chart(report.path("by_horizon"));
        for (String[] section : ForecastReport.SECTIONS) {
            table(section[0], section[1], section[2], report.path(section[0]));
        }
        out.append("<footer>Generated by CatWing from the forecasts scored in the database. Benchmark: ")
                .append(html(report.path("benchmark"))).append(". RMSSE: a week's forecast error scaled by the ")
                .append("series' mean squared one-week change before the forecast (as in the M5 competition), ")
                .append("weighted by the series' revenue of the 28 days before the forecast. MASE: absolute error ")
                .append("over the mean absolute one-week change. WAPE: absolute errors over demand. Bias: forecast ")
                .append("minus demand over demand. Value added: 1 − our weighted RMSSE / the benchmark's.</footer>\n")
                .append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    private void stat(String id, String value, String label) {
        out.append("<div class=\"stat\" id=\"stat-").append(id).append("\"><b>").append(html(value))
                .append("</b><span>").append(html(label)).append("</span></div>\n");
    }

    /** Grouped bars per horizon week: our weighted RMSSE and the benchmark's; lower is better. */
    private void chart(JsonNode rows) {
        out.append("<section class=\"chart\" id=\"horizon-chart\">\n<h2>Weighted RMSSE by horizon ")
                .append("<small class=\"muted\">(lower is better)</small></h2>\n");
        int n = rows.size();
        if (n == 0) {
            out.append("<p class=\"muted\">No scored weeks.</p>\n</section>\n");
            return;
        }
        double max = 0;
        for (JsonNode row : rows) {
            max = Math.max(max, Math.max(row.path("wrmsse").asDouble(0), row.path("naive_wrmsse").asDouble(0)));
        }
        double axis = max <= 0 ? 1 : niceCeiling(max);
        final int width = 720;
        final int height = 220;
        final int left = 44;
        final int right = 10;
        final int top = 14;
        final int bottom = 34;
        double plotW = width - left - right;
        double plotH = height - top - bottom;
        double slot = plotW / n;
        double bar = Math.min(Math.max(slot * 0.35, 2), 28);
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"horizon-title\">\n<title id=\"horizon-title\">Weighted RMSSE ")
                .append("of the forecast and of the seasonal-naive benchmark for ").append(n)
                .append(" horizon week").append(n == 1 ? "" : "s").append("</title>\n");
        for (int g = 0; g <= 4; g++) {
            double value = axis * g / 4;
            double y = top + plotH * (1 - g / 4.0);
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" fill=\"#59636e\">%s</text>%n",
                    left, width - right, y, y, g == 0 ? "#8c959f" : "#e6eaef", left - 6, y + 4,
                    String.format(Locale.ROOT, "%.2f", value)));
        }
        int labelEvery = Math.max(1, (int) Math.ceil(n / 13.0));
        for (int i = 0; i < n; i++) {
            JsonNode row = rows.get(i);
            double cx = left + slot * i + slot / 2;
            bar(cx - bar, bar, row.path("wrmsse"), axis, plotH, top, OURS, "forecast", row);
            bar(cx, bar, row.path("naive_wrmsse"), axis, plotH, top, BENCHMARK, "benchmark", row);
            if (i % labelEvery == 0 || i == n - 1) {
                out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" "
                        + "text-anchor=\"middle\" fill=\"#59636e\">%s</text>%n", cx, height - bottom + 16,
                        html(Text.number(row.path("horizon_weeks")))));
            }
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" "
                + "fill=\"#59636e\">weeks ahead</text>%n", left + plotW / 2, height - 2));
        out.append("</svg>\n<p class=\"legend\"><span class=\"swatch\" style=\"background:").append(OURS)
                .append("\"></span>forecast<span class=\"swatch\" style=\"background:").append(BENCHMARK)
                .append("\"></span>seasonal-naive benchmark</p>\n</section>\n");
    }

    private void bar(double x, double width, JsonNode value, double axis, double plotH, int top, String color,
                     String what, JsonNode row) {
        if (!value.isNumber()) {
            return;
        }
        double h = Math.max(plotH * value.asDouble() / axis, 1);
        out.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"2\" "
                        + "fill=\"%s\"><title>%s, %s: weighted RMSSE %s</title></rect>%n", x, top + plotH - h, width, h,
                color, html(row.path("label")), what, html(Text.number(value))));
    }

    /** The smallest of 1, 2, 2.5, 5 x 10^k at or above a value: a readable top of the axis. */
    static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private void table(String id, String heading, String first, JsonNode rows) {
        out.append("<section id=\"").append(id.replace('_', '-')).append("\">\n<h2>").append(heading)
                .append("</h2>\n");
        if (!rows.isArray() || rows.isEmpty()) {
            out.append("<p class=\"muted\">No scored weeks.</p>\n</section>\n");
            return;
        }
        out.append("<table><thead><tr><th>").append(first).append("</th><th>series weeks</th><th>WRMSSE</th>")
                .append("<th>benchmark</th><th>value added %</th><th>MASE</th><th>WAPE %</th><th>bias %</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (JsonNode row : rows) {
            out.append("<tr><td>").append(html(row.path("label"))).append("</td>");
            for (String key : new String[] {"series_weeks", "wrmsse", "naive_wrmsse", "value_added_pct", "mase",
                    "wape_pct", "bias_pct"}) {
                String css = key.equals("value_added_pct") && row.path(key).isNumber()
                        ? (row.path(key).asDouble() < 0 ? " class=\"neg\"" : " class=\"pos\"") : "";
                out.append("<td").append(css).append('>').append(html(Text.number(row.path(key)))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n</section>\n");
    }
}
