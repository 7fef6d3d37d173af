package org.phonehome.proto.http;

import java.util.Locale;

/**
 * The media types whose bodies, when the device receives them, are not searched: images, audio, video, fonts,
 * APKs, archives and octet streams. A server sending the device's identifier inside a picture is not a leak, and
 * these bodies are most of the bytes of a phone's downloads.
 */
public final class MediaTypes {

    private static final String[] MEDIA_PREFIXES = {
        "image/", "video/", "audio/", "font/", "application/octet-stream", "application/vnd.android.package-archive",
        "application/zip",
    };

    private MediaTypes() {
    }

    /** Whether {@code contentType} (a Content-Type value, any case, parameters allowed) is media. */
    public static boolean isMedia(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.trim().toLowerCase(Locale.ROOT);
        for (String prefix : MEDIA_PREFIXES) {
            if (type.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
