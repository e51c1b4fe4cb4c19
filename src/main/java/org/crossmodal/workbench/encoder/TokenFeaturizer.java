package org.crossmodal.workbench.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import org.crossmodal.workbench.core.WorkbenchException;

/**
 * Token input through a Hugging Face {@code tokenizer.json} (DJL's binding of the Rust tokenizers): int64 ids,
 * attention mask and optional type ids, each [batch, tokens], padded with id 0 and mask 0, truncated to
 * {@code maxLength} tokens (special tokens included).
 */
public final class TokenFeaturizer implements Featurizer<String> {
    private final HuggingFaceTokenizer tokenizer;
    private final String idsName, maskName, typeIdsName;

    public TokenFeaturizer(ModelFiles files, String tokenizerFile, int maxLength, String idsName, String maskName,
                           String typeIdsName) {
        this.idsName = idsName;
        this.maskName = maskName;
        this.typeIdsName = typeIdsName;
        if (!files.exists(tokenizerFile)) {
            throw new WorkbenchException("Model file not found: " + files.describe(tokenizerFile) + ". The tokenizer"
                    + " named in model.json (input.tokenizer) is missing; copy it into the model folder.");
        }
        Map<String, String> opts = new java.util.HashMap<>();
        opts.put("padding", "false");
        opts.put("addSpecialTokens", "true");
        if (maxLength > 0) {
            opts.put("truncation", "true");
            opts.put("maxLength", Integer.toString(maxLength));
        } else {
            opts.put("truncation", "false");
        }
        try (InputStream in = files.open(tokenizerFile)) {
            tokenizer = HuggingFaceTokenizer.newInstance(in, opts);
        } catch (IOException | RuntimeException e) {
            if (e instanceof WorkbenchException w) throw w;
            throw new WorkbenchException("Tokenizer " + files.describe(tokenizerFile) + " could not be loaded ("
                    + e.getMessage() + "). It must be a Hugging Face tokenizer.json.", e);
        }
    }

    /** The token ids of one text (special tokens included, truncated). */
    public long[] ids(String text) {
        return tokenizer.encode(text).getIds();
    }

    @Override
    public Batch featurize(List<String> inputs) {
        int b = inputs.size();
        Encoding[] enc = tokenizer.batchEncode(inputs);
        int max = 1;
        for (Encoding e : enc) max = Math.max(max, e.getIds().length);
        long[] ids = new long[b * max], mask = new long[b * max], types = new long[b * max];
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            long[] id = enc[i].getIds(), m = enc[i].getAttentionMask(), t = enc[i].getTypeIds();
            System.arraycopy(id, 0, ids, i * max, id.length);
            System.arraycopy(m, 0, mask, i * max, m.length);
            System.arraycopy(t, 0, types, i * max, t.length);
            int valid = 0;
            for (long v : m) valid += v != 0 ? 1 : 0;
            lengths[i] = valid;
        }
        long[] shape = {b, max};
        List<OnnxModel.Feed> feeds = new ArrayList<>();
        feeds.add(OnnxModel.Feed.longs(idsName, shape, ids));
        feeds.add(OnnxModel.Feed.longs(maskName, shape, mask));
        if (typeIdsName != null) feeds.add(OnnxModel.Feed.longs(typeIdsName, shape, types));
        return new Batch(feeds, lengths, max);
    }

    @Override
    public int sizeHint(String input) {
        return input.length();
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
