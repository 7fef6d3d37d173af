package org.phonehome.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.phonehome.capture.NotACaptureException;
import picocli.CommandLine;

/** The {@code phonehome} process: runs the command line and turns every outcome into an exit code. */
public final class Main {
    private Main() {
    }

    /** Entry point of the runnable jar. */
    public static void main(String[] args) {
        if (mayReadBundledGeography(args)) {
            // Done while the command line and the profile are read; from the copies next to the jar after the first
            // run (0.19 s of CPU less at every start).
            org.phonehome.enrich.GeoDatabase.preloadBundled(jarFolder());
        }
        if (mayReadProfile(args)) {
            org.phonehome.detect.profile.DeviceProfileLoader.preloadLibraries();
        }
        PrintStream stdout = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        PrintWriter out = new PrintWriter(stdout, true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(args, new Io(stdout, out, err, System.in, System.console() != null));
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Whether the arguments ask for an audit with a device profile: a guess from the raw words only, like
     * {@link #mayReadBundledGeography}.
     */
    static boolean mayReadProfile(String[] args) {
        boolean audit = false;
        boolean device = false;
        for (String a : args) {
            audit |= a.equals("audit");
            device |= a.equals("--device") || a.startsWith("--device=");
        }
        return audit && device;
    }

    /** The folder of the jar this class was loaded from, when it is one and may be written; otherwise null. */
    static Path jarFolder() {
        try {
            java.security.CodeSource source = Main.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path jar = Path.of(source.getLocation().toURI());
            Path folder = jar.getParent();
            return Files.isRegularFile(jar) && folder != null && Files.isWritable(folder) ? folder : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether the arguments ask for an audit that may use the bundled geography: a guess from the raw words only,
     * before they are parsed; a wrong guess costs a little CPU or a little time, never a result.
     */
    static boolean mayReadBundledGeography(String[] args) {
        boolean audit = false;
        boolean country = false;
        boolean asn = false;
        for (String a : args) {
            audit |= a.equals("audit");
            country |= a.equals("--geo-country") || a.startsWith("--geo-country=");
            asn |= a.equals("--geo-asn") || a.startsWith("--geo-asn=");
        }
        return audit && !(country && asn);
    }

    /** Runs the command line with the given streams; returns the exit code. Tests call this. */
    public static int run(String[] args, Io io) {
        PhonehomeCommand root = new PhonehomeCommand(io);
        CommandLine cmd = new CommandLine(root);
        for (Class<?> sub : PhonehomeCommand.neededBy(args)) {
            cmd.addSubcommand(sub);
        }
        cmd.setOut(io.out());
        cmd.setErr(io.err());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setParameterExceptionHandler((ex, a) -> {
            CommandLine sub = ex.getCommandLine();
            io.err().println("phonehome: error: " + ex.getMessage().strip() + " (see '"
                    + sub.getCommandSpec().qualifiedName() + " --help')");
            io.err().flush();
            return ExitCode.USAGE.code();
        });
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> handle(ex, root.debug(), io.err()));
        try {
            return cmd.execute(args);
        } catch (OutOfMemoryError e) {
            // The audit's objects are unreachable once the error has left it: there is room again for one line.
            if (root.debug()) {
                e.printStackTrace(io.err());
            }
            io.err().println("phonehome: error: out of memory (a Java heap of "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB); give it more with PHONEHOME_JAVA_OPTS=-Xmx..."
                    + " or hold less with --limit (flows, parser-held-total, tcp-buffered-total)");
            io.err().flush();
            return ExitCode.OUT_OF_MEMORY.code();
        }
    }

    /** Maps an exception to one line on stderr and an exit code; stack traces only with --debug or for bugs. */
    static int handle(Exception ex, boolean debug, PrintWriter err) {
        Throwable e = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        ExitCode code;
        String message;
        if (e instanceof ExitException x) {
            code = x.exitCode();
            message = x.getMessage();
        } else if (e instanceof NotACaptureException) {
            code = ExitCode.BAD_INPUT;
            message = e.getMessage();
        } else if (e instanceof NoSuchFileException n) {
            code = ExitCode.NO_INPUT;
            message = n.getReason() != null ? n.getFile() + " " + n.getReason()
                    : "cannot read " + n.getFile() + ": no such file";
        } else if (e instanceof AccessDeniedException a) {
            code = ExitCode.NO_INPUT;
            message = "cannot read " + a.getFile() + ": permission denied";
        } else if (e instanceof IOException) {
            code = ExitCode.IO_ERROR;
            message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } else {
            code = ExitCode.INTERNAL;
            message = "internal error: " + e + (debug ? "" : " (run with --debug for the stack trace, and please report it)");
            if (debug) {
                e.printStackTrace(err);
            }
            err.println("phonehome: " + message);
            err.flush();
            return code.code();
        }
        if (debug) {
            e.printStackTrace(err);
        }
        err.println("phonehome: error: " + message);
        err.flush();
        return code.code();
    }

    /**
     * The process's streams, passed in so tests can capture them.
     *
     * @param stdout   raw standard output (for the JSON report)
     * @param out      standard output as text
     * @param err      standard error
     * @param stdin    standard input (for {@code -} captures)
     * @param terminal whether a person is watching (show progress bars)
     */
    public record Io(PrintStream stdout, PrintWriter out, PrintWriter err, InputStream stdin, boolean terminal) {
    }
}
