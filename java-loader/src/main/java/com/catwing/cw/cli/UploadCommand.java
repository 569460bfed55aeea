package com.catwing.cw.cli;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.s3.S3Store;
import com.catwing.cw.tenant.Tenants;
import com.catwing.cw.upload.ClientUpload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/** {@code cw upload CODE FILE --kind K}: a client's spreadsheet into S3 and, validated, into the database. */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = {"Store a client's spreadsheet (xlsx or csv) in S3 under client-data/{client}/{kind}/ and apply "
                + "it: suppliers and locations fill UI-owned fields, supply-network feeds supply_network_overrides, "
                + "supplier-availability replaces the suppliers' product lists and matches them to the catalogue.",
                "Per-row problems are printed and kept in client_upload_errors; the other rows are applied. "
                + "Columns: docs/uploads.md. Exit code 5 when the whole file was rejected."})
public final class UploadCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CODE", description = "client code, e.g. CW-000200")
    String code;
    @Parameters(index = "1", paramLabel = "FILE", description = "the .xlsx or .csv file, or s3://BUCKET/KEY of one in "
            + "the client bucket (e.g. a list cw generate --supplier-availability wrote)")
    String file;
    @Option(names = "--kind", required = true,
            description = "supplier-availability, suppliers, locations or supply-network")
    String kind;
    @Option(names = "--sheet", description = "the workbook sheet to read (default: the sheet named like the kind, "
            + "else the only sheet)")
    String sheet;
    @Option(names = "--date", description = "the date the file is valid for (default: today, UTC)")
    LocalDate date;

    private static int exit(ClientUpload.Result r) {
        return r.status().equals("rejected") ? 5 : 0;
    }

    @Override
    public Integer call() throws IOException {
        Tenant t = Tenant.of(code);
        Database db = Database.configured();
        Tenants.require(db, t.code());
        try (S3Store s3 = S3Store.open()) {
            if (!file.startsWith("s3://")) {
                return exit(new ClientUpload(db, s3, t, System.out).upload(Path.of(file), kind, sheet, date));
            }
            String prefix = "s3://" + s3.bucket() + "/";
            if (!file.startsWith(prefix)) {
                throw new CwException("cw upload reads s3:// files of the bucket " + s3.bucket() + " only, got " + file,
                        2);
            }
            String key = file.substring(prefix.length());
            if (!s3.exists(key)) {
                throw new CwException("no such object: " + file, 2);
            }
            Path dir = Files.createTempDirectory("cw-upload-");
            Path local = dir.resolve(key.substring(key.lastIndexOf('/') + 1));
            try {
                try (InputStream in = s3.get(key)) {
                    Files.copy(in, local);
                }
                return exit(new ClientUpload(db, s3, t, System.out).upload(local, kind, sheet, date));
            } finally {
                Files.deleteIfExists(local);
                Files.deleteIfExists(dir);
            }
        }
    }
}
