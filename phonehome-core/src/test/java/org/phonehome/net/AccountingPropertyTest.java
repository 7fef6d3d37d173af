package org.phonehome.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phonehome.net.Frames.*;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.phonehome.Counters;
import org.phonehome.capture.CapturedPacket;
import org.phonehome.capture.LinkType;

/** Property: whatever the bytes, decode never throws and every frame is counted exactly once. */
class AccountingPropertyTest {
    private static final int[] LINK_TYPES = {LinkType.NULL, LinkType.ETHERNET, LinkType.PPP, LinkType.RAW_OLD,
        LinkType.RAW_OLD14, LinkType.PPP_HDLC, LinkType.PPP_ETHER, LinkType.RAW, LinkType.C_HDLC, LinkType.LOOP,
        LinkType.LINUX_SLL, LinkType.NFLOG, LinkType.IPV4, LinkType.IPV6, LinkType.LINUX_SLL2, 105, 127, 147};

    private static long frameCounters(Counters counters) {
        return counters.snapshot().entrySet().stream()
                .filter(e -> e.getKey().startsWith(NetCounters.DECODED) || e.getKey().startsWith(NetCounters.UNDECODED))
                .mapToLong(java.util.Map.Entry::getValue).sum();
    }

    @Test
    void randomGarbageIsCountedOncePerFrame() {
        Random random = new Random(20240607L);
        Counters counters = new Counters();
        PacketDecoder decoder = new PacketDecoder(counters);
        int frames = 100_000;
        for (int i = 0; i < frames; i++) {
            byte[] data = new byte[random.nextInt(201)];
            random.nextBytes(data);
            int linkType = LINK_TYPES[random.nextInt(LINK_TYPES.length)];
            decoder.decode(new CapturedPacket(i + 1, i * 1_000_000L, linkType, data.length, data, 0, null));
        }
        decoder.finish();
        assertThat(frameCounters(counters)).isEqualTo(frames);
        assertThat(counters.get(NetCounters.DECODER_ERROR)).isZero();
    }

    /** Garbage rarely gets past the IP header, so also mutate valid frames: flip bytes, cut them short. */
    @Test
    void mutatedValidFramesAreCountedOncePerFrame() {
        byte[][] seeds = {
            ethernet(ETHERTYPE_IPV4, ipv4(CLIENT, SERVER, 6, tcp(1, 2, ascii("hello world")))),
            ethernet(ETHERTYPE_IPV4, ipv4(CLIENT, SERVER, 17, 5, true, 0, new byte[0], udp(1, 2, new byte[16]))),
            ethernet(ETHERTYPE_IPV4, ipv4(CLIENT, SERVER, 17, 5, false, 24, new byte[0], new byte[16])),
            ethernet(ETHERTYPE_IPV6, ipv6(CLIENT6, SERVER6, 0, concat(ipv6Options(44),
                    ipv6Fragment(17, 0, true, 1), udp(1, 2, new byte[16])))),
            ethernet(ETHERTYPE_IPV6, ipv6(CLIENT6, SERVER6, 44, concat(ipv6Fragment(17, 24, false, 1),
                    new byte[16]))),
            ethernet(0x8100, concat(be16(1), be16(ETHERTYPE_IPV4), ipv4(CLIENT, SERVER, 4,
                    ipv4(CLIENT, SERVER, 17, udp(1, 2, ascii("tunnel")))))),
            ethernet(ETHERTYPE_IPV4, ipv4(CLIENT, SERVER, 41, ipv6(CLIENT6, SERVER6, 6, tcp(1, 2, new byte[4])))),
        };
        Random random = new Random(42L);
        Counters counters = new Counters();
        PacketDecoder decoder = new PacketDecoder(counters,
                new NetLimits(64, 65535, 1 << 20, 30_000_000_000L, 16, 4));
        int frames = 200_000;
        for (int i = 0; i < frames; i++) {
            byte[] data = seeds[random.nextInt(seeds.length)].clone();
            int flips = random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                data[random.nextInt(data.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(4) == 0) {
                data = java.util.Arrays.copyOf(data, random.nextInt(data.length + 1));
            }
            decoder.decode(new CapturedPacket(i + 1, i * 1_000_000L, LinkType.ETHERNET, data.length, data, 0,
                    null));
            if (i % 10_000 == 0) {
                decoder.expire(i * 1_000_000L);
            }
        }
        decoder.finish();
        assertThat(frameCounters(counters)).isEqualTo(frames);
        assertThat(counters.get(NetCounters.DECODER_ERROR)).isZero();
        assertThat(counters.get(NetCounters.TCP)).isPositive();
        assertThat(counters.get(NetCounters.FRAGMENTS_REASSEMBLED)).isPositive();
    }
}
