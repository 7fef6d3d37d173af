package org.phonehome.proto.http;

import java.util.List;

/**
 * One part of a multipart body.
 *
 * @param name     the form field name from Content-Disposition (null when absent)
 * @param filename the file name from Content-Disposition (null when absent)
 * @param headers  the part's headers
 * @param content  the part's bytes
 */
record MultipartPart(String name, String filename, List<HttpHeader> headers, byte[] content) {
}
