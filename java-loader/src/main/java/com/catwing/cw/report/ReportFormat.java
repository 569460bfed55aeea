package com.catwing.cw.report;

import com.catwing.cw.CwException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Output formats of the reports: the JSON as the database returns it, Markdown, a self-contained HTML page. */
public enum ReportFormat {
    HTML("html"), MD("md"), JSON("json");

    private final String label;

    ReportFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses a format name; an unknown one is a one-line usage error (exit 2). */
    public static ReportFormat parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (ReportFormat f : values()) {
            if (f.label.equals(n) || (f == MD && n.equals("markdown"))) {
                return f;
            }
        }
        throw new CwException("unknown report format '" + name + "' (expected one of: "
                + Arrays.stream(values()).map(ReportFormat::label).collect(Collectors.joining(", ")) + ")", 2);
    }
}
