package org.phonehome.enrich;

/** A host catalog file cannot be used; the message is one sentence naming the file and line. */
public class HostCatalogException extends Exception {

    private static final long serialVersionUID = 1L;
    private final String fileName;
    private final int line;

    /**
     * @param fileName the catalog's file name as the user gave it
     * @param line     1-based line of the problem, or 0 when it concerns the whole file
     * @param problem  what is wrong, as one phrase without the file name
     */
    public HostCatalogException(String fileName, int line, String problem) {
        super(fileName + (line > 0 ? ":" + line : "") + ": " + problem);
        this.fileName = fileName;
        this.line = line;
    }

    /** The catalog's file name. */
    public String fileName() {
        return fileName;
    }

    /** 1-based line of the problem, 0 when it concerns the whole file. */
    public int line() {
        return line;
    }
}
