package org.phonehome.proto.quic;

import java.io.ByteArrayOutputStream;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Builds protected Initial packets for tests (the sender's side of RFC 9001 sections 5.3-5.4). */
final class InitialPacketSealer {
    private InitialPacketSealer() {
    }

    /** Type bits of Initial: 0b00 in v1, 0b01 in v2. */
    private static int initialTypeBits(QuicVersion v) {
        return v == QuicVersion.V1 ? 0 : 1;
    }

    /** A protected Initial with a 4-byte packet number, no token, and {@code payload} as its frames. */
    static byte[] seal(QuicVersion version, QuicInitialKeys keys, byte[] dcid, byte[] scid, long pn, byte[] payload)
            throws Exception {
        int pnLength = 4;
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(0xc0 | (initialTypeBits(version) << 4) | (pnLength - 1));
        long w = version.wire();
        h.write((int) (w >> 24));
        h.write((int) (w >> 16));
        h.write((int) (w >> 8));
        h.write((int) w);
        h.write(dcid.length);
        h.writeBytes(dcid);
        h.write(scid.length);
        h.writeBytes(scid);
        h.write(0);                                  // token length 0
        int length = pnLength + payload.length + 16;
        h.write(0x40 | (length >> 8));               // 2-byte varint Length
        h.write(length);
        int pnOffset = h.size();
        for (int i = pnLength - 1; i >= 0; i--) {
            h.write((int) (pn >> (8 * i)));
        }
        byte[] header = h.toByteArray();
        byte[] nonce = keys.iv();
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] ^= (byte) (pn >>> (8 * i));
        }
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.key(), "AES"), new GCMParameterSpec(128, nonce));
        gcm.updateAAD(header);
        byte[] sealed = gcm.doFinal(payload);
        byte[] packet = new byte[header.length + sealed.length];
        System.arraycopy(header, 0, packet, 0, header.length);
        System.arraycopy(sealed, 0, packet, header.length, sealed.length);
        Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.hp(), "AES"));
        byte[] mask = ecb.doFinal(packet, pnOffset + 4, 16);
        packet[0] ^= (byte) (mask[0] & 0x0f);
        for (int i = 0; i < pnLength; i++) {
            packet[pnOffset + i] ^= mask[1 + i];
        }
        return packet;
    }

    /** A CRYPTO frame: type 0x06, offset and length as 4-byte varints, data. */
    static byte[] cryptoFrame(long offset, byte[] data, int from, int to) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x06);
        varint4(f, offset);
        varint4(f, to - from);
        f.write(data, from, to - from);
        return f.toByteArray();
    }

    private static void varint4(ByteArrayOutputStream out, long v) {
        out.write((int) (0x80 | (v >> 24)));
        out.write((int) (v >> 16));
        out.write((int) (v >> 8));
        out.write((int) v);
    }
}
