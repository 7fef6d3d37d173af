package org.phonehome.detect.pattern;

/** The bounds of one part's pattern scan; each is a named constant with its reason. */
public final class PatternLimits {
    /** 64: a part with more generic hits is a list or a dump; the first 64 show what it is. The caller counts. */
    public static final int MAX_HITS_PER_PART = 64;
    /** 16: a part with more addresses is a contact list or a directory; 16 show it. */
    public static final int MAX_EMAILS_PER_PART = 16;
    /** 64 KiB: libphonenumber is regex-heavy; larger parts are files and dumps, not fields. */
    public static final int MAX_PHONE_TEXT_BYTES = 64 << 10;
    /** 1024 candidate numbers per window given to libphonenumber (its {@code maxTries}): bounds the work. */
    public static final int MAX_PHONE_TRIES = 1024;
    /** 1/50: more control bytes than this and the part is binary; phone search on it only finds noise. */
    public static final int BINARY_CONTROL_BYTES_PER_50 = 1;
    /** 32 bytes before a value: enough to hold the key it was sent under ({@code "subscriber_imsi": "}). */
    public static final int CONTEXT_BYTES = 32;
    /** 64 bytes: a latitude key and a longitude key further apart than this are not one position. */
    public static final int LOCATION_KEY_WINDOW = 64;

    private PatternLimits() {
    }
}
