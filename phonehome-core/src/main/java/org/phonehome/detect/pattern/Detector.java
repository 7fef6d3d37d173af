package org.phonehome.detect.pattern;

/** One generic detector: finds its identifier in a part and adds what it validates to the hits. */
interface Detector {

    /** Scans {@code part}; must not throw on any bytes, and stops adding once {@code hits} is full. */
    void scan(Part part, Hits hits);
}
