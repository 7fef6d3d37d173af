package org.phonehome.cli;

/** Ends the command with an exit code and one sentence for the user; the only way commands report user errors. */
public final class ExitException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ExitCode exitCode;

    /**
     * @param exitCode the process exit code
     * @param message  one sentence saying what is wrong and, where it helps, what to do
     */
    public ExitException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The exit code to end with. */
    public ExitCode exitCode() {
        return exitCode;
    }
}
