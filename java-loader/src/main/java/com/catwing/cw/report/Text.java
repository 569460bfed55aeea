package com.catwing.cw.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Turning report values into safe display text: escaping for HTML and Markdown, numbers, timestamps. */
final class Text {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private Text() {
    }

    /** A JSON value as display text: null and missing as "", strings as is, arrays joined, objects as JSON. */
    static String of(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return number(node);
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(element -> parts.add(element.isValueNode() ? of(element) : element.toString()));
            return String.join(", ", parts);
        }
        return node.toString();
    }

    /** A number without trailing zeros: 100.00 -> 100, 72.50 -> 72.5. */
    static String number(JsonNode node) {
        if (node == null || !node.isNumber()) {
            return of(node);
        }
        BigDecimal value = node.decimalValue().stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
    }

    /** An ISO timestamp (as jsonb writes timestamptz) to minutes in UTC; anything else unchanged. */
    static String timestamp(JsonNode node) {
        String s = of(node);
        try {
            return OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC).format(MINUTES);
        } catch (DateTimeParseException e) {
            return s;
        }
    }

    /**
     * Makes characters that would be invisible or disturb the layout visible: C0 controls and DEL become their
     * Unicode control pictures (U+2400...), zero-width and bidirectional-override characters a {@code <U+202E>}
     * marker. The gateway flags such values; the administrator should see where they are.
     */
    static String visible(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                sb.append((char) (0x2400 + c));
            } else if (c == 0x7f) {
                sb.append('\u2421');
            } else if ((c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                    || c == 0xfeff) {
                sb.append(String.format("<U+%04X>", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** HTML text and attribute escaping (after {@link #visible}): every value from the database goes through it. */
    static String html(String s) {
        if (s == null) {
            return "";
        }
        String v = visible(s);
        StringBuilder sb = new StringBuilder(v.length() + 16);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
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

    static String html(JsonNode node) {
        return html(of(node));
    }

    /**
     * Markdown inline text (also safe in table cells): markup characters backslash-escaped, HTML-significant ones
     * as entities, so that a viewer neither formats nor renders anything a value contains.
     */
    static String md(String s) {
        if (s == null) {
            return "";
        }
        String v = visible(s);
        StringBuilder sb = new StringBuilder(v.length() + 16);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\\', '`', '*', '_', '[', ']', '|', '#', '~', '!' -> sb.append('\\').append(c);
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String md(JsonNode node) {
        return md(of(node));
    }
}
