package org.phonehome.detect.scan;

/** Receives the matches of {@link ByteMatcher#scan(byte[], int, int, MatchSink)}. */
@FunctionalInterface
public interface MatchSink {
    /**
     * One occurrence.
     *
     * @param pattern the index of the variant in the list the matcher was compiled from
     * @param end     the index in the scanned array just after the match's last byte (exclusive end); the match
     *                starts at {@code end - variant.bytes().length}
     */
    void match(int pattern, int end);
}
