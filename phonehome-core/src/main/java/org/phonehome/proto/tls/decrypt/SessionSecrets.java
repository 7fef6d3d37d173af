package org.phonehome.proto.tls.decrypt;

import java.util.EnumMap;
import java.util.Map;

/** The secrets a key log holds for one session (one client random). Immutable; accessors return copies. */
public final class SessionSecrets {
    private final Map<KeyLogLabel, byte[]> secrets;

    SessionSecrets(Map<KeyLogLabel, byte[]> secrets) {
        this.secrets = new EnumMap<>(KeyLogLabel.class);
        secrets.forEach((k, v) -> this.secrets.put(k, v.clone()));
    }

    /** The secret under {@code label}, or null when the log has none. */
    public byte[] get(KeyLogLabel label) {
        byte[] s = secrets.get(label);
        return s == null ? null : s.clone();
    }

    /** Whether the log has a secret under {@code label}. */
    public boolean has(KeyLogLabel label) {
        return secrets.containsKey(label);
    }

    /** The labels present. */
    public java.util.Set<KeyLogLabel> labels() {
        return java.util.Collections.unmodifiableSet(secrets.keySet());
    }
}
