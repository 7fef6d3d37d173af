package org.phonehome.policy;

/** The policy cannot be used; the message is one sentence naming the file (or option) and line. */
public class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String source;
    private final int line;

    /**
     * @param source  the policy's file name as the user gave it, or the option ({@code --consent})
     * @param line    1-based line of the problem, or 0 when it concerns the whole file or an option
     * @param problem what is wrong, as one phrase without the file name
     */
    public PolicyException(String source, int line, String problem) {
        super(PolicyDiagnostics.message(source, line, problem));
        this.source = source;
        this.line = line;
    }

    /** The policy's file name, or the command-line option. */
    public String source() {
        return source;
    }

    /** 1-based line of the problem, 0 when it concerns the whole file. */
    public int line() {
        return line;
    }
}
