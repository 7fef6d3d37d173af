package org.phonehome.net;

/**
 * Identifies the fragments of one datagram: (src, dst, protocol, id) for IPv4 (RFC 791), (src, dst, id) for IPv6
 * (RFC 8200), where {@code protocol} is -1.
 *
 * @param src      source address
 * @param dst      destination address
 * @param protocol IPv4 protocol field; -1 for IPv6
 * @param id       IPv4 identification or IPv6 fragment identification
 */
record FragmentKey(IpAddress src, IpAddress dst, int protocol, long id) {
}
