package org.phonehome.detect.profile;

/** The device profile cannot be used; the message is one sentence naming the file and line. */
public class ProfileException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String fileName;
    private final int line;

    /**
     * @param fileName the profile's file name as the user gave it
     * @param line     1-based line of the problem, or 0 when it concerns the whole file
     * @param problem  what is wrong, as one phrase without the file name
     */
    public ProfileException(String fileName, int line, String problem) {
        super(Diagnostics.message(fileName, line, problem));
        this.fileName = fileName;
        this.line = line;
    }

    /** The profile's file name. */
    public String fileName() {
        return fileName;
    }

    /** 1-based line of the problem, 0 when it concerns the whole file. */
    public int line() {
        return line;
    }
}
