package org.phonehome.proto;

import org.phonehome.proto.tls.decrypt.KeyLog;

/**
 * The TLS secrets known so far in an audit: the user's key log files, plus the pcapng Decryption Secrets Blocks read
 * so far (they come before the sessions they unlock). One per audit; not shared between threads.
 */
public final class TlsKeys {
    private KeyLog keys;

    /** @param initial the key log files given by the user (may be empty) */
    public TlsKeys(KeyLog initial) {
        this.keys = initial == null ? KeyLog.empty() : initial;
    }

    /** The secrets known now. */
    public KeyLog current() {
        return keys;
    }

    /** Adds secrets found in the capture. */
    public void add(KeyLog more) {
        keys = keys.merge(more);
    }

    /** True when no secret at all is known: TLS is then only parsed, not decrypted. */
    public boolean isEmpty() {
        return keys.sessionCount() == 0;
    }
}
