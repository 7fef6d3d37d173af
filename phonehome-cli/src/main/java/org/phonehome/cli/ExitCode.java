package org.phonehome.cli;

/** The exit codes of {@code phonehome}; documented in the README and {@code --help}. */
public enum ExitCode {
    /** The command did what was asked. */
    OK(0),
    /** {@code diff}: something got worse between the two audits. */
    WORSE(1),
    /** The command line is wrong (unknown option, missing argument). */
    USAGE(2),
    /** A capture was damaged: the report covers what came before the damage. */
    INCOMPLETE_CAPTURE(3),
    /** An input is not what it must be (not a capture, a bad address, a malformed file). */
    BAD_INPUT(65),
    /** An input file does not exist or cannot be read. */
    NO_INPUT(66),
    /** A bug in phonehome: the message asks for a report, {@code --debug} shows the stack trace. */
    INTERNAL(70),
    /**
     * The Java heap ran out: the limits that follow it leave room for what a capture may hold, so this comes from a
     * heap too small for the audit or limits raised past it (sysexits' {@code EX_OSERR}, a resource of the system).
     */
    OUT_OF_MEMORY(71),
    /** Writing an output failed (disk full, no permission). */
    IO_ERROR(74);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }
}
