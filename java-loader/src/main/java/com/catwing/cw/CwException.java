package com.catwing.cw;

/** A failure the user can act on: its message is printed as one line, without a stack trace. */
public class CwException extends RuntimeException {
    private final int exitCode;

    public CwException(String message) {
        this(message, 1);
    }

    public CwException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public CwException(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = 1;
    }

    public int exitCode() {
        return exitCode;
    }
}
