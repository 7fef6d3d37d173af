package org.phonehome.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.phonehome.report.Audit;
import org.phonehome.report.JsonReport;
import org.phonehome.report.diff.AuditDiff;
import org.phonehome.report.diff.DiffJson;
import org.phonehome.report.diff.DiffText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code phonehome diff}: what changed between two audits, e.g. before and after an update. */
@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Compares two JSON reports of 'phonehome audit' (e.g. before and after an OTA update, or with a",
            "service switched on and off): findings and destinations that appeared, disappeared or changed",
            "verdict. The exit code says whether anything got worse (a new violation, a new contact after",
            "opt-out, a new destination receiving personal data).",
            ""},
        footerHeading = "%nExit codes:%n",
        footer = {"  0   nothing got worse", "  1   something got worse", "  65  a file is not a phonehome report",
            "  66  a file does not exist"})
public final class DiffCommand implements Callable<Integer> {

    @ParentCommand
    private PhonehomeCommand parent;

    @Parameters(index = "0", paramLabel = "BEFORE", description = "The earlier report (JSON).")
    private Path before;

    @Parameters(index = "1", paramLabel = "AFTER", description = "The later report (JSON).")
    private Path after;

    @Option(names = "--json", description = "Print the difference as JSON instead of text.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        Main.Io io = parent.io();
        AuditDiff diff = AuditDiff.compare(read(before), read(after));
        io.out().print(json ? new DiffJson().render(diff) : DiffText.render(diff));
        io.out().flush();
        return diff.worse() ? ExitCode.WORSE.code() : ExitCode.OK.code();
    }

    private static Audit read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        try {
            Audit a = new JsonReport().read(file);
            if (a == null || a.capture() == null || a.schema() != Audit.SCHEMA_VERSION) {
                throw new ExitException(ExitCode.BAD_INPUT, file + " is not a phonehome report of schema version "
                        + Audit.SCHEMA_VERSION);
            }
            return a;
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new ExitException(ExitCode.BAD_INPUT, file + " is not a phonehome JSON report: "
                    + e.getOriginalMessage());
        }
    }
}
