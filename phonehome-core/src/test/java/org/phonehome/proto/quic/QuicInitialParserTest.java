package org.phonehome.proto.quic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.proto.quic.RfcVectors.DCID;
import static org.phonehome.proto.quic.RfcVectors.hex;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.phonehome.flow.Direction;
import org.phonehome.flow.StreamChunk;
import org.phonehome.proto.ParserMemory;
import org.phonehome.proto.tls.ClientHello;
import org.phonehome.proto.tls.ClientHelloBuilder;
import org.phonehome.proto.tls.TlsBytes;

class QuicInitialParserTest {
    private static final Direction OUT = Direction.OUTBOUND;
    private static final Direction IN = Direction.INBOUND;
    private static final byte[] SCID = hex("f067a5502a4262b5");

    private final RecordingQuicSink sink = new RecordingQuicSink();
    private final QuicInitialParser parser = new QuicInitialParser(sink);

    private void datagram(Direction d, byte[] bytes, long frame) {
        parser.datagram(d, new StreamChunk(bytes, 0, bytes.length, 0, frame, frame * 1000));
    }

    private static byte[] padded(byte[] frames, int length) {
        return Arrays.copyOf(frames, Math.max(length, frames.length)); // PADDING frames are zero bytes
    }

    /** RFC 9001 A.2: the client Initial opens; its payload is the CRYPTO frame plus PADDING to 1162 bytes. */
    @Test
    void rfc9001AppendixA2ClientInitialOpens() {
        byte[] p = RfcVectors.V1_CLIENT_INITIAL;
        LongHeader h = LongHeader.parse(p, 0, p.length, new LongHeader.Problem[1]);
        assertThat(h.pnOffset()).isEqualTo(18);
        assertThat(h.end()).isEqualTo(1200);
        InitialPacketOpener.Opened opened = InitialPacketOpener.open(new InitialCrypto(),
                QuicInitialKeys.client(QuicVersion.V1, DCID),
                p, 0, h.pnOffset(), h.end(), -1, new InitialPacketOpener.Failure[1]);

        assertThat(opened.packetNumber()).isEqualTo(2);
        assertThat(opened.payload()).hasSize(1162);
        assertThat(opened.payload()).isEqualTo(padded(RfcVectors.CLIENT_CRYPTO_FRAME, 1162));
    }

    /** RFC 9001 A.2 through the parser: the ClientHello of the RFC, SNI example.com. */
    @Test
    void rfc9001AppendixA2ClientHelloReported() {
        datagram(OUT, RfcVectors.V1_CLIENT_INITIAL, 1);

        assertThat(sink.anomalies).isEmpty();
        assertThat(sink.clientHellos).hasSize(1);
        ClientHello ch = sink.clientHellos.get(0);
        assertThat(ch.sni()).isEqualTo("example.com");
        assertThat(ch.alpn()).containsExactly("alpn");
        assertThat(ch.cipherSuites()).containsExactly(0x1301, 0x1302);
        assertThat(ch.supportedVersions()).containsExactly(0x0304);
        assertThat(ch.extensionTypes()).contains(0x0039); // quic_transport_parameters
        assertThat(ch.ja4(true)).startsWith("q13d0211an_");
        assertThat(parser.stats().packets().get(QuicStats.INITIAL)).isEqualTo(1);
        assertThat(parser.stats().packets().get(QuicStats.INITIAL_DECRYPTED)).isEqualTo(1);
    }

    /** RFC 9001 A.3: the server Initial opens with the server keys; the ServerHello chooses TLS 1.3. */
    @Test
    void rfc9001AppendixA3ServerInitial() {
        byte[] p = RfcVectors.V1_SERVER_INITIAL;
        LongHeader h = LongHeader.parse(p, 0, p.length, new LongHeader.Problem[1]);
        InitialPacketOpener.Opened opened = InitialPacketOpener.open(new InitialCrypto(),
                QuicInitialKeys.server(QuicVersion.V1, DCID),
                p, 0, h.pnOffset(), h.end(), -1, new InitialPacketOpener.Failure[1]);
        assertThat(opened.packetNumber()).isEqualTo(1);
        assertThat(opened.payload()).isEqualTo(RfcVectors.SERVER_PAYLOAD);

        datagram(OUT, RfcVectors.V1_CLIENT_INITIAL, 1);
        datagram(IN, p, 2);
        assertThat(sink.serverHellos).hasSize(1);
        assertThat(sink.serverHellos.get(0).version()).isEqualTo(0x0304);
        assertThat(sink.serverHellos.get(0).cipherSuite()).isEqualTo(0x1301);
        assertThat(sink.anomalies).isEmpty();
    }

    /** RFC 9001 A.4: a Retry is counted, and the client's next Initial is keyed by its new DCID. */
    @Test
    void rfc9001AppendixA4RetryCountedAndRekeys() throws Exception {
        datagram(IN, RfcVectors.V1_RETRY, 1);
        assertThat(parser.stats().packets().get(QuicStats.RETRY)).isEqualTo(1);

        byte[] newDcid = SCID;   // the Retry's Source Connection ID
        byte[] hs = new ClientHelloBuilder().sni("after.retry.example").handshake();
        byte[] packet = InitialPacketSealer.seal(QuicVersion.V1, QuicInitialKeys.client(QuicVersion.V1, newDcid),
                newDcid, hex("01020304"), 3, padded(InitialPacketSealer.cryptoFrame(0, hs, 0, hs.length), 1100));
        datagram(OUT, packet, 2);
        assertThat(sink.clientHellos).extracting(ClientHello::sni).containsExactly("after.retry.example");
        assertThat(sink.anomalies).isEmpty();
    }

    /** RFC 9369 A.2: the v2 client Initial opens with the v2 keys and Initial type bits 0b01. */
    @Test
    void rfc9369AppendixA2ClientInitial() {
        byte[] p = RfcVectors.V2_CLIENT_INITIAL;
        LongHeader h = LongHeader.parse(p, 0, p.length, new LongHeader.Problem[1]);
        assertThat(h.version()).isEqualTo(QuicVersion.V2);
        assertThat(h.type()).isEqualTo(QuicVersion.PacketType.INITIAL);
        InitialPacketOpener.Opened opened = InitialPacketOpener.open(new InitialCrypto(),
                QuicInitialKeys.client(QuicVersion.V2, DCID),
                p, 0, h.pnOffset(), h.end(), -1, new InitialPacketOpener.Failure[1]);
        assertThat(opened.packetNumber()).isEqualTo(2);
        assertThat(opened.payload()).isEqualTo(padded(RfcVectors.CLIENT_CRYPTO_FRAME, 1162));

        datagram(OUT, p, 1);
        assertThat(sink.clientHellos).extracting(ClientHello::sni).containsExactly("example.com");
        assertThat(sink.anomalies).isEmpty();
    }

    /** RFC 9369 A.3: the v2 server Initial. */
    @Test
    void rfc9369AppendixA3ServerInitial() {
        byte[] p = RfcVectors.V2_SERVER_INITIAL;
        LongHeader h = LongHeader.parse(p, 0, p.length, new LongHeader.Problem[1]);
        InitialPacketOpener.Opened opened = InitialPacketOpener.open(new InitialCrypto(),
                QuicInitialKeys.server(QuicVersion.V2, DCID),
                p, 0, h.pnOffset(), h.end(), -1, new InitialPacketOpener.Failure[1]);
        assertThat(opened.packetNumber()).isEqualTo(1);
        assertThat(opened.payload()).isEqualTo(RfcVectors.SERVER_PAYLOAD);

        datagram(OUT, RfcVectors.V2_CLIENT_INITIAL, 1);
        datagram(IN, p, 2);
        assertThat(sink.serverHellos).hasSize(1);
        assertThat(sink.anomalies).isEmpty();
    }

    /** Our test sealer reproduces RFC 9001 A.2 byte for byte, so packets built with it are honest fixtures. */
    @Test
    void sealerReproducesRfc9001AppendixA2() throws Exception {
        byte[] sealed = InitialPacketSealer.seal(QuicVersion.V1, QuicInitialKeys.client(QuicVersion.V1, DCID), DCID,
                new byte[0], 2, padded(RfcVectors.CLIENT_CRYPTO_FRAME, 1162));
        assertThat(sealed).isEqualTo(RfcVectors.V1_CLIENT_INITIAL);
    }

    @Test
    void badTagIsAnomalyAndNothingIsReported() {
        byte[] p = RfcVectors.V1_CLIENT_INITIAL.clone();
        p[p.length - 1] ^= 0x01;   // last byte of the AEAD tag
        datagram(OUT, p, 1);

        assertThat(sink.anomalies).containsExactly("quic_decryption_failed");
        assertThat(sink.clientHellos).isEmpty();
        assertThat(parser.stats().packets().get(QuicStats.INITIAL_DECRYPTED)).isZero();
    }

    @Test
    void cryptoFramesOutOfOrderAcrossTwoPackets() throws Exception {
        byte[] hs = new ClientHelloBuilder().sni("split.example").alpn("h3").supportedVersions(0x0304).handshake();
        QuicInitialKeys keys = QuicInitialKeys.client(QuicVersion.V1, DCID);
        int half = hs.length / 2;
        // second half first, in packet number 0; then the first half in packet number 1
        byte[] later = InitialPacketSealer.seal(QuicVersion.V1, keys, DCID, new byte[0], 0,
                padded(InitialPacketSealer.cryptoFrame(half, hs, half, hs.length), 1100));
        byte[] earlier = InitialPacketSealer.seal(QuicVersion.V1, keys, DCID, new byte[0], 1,
                padded(InitialPacketSealer.cryptoFrame(0, hs, 0, half), 1100));
        datagram(OUT, later, 1);
        assertThat(sink.clientHellos).isEmpty();
        datagram(OUT, earlier, 2);

        assertThat(sink.clientHellos).extracting(ClientHello::sni).containsExactly("split.example");
        assertThat(sink.frames).containsExactly(2L);
        assertThat(sink.anomalies).isEmpty();
    }

    @Test
    void cryptoFramesOutOfOrderWithinOnePacket() throws Exception {
        byte[] hs = new ClientHelloBuilder().sni("one.example").handshake();
        byte[] frames = TlsBytes.concat(InitialPacketSealer.cryptoFrame(20, hs, 20, hs.length),
                new byte[] {0x01},                                        // PING
                InitialPacketSealer.cryptoFrame(0, hs, 0, 20));
        datagram(OUT, InitialPacketSealer.seal(QuicVersion.V2, QuicInitialKeys.client(QuicVersion.V2, DCID), DCID,
                new byte[0], 0, padded(frames, 1100)), 1);

        assertThat(sink.clientHellos).extracting(ClientHello::sni).containsExactly("one.example");
    }

    @Test
    void truncatedPacketIsAnomaly() {
        datagram(OUT, Arrays.copyOf(RfcVectors.V1_CLIENT_INITIAL, 600), 1);

        assertThat(sink.anomalies).containsExactly("quic_packet_truncated");
        assertThat(sink.clientHellos).isEmpty();
    }

    @Test
    void truncatedInsideTheHeaderIsAnomaly() {
        datagram(OUT, Arrays.copyOf(RfcVectors.V1_CLIENT_INITIAL, 10), 1);

        assertThat(sink.anomalies).containsExactly("quic_packet_truncated");
    }

    @Test
    void unexpectedFrameStopsThePacket() throws Exception {
        byte[] frames = TlsBytes.concat(new byte[] {0x08, 0x00}, new byte[40]);   // STREAM frame in an Initial
        datagram(OUT, InitialPacketSealer.seal(QuicVersion.V1, QuicInitialKeys.client(QuicVersion.V1, DCID), DCID,
                new byte[0], 0, frames), 1);

        assertThat(sink.anomalies).containsExactly("quic_frame_unexpected");
    }

    @Test
    void cryptoStreamNotStartingWithClientHelloIsAnomaly() throws Exception {
        byte[] notHello = TlsBytes.handshake(2, new byte[10]);
        datagram(OUT, InitialPacketSealer.seal(QuicVersion.V1, QuicInitialKeys.client(QuicVersion.V1, DCID), DCID,
                new byte[0], 0, padded(InitialPacketSealer.cryptoFrame(0, notHello, 0, notHello.length), 100)), 1);

        assertThat(sink.anomalies).containsExactly("quic_crypto_not_hello");
    }

    @Test
    void cryptoBeyondTheLimitIsAnomaly() throws Exception {
        byte[] data = new byte[100];
        datagram(OUT, InitialPacketSealer.seal(QuicVersion.V1, QuicInitialKeys.client(QuicVersion.V1, DCID), DCID,
                new byte[0], 0, padded(InitialPacketSealer.cryptoFrame(70_000, data, 0, 100), 200)), 1);

        assertThat(sink.anomalies).containsExactly("quic_crypto_too_long");
    }

    @Test
    void incompleteHelloAtEndIsAnomaly() throws Exception {
        byte[] hs = new ClientHelloBuilder().sni("x.example").handshake();
        datagram(OUT, InitialPacketSealer.seal(QuicVersion.V1, QuicInitialKeys.client(QuicVersion.V1, DCID), DCID,
                new byte[0], 0, padded(InitialPacketSealer.cryptoFrame(0, hs, 0, 30), 200)), 1);
        parser.end();

        assertThat(sink.anomalies).containsExactly("quic_crypto_incomplete");
    }

    @Test
    void coalescedInitialAndHandshakeAreBothCounted() {
        // v1 Handshake packet: type bits 0b10, DCID 0, SCID 0, Length 20 and 20 opaque bytes
        byte[] handshake = TlsBytes.concat(hex("e0 00000001 00 00 14"), new byte[20]);
        datagram(IN, TlsBytes.concat(RfcVectors.V1_SERVER_INITIAL, handshake, new byte[30]), 1);

        assertThat(parser.stats().packets().get(QuicStats.INITIAL)).isEqualTo(1);
        assertThat(parser.stats().packets().get(QuicStats.HANDSHAKE)).isEqualTo(1);
        assertThat(parser.stats().packets().get(QuicStats.INITIAL_NO_KEYS)).isEqualTo(1);
        assertThat(parser.stats().packets().get(QuicStats.ONE_RTT)).isZero();   // trailing zeros are padding
        assertThat(sink.anomalies).isEmpty();
    }

    @Test
    void shortHeaderVersionNegotiationAndUnknownVersionsAreCounted() {
        datagram(IN, hex("4cfe4189655e5cd55c41f69080575d7999c25a5bfb"), 1);               // RFC 9001 A.5
        datagram(IN, hex("80 00000000 08 8394c8f03e515708 00 00000001 6b3343cf"), 2);     // version negotiation
        datagram(OUT, hex("c0 1a2a3a4a 00 00 00 00"), 3);                                // greased version

        assertThat(parser.stats().packets().get(QuicStats.ONE_RTT)).isEqualTo(1);
        assertThat(parser.stats().packets().get(QuicStats.VERSION_NEGOTIATION)).isEqualTo(1);
        assertThat(parser.stats().packets().get(QuicStats.UNKNOWN_VERSION)).isEqualTo(1);
        assertThat(sink.anomalies).isEmpty();
    }

    @Test
    void longConnectionIdIsInvalid() {
        datagram(OUT, TlsBytes.concat(hex("c0 00000001 15"), new byte[60]), 1);  // DCID length 21

        assertThat(sink.anomalies).containsExactly("quic_header_invalid");
    }

    @Test
    void looksLikeQuicInitialRecognisesInitialsOnly() {
        byte[] c1 = RfcVectors.V1_CLIENT_INITIAL;
        assertThat(QuicInitialParser.looksLikeQuicInitial(c1, 0, c1.length)).isTrue();
        byte[] c2 = RfcVectors.V2_CLIENT_INITIAL;
        assertThat(QuicInitialParser.looksLikeQuicInitial(c2, 0, c2.length)).isTrue();
        byte[] s1 = RfcVectors.V1_SERVER_INITIAL;
        assertThat(QuicInitialParser.looksLikeQuicInitial(s1, 0, s1.length)).isTrue();
        byte[] retry = RfcVectors.V1_RETRY;
        assertThat(QuicInitialParser.looksLikeQuicInitial(retry, 0, retry.length)).isFalse();
        assertThat(QuicInitialParser.looksLikeQuicInitial(c1, 0, 100)).isFalse();      // Length beyond the bytes
        assertThat(QuicInitialParser.looksLikeQuicInitial(c1, 1, c1.length - 1)).isFalse();
        assertThat(QuicInitialParser.looksLikeQuicInitial(c1, 0, c1.length + 1)).isFalse();
        byte[] v1AsV2Bits = c1.clone();
        v1AsV2Bits[0] = (byte) 0xd0;                                                    // 0-RTT type bits in v1
        assertThat(QuicInitialParser.looksLikeQuicInitial(v1AsV2Bits, 0, c1.length)).isFalse();
        byte[] dns = hex("abcd01000001000000000000076578616d706c6503636f6d0000010001");
        assertThat(QuicInitialParser.looksLikeQuicInitial(dns, 0, dns.length)).isFalse();
    }

    @Test
    void packetNumberDecodingFollowsRfc9000AppendixA3() {
        // RFC 9000 A.3 example: largest 0xa82f30ea, truncated 0x9b32 in 16 bits -> 0xa82f9b32
        assertThat(InitialPacketOpener.decodePacketNumber(0xa82f30eaL, 0x9b32, 16)).isEqualTo(0xa82f9b32L);
        assertThat(InitialPacketOpener.decodePacketNumber(-1, 2, 32)).isEqualTo(2);
    }

    @Test
    void aFarCryptoOffsetPastTheSharedBoundIsRefusedAndEveryRoomIsGivenBack() throws Exception {
        ParserMemory memory = new ParserMemory(16_384);
        RecordingQuicSink far = new RecordingQuicSink();
        QuicInitialParser p = new QuicInitialParser(far, memory);
        byte[] data = new byte[100];
        // one packet at offset 60,000 would hold 60 KB of a 64 KB stream
        byte[] packet = InitialPacketSealer.seal(QuicVersion.V1, QuicInitialKeys.client(QuicVersion.V1, DCID), DCID,
                new byte[0], 0, padded(InitialPacketSealer.cryptoFrame(60_000, data, 0, 100), 200));
        p.datagram(OUT, new StreamChunk(packet, 0, packet.length, 0, 1, 0));
        assertThat(far.anomalies).containsExactly(QuicAnomalies.MEMORY_FULL);
        assertThat(memory.left()).isEqualTo(16_384);

        ParserMemory big = new ParserMemory(1 << 20);
        QuicInitialParser held = new QuicInitialParser(far, big);
        held.datagram(OUT, new StreamChunk(packet, 0, packet.length, 0, 1, 0));
        assertThat(big.left()).isLessThan((1 << 20) - 50_000);
        held.end();
        assertThat(big.left()).isEqualTo(1 << 20);
    }

    @Test
    void theRoomOfAReadHelloIsGivenBackAtOnce() throws Exception {
        ParserMemory memory = new ParserMemory(1 << 20);
        RecordingQuicSink read = new RecordingQuicSink();
        QuicInitialParser p = new QuicInitialParser(read, memory);
        byte[] hs = new ClientHelloBuilder().sni("big.example").extension(21, new byte[5_000])
                .handshake(); // a padding extension: past the 2 KB that need no room
        QuicInitialKeys keys = QuicInitialKeys.client(QuicVersion.V1, DCID);
        for (int pn = 0, off = 0; off < hs.length; pn++, off += 1_000) {
            byte[] packet = InitialPacketSealer.seal(QuicVersion.V1, keys, DCID, new byte[0], pn,
                    padded(InitialPacketSealer.cryptoFrame(off, hs, off, Math.min(hs.length, off + 1_000)), 1100));
            p.datagram(OUT, new StreamChunk(packet, 0, packet.length, 0, pn + 1, 0));
        }
        assertThat(read.clientHellos).extracting(ClientHello::sni).containsExactly("big.example");
        assertThat(memory.left()).isEqualTo(1 << 20);
    }

    /**
     * One worker's engines serve flow after flow: each flow's parser, with engines just used by others (a packet
     * whose tag failed last among them), reports what a parser with engines of its own reports.
     */
    @Test
    void enginesUsedByOneFlowAfterAnotherGiveWhatNewOnesGive() throws Exception {
        byte[] badTag = RfcVectors.V1_CLIENT_INITIAL.clone();
        badTag[badTag.length - 1] ^= 0x01;
        byte[] hs = new ClientHelloBuilder().sni("own.dcid.example").handshake();
        byte[] ownDcid = InitialPacketSealer.seal(QuicVersion.V1, QuicInitialKeys.client(QuicVersion.V1, SCID), SCID,
                hex("01020304"), 0, padded(InitialPacketSealer.cryptoFrame(0, hs, 0, hs.length), 1100));
        byte[][][] flows = {
            {badTag},
            {RfcVectors.V1_CLIENT_INITIAL, RfcVectors.V1_SERVER_INITIAL},
            {badTag, RfcVectors.V1_CLIENT_INITIAL},
            {RfcVectors.V2_CLIENT_INITIAL, RfcVectors.V2_SERVER_INITIAL},
            {Arrays.copyOf(RfcVectors.V1_CLIENT_INITIAL, 40)},
            {RfcVectors.V1_CLIENT_INITIAL, ownDcid},
            {RfcVectors.V1_SERVER_INITIAL},
            {RfcVectors.V1_CLIENT_INITIAL, RfcVectors.V1_SERVER_INITIAL},
        };
        InitialCrypto shared = new InitialCrypto();
        for (byte[][] flow : flows) {
            RecordingQuicSink reused = new RecordingQuicSink();
            RecordingQuicSink fresh = new RecordingQuicSink();
            QuicInitialParser withShared = new QuicInitialParser(reused, ParserMemory.forHeap(), shared);
            QuicInitialParser withOwn = new QuicInitialParser(fresh, ParserMemory.forHeap(), new InitialCrypto());
            for (int i = 0; i < flow.length; i++) {
                // The client's packets are those of "client" vectors, the own-DCID one among them
                Direction d = flow[i] == RfcVectors.V1_SERVER_INITIAL || flow[i] == RfcVectors.V2_SERVER_INITIAL
                        ? IN : OUT;
                withShared.datagram(d, new StreamChunk(flow[i], 0, flow[i].length, 0, i + 1, i * 1000L));
                withOwn.datagram(d, new StreamChunk(flow[i], 0, flow[i].length, 0, i + 1, i * 1000L));
            }
            assertThat(reused.clientHellos).extracting(ClientHello::sni)
                    .isEqualTo(fresh.clientHellos.stream().map(ClientHello::sni).toList());
            assertThat(reused.serverHellos).extracting(h -> h.cipherSuite())
                    .isEqualTo(fresh.serverHellos.stream().map(h -> h.cipherSuite()).toList());
            assertThat(reused.anomalies).isEqualTo(fresh.anomalies);
            assertThat(withShared.stats().packets().snapshot()).isEqualTo(withOwn.stats().packets().snapshot());
        }
        // And they are not all alike: the flows above open, fail, and rekey
        RecordingQuicSink last = new RecordingQuicSink();
        QuicInitialParser p = new QuicInitialParser(last, ParserMemory.forHeap(), shared);
        p.datagram(OUT, new StreamChunk(RfcVectors.V1_CLIENT_INITIAL, 0, RfcVectors.V1_CLIENT_INITIAL.length, 0, 1, 0));
        p.datagram(OUT, new StreamChunk(ownDcid, 0, ownDcid.length, 0, 2, 1000));
        assertThat(last.clientHellos).extracting(ClientHello::sni).containsExactly("example.com");
        LongHeader h = LongHeader.parse(badTag, 0, badTag.length, new LongHeader.Problem[1]);
        InitialPacketOpener.Failure[] failure = new InitialPacketOpener.Failure[1];
        assertThat(InitialPacketOpener.open(shared, QuicInitialKeys.client(QuicVersion.V1, DCID, shared), badTag, 0,
                h.pnOffset(), h.end(), -1, failure)).isNull();
        assertThat(failure[0]).isEqualTo(InitialPacketOpener.Failure.BAD_TAG);
        byte[] ok = RfcVectors.V1_CLIENT_INITIAL;
        assertThat(InitialPacketOpener.open(shared, QuicInitialKeys.client(QuicVersion.V1, DCID, shared), ok, 0,
                h.pnOffset(), h.end(), -1, failure).payload()).isEqualTo(padded(RfcVectors.CLIENT_CRYPTO_FRAME, 1162));
    }
}
