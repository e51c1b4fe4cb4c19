package org.crossmodal.workbench.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.crossmodal.workbench.workflow.EncoderProvider;
import org.crossmodal.workbench.workflow.ModelSummary;
import org.crossmodal.workbench.workflow.RegistryEncoders;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code workbench models}: the encoders it can use. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"Lists the encoders the workbench can use: built in, ./models and ~/.crossmodal-workbench/models.",
                "The default of each modality is marked with *."})
final class ModelsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    /** Replaced in tests. */
    static java.util.function.Supplier<EncoderProvider> provider = RegistryEncoders::standard;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ModelSummary> models = provider.get().available();
        out.printf("%-2s%-24s %-8s %5s  %-8s %-14s %s%n", "", "NAME", "MODALITY", "DIM", "ORIGIN", "SHARED SPACE", "WHERE / LICENSE");
        for (ModelSummary m : models) {
            String where = m.folder() == null ? "class path" : m.folder().toString();
            String license = m.provenance().get("license");
            if (license != null && !license.isBlank()) where += "  (" + license + ")";
            if (!m.usable()) where = "UNUSABLE: " + m.problem();
            out.printf("%-2s%-24s %-8s %5s  %-8s %-14s %s%n", m.isDefault() ? "*" : "", m.name(),
                    m.modality() == null ? "?" : m.modality().key(), m.dimension() > 0 ? String.valueOf(m.dimension()) : "?",
                    m.origin(), m.sharedSpace() == null ? "-" : m.sharedSpace(), where);
        }
        if (models.isEmpty()) out.println("(no models found)");
        out.flush();
        return 0;
    }
}
