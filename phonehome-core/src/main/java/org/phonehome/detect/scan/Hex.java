package org.phonehome.detect.scan;

/** Hex digit values. */
final class Hex {
    private static final byte[] VALUE = new byte[256];

    static {
        java.util.Arrays.fill(VALUE, (byte) -1);
        for (int i = 0; i < 10; i++) {
            VALUE['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            VALUE['a' + i] = (byte) (10 + i);
            VALUE['A' + i] = (byte) (10 + i);
        }
    }

    private Hex() {
    }

    /** The digit's value 0-15, or -1 when {@code b} is not a hex digit. */
    static int value(byte b) {
        return VALUE[b & 0xff];
    }
}
