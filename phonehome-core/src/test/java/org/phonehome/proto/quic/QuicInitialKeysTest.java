package org.phonehome.proto.quic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.proto.quic.RfcVectors.DCID;
import static org.phonehome.proto.quic.RfcVectors.hex;

import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class QuicInitialKeysTest {
    private static String h(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** RFC 9001 A.1: initial secret, then client and server key/iv/hp. */
    @Test
    void rfc9001AppendixA1Keys() {
        assertThat(h(QuicInitialKeys.initialSecret(QuicVersion.V1, DCID)))
                .isEqualTo("7db5df06e7a69e432496adedb00851923595221596ae2ae9fb8115c1e9ed0a44");
        QuicInitialKeys client = QuicInitialKeys.client(QuicVersion.V1, DCID);
        assertThat(h(client.secret())).isEqualTo("c00cf151ca5be075ed0ebfb5c80323c42d6b7db67881289af4008f1f6c357aea");
        assertThat(h(client.key())).isEqualTo("1f369613dd76d5467730efcbe3b1a22d");
        assertThat(h(client.iv())).isEqualTo("fa044b2f42a3fd3b46fb255c");
        assertThat(h(client.hp())).isEqualTo("9f50449e04a0e810283a1e9933adedd2");
        QuicInitialKeys server = QuicInitialKeys.server(QuicVersion.V1, DCID);
        assertThat(h(server.secret())).isEqualTo("3c199828fd139efd216c155ad844cc81fb82fa8d7446fa7d78be803acdda951b");
        assertThat(h(server.key())).isEqualTo("cf3a5331653c364c88f0f379b6067e37");
        assertThat(h(server.iv())).isEqualTo("0ac1493ca1905853b0bba03e");
        assertThat(h(server.hp())).isEqualTo("c206b8d9b9f0f37644430b490eeaa314");
    }

    /** RFC 9369 A.1: the v2 salt and "quicv2" labels give different keys from the same DCID. */
    @Test
    void rfc9369AppendixA1Keys() {
        QuicInitialKeys client = QuicInitialKeys.client(QuicVersion.V2, DCID);
        assertThat(h(client.secret())).isEqualTo("14ec9d6eb9fd7af83bf5a668bc17a7e283766aade7ecd0891f70f9ff7f4bf47b");
        assertThat(h(client.key())).isEqualTo("8b1a0bc121284290a29e0971b5cd045d");
        assertThat(h(client.iv())).isEqualTo("91f73e2351d8fa91660e909f");
        assertThat(h(client.hp())).isEqualTo("45b95e15235d6f45a6b19cbcb0294ba9");
        QuicInitialKeys server = QuicInitialKeys.server(QuicVersion.V2, DCID);
        assertThat(h(server.secret())).isEqualTo("0263db1782731bf4588e7e4d93b7463907cb8cd8200b5da55a8bd488eafc37c1");
        assertThat(h(server.key())).isEqualTo("82db637861d55e1d011f19ea71d5d2a7");
        assertThat(h(server.iv())).isEqualTo("dd13c276499c0249d3310652");
        assertThat(h(server.hp())).isEqualTo("edf6d05c83121201b436e16877593c3a");
    }

    /**
     * RFC 9001 A.5: key, iv, hp and ku from an application secret (HKDF-Expand-Label with 32-byte keys), then the
     * ChaCha20-Poly1305 short header packet: header protection removed and the payload (one PING) opened.
     */
    @Test
    void rfc9001AppendixA5ChaCha20ShortHeaderPacket() throws Exception {
        byte[] secret = hex("9ac312a7f877468ebe69422748ad00a15443f18203a07d6060f688f30f21632b");
        byte[] key = Hkdf.expandLabel(secret, "quic key", new byte[0], 32);
        byte[] iv = Hkdf.expandLabel(secret, "quic iv", new byte[0], 12);
        byte[] hp = Hkdf.expandLabel(secret, "quic hp", new byte[0], 32);
        assertThat(h(key)).isEqualTo("c6d98ff3441c3fe1b2182094f69caa2ed4b716b65488960a7a984979fb23e1c8");
        assertThat(h(iv)).isEqualTo("e0459b3474bdd0e44a41c144");
        assertThat(h(hp)).isEqualTo("25a282b9e82f06f21f488917a4fc8f1b73573685608597d0efcb076b0ab7a7a4");
        assertThat(h(Hkdf.expandLabel(secret, "quic ku", new byte[0], 32)))
                .isEqualTo("1223504755036d556342ee9361d253421a826c9ecdf3c7148684b36b714881f9");

        byte[] packet = hex("4cfe4189655e5cd55c41f69080575d7999c25a5bfb");
        // sample: 16 bytes from pn offset 1 + 4; ChaCha20 counter = sample[0..4] little-endian, nonce = sample[4..16]
        byte[] sample = java.util.Arrays.copyOfRange(packet, 5, 21);
        int counter = (sample[0] & 0xff) | (sample[1] & 0xff) << 8 | (sample[2] & 0xff) << 16 | sample[3] << 24;
        Cipher chacha = Cipher.getInstance("ChaCha20");
        chacha.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(hp, "ChaCha20"),
                new ChaCha20ParameterSpec(java.util.Arrays.copyOfRange(sample, 4, 16), counter));
        byte[] mask = chacha.doFinal(new byte[5]);
        assertThat(h(mask)).isEqualTo("aefefe7d03");
        byte[] header = java.util.Arrays.copyOfRange(packet, 0, 4);
        header[0] ^= (byte) (mask[0] & 0x1f);
        int pnLength = (header[0] & 3) + 1;
        for (int i = 0; i < pnLength; i++) {
            header[1 + i] ^= mask[1 + i];
        }
        assertThat(h(header)).isEqualTo("4200bff4");
        long pn = InitialPacketOpener.decodePacketNumber(654360563L, 0xbff4, 24);
        assertThat(pn).isEqualTo(654360564L);
        byte[] nonce = iv.clone();
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] ^= (byte) (pn >>> (8 * i));
        }
        assertThat(h(nonce)).isEqualTo("e0459b3474bdd0e46d417eb0");
        Cipher aead = Cipher.getInstance("ChaCha20-Poly1305");
        aead.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        aead.updateAAD(header);
        assertThat(h(aead.doFinal(packet, 4, packet.length - 4))).isEqualTo("01");
    }

    /** RFC 9001 A.1 lists the HkdfLabel bytes of each label; our Expand-Label must build the same. */
    @Test
    void expandLabelBuildsTheRfcLabelBytes() {
        byte[] prk = new byte[32];
        byte[] info = hex("00200f746c73313320636c69656e7420696e00"); // "client in", length 32
        assertThat(Hkdf.expandLabel(prk, "client in", new byte[0], 32)).isEqualTo(Hkdf.expand(prk, info, 32));
        byte[] hpInfo = hex("00100d746c733133207175696320687000");     // "quic hp", length 16
        assertThat(Hkdf.expandLabel(prk, "quic hp", new byte[0], 16)).isEqualTo(Hkdf.expand(prk, hpInfo, 16));
    }

    /** RFC 5869 A.1, test case 1, for Extract and Expand themselves. */
    @Test
    void hkdfRfc5869TestCase1() {
        byte[] prk = Hkdf.extract(hex("000102030405060708090a0b0c"), hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"));
        assertThat(h(prk)).isEqualTo("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
        assertThat(h(Hkdf.expand(prk, hex("f0f1f2f3f4f5f6f7f8f9"), 42))).isEqualTo(
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }
}
