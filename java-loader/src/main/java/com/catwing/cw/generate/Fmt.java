package com.catwing.cw.generate;

/** Allocation-free number formatting for the hot loops. */
final class Fmt {
    private Fmt() {
    }

    /** Writes prefix + v zero-padded to width into buf; returns the length. */
    static int pad(char[] buf, String prefix, long v, int width) {
        int n = prefix.length();
        prefix.getChars(0, n, buf, 0);
        int digits = v == 0 ? 1 : (int) Math.floor(Math.log10(v)) + 1;
        for (int i = digits; i < width; i++) {
            buf[n++] = '0';
        }
        int end = n + digits;
        for (int i = end - 1; i >= n; i--) {
            buf[i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return end;
    }

    /** Cents as a decimal with two places ("-12.05"); returns the length. */
    static int cents(char[] buf, long cents) {
        int n = 0;
        if (cents < 0) {
            buf[n++] = '-';
            cents = -cents;
        }
        long units = cents / 100;
        int frac = (int) (cents % 100);
        String u = Long.toString(units);
        u.getChars(0, u.length(), buf, n);
        n += u.length();
        buf[n++] = '.';
        buf[n++] = (char) ('0' + frac / 10);
        buf[n++] = (char) ('0' + frac % 10);
        return n;
    }

    static String cents(long cents) {
        char[] b = new char[32];
        return new String(b, 0, cents(b, cents));
    }

    static String hms(int sec) {
        char[] b = {(char) ('0' + sec / 36000), (char) ('0' + sec / 3600 % 10), ':', (char) ('0' + sec % 3600 / 600),
            (char) ('0' + sec % 600 / 60), ':', (char) ('0' + sec % 60 / 10), (char) ('0' + sec % 10)};
        return new String(b);
    }
}
