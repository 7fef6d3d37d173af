package org.phonehome.cli;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
            "  74  an output could not be written"})
public final class PhonehomeCommand implements Runnable {

    /**
     * The subcommands by name, in the order help lists them. Added by {@link Main#run} rather than named in the
     * annotation, so that a run builds the model of the one it runs only: picocli reads a command's annotations
     * through reflection, and the two an audit does not run took 10 ms of the bundled example's 0.38 s (wall time,
     * paired runs; docs/PERFORMANCE.md).
     */
    static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private final Main.Io io;

    @Spec
    private CommandSpec spec;

    @Option(names = "--debug", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of errors.")
    private boolean debug;

    private static Map<String, Class<?>> subcommands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("audit", AuditCommand.class);
        m.put("canary", CanaryCommand.class);
        m.put("diff", DiffCommand.class);
        return Collections.unmodifiableMap(m);
    }

    /**
     * The subcommands a run of {@code args} needs: the one its first word names when only {@code --debug} comes
     * before it, or all of them: for help or the version (whose usage lists them), a misspelt name, or none at all.
     */
    static Collection<Class<?>> neededBy(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                Class<?> named = SUBCOMMANDS.get(a);
                return named == null ? SUBCOMMANDS.values() : List.of(named);
            }
            if (!a.equals("--debug")) {
                break;
            }
        }
        return SUBCOMMANDS.values();
    }

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
