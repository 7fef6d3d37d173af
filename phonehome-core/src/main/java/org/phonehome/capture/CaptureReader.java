package org.phonehome.capture;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.phonehome.Counters;

/**
 * A streaming reader of one capture: records come out one at a time and nothing holds the whole file.
 *
 * <p>Damage in the file ends the stream with a {@link CaptureFormatException} that names the byte offset;
 * every record returned before it is good.
 */
public interface CaptureReader extends Closeable {

    /**
     * The next record, or null at the clean end of the capture.
     *
     * @throws CaptureFormatException when the file is damaged at the current position
     * @throws IOException            when reading the underlying stream fails
     */
    CapturedPacket next() throws IOException;

    /** The capture's format as a short name: {@code pcap}, {@code pcap-ns}, {@code pcapng}. */
    String format();

    /** Bytes consumed from the (decompressed) capture so far: the offset an error names. */
    long offset();

    /** TLS key log texts found in pcapng Decryption Secrets Blocks so far (NSS key log format). */
    List<DecryptionSecrets> secrets();

    /**
     * Things the reader saw and skipped or tolerated, by name: {@code pcapng_unknown_block},
     * {@code pcapng_section}, {@code pcapng_interface_statistics}, {@code snaplen_truncated}, ...
     */
    Counters counters();
}
