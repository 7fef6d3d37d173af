/**
 * The capture stage: streams records out of pcap and pcapng files (gzip-compressed or not) via
 * {@link org.phonehome.capture.Captures#open(java.nio.file.Path)}.
 *
 * <p>Counters the readers fill ({@link org.phonehome.capture.CaptureReader#counters()}):
 * <ul>
 *   <li>{@code snaplen_truncated}: records with fewer bytes captured than were on the wire</li>
 *   <li>{@code pcapdroid_trailer}, {@code pcapdroid_trailer_bad_crc}: PCAPdroid pcap trailers seen, and those whose
 *       CRC did not match (still attributed)</li>
 *   <li>{@code pcapng_section}, {@code pcapng_interface}: Section Header and Interface Description Blocks</li>
 *   <li>{@code pcapng_simple_packet_block}, {@code pcapng_obsolete_packet_block}: packets from SPBs and type-2 PBs</li>
 *   <li>{@code pcapng_name_resolution}, {@code pcapng_name_resolution_name}: NRBs and the names in them</li>
 *   <li>{@code pcapng_interface_statistics}: ISBs (skipped)</li>
 *   <li>{@code pcapng_decryption_secrets}, {@code pcapng_secrets_too_large}: DSBs kept, and skipped for size</li>
 *   <li>{@code pcapng_custom_block}: custom blocks (each takes a frame number, as in Wireshark)</li>
 *   <li>{@code pcapdroid_uid_map}: PCAPdroid uid map entries read from custom blocks</li>
 *   <li>{@code pcapdroid_comment}, {@code pcapdroid_uid_unmapped}: packets attributed by a {@code u-<uid>}
 *       comment, with and without a uid map entry for it</li>
 *   <li>{@code pcapng_comment_too_long}: packet comments too long to be PCAPdroid's (skipped)</li>
 *   <li>{@code pcapng_unknown_block}: blocks of any other type (skipped)</li>
 * </ul>
 */
package org.phonehome.capture;
