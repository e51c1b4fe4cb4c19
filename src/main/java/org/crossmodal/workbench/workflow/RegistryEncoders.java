package org.crossmodal.workbench.workflow;

import java.util.List;
import java.util.Map;

import org.crossmodal.workbench.encoder.EncoderOptions;
import org.crossmodal.workbench.encoder.ModelRegistry;
import org.crossmodal.workbench.encoder.SpeechEncoder;
import org.crossmodal.workbench.encoder.TextEncoder;

/** The encoders of a {@link ModelRegistry}: the built-in models, ./models and the per-user folder. */
public final class RegistryEncoders implements EncoderProvider {
    private final ModelRegistry registry;
    private final int batchSize;

    public RegistryEncoders(ModelRegistry registry, int batchSize) {
        this.registry = registry;
        this.batchSize = batchSize;
    }

    /** The standard places, batches of 32. */
    public static RegistryEncoders standard() {
        return new RegistryEncoders(ModelRegistry.standard(), EncoderOptions.defaults().batchSize());
    }

    public ModelRegistry registry() {
        return registry;
    }

    @Override
    public List<ModelSummary> available() {
        return registry.list().stream().map(e -> new ModelSummary(e.name(), e.modality(), e.origin().key(), e.folder(),
                e.isDefault(), e.manifest() == null ? 0 : e.manifest().output().dimension(), e.sharedSpace(), e.problem(),
                e.manifest() == null || e.manifest().provenance() == null ? Map.of() : e.manifest().provenance())).toList();
    }

    @Override
    public SpeechEncoder openSpeech(String nameOrFolder, int threads) {
        return registry.openSpeech(nameOrFolder, new EncoderOptions(threads, batchSize));
    }

    @Override
    public TextEncoder openText(String nameOrFolder, String speechModel, int threads) {
        String name = nameOrFolder != null ? nameOrFolder : registry.defaultText(speechModel).name();
        return registry.openText(name, new EncoderOptions(threads, batchSize));
    }
}
