package org.phonehome.detect.scan;

import java.util.List;
import org.phonehome.detect.IdentifierVariant;

/**
 * One occurrence of a variant in a part, possibly inside decoded containers.
 *
 * @param variant       what was found
 * @param variantIndex  its index in the matcher's variant list
 * @param layers        the part's own layers followed by the containers this scan opened to reach it, outermost
 *                      first ({@link Layers})
 * @param offset        where it starts in the bytes of its level (the part's value when {@code topLevel})
 * @param length        its length in those bytes
 * @param context       up to {@link ScanLimits#contextBytes()} bytes either side of it and itself, from the same
 *                      bytes (evidence; owned by this record, do not modify)
 * @param contextOffset where the hit starts inside {@code context}
 * @param topLevel      true when found in the part's value itself (no container opened by the scan)
 * @param rawOffset     start of the part-value span that holds it: the hit itself when {@code topLevel}, else the
 *                      outermost container's run (exact through URL and JSON escapes, base64 and hex; the whole
 *                      compressed stream through gzip/zlib), so a caller can map any hit to frames
 * @param rawLength     length of that span
 */
public record Hit(IdentifierVariant variant, int variantIndex, List<String> layers, int offset, int length,
                  byte[] context, int contextOffset, boolean topLevel, int rawOffset, int rawLength) {

    public Hit {
        layers = List.copyOf(layers);
    }

}
