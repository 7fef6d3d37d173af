package org.phonehome.detect.profile;

import org.phonehome.FileDiagnostics;

/** Collects warnings about one profile file and makes its errors, each prefixed with the file name and line. */
final class Diagnostics extends FileDiagnostics {

    Diagnostics(String fileName) {
        super(fileName);
    }

    /** An error about {@code line}, for the caller to throw. */
    ProfileException error(int line, String problem) {
        return new ProfileException(fileName(), line, problem);
    }
}
