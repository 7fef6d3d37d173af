package org.phonehome.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.phonehome.detect.IdentifierVariant;
import org.phonehome.detect.scan.Hit;
import org.phonehome.detect.scan.PartHit;
import org.phonehome.proto.MessagePart;

/**
 * Turns the raw hits of one message into one hit per occurrence.
 *
 * <p>A message shows the same bytes more than once: the whole URL and each query parameter, the whole body and
 * each form field or JSON value. An occurrence found in both is reported once, at the structured part (its name says
 * where the value was), with the encoding seen in the bytes as sent (the URL or body): a query value
 * {@code %2B86138...} is a URL-encoded phone number, not a plain one behind a URL-decoding layer. Its layers are the
 * structured part's ({@code gzip}, {@code json}). Within one part,
 * overlapping hits of the same identifier value (the national number inside the E.164 one) keep the longest.
 */
final class MessageHits {
    private static final Set<String> FROM_URL = Set.of(MessagePart.Kinds.QUERY);
    private static final Set<String> FROM_BODY = Set.of(MessagePart.Kinds.FORM, MessagePart.Kinds.JSON);

    /**
     * One occurrence.
     *
     * @param where    the part it is reported at
     * @param encoding the value's own transform, as seen in the bytes as sent
     * @param layers   the containers opened to reach it
     */
    record Occurrence(PartHit where, IdentifierVariant variant, String encoding, List<String> layers) {
    }

    private MessageHits() {
    }

    static List<Occurrence> occurrences(List<PartHit> hits) {
        if (hits.isEmpty()) {
            return List.of(); // most messages
        }
        List<PartHit> distinct = longestPerSpan(hits);
        List<PartHit> raw = new ArrayList<>();
        for (PartHit h : distinct) {
            if (h.kind().equals(MessagePart.Kinds.URL) || h.kind().equals(MessagePart.Kinds.BODY)) {
                raw.add(h);
            }
        }
        boolean[] used = new boolean[raw.size()];
        List<Occurrence> out = new ArrayList<>();
        for (PartHit h : distinct) {
            boolean fromUrl = FROM_URL.contains(h.kind());
            boolean fromBody = FROM_BODY.contains(h.kind());
            if (!fromUrl && !fromBody) {
                continue;
            }
            String wanted = fromUrl ? MessagePart.Kinds.URL : MessagePart.Kinds.BODY;
            Hit as = h.hit();
            for (int i = 0; i < raw.size(); i++) {
                PartHit r = raw.get(i);
                if (!used[i] && r.kind().equals(wanted) && r.hit().variant().ref().equals(h.hit().variant().ref())) {
                    used[i] = true;
                    as = r.hit();
                    break;
                }
            }
            List<String> layers = h.hit().layers();
            if (as.variant().encoding().equals("urlencoded") && !layers.isEmpty()
                    && layers.get(layers.size() - 1).equals("urlencoded")) {
                // The part's URL-decoding undid the value's own encoding: it is not a container here.
                layers = layers.subList(0, layers.size() - 1);
            }
            out.add(new Occurrence(h, as.variant(), as.variant().encoding(), layers));
        }
        for (PartHit h : distinct) {
            boolean structured = FROM_URL.contains(h.kind()) || FROM_BODY.contains(h.kind());
            boolean isRaw = h.kind().equals(MessagePart.Kinds.URL) || h.kind().equals(MessagePart.Kinds.BODY);
            if (structured) {
                continue;
            }
            if (isRaw && used[indexOf(raw, h)]) {
                continue;
            }
            out.add(new Occurrence(h, h.hit().variant(), h.hit().variant().encoding(), h.hit().layers()));
        }
        return out;
    }

    /** Drops a hit when a longer hit of the same value overlaps it in the same part at the same decode level. */
    private static List<PartHit> longestPerSpan(List<PartHit> hits) {
        List<PartHit> out = new ArrayList<>();
        for (PartHit h : hits) {
            boolean shadowed = false;
            for (PartHit o : hits) {
                if (o != h && o.partIndex() == h.partIndex()
                        && o.hit().variant().ref().equals(h.hit().variant().ref())
                        && o.hit().layers().equals(h.hit().layers()) && overlaps(o.hit(), h.hit())
                        && (o.hit().length() > h.hit().length()
                            || o.hit().length() == h.hit().length() && indexOf(hits, o) < indexOf(hits, h))) {
                    shadowed = true;
                    break;
                }
            }
            if (!shadowed) {
                out.add(h);
            }
        }
        return out;
    }

    /**
     * The position of {@code h} itself (not of an equal hit) in {@code list}: a record's generated equals is a
     * method-handle call, slow under the client compiler, and identity is what is meant.
     */
    private static int indexOf(List<PartHit> list, PartHit h) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == h) {
                return i;
            }
        }
        return -1;
    }

    private static boolean overlaps(Hit a, Hit b) {
        return a.offset() < b.offset() + b.length() && b.offset() < a.offset() + a.length();
    }
}
