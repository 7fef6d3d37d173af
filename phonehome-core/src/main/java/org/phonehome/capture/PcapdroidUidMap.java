package org.phonehome.capture;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * PCAPdroid's uid to app map from its pcapng custom blocks, and the {@code u-<uid>} packet comments that use it.
 *
 * <p>Custom block payload after the Private Enterprise Number (PCAPdroid {@code pcapng_pd_uid_map_block_t}, in the
 * section's byte order): version u16 (1), block type u8 (1 = uid map), 1 pad byte, uid int32, package name length
 * u8, app name length u8, package name, app name.
 */
final class PcapdroidUidMap {
    /** PCAPdroid's IANA Private Enterprise Number. */
    static final int PEN = 62652;
    static final int VERSION = 1;
    static final int TYPE_UID_MAP = 1;
    /** Fixed part: version, type, pad, uid, two lengths. */
    static final int FIXED_BYTES = 10;
    /** PCAPdroid writes one block per uid; a hostile file gets no more entries than this. */
    private static final int MAX_ENTRIES = 100_000;
    private static final String COMMENT_PREFIX = "u-";

    private final Map<Integer, AppAttribution> apps = new HashMap<>();

    /**
     * Reads one custom block payload (after the PEN).
     *
     * @return true when it was a uid map entry and was kept
     */
    boolean add(byte[] payload, boolean bigEndian) {
        if (payload.length < FIXED_BYTES) {
            return false;
        }
        int version = bigEndian ? (payload[0] & 0xff) << 8 | (payload[1] & 0xff)
                : (payload[1] & 0xff) << 8 | (payload[0] & 0xff);
        if (version != VERSION || (payload[2] & 0xff) != TYPE_UID_MAP || apps.size() >= MAX_ENTRIES) {
            return false;
        }
        int uid = bigEndian ? CaptureInput.be32(payload, 4) : CaptureInput.le32(payload, 4);
        int packageLength = payload[8] & 0xff;
        int appLength = payload[9] & 0xff;
        if (FIXED_BYTES + packageLength + appLength > payload.length) {
            return false;
        }
        String packageName = text(payload, FIXED_BYTES, packageLength);
        String appName = text(payload, FIXED_BYTES + packageLength, appLength);
        // The first mapping wins, as in PCAPdroid's own reader.
        apps.putIfAbsent(uid, new AppAttribution(uid, packageName, appName));
        return true;
    }

    /**
     * The app a packet comment names ({@code u-10123}), or null when the comment is not PCAPdroid's.
     * A uid missing from the map still yields an attribution with the uid alone.
     */
    AppAttribution forComment(String comment) {
        if (comment == null || !comment.startsWith(COMMENT_PREFIX)) {
            return null;
        }
        int uid;
        try {
            uid = Integer.parseInt(comment.substring(COMMENT_PREFIX.length()).trim());
        } catch (NumberFormatException e) {
            return null;
        }
        AppAttribution app = apps.get(uid);
        return app != null ? app : new AppAttribution(uid, null, null);
    }

    int size() {
        return apps.size();
    }

    private static String text(byte[] b, int from, int length) {
        return length == 0 ? null : new String(b, from, length, StandardCharsets.UTF_8);
    }
}
