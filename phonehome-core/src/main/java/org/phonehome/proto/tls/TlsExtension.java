package org.phonehome.proto.tls;

import java.util.Arrays;

/**
 * One hello extension as it was sent.
 *
 * @param type the extension type (e.g. 0x0000 server_name, 0x0010 ALPN)
 * @param data the extension's raw data (a private copy; the accessor returns a copy)
 */
public record TlsExtension(int type, byte[] data) {

    public TlsExtension {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsExtension e && e.type == type && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return String.format("TlsExtension[type=0x%04x, %d bytes]", type, data.length);
    }
}
