package org.phonehome.fuzz;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.phonehome.proto.quic.QuicInitialKeys;
import org.phonehome.proto.quic.QuicVersion;

/**
 * Protects fuzzed frames as a QUIC Initial packet (RFC 9001 sections 5.3-5.4, the sender's side), so the fuzzer
 * gets past the AEAD and reaches the frame parser, CRYPTO reassembly and the ClientHello parser.
 */
final class QuicSealer {
    /** Header protection samples 16 bytes from 4 bytes after the packet number: the payload must be this long. */
    private static final int MIN_PAYLOAD = 20;
    private static final int PN_LENGTH = 4;

    private QuicSealer() {
    }

    /** A protected Initial with a 4-byte packet number {@code pn}, no token, and {@code frames} as its payload. */
    static byte[] seal(QuicVersion version, QuicInitialKeys keys, byte[] dcid, byte[] scid, long pn, byte[] frames) {
        byte[] payload = frames.length >= MIN_PAYLOAD ? frames : java.util.Arrays.copyOf(frames, MIN_PAYLOAD);
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        int typeBits = version == QuicVersion.V2 ? 1 : 0;
        h.write(0xc0 | (typeBits << 4) | (PN_LENGTH - 1));
        long w = version.wire();
        h.write((int) (w >> 24));
        h.write((int) (w >> 16));
        h.write((int) (w >> 8));
        h.write((int) w);
        h.write(dcid.length);
        h.writeBytes(dcid);
        h.write(scid.length);
        h.writeBytes(scid);
        h.write(0);
        int length = PN_LENGTH + payload.length + 16;
        h.write(0x80 | (length >>> 24));
        h.write(length >>> 16);
        h.write(length >>> 8);
        h.write(length);
        int pnOffset = h.size();
        for (int i = PN_LENGTH - 1; i >= 0; i--) {
            h.write((int) (pn >> (8 * i)));
        }
        byte[] header = h.toByteArray();
        byte[] nonce = keys.iv().clone();
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] ^= (byte) (pn >>> (8 * i));
        }
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.key(), "AES"), new GCMParameterSpec(128, nonce));
            gcm.updateAAD(header);
            byte[] sealed = gcm.doFinal(payload);
            byte[] packet = new byte[header.length + sealed.length];
            System.arraycopy(header, 0, packet, 0, header.length);
            System.arraycopy(sealed, 0, packet, header.length, sealed.length);
            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.hp(), "AES"));
            byte[] mask = ecb.doFinal(packet, pnOffset + PN_LENGTH, 16);
            packet[0] ^= (byte) (mask[0] & 0x0f);
            for (int i = 0; i < PN_LENGTH; i++) {
                packet[pnOffset + i] ^= mask[1 + i];
            }
            return packet;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** A CRYPTO frame: type 0x06, offset and length as 4-byte varints, data. */
    static byte[] cryptoFrame(long offset, byte[] data) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x06);
        varint4(f, offset);
        varint4(f, data.length);
        f.writeBytes(data);
        return f.toByteArray();
    }

    private static void varint4(ByteArrayOutputStream out, long v) {
        out.write((int) (0x80 | (v >> 24)));
        out.write((int) (v >> 16));
        out.write((int) (v >> 8));
        out.write((int) v);
    }
}
