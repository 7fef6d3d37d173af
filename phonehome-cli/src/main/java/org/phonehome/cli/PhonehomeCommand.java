package org.phonehome.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code phonehome} command: only dispatches to its subcommands. */
@Command(name = "phonehome", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {
            "Finds out what a phone tells its maker: reads the device's network traffic and reports which",
            "personal data left it, where it went, and how often it phones home.",
            ""},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0   done",
            "  1   diff: something got worse",
            "  2   wrong command line",
            "  3   a capture was damaged; the report covers what came before the damage",
            "  65  an input is not what it must be (e.g. not a capture)",
            "  66  an input file does not exist or cannot be read",
            "  70  internal error (a bug: please report it, with --debug output)",
            "  74  an output could not be written"},
        subcommands = {AuditCommand.class, CanaryCommand.class, DiffCommand.class})
public final class PhonehomeCommand implements Runnable {

    private final Main.Io io;

    @Spec
    private CommandSpec spec;

    @Option(names = "--debug", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of errors.")
    private boolean debug;

    PhonehomeCommand(Main.Io io) {
        this.io = io;
    }

    /** The streams of this run. */
    Main.Io io() {
        return io;
    }

    /** Whether --debug was given. */
    boolean debug() {
        return debug;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required, e.g. 'phonehome audit CAPTURE'");
    }
}
