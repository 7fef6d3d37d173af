package org.phonehome.proto;

import java.util.ArrayList;
import java.util.List;
import org.phonehome.Counters;
import org.phonehome.enrich.HostNames;
import org.phonehome.flow.Direction;
import org.phonehome.flow.FlowInfo;
import org.phonehome.flow.StreamChunk;
import org.phonehome.net.IpAddress;
import org.phonehome.proto.dns.DnsMessage;
import org.phonehome.proto.dns.DnsParser;
import org.phonehome.proto.dns.DnsQuestion;
import org.phonehome.proto.dns.DnsRecord;
import org.phonehome.proto.dns.DnsTcpFramer;

/**
 * DNS on one flow (also mDNS and LLMNR): UDP datagrams or TCP framing, the answers into the IP-to-name map, the
 * events to the listener, and the questions as messages for detection.
 */
final class DnsDissector {
    private final FlowInfo flow;
    private final ProtocolListener listener;
    private final Counters counters;
    private final HostNames names;
    private final ParserMemory memory;
    /** The worker's parser, shared by its flows. */
    private final DnsParser parser;
    private DnsTcpFramer[] framers;

    DnsDissector(FlowInfo flow, ProtocolListener listener, Counters counters, HostNames names, ParserMemory memory,
                 DnsParser parser) {
        this.parser = parser;
        this.flow = flow;
        this.memory = memory;
        this.listener = listener;
        this.counters = counters;
        this.names = names;
    }

    /** One datagram (UDP) or in-order stream bytes (TCP) of {@code dir}. */
    void data(Direction dir, StreamChunk c, boolean udp) {
        if (udp) {
            message(dir, c.data(), c.offset(), c.length(), c.frameNumber(), c.timestampNanos());
            return;
        }
        if (framers == null) {
            framers = new DnsTcpFramer[] {
                new DnsTcpFramer(f -> message(Direction.OUTBOUND, f.data(), 0, f.data().length, f.frameNumber(),
                        f.timestampNanos()), memory, counters::increment),
                new DnsTcpFramer(f -> message(Direction.INBOUND, f.data(), 0, f.data().length, f.frameNumber(),
                        f.timestampNanos()), memory, counters::increment)};
        }
        framers[dir.ordinal()].data(c);
    }

    /** The flow ended: TCP messages under way are counted as incomplete, dropped, and their room given back. */
    void end() {
        if (framers != null) {
            framers[0].end();
            framers[1].end();
        }
    }

    /** The flow's parsing stopped: TCP messages under way are dropped and their room given back. */
    void drop() {
        if (framers != null) {
            framers[0].drop();
            framers[1].drop();
        }
    }

    /** Bytes of a TCP direction were lost: its framing cannot be trusted any more. */
    void gap(Direction dir) {
        if (framers != null) {
            framers[dir.ordinal()].gap();
        }
    }

    private void message(Direction dir, byte[] b, int off, int len, long frame, long time) {
        DnsMessage m = parser.parse(b, off, len);
        if (m == null) {
            counters.increment("dns_too_short");
            return;
        }
        if (m.anomaly() != null) {
            counters.increment(m.anomaly());
        }
        // The question's name, normalized once for all the addresses that answer it (null: the root, nothing kept).
        String asked = m.response() && !m.questions().isEmpty() ? HostNames.normalize(m.questions().get(0).name())
                : null;
        if (asked != null) {
            // Indexed loops, once per DNS message: the client compiler makes an object for every iterator.
            List<DnsRecord> answers = m.answers();
            for (int i = 0; i < answers.size(); i++) {
                DnsRecord r = answers.get(i);
                if (r.address() != null && !names.answerNormalized(asked, r.address(), time, frame)) {
                    counters.increment("dns_names_not_kept");
                }
                List<IpAddress> hints = r.hints();
                for (int k = 0; k < hints.size(); k++) {
                    if (!names.answerNormalized(asked, hints.get(k), time, frame)) {
                        counters.increment("dns_names_not_kept");
                    }
                }
            }
        }
        listener.dns(flow, dir, m, frame, time);
        // Only questions are what the device chose to send; answers echo them and name servers, not the device.
        if (!m.response() && !m.questions().isEmpty()) {
            List<DnsQuestion> questions = m.questions();
            List<MessagePart> parts = new ArrayList<>(questions.size());
            for (int i = 0; i < questions.size(); i++) {
                parts.add(new MessagePart(MessagePart.Kinds.STREAM, "dns.qname",
                        questions.get(i).name().getBytes(java.nio.charset.StandardCharsets.UTF_8), List.of()));
            }
            listener.message(flow, new Message(flow.id(), dir, "dns", parts, List.of(frame), time));
        }
    }
}
