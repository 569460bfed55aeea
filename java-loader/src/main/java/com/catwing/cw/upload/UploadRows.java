package com.catwing.cw.upload;

import java.util.List;

/** Receives a spreadsheet's rows as they are read: the header first, then each data row with its number. */
public interface UploadRows {
    /** The header row (row 1): cell texts as written. */
    void header(List<String> cells);

    /**
     * One data row: {@code rowNumber} as the spreadsheet shows it (header = 1), cells in header order (null = empty);
     * the list may be shorter than the header.
     */
    void row(long rowNumber, List<String> cells);

    /** A problem of the whole file that does not stop the reading (e.g. merged cells). */
    void warning(String message);
}
