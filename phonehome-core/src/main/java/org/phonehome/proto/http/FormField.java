package org.phonehome.proto.http;

/**
 * One {@code name=value} pair of a query string or an urlencoded form.
 *
 * @param name    the decoded name (UTF-8, invalid bytes replaced)
 * @param value   the decoded value bytes
 * @param decoded whether decoding changed the name or value (so the {@code urlencoded} layer applies)
 */
record FormField(String name, byte[] value, boolean decoded) {
}
