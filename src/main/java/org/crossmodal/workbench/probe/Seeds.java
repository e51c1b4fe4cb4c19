package org.crossmodal.workbench.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded randomness that does not depend on the order of work: every (seed, level, draw, item) gets its
 * own generator, so a curve is the same whether it runs whole, sampled, or resumed after a cancel.
 */
final class Seeds {
    private Seeds() { }

    /** The SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long combine(long seed, Object... parts) {
        long h = mix(seed + 0x9e3779b97f4a7c15L);
        for (Object p : parts) {
            long v = switch (p) {
                case Double d -> Double.doubleToLongBits(d);
                case Long l -> l;
                case Integer i -> i;
                case String s -> stringHash(s);
                default -> stringHash(String.valueOf(p));
            };
            h = mix(h ^ mix(v + 0x632be59bd9b4e019L));
        }
        return h;
    }

    static SplittableRandom random(long seed, Object... parts) {
        return new SplittableRandom(combine(seed, parts));
    }

    /** A 64-bit string hash (stable across runs, unlike identity hashes). */
    static long stringHash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /**
     * Indices of a seeded sample of n out of size, in increasing order; all indices when n is 0 or at
     * least size.
     */
    static int[] sample(int size, int n, long seed) {
        return sample(size, n, seed, new Object[0]);
    }

    /**
     * Indices of a seeded sample of n out of size drawn from a stream of its own, (seed, "sample", parts...), in
     * increasing order; all indices when n is 0 or at least size. With no parts it is {@link #sample(int, int, long)}.
     * The voice-shift probe samples each speaker with the speaker's name as the part, so that one speaker's sample
     * does not depend on the others.
     */
    static int[] sample(int size, int n, long seed, Object... parts) {
        if (n <= 0 || n >= size) {
            int[] all = new int[size];
            for (int i = 0; i < size; i++) all[i] = i;
            return all;
        }
        int[] idx = new int[size];
        for (int i = 0; i < size; i++) idx[i] = i;
        Object[] stream = new Object[parts.length + 1];
        stream[0] = "sample";
        System.arraycopy(parts, 0, stream, 1, parts.length);
        SplittableRandom r = random(seed, stream);
        for (int i = 0; i < n; i++) {
            int j = i + r.nextInt(size - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] out = java.util.Arrays.copyOf(idx, n);
        java.util.Arrays.sort(out);
        return out;
    }

    static <T> List<T> pick(List<T> list, int[] idx) {
        List<T> out = new ArrayList<>(idx.length);
        for (int i : idx) out.add(list.get(i));
        return out;
    }
}
