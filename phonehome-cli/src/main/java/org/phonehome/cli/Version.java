package org.phonehome.cli;

import org.phonehome.capture.NativeFileInput;
import org.phonehome.proto.http.Libdeflate;
import picocli.CommandLine.IVersionProvider;

/**
 * The version printed by {@code --version}: the jar's implementation version, which inflater runs, and how capture
 * files are read.
 */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        // as curl --version lists its features: whether this machine inflates bodies the fast way
        String inflate = Libdeflate.available() ? "inflate: libdeflate"
                : "inflate: java.util.zip (libdeflate: " + Libdeflate.status() + ")";
        String read = NativeFileInput.enabled() ? "read: native, one copy"
                : "read: FileInputStream (native: " + NativeFileInput.status() + ")";
        return new String[] {"phonehome " + (v == null ? "(development build)" : v), inflate, read};
    }
}
