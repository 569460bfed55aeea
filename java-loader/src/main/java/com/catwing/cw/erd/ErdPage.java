package com.catwing.cw.erd;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The self-contained ERD page: the Graphviz SVG of every group and of the overview inline, the model as JSON (for
 * search and the details panel), and the page's own CSS and script ({@code erd.css}, {@code erd.js} next to this
 * class). Nothing is loaded from the network when it is viewed.
 */
public final class ErdPage {
    private final ErdModel model;
    private final Map<String, String> svgs;

    public ErdPage(ErdModel model, Map<String, String> svgs) {
        this.model = model;
        this.svgs = svgs;
    }

    public String render() {
        StringBuilder sb = new StringBuilder(1 << 20);
        String title = "ERD of " + model.clientCode() + (model.clientName() == null
                || model.clientName().equals(model.clientCode()) ? "" : " (" + model.clientName() + ")");
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(h(title)).append("</title>\n<style>\n").append(ErdModel.resource("erd.css"))
                .append("</style>\n</head>\n<body>\n");
        int columns = model.tables().stream().mapToInt(t -> t.columns().size()).sum();
        sb.append("<header><h1>").append(h(title)).append("</h1><span class=\"counts\" id=\"counts\">")
                .append(model.tables().size()).append(" tables, ").append(columns).append(" columns, ")
                .append(model.foreignKeys().size()).append(" foreign keys in cw_global and ")
                .append(h(model.clientCode().replace("CW-", "cw_").toLowerCase()))
                .append(", _staging, _stats</span><span class=\"counts\">generated from the live catalog at ")
                .append(h(model.generatedAt().toString())).append("</span></header>\n");
        sb.append("<aside>\n<input id=\"search\" type=\"search\" placeholder=\"Search tables and columns\" ")
                .append("aria-label=\"Search tables and columns\" autocomplete=\"off\">\n")
                .append("<h2>Results <span id=\"result-count\"></span></h2>\n<ul id=\"results\"></ul>\n")
                .append("<h2>Groups</h2>\n<ul id=\"groups\">\n")
                .append("<li data-group=\"overview\"><span class=\"swatch\" style=\"background:#fff\"></span>")
                .append("Overview<span class=\"n\">").append(model.tables().size()).append("</span></li>\n");
        for (ErdGroups.Group g : model.groups().groups()) {
            int n = model.tablesOf(g.key()).size();
            if (n == 0) {
                continue;
            }
            sb.append("<li data-group=\"").append(h(g.key())).append("\" title=\"").append(h(g.description()))
                    .append("\"><span class=\"swatch\" style=\"background:").append(h(g.color())).append("\"></span>")
                    .append(h(g.label())).append("<span class=\"n\">").append(n).append("</span></li>\n");
        }
        sb.append("</ul>\n<div id=\"details\"><h2>Details</h2><p>Click a table, or a search result, to see its ")
                .append("columns, comments and relations. Hover a column for its comment.</p></div>\n</aside>\n");
        sb.append("<main>\n<div class=\"controls\"><span id=\"view-title\"></span>")
                .append("<button id=\"zoom-in\" title=\"Zoom in\">+</button>")
                .append("<button id=\"zoom-out\" title=\"Zoom out\">\u2212</button>")
                .append("<button id=\"zoom-fit\" title=\"Fit to the window\">Fit</button></div>\n")
                .append("<div class=\"legend\">Lines go from the referencing column to the referenced key; dashed ")
                .append("boxes and lines: a table of another group. <b>bold</b> = primary key, PK/FK/UQ = keys, ")
                .append("null = nullable. Wheel to zoom, drag to pan.</div>\n");
        svgs.forEach((group, svg) -> sb.append("<div class=\"view\" data-group=\"").append(h(group))
                .append("\" hidden>\n").append(svg).append("</div>\n"));
        sb.append("</main>\n");
        sb.append("<script type=\"application/json\" id=\"erd-model\">").append(jsonForScript())
                .append("</script>\n<script>\n").append(ErdModel.resource("erd.js"))
                .append("</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    /** The model as JSON that cannot end its script element: every '<' is written as an escape. */
    private String jsonForScript() {
        try {
            return new ObjectMapper().writeValueAsString(model.toJson()).replace("<", "\\u003c")
                    .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String h(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
