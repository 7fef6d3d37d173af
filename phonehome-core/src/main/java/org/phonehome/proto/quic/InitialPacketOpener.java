package org.phonehome.proto.quic;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Removes header protection (RFC 9001 section 5.4, AES-ECB) and the AEAD_AES_128_GCM protection (section 5.3)
 * of one long header packet. A pure function of its inputs (the engines are initialised again for each packet).
 */
final class InitialPacketOpener {
    /** The packet number is sampled as if 4 bytes long; the sample is 16 bytes (RFC 9001 section 5.4.2). */
    static final int SAMPLE_OFFSET = 4;
    static final int SAMPLE_LENGTH = 16;
    static final int TAG_LENGTH = 16;

    /** A decrypted packet: its full packet number and plaintext frames. */
    record Opened(long packetNumber, byte[] payload) {
    }

    /** Why {@link #open} returned null. */
    enum Failure { NONE, TOO_SHORT, BAD_TAG }

    private InitialPacketOpener() {
    }

    /** True when a packet of this shape is long enough to sample and carry a tag. */
    static boolean longEnough(int pnOffset, int end) {
        return end - pnOffset >= SAMPLE_OFFSET + SAMPLE_LENGTH;
    }

    /**
     * Opens the packet {@code packet[start, end)} whose packet number starts at {@code pnOffset}.
     *
     * @param crypto   the engines, initialised here for this packet
     * @param largest  the largest packet number decrypted so far in this space (-1 for none)
     * @param failure  receives the reason (index 0) when null is returned
     */
    static Opened open(InitialCrypto crypto, QuicInitialKeys keys, byte[] packet, int start, int pnOffset, int end,
                       long largest, Failure[] failure) {
        failure[0] = Failure.NONE;
        if (!longEnough(pnOffset, end)) {
            failure[0] = Failure.TOO_SHORT;
            return null;
        }
        try {
            Cipher ecb = crypto.aesEcb;
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.hp(), "AES"));
            byte[] mask = ecb.doFinal(packet, pnOffset + SAMPLE_OFFSET, SAMPLE_LENGTH);
            int first = (packet[start] ^ (mask[0] & 0x0f)) & 0xff;
            int pnLength = (first & 3) + 1;
            if (end - pnOffset - pnLength < TAG_LENGTH) {
                failure[0] = Failure.TOO_SHORT;
                return null;
            }
            int headerLength = pnOffset + pnLength - start;
            byte[] header = new byte[headerLength];
            System.arraycopy(packet, start, header, 0, headerLength);
            header[0] = (byte) first;
            long truncated = 0;
            for (int i = 0; i < pnLength; i++) {
                int b = (packet[pnOffset + i] ^ mask[1 + i]) & 0xff;
                header[pnOffset - start + i] = (byte) b;
                truncated = (truncated << 8) | b;
            }
            long pn = decodePacketNumber(largest, truncated, pnLength * 8);
            byte[] nonce = keys.iv();
            for (int i = 0; i < 8; i++) {
                nonce[nonce.length - 1 - i] ^= (byte) (pn >>> (8 * i));
            }
            Cipher gcm = crypto.aesGcm;
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.key(), "AES"),
                    new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            gcm.updateAAD(header);
            int payloadStart = pnOffset + pnLength;
            byte[] payload = gcm.doFinal(packet, payloadStart, end - payloadStart);
            return new Opened(pn, payload);
        } catch (GeneralSecurityException e) {
            // AEADBadTagException is how the JDK reports a tag that does not verify
            failure[0] = Failure.BAD_TAG;
            return null;
        }
    }

    /** RFC 9000 appendix A.3: the full packet number closest to the next expected one. */
    static long decodePacketNumber(long largest, long truncated, int bits) {
        long expected = largest + 1;
        long window = 1L << bits;
        long halfWindow = window / 2;
        long mask = window - 1;
        long candidate = (expected & ~mask) | truncated;
        if (candidate <= expected - halfWindow && candidate < (1L << 62) - window) {
            return candidate + window;
        }
        if (candidate > expected + halfWindow && candidate >= window) {
            return candidate - window;
        }
        return candidate;
    }
}
