package org.phonehome.capture;

import java.io.IOException;

/** The capture is damaged at {@link #offset()}: the records before it are good, nothing after it is read. */
public class CaptureFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long offset;
    private final String reason;

    /**
     * @param offset byte offset in the (decompressed) capture where the damage starts
     * @param reason what is wrong, as one lower-case phrase (e.g. "record cut short: 1514 bytes announced, 88 present")
     */
    public CaptureFormatException(long offset, String reason) {
        super(reason + " at byte offset " + offset);
        this.offset = offset;
        this.reason = reason;
    }

    /** Byte offset where the damage starts. */
    public long offset() {
        return offset;
    }

    /** What is wrong, without the offset. */
    public String reason() {
        return reason;
    }
}
