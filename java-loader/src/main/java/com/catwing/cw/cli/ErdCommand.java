package com.catwing.cw.cli;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.erd.ErdGroups;
import com.catwing.cw.erd.ErdModel;
import com.catwing.cw.erd.ErdPage;
import com.catwing.cw.erd.GraphvizLayout;
import com.catwing.cw.report.ReportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code cw erd CW-000200 [--format html|json] [--output FILE]}: the ERD of a client from the live catalog. */
@Command(name = "erd", mixinStandardHelpOptions = true,
        description = "The entity-relationship diagram of cw_global and a client's three schemas, from the live "
                + "catalog: tables by group with columns, types, keys, nullability and comments, every foreign key "
                + "drawn; html is one self-contained page (search, zoom, pan), json the model (docs/erd.md).")
public final class ErdCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CODE", description = "client code, e.g. CW-000200")
    String code;
    @Option(names = "--format", defaultValue = "html", paramLabel = "html|json",
            description = "html (a self-contained page, laid out with graphviz) or json (default: ${DEFAULT-VALUE})")
    String format;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of stdout")
    Path output;

    @Override
    public Integer call() {
        Tenant t = Tenant.of(code);
        String f = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        if (!f.equals("html") && !f.equals("json")) {
            throw new CwException("unknown ERD format '" + format + "' (expected one of: html, json)", 2);
        }
        ErdModel model = ErdModel.fetch(Database.configured(), t, ErdGroups.standard());
        String text;
        if (f.equals("json")) {
            text = model.toJsonText();
        } else {
            text = new ErdPage(model, GraphvizLayout.onPath(System.err).layout(model)).render();
        }
        return ReportCommand.Quality.write(text, output, "ERD of " + t.code() + " (" + model.tables().size()
                + " tables, " + model.foreignKeys().size() + " foreign keys)", ReportFormat.parse(f));
    }
}
