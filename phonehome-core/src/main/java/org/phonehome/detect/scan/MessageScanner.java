package org.phonehome.detect.scan;

import java.util.ArrayList;
import java.util.List;
import org.phonehome.Counters;
import org.phonehome.proto.Message;
import org.phonehome.proto.MessagePart;

/**
 * Scans every part of a {@link Message} with a {@link ContainerScanner}: the hits detection turns into findings,
 * in part order. Each part has its own bounds (decoded bytes, hits). Never throws on any message.
 */
public final class MessageScanner {
    private final ContainerScanner scanner;

    public MessageScanner(ContainerScanner scanner) {
        this.scanner = scanner;
    }

    public List<PartHit> scan(Message message, Counters anomalies) {
        List<PartHit> out = new ArrayList<>();
        List<MessagePart> parts = message.parts();
        for (int i = 0; i < parts.size(); i++) {
            MessagePart part = parts.get(i);
            List<Hit> hits = scanner.scan(part, anomalies);
            // Indexed: most parts have no hit, and the client compiler would make an iterator for each.
            for (int k = 0; k < hits.size(); k++) {
                out.add(new PartHit(i, part.kind(), part.name(), hits.get(k)));
            }
        }
        return out;
    }
}
