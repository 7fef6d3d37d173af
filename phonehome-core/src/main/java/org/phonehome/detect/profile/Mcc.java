package org.phonehome.detect.profile;

import java.util.Arrays;

/** Mobile Country Codes, the first three digits of an IMSI. */
public final class Mcc {

    /**
     * The geographic MCCs assigned in ITU-T Recommendation E.212, as listed in the annex to the ITU Operational
     * Bulletin ("Mobile Network Codes (MNC) for the international identification plan for public networks and
     * subscriptions"), plus the non-geographic 901 (international/shared networks), 001 (test networks, used by
     * lab SIMs and network simulators) and 999 (internal use, E.212 (2016) Annex A). Sorted for binary search.
     */
    private static final int[] KNOWN = {
        1,
        202, 204, 206, 208, 212, 213, 214, 216, 218, 219, 220, 221, 222, 225, 226, 228, 230, 231, 232, 234, 235,
        238, 240, 242, 244, 246, 247, 248, 250, 255, 257, 259, 260, 262, 266, 268, 270, 272, 274, 276, 278, 280,
        282, 283, 284, 286, 288, 289, 290, 292, 293, 294, 295, 297,
        302, 308, 310, 311, 312, 313, 314, 315, 316, 330, 332, 334, 338, 340, 342, 344, 346, 348, 350, 352, 354,
        356, 358, 360, 362, 363, 364, 365, 366, 368, 370, 372, 374, 376,
        400, 401, 402, 404, 405, 406, 410, 412, 413, 414, 415, 416, 417, 418, 419, 420, 421, 422, 424, 425, 426,
        427, 428, 429, 430, 431, 432, 434, 436, 437, 438, 440, 441, 450, 452, 454, 455, 456, 457, 460, 461, 466,
        467, 470, 472,
        502, 505, 510, 514, 515, 520, 525, 528, 530, 536, 537, 539, 540, 541, 542, 543, 544, 545, 546, 547, 548,
        549, 550, 551, 552, 553, 554, 555,
        602, 603, 604, 605, 606, 607, 608, 609, 610, 611, 612, 613, 614, 615, 616, 617, 618, 619, 620, 621, 622,
        623, 624, 625, 626, 627, 628, 629, 630, 631, 632, 633, 634, 635, 636, 637, 638, 639, 640, 641, 642, 643,
        645, 646, 647, 648, 649, 650, 651, 652, 653, 654, 655, 657, 658, 659,
        702, 704, 706, 708, 710, 712, 714, 716, 722, 724, 730, 732, 734, 736, 738, 740, 742, 744, 746, 748, 750,
        901, 995, 999,
    };

    private Mcc() {
    }

    /** True when {@code mcc} (0-999) is an assigned MCC. */
    public static boolean isKnown(int mcc) {
        return Arrays.binarySearch(KNOWN, mcc) >= 0;
    }

    /** True when the IMSI's first three characters are digits forming an assigned MCC. */
    public static boolean imsiHasKnownMcc(String imsi) {
        if (imsi.length() < 3 || !Luhn.isDigits(imsi.substring(0, 3))) {
            return false;
        }
        return isKnown(Integer.parseInt(imsi.substring(0, 3)));
    }
}
