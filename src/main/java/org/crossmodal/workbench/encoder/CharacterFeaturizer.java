package org.crossmodal.workbench.encoder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Character input: int64 [batch, chars] ids, where 0 is padding, 1 an unknown character and alphabet[i] is i + 2;
 * optional int64 [batch] lengths. Text is lower-cased first when asked and cut to {@code maxLength} characters.
 */
public final class CharacterFeaturizer implements Featurizer<String> {
    private final String name;
    private final String lengthsName;
    private final boolean lowercase;
    private final int maxLength;
    private final Map<Integer, Integer> ids = new HashMap<>();

    public CharacterFeaturizer(String name, String lengthsName, String alphabet, boolean lowercase, int maxLength) {
        this.name = name;
        this.lengthsName = lengthsName;
        this.lowercase = lowercase;
        this.maxLength = maxLength;
        int[] cps = alphabet.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) ids.putIfAbsent(cps[i], i + 2);
    }

    /** The ids of one text, without padding (at least one id: an empty text becomes one padding id). */
    public long[] ids(String text) {
        String t = lowercase ? text.toLowerCase(Locale.ROOT) : text;
        int[] cps = t.codePoints().toArray();
        int n = maxLength > 0 ? Math.min(maxLength, cps.length) : cps.length;
        long[] out = new long[Math.max(1, n)];
        for (int i = 0; i < n; i++) out[i] = ids.getOrDefault(cps[i], 1);
        return out;
    }

    @Override
    public Batch featurize(List<String> inputs) {
        int b = inputs.size();
        List<long[]> seqs = new ArrayList<>(b);
        int max = 0;
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            long[] s = ids(inputs.get(i));
            seqs.add(s);
            lengths[i] = s.length;
            max = Math.max(max, s.length);
        }
        long[] data = new long[b * max];
        for (int i = 0; i < b; i++) System.arraycopy(seqs.get(i), 0, data, i * max, lengths[i]);
        return Batch.padded(OnnxModel.Feed.longs(name, new long[] {b, max}, data), lengthsName, lengths, max);
    }

    /** The exact id count (lower-casing can change the length, e.g. 'İ'), so equal hints mean equal lengths. */
    @Override
    public int sizeHint(String input) {
        return ids(input).length;
    }
}
