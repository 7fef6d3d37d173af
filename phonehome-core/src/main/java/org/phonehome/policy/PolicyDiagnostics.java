package org.phonehome.policy;

import org.phonehome.FileDiagnostics;

/** Collects warnings about one policy file and makes its errors, each prefixed with the file name and line. */
final class PolicyDiagnostics extends FileDiagnostics {

    PolicyDiagnostics(String source) {
        super(source);
    }

    /** An error about {@code line}, for the caller to throw. */
    PolicyException error(int line, String problem) {
        return new PolicyException(fileName(), line, problem);
    }
}
