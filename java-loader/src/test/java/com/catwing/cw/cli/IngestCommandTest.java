package com.catwing.cw.cli;

import com.catwing.cw.Cw;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Step 1's command is {@code cw ingest}; {@code cw load}, its old name, still reaches the same command. */
class IngestCommandTest {
    @Test
    void ingestAndItsOldNameLoadAreOneCommand() {
        CommandLine cw = new CommandLine(new Cw());
        CommandLine ingest = cw.getSubcommands().get("ingest");
        assertTrue(ingest.getCommand() instanceof IngestCommand, "cw ingest is step 1's command");
        assertSame(ingest, cw.getSubcommands().get("load"), "cw load is an alias of cw ingest");
    }
}
