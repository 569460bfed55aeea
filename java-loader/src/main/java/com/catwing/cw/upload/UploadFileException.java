package com.catwing.cw.upload;

/** The file cannot be read as a whole (wrong sheet, not UTF-8, not a workbook): nothing of it is applied. */
public final class UploadFileException extends RuntimeException {
    public UploadFileException(String message) {
        super(message);
    }

    public UploadFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
