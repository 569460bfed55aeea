package com.catwing.cw.erd;

import com.catwing.cw.CwException;
import com.catwing.cw.erd.ErdModel.Column;
import com.catwing.cw.erd.ErdModel.ForeignKey;
import com.catwing.cw.erd.ErdModel.Table;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Lays the ERD out with Graphviz {@code dot} (Debian's graphviz package, installed by scripts/install-deps.sh) and
 * returns SVG: one diagram per group and an overview of the groups. In a group's diagram every table of the group is
 * drawn with its columns, and every foreign key of those tables is a line from the referencing column to the
 * referenced one; a referenced table of another group is drawn as a small dashed box in that group's colour. So each
 * foreign key is drawn exactly once, in the group of its referencing table.
 *
 * <p>SVG ids (used by the page's script and by the tests): table {@code t:GROUP:SCHEMA.TABLE}, column
 * {@code a_c:GROUP:SCHEMA.TABLE.COLUMN} (ports: {@code p_COLUMN} on its name, where lines arrive, and
 * {@code o_COLUMN} on its last cell, where they leave), foreign key {@code fk:GROUP:SCHEMA.TABLE.CONSTRAINT},
 * referenced table of another group {@code x:GROUP:SCHEMA.TABLE}.
 */
public final class GraphvizLayout {
    /** Seconds one {@code dot} run may take before it is stopped. */
    private static final long DOT_TIMEOUT_SECONDS = 300;

    private final String dot;
    private final PrintStream progress;

    public GraphvizLayout(String dot, PrintStream progress) {
        this.dot = dot;
        this.progress = progress == null ? new PrintStream(OutputStream.nullOutputStream()) : progress;
    }

    /** The {@code dot} on the PATH (or {@code CW_DOT}). */
    public static GraphvizLayout onPath(PrintStream progress) {
        String env = System.getenv("CW_DOT");
        return new GraphvizLayout(env == null || env.isBlank() ? "dot" : env, progress);
    }

    /** The SVG of each group (in the groups' order; empty groups left out) and of the overview, key "overview". */
    public Map<String, String> layout(ErdModel model) {
        Map<String, String> svgs = new LinkedHashMap<>();
        long started = System.nanoTime();
        progress.printf("cw: laying out the overview of %d groups with graphviz%n", model.groups().groups().size());
        svgs.put("overview", run(overviewDot(model), "overview"));
        for (ErdGroups.Group g : model.groups().groups()) {
            List<Table> tables = model.tablesOf(g.key());
            if (tables.isEmpty()) {
                continue;
            }
            long fks = model.foreignKeys().stream().filter(fk -> tables.stream()
                    .anyMatch(t -> t.qualified().equals(fk.qualified()))).count();
            progress.printf("cw: laying out group %s (%d tables, %d foreign keys)%n", g.key(), tables.size(), fks);
            svgs.put(g.key(), bestOf(groupDot(model, g), g.key()));
        }
        progress.printf("cw: layout done in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return svgs;
    }

    /**
     * Lays a group out both top-down and left-right, each after {@code unflatten} (which staggers leaf tables and
     * wraps tables without lines into rows of five, so no rank becomes one endless row), and keeps the one whose
     * shape is closest to a laptop screen's (16:10): a group of tables that all reference a few lookups is wide
     * top-down and tall left-right.
     */
    String bestOf(String source, String what) {
        String best = null;
        double bestScore = Double.MAX_VALUE;
        for (String rankdir : new String[] {"TB", "LR"}) {
            String svg = run(unflatten(source.replace("rankdir=TB", "rankdir=" + rankdir), what), what);
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("<svg width=\"([0-9.]+)pt\" height=\"([0-9.]+)pt\"").matcher(svg);
            double score = m.find()
                    ? Math.abs(Math.log(Double.parseDouble(m.group(1)) / Double.parseDouble(m.group(2)) / 1.6))
                    : Double.MAX_VALUE - 1;
            if (score < bestScore) {
                bestScore = score;
                best = svg;
            }
        }
        return best;
    }

    /** The dot source of one group's diagram. */
    static String groupDot(ErdModel model, ErdGroups.Group group) {
        Map<String, ErdGroups.Group> byKey = new LinkedHashMap<>();
        model.groups().groups().forEach(g -> byKey.put(g.key(), g));
        List<Table> tables = model.tablesOf(group.key());
        Set<String> inGroup = new LinkedHashSet<>();
        tables.forEach(t -> inGroup.add(t.qualified()));
        StringBuilder sb = header("erd_" + group.key(), "TB");
        for (Table t : tables) {
            sb.append("  ").append(q(t.qualified())).append(" [id=").append(q("t:" + group.key() + ":" + t.qualified()))
                    .append(" tooltip=").append(q(tooltip(t.qualified(), t.comment())))
                    .append(" label=<").append(tableLabel(t, group)).append(">];\n");
        }
        Set<String> external = new LinkedHashSet<>();
        StringBuilder edges = new StringBuilder();
        for (ForeignKey fk : model.foreignKeys()) {
            if (!inGroup.contains(fk.qualified())) {
                continue;
            }
            String target = fk.refQualified();
            boolean internal = inGroup.contains(target);
            if (!internal) {
                external.add(target);
            }
            String from = q(fk.qualified()) + ":" + q("o_" + fk.columns().get(0));
            String to = internal ? q(target) + ":" + q("p_" + fk.refColumns().get(0)) : q(target);
            edges.append("  ").append(from).append(" -> ").append(to).append(" [id=")
                    .append(q("fk:" + group.key() + ":" + fk.qualified() + "." + fk.name()))
                    .append(" tooltip=").append(q(fk.name() + ": " + fk.qualified() + " ("
                            + String.join(", ", fk.columns())
                            + ") references " + target + " (" + String.join(", ", fk.refColumns()) + ")"
                            + (fk.onDelete().equals("no action") ? "" : ", on delete " + fk.onDelete())))
                    .append(internal ? "" : " style=dashed").append("];\n");
        }
        for (String target : external) {
            Table t = model.table(target);
            ErdGroups.Group other = t == null ? null : byKey.get(t.group());
            String color = other == null ? "#ffffff" : other.color();
            String label = "<B>" + html(target) + "</B><BR/><FONT POINT-SIZE=\"10\">in "
                    + html(other == null ? "another schema" : other.label()) + "</FONT>";
            sb.append("  ").append(q(target)).append(" [id=").append(q("x:" + group.key() + ":" + target))
                    .append(" shape=box style=\"dashed,filled,rounded\" fillcolor=").append(q(color))
                    .append(" margin=\"0.15,0.06\" tooltip=").append(q(tooltip(target, t == null ? null : t.comment())))
                    .append(" label=<").append(label).append(">];\n");
        }
        sb.append(edges).append("}\n");
        return sb.toString();
    }

    /** The dot source of the overview: one box per group with its table count, one line per pair of groups. */
    static String overviewDot(ErdModel model) {
        StringBuilder sb = header("erd_overview", "LR");
        for (ErdGroups.Group g : model.groups().groups()) {
            int n = model.tablesOf(g.key()).size();
            if (n == 0) {
                continue;
            }
            sb.append("  ").append(q(g.key())).append(" [id=").append(q("g:" + g.key()))
                    .append(" shape=box style=\"filled,rounded\" fillcolor=").append(q(g.color()))
                    .append(" margin=\"0.3,0.15\" tooltip=").append(q(g.description()))
                    .append(" label=<<B>").append(html(g.label())).append("</B><BR/>").append(n)
                    .append(n == 1 ? " table" : " tables").append(">];\n");
        }
        Map<String, Integer> pairs = new TreeMap<>();
        for (ForeignKey fk : model.foreignKeys()) {
            Table from = model.table(fk.qualified());
            Table to = model.table(fk.refQualified());
            if (from != null && to != null && !from.group().equals(to.group())) {
                pairs.merge(from.group() + "\u0000" + to.group(), 1, Integer::sum);
            }
        }
        pairs.forEach((pair, n) -> {
            String[] p = pair.split("\u0000");
            sb.append("  ").append(q(p[0])).append(" -> ").append(q(p[1])).append(" [id=")
                    .append(q("gg:" + p[0] + ":" + p[1])).append(" label=").append(q(String.valueOf(n)))
                    .append(" penwidth=").append(String.format(java.util.Locale.ROOT, "%.1f", 1 + Math.log(n)))
                    .append(" tooltip=").append(q(n + " foreign key" + (n == 1 ? "" : "s") + " from " + p[0] + " to "
                            + p[1])).append("];\n");
        });
        return sb.append("}\n").toString();
    }

    private static StringBuilder header(String name, String rankdir) {
        StringBuilder sb = new StringBuilder();
        sb.append("digraph ").append(name).append(" {\n");
        sb.append("  graph [rankdir=").append(rankdir).append(" nodesep=0.35 ranksep=1.1 bgcolor=\"transparent\""
                + " fontname=\"Helvetica\" pad=0.3 id=").append(q(name)).append("];\n");
        sb.append("  node [shape=plaintext fontname=\"Helvetica\" fontsize=11];\n");
        sb.append("  edge [color=\"#475569\" arrowsize=0.7 fontname=\"Helvetica\" fontsize=10];\n");
        return sb;
    }

    /** A table as an HTML-like label: a coloured title row, then one row per column (name, type, keys, null). */
    private static String tableLabel(Table t, ErdGroups.Group group) {
        StringBuilder sb = new StringBuilder();
        sb.append("<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"3\" COLOR=\"#64748b\">");
        sb.append("<TR><TD COLSPAN=\"4\" BGCOLOR=\"").append(html(group.color())).append("\" ALIGN=\"LEFT\"><B>")
                .append(html(t.qualified())).append("</B>");
        if (t.partitioned()) {
            sb.append(" <FONT POINT-SIZE=\"9\">partitioned</FONT>");
        }
        if (t.unlogged()) {
            sb.append(" <FONT POINT-SIZE=\"9\">unlogged</FONT>");
        }
        sb.append("</TD></TR>");
        for (Column c : t.columns()) {
            String id = "c:" + group.key() + ":" + t.qualified() + "." + c.name();
            String tip = tooltip(c.name() + " " + c.type() + (c.nullable() ? "" : " not null"), c.comment());
            String cell = " ALIGN=\"LEFT\" HREF=\"#\" TOOLTIP=\"" + html(tip) + "\"";
            sb.append("<TR>");
            sb.append("<TD ID=\"").append(html(id)).append("\" PORT=\"").append(html("p_" + c.name())).append("\"")
                    .append(cell).append(">")
                    .append(c.pk() ? "<B>" + html(c.name()) + "</B>" : html(c.name())).append("</TD>");
            sb.append("<TD").append(cell).append("><FONT COLOR=\"#475569\">").append(html(c.type()))
                    .append("</FONT></TD>");
            String keys = String.join(" ", c.pk() ? "PK" : "", c.fk() ? "FK" : "", c.unique() && !c.pk() ? "UQ" : "")
                    .trim().replaceAll(" +", " ");
            sb.append("<TD").append(cell).append(">").append(font("#1d4ed8", keys)).append("</TD>");
            sb.append("<TD PORT=\"").append(html("o_" + c.name())).append("\"").append(cell).append(">")
                    .append(font("#94a3b8", c.nullable() ? "null" : ""))
                    .append("</TD>");
            sb.append("</TR>");
        }
        return sb.append("</TABLE>").toString();
    }

    /** Coloured text; nothing for empty text (Graphviz rejects an empty FONT element). */
    private static String font(String color, String text) {
        return text.isEmpty() ? "" : "<FONT COLOR=\"" + color + "\">" + html(text) + "</FONT>";
    }

    private static String tooltip(String what, String comment) {
        return comment == null || comment.isBlank() ? what : what + ": " + comment;
    }

    /** A dot quoted string. */
    static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ").replace("\r", " ") + "\"";
    }

    /** Text inside a dot HTML-like label. */
    static String html(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("\n", " ");
    }

    /** {@code unflatten -l 4 -f -c 5} on a dot source (Graphviz's own tool, next to dot). */
    String unflatten(String source, String what) {
        Path tool = Path.of(dot).getParent();
        String unflatten = tool == null ? "unflatten" : tool.resolve("unflatten").toString();
        return exec(List.of(unflatten, "-l", "4", "-f", "-c", "5"), source, what);
    }

    /** Runs dot on a source and returns the SVG element (without the XML prolog). */
    String run(String source, String what) {
        String svg = exec(List.of(dot, "-Tsvg"), source, what);
        int start = svg.indexOf("<svg");
        if (start < 0) {
            throw new CwException("graphviz wrote no SVG for " + what, 1);
        }
        return svg.substring(start).replaceAll("(?s)<!--.*?-->", "");
    }

    /** Runs a Graphviz tool on a source; returns what it wrote. */
    private String exec(List<String> command, String source, String what) {
        Path in = null;
        Path out = null;
        Path err = null;
        try {
            in = Files.createTempFile("cw-erd-", ".dot");
            out = Files.createTempFile("cw-erd-", ".out");
            err = Files.createTempFile("cw-erd-", ".log");
            Files.writeString(in, source, StandardCharsets.UTF_8);
            String keep = System.getenv("CW_ERD_DOT_DIR");
            if (keep != null && !keep.isBlank()) {
                Files.createDirectories(Path.of(keep));
                Files.writeString(Path.of(keep, what + ".dot"), source, StandardCharsets.UTF_8);
            }
            Process p;
            try {
                List<String> cmd = new java.util.ArrayList<>(command);
                cmd.addAll(List.of("-o", out.toString(), in.toString()));
                p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
            } catch (IOException e) {
                throw new CwException("graphviz '" + command.get(0) + "' is not installed, which lays out the ERD "
                        + "(install it with: "
                        + "sudo scripts/install-deps.sh, or apt-get install graphviz; or set CW_DOT to dot's path)", 1);
            }
            p.getOutputStream().close();
            if (!p.waitFor(DOT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new CwException("graphviz did not lay out " + what + " in " + DOT_TIMEOUT_SECONDS + " s", 1);
            }
            if (p.exitValue() != 0) {
                String message = Files.readString(err).strip().replace('\n', ' ');
                java.util.regex.Matcher line = java.util.regex.Pattern.compile("line (\\d+)").matcher(message);
                if (line.find()) {
                    List<String> lines = source.lines().toList();
                    int n = Integer.parseInt(line.group(1));
                    if (n >= 1 && n <= lines.size()) {
                        String text = lines.get(n - 1).strip();
                        message += " (line " + n + ": " + (text.length() > 300 ? text.substring(0, 300) + "..." : text)
                                + ")";
                    }
                }
                throw new CwException("graphviz failed on " + what + " (exit " + p.exitValue() + "): " + message, 1);
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CwException("cannot run graphviz for " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CwException("interrupted while laying out " + what, 1);
        } finally {
            for (Path path : new Path[] {in, out, err}) {
                if (path != null) {
                    path.toFile().delete();
                }
            }
        }
    }
}
