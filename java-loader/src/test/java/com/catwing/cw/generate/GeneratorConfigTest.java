package com.catwing.cw.generate;

import com.catwing.cw.CwException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratorConfigTest {
    private static CwException bad(String client, int days, String dialect, String defects) {
        return assertThrows(CwException.class, () -> new GeneratorConfig(client, LocalDate.of(2024, 1, 1), days, 100, 8,
                10, 1, dialect, defects));
    }

    @Test
    void rejectsBadArgumentsWithOneClearLine() {
        CwException e = bad("CW-200", 10, "catwing", "none");
        assertTrue(e.getMessage().contains("'CW-200'") && e.getMessage().contains("CW-nnnnnn"), e.getMessage());
        assertEquals(2, e.exitCode(), "usage errors exit with 2");
        assertTrue(bad("CW-000200", 0, "catwing", "none").getMessage().contains("--days"), "days < 1");
        assertTrue(bad("CW-000200", 10, "sap", "none").getMessage().contains("unknown dialect 'sap'"), "dialect");
        assertTrue(bad("CW-000200", 10, "catwing", "some").getMessage().contains("unknown defect profile 'some'"), "profile");
        assertTrue(bad("CW-000200", 2, "catwing", "all").getMessage().contains("--days 3"), "all needs 3 days");
    }

    @Test
    void formatsNumbersWithoutAllocatingFormatters() {
        char[] b = new char[32];
        assertEquals("P000123", new String(b, 0, Fmt.pad(b, "P", 123, 6)));
        assertEquals("L1000", new String(b, 0, Fmt.pad(b, "L", 1000, 3)));
        assertEquals("12.05", new String(b, 0, Fmt.cents(b, 1205)));
        assertEquals("-0.99", new String(b, 0, Fmt.cents(b, -99)));
        assertEquals("07:05:09", Fmt.hms(7 * 3600 + 5 * 60 + 9));
        assertEquals(1299, World.psychological(12.2), "prices end in .99");
    }
}
