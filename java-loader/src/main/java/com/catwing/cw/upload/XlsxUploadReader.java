package com.catwing.cw.upload;

import org.apache.poi.ooxml.util.SAXHelper;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an xlsx upload with Apache POI's streaming (SAX, event) reader: the sheet's XML is parsed row by row, never
 * held as a workbook, so memory stays flat however many rows the sheet has (docs/uploads.md). Formulas give their
 * cached value (what Excel last computed); numbers are written plainly (no scientific notation, so a 13-digit EAN in a
 * number cell stays 13 digits); dates as ISO yyyy-MM-dd. Merged cells are reported (only their top-left cell holds the
 * value). The sheet read is the one named after the kind, else {@code sheet} when given, else the only sheet.
 */
public final class XlsxUploadReader {
    private XlsxUploadReader() {
    }

    /** Reads the sheet and returns its name. */
    public static String read(Path file, String kind, String sheet, UploadRows rows) {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            Map<String, String> sheets = new LinkedHashMap<>();
            XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (it.hasNext()) {
                try (InputStream ignored = it.next()) {
                    sheets.put(it.getSheetName(), it.getSheetPart().getPartName().getName());
                }
            }
            String chosen = chooseSheet(sheets.keySet(), kind, sheet);
            String partName = sheets.get(chosen);
            try (InputStream in = sheetStream(reader, chosen)) {
                parse(in, new XSSFSheetXMLHandler(styles, null, strings, new Handler(rows), new PlainFormatter(),
                        false));
            }
            List<String> merged = new ArrayList<>();
            try (InputStream in = sheetStream(reader, chosen)) {
                parse(in, new DefaultHandler() {
                    @Override
                    public void startElement(String uri, String localName, String qName, Attributes atts) {
                        if ("mergeCell".equals(localName) && merged.size() < 20) {
                            merged.add(atts.getValue("ref"));
                        }
                    }
                });
            }
            if (!merged.isEmpty()) {
                rows.warning("sheet '" + chosen + "' has merged cells (" + String.join(", ", merged) + "): only the "
                        + "top-left cell of a merged range holds its value, the other rows of it are empty; unmerge "
                        + "and fill every row");
            }
            return chosen + (partName == null ? "" : "");
        } catch (UploadFileException e) {
            throw e;
        } catch (org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException
                 | org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new UploadFileException("not an xlsx workbook (" + e.getMessage() + "): save it as \"Excel "
                    + "Workbook (.xlsx)\" or export csv (UTF-8)", e);
        } catch (IOException | OpenXML4JException | SAXException | RuntimeException e) {
            throw new UploadFileException("cannot read the xlsx workbook: " + e.getMessage(), e);
        }
    }

    private static InputStream sheetStream(XSSFReader reader, String name) throws IOException, OpenXML4JException {
        XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
        while (it.hasNext()) {
            InputStream in = it.next();
            if (it.getSheetName().equals(name)) {
                return in;
            }
            in.close();
        }
        throw new UploadFileException("sheet '" + name + "' disappeared while reading");
    }

    private static void parse(InputStream in, org.xml.sax.ContentHandler handler) throws IOException, SAXException {
        try {
            XMLReader xml = SAXHelper.newXMLReader();
            xml.setContentHandler(handler);
            xml.parse(new InputSource(in));
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IOException(e);
        }
    }

    /** The sheet named like the kind (case, '-', '_' and spaces ignored), else the given one, else the only one. */
    static String chooseSheet(java.util.Collection<String> sheets, String kind, String sheet) {
        if (sheet != null) {
            for (String s : sheets) {
                if (s.equals(sheet)) {
                    return s;
                }
            }
            throw new UploadFileException("the workbook has no sheet '" + sheet + "' (sheets: " + String.join(", ",
                    sheets) + "): pass --sheet with one of them");
        }
        String wanted = normal(kind);
        for (String s : sheets) {
            if (normal(s).equals(wanted)) {
                return s;
            }
        }
        if (sheets.size() == 1) {
            return sheets.iterator().next();
        }
        throw new UploadFileException("the workbook has " + sheets.size() + " sheets (" + String.join(", ", sheets)
                + ") and none is named '" + kind + "': rename the sheet to read to '" + kind + "' or pass --sheet");
    }

    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** Numbers without exponent or trailing zeros; dates (date-formatted cells) as ISO. */
    static final class PlainFormatter extends DataFormatter {
        PlainFormatter() {
            super(Locale.ROOT);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDateTime t = DateUtil.getLocalDateTime(value, use1904);
                return t.toLocalTime().toSecondOfDay() == 0 ? t.toLocalDate().toString()
                        : t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            }
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                return String.valueOf(value);
            }
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
    }

    /** Rows from the SAX events: cells placed by their column letter, so empty cells keep the others in place. */
    private static final class Handler implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final UploadRows rows;
        private final List<String> cells = new ArrayList<>();
        private boolean headerSeen;
        private int rowNum;

        Handler(UploadRows rows) {
            this.rows = rows;
        }

        @Override
        public void startRow(int rowNum) {
            this.rowNum = rowNum;
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            boolean empty = cells.stream().allMatch(c -> c == null);
            if (empty) {
                return;
            }
            if (!headerSeen) {
                headerSeen = true;
                rows.header(new ArrayList<>(cells));
            } else {
                rows.row(rowNum + 1L, cells);
            }
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            int col = cellReference == null ? cells.size() : new CellReference(cellReference).getCol();
            while (cells.size() < col) {
                cells.add(null);
            }
            String v = formattedValue == null ? null : formattedValue.trim();
            if (v != null && v.isEmpty()) {
                v = null;
            }
            if (cells.size() == col) {
                cells.add(v);
            } else {
                cells.set(col, v);
            }
        }
    }
}
