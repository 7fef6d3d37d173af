package org.phonehome.detect.scan;

import java.util.Arrays;
import java.util.List;

/**
 * The compiled Aho-Corasick automaton of a {@link ByteMatcher}: immutable arrays, states numbered in breadth-first
 * order (so every state's failure state and parent have smaller numbers, and a state's children are consecutive).
 *
 * <p>Two representations, split by depth. The first {@code denseStates} states (the shallowest ones, where a scan
 * of text without matches spends nearly all its time) have a full row of 256 transitions in {@code dense}; each
 * entry is either {@code target << 8} (a dense state without output: the hot loop continues with one lookup per
 * byte) or {@code ~target} (negative: the target is deep or has output, and the slow path takes over). Deeper
 * states are stored sparsely (their children and a failure link) and stepped by following failure links down to
 * a dense state.
 */
final class Automaton {
    /** Number of states (root included). */
    final int states;
    /** States {@code 0 .. denseStates-1} have dense rows. */
    final int denseStates;
    /** {@code denseStates * 256} encoded transitions (see the class comment). */
    final int[] dense;
    /** The children of state {@code s} are states {@code childStart[s] .. childStart[s+1]-1}; length states+1. */
    final int[] childStart;
    /** The byte on the edge into each state. */
    final byte[] label;
    /** Failure link of each state (root: 0). */
    final int[] fail;
    /** The patterns ending exactly at state {@code s} are {@code outPatterns[outStart[s] .. outStart[s+1]-1]}. */
    final int[] outStart;
    final int[] outPatterns;
    /** The nearest state on the failure chain with patterns of its own, or -1. */
    final int[] dictLink;
    /** True when a state reports anything (own patterns or a dictionary link). */
    final boolean[] hasOutput;

    private Automaton(int states, int denseStates, int[] dense, int[] childStart, byte[] label, int[] fail,
                      int[] outStart, int[] outPatterns, int[] dictLink, boolean[] hasOutput) {
        this.states = states;
        this.denseStates = denseStates;
        this.dense = dense;
        this.childStart = childStart;
        this.label = label;
        this.fail = fail;
        this.outStart = outStart;
        this.outPatterns = outPatterns;
        this.dictLink = dictLink;
        this.hasOutput = hasOutput;
    }

    /** The next state from deep state {@code s} (at or past {@code denseStates}) on byte {@code c} (0..255). */
    int step(int s, int c) {
        int x = s;
        while (x >= denseStates) {
            for (int k = childStart[x], e = childStart[x + 1]; k < e; k++) {
                if ((label[k] & 0xff) == c) {
                    return k;
                }
            }
            x = fail[x];
        }
        int t = dense[(x << 8) | c];
        return t >= 0 ? t >>> 8 : ~t;
    }

    /** Approximate heap bytes held by the arrays. */
    long memoryBytes() {
        return 4L * dense.length + 4L * childStart.length + label.length + 4L * fail.length + 4L * outStart.length
                + 4L * outPatterns.length + 4L * dictLink.length + hasOutput.length;
    }

    /**
     * Builds the automaton of {@code patterns} (empty ones never match and are skipped) in O(total length + dense
     * states x 256).
     */
    static Automaton build(List<byte[]> patterns, int maxDenseStates) {
        long total = 1;
        for (byte[] p : patterns) {
            total += p.length;
        }
        if (total > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("patterns too long in total: " + total);
        }
        Trie trie = new Trie((int) total);
        int[] terminal = new int[patterns.size()];
        for (int i = 0; i < patterns.size(); i++) {
            terminal[i] = patterns.get(i).length == 0 ? -1 : trie.insert(patterns.get(i));
        }
        return fromTrie(trie, terminal, Math.max(1, maxDenseStates));
    }

    private static Automaton fromTrie(Trie trie, int[] terminal, int maxDense) {
        int n = trie.size;
        // breadth-first renumbering: order[new] = old, children of a state consecutive
        int[] order = new int[n];
        int[] newId = new int[n];
        int[] parent = new int[n];
        int[] childStart = new int[n + 1];
        byte[] label = new byte[n];
        int tail = 1;
        for (int i = 0; i < n; i++) {
            int old = order[i];
            childStart[i] = tail;
            for (int c = trie.firstChild(old); c >= 0; c = trie.nextSibling[c]) {
                order[tail] = c;
                newId[c] = tail;
                parent[tail] = i;
                label[tail] = trie.label[c];
                tail++;
            }
        }
        childStart[n] = tail;
        int denseStates = Math.min(n, maxDense);
        int[] raw = new int[denseStates << 8];
        int[] fail = new int[n];
        for (int k = childStart[0]; k < childStart[1]; k++) {
            raw[label[k] & 0xff] = k;
        }
        for (int i = 1; i < n; i++) {
            int p = parent[i];
            fail[i] = p == 0 ? 0 : rawStep(raw, denseStates, childStart, label, fail, fail[p], label[i] & 0xff);
            if (i < denseStates) {
                System.arraycopy(raw, fail[i] << 8, raw, i << 8, 256);
                for (int k = childStart[i]; k < childStart[i + 1]; k++) {
                    raw[(i << 8) | (label[k] & 0xff)] = k;
                }
            }
        }
        int[] outStart = new int[n + 1];
        for (int t : terminal) {
            if (t >= 0) {
                outStart[newId[t] + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            outStart[i + 1] += outStart[i];
        }
        int[] outPatterns = new int[outStart[n]];
        int[] fill = Arrays.copyOf(outStart, n);
        for (int p = 0; p < terminal.length; p++) {
            if (terminal[p] >= 0) {
                outPatterns[fill[newId[terminal[p]]]++] = p;
            }
        }
        int[] dictLink = new int[n];
        boolean[] hasOutput = new boolean[n];
        dictLink[0] = -1;
        for (int i = 1; i < n; i++) {
            int f = fail[i];
            dictLink[i] = outStart[f] != outStart[f + 1] ? f : dictLink[f];
            hasOutput[i] = outStart[i] != outStart[i + 1] || dictLink[i] >= 0;
        }
        for (int k = 0; k < raw.length; k++) {
            int t = raw[k];
            raw[k] = t >= denseStates || hasOutput[t] ? ~t : t << 8;
        }
        return new Automaton(n, denseStates, raw, childStart, label, fail, outStart, outPatterns, dictLink,
                hasOutput);
    }

    /** {@link #step} during the build, over the raw (not yet encoded) dense rows. */
    private static int rawStep(int[] raw, int denseStates, int[] childStart, byte[] label, int[] fail, int s,
                               int c) {
        int x = s;
        while (x >= denseStates) {
            for (int k = childStart[x], e = childStart[x + 1]; k < e; k++) {
                if ((label[k] & 0xff) == c) {
                    return k;
                }
            }
            x = fail[x];
        }
        return raw[(x << 8) | c];
    }

    /** The keyword trie, children as sibling lists (the root's as a direct table: it may have all 256). */
    private static final class Trie {
        final int[] firstChild;
        final int[] nextSibling;
        final byte[] label;
        final int[] rootChild = new int[256];
        int size = 1;

        Trie(int capacity) {
            firstChild = new int[capacity];
            nextSibling = new int[capacity];
            label = new byte[capacity];
            Arrays.fill(firstChild, -1);
            Arrays.fill(rootChild, -1);
        }

        int insert(byte[] pattern) {
            int s = 0;
            for (byte b : pattern) {
                s = s == 0 ? rootChildOrNew(b) : childOrNew(s, b);
            }
            return s;
        }

        private int rootChildOrNew(byte b) {
            int c = rootChild[b & 0xff];
            if (c < 0) {
                c = newState(b);
                rootChild[b & 0xff] = c;
            }
            return c;
        }

        private int childOrNew(int s, byte b) {
            for (int c = firstChild[s]; c >= 0; c = nextSibling[c]) {
                if (label[c] == b) {
                    return c;
                }
            }
            int c = newState(b);
            nextSibling[c] = firstChild[s];
            firstChild[s] = c;
            return c;
        }

        private int newState(byte b) {
            int c = size++;
            label[c] = b;
            nextSibling[c] = -1;
            return c;
        }

        /** First child of a state; for the root, its children are chained on first use. */
        int firstChild(int s) {
            if (s != 0) {
                return firstChild[s];
            }
            int head = -1;
            for (int b = 255; b >= 0; b--) {
                int c = rootChild[b];
                if (c >= 0) {
                    nextSibling[c] = head;
                    head = c;
                }
            }
            return head;
        }
    }
}
