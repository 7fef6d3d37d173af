package org.phonehome.flow;

import org.phonehome.net.IpAddress;

/**
 * One end of a flow.
 *
 * @param address IP address
 * @param port    TCP or UDP port
 */
public record Endpoint(IpAddress address, int port) implements Comparable<Endpoint> {
    // Written out: the record's generated hashCode and equals are slower, and these run for every packet.
    @Override
    public int hashCode() {
        return address.hashCode() * 31 + port;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Endpoint e && e.port == port && e.address.equals(address);
    }

    @Override
    public int compareTo(Endpoint o) {
        int c = address.compareTo(o.address);
        return c != 0 ? c : Integer.compare(port, o.port);
    }

    /** {@code 1.2.3.4:80} or {@code [2001:db8::1]:80}. */
    @Override
    public String toString() {
        return address.version() == 6 ? "[" + address + "]:" + port : address + ":" + port;
    }
}
