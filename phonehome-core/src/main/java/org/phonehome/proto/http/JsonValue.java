package org.phonehome.proto.http;

/**
 * One scalar of a JSON document with its path.
 *
 * @param path  keys joined with '.', array items as {@code [i]}: {@code device.imei}, {@code contacts[0].phone};
 *              a scalar document has the empty path
 * @param value the value as text: strings unescaped, numbers as written, {@code true}/{@code false}
 */
record JsonValue(String path, String value) {
}
