package org.crossmodal.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.workflow.AudioFiles;
import org.crossmodal.workbench.workflow.AudioInput;
import org.crossmodal.workbench.workflow.EmbedWorkflow;
import org.crossmodal.workbench.workflow.EncoderProvider;
import org.crossmodal.workbench.workflow.RegistryEncoders;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code workbench embed}: recordings and words to a session. */
@Command(name = "embed", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Encodes recordings and/or a word list into a new session file.",
                "Vectors are cached by (model SHA-256, input SHA-256), so running again on the same files computes nothing."},
        footer = {"", "Examples:",
                "  workbench embed --audio assets/demo/manifest.tsv --text assets/demo/words.txt --out demo.cmw",
                "  workbench embed --audio recordings/ --speech-model models/my-speech --out mine.cmw --trim-silence"})
final class EmbedCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--audio", paramLabel = "DIR_OR_MANIFEST",
            description = "A folder of audio files (label from the file name) or a TSV/CSV manifest with path, transcript[, speaker] columns.")
    Path audio;

    @Option(names = "--text", paramLabel = "WORDS_FILE", description = "A text file with one word or phrase per line.")
    Path text;

    @Option(names = "--speech-model", paramLabel = "M", description = "Speech model name or folder (default: the built-in one; see 'workbench models').")
    String speechModel;

    @Option(names = "--text-model", paramLabel = "M", description = "Text model name or folder (default: the one sharing the speech model's space, else the built-in MiniLM).")
    String textModel;

    @Option(names = "--out", required = true, paramLabel = "SESSION", description = "The session file to write (.cmw); replaced atomically if it exists.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "Inference and decoding threads (default: all cores).")
    int threads;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32", description = "Inputs per model call (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--trim-silence", description = "Trim leading and trailing silence before encoding.")
    boolean trimSilence;

    @Option(names = "--skip-bad", description = "Leave out bad manifest rows and undecodable files (each is reported) instead of stopping.")
    boolean skipBad;

    @Option(names = "--normalise-voices", description = "Resample each speaker's recordings by the factor (0.65 to 1.25) "
            + "under which they lie closest to the words, chosen without transcripts, as vocal-tract-length normalisation does; "
            + "when two or more speakers have 100 recordings or more, each is also centred (its mean vector moved onto the mean "
            + "of their means). Needs --audio and --text in one shared space (the built-in models).")
    boolean normaliseVoices;

    @Option(names = "--cache", paramLabel = "DIR", description = "Embedding cache folder (default: $WORKBENCH_CACHE or ~/.cache/crossmodal-workbench/embeddings).")
    Path cache;

    @Option(names = "--no-cache", description = "Neither read nor write the embedding cache.")
    boolean noCache;

    /** Replaced in tests. */
    static java.util.function.Supplier<EncoderProvider> provider = RegistryEncoders::standard;
    static java.util.function.Supplier<AudioInput> audioInput = AudioFiles::standard;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EmbedWorkflow.Options opts = new EmbedWorkflow.Options(audio, text, speechModel, textModel, threads, trimSilence, skipBad, batchSize, normaliseVoices);
        Path c = noCache ? null : cache != null ? cache : EmbedWorkflow.defaultCacheFolder();
        EmbedWorkflow w = new EmbedWorkflow(provider.get(), audioInput.get(), c);
        Progress progress = new Progress(err);
        EmbedWorkflow.Result r;
        try {
            r = Interrupts.run(cancel -> w.runAndSave(opts, out, progress, cancel));
        } finally {
            progress.finish();
        }
        for (String warning : r.warnings()) err.println("workbench embed: skipped " + warning);
        o.println("wrote " + out);
        for (EmbeddingSet e : r.session().spaces().values()) {
            o.printf(Locale.ROOT, "  %-32s %-6s %6d items x %d%n", e.space(), e.modality().key(), e.size(), e.dim());
        }
        if (r.voices() != null) {
            o.println("voice normalisation (factor per speaker):");
            for (String line : r.voices().lines()) o.println("  " + line);
        }
        o.printf(Locale.ROOT, "computed %d vectors, %d from the cache, %d skipped, in %.2f s%n", r.computed(), r.cached(),
                r.warnings().size(), r.elapsed().toNanos() / 1e9);
        o.flush();
        return 0;
    }
}
