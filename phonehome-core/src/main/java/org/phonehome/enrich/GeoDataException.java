package org.phonehome.enrich;

/**
 * A geolocation or ASN database that cannot be used: missing, unreadable, corrupt, or of the wrong kind. The
 * message is one sentence for the user and names the file.
 */
public class GeoDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GeoDataException(String message, Throwable cause) {
        super(message, cause);
    }

    public GeoDataException(String message) {
        super(message);
    }
}
