package org.phonehome.cli;

import org.phonehome.proto.http.Libdeflate;
import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code --version}: the jar's implementation version, and which inflater runs. */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        // as curl --version lists its features: whether this machine inflates bodies the fast way
        String inflate = Libdeflate.available() ? "inflate: libdeflate"
                : "inflate: java.util.zip (libdeflate: " + Libdeflate.status() + ")";
        return new String[] {"phonehome " + (v == null ? "(development build)" : v), inflate};
    }
}
