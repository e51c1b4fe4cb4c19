package org.crossmodal.workbench.workflow;

import java.nio.file.Path;
import java.util.Map;

import org.crossmodal.workbench.core.Modality;

/**
 * One model as {@code workbench models} and the model pickers show it.
 *
 * @param name        its name
 * @param modality    speech or text (null when its manifest is unreadable)
 * @param origin      builtin, local (./models), user (the per-user folder) or path
 * @param folder      its folder, or null for a model on the class path
 * @param isDefault   the default for its modality
 * @param dimension   output size (0 when unknown)
 * @param sharedSpace id shared by towers trained together, or null
 * @param problem     why it cannot be used, or null
 * @param provenance  source, license, training data, metrics from its manifest
 */
public record ModelSummary(String name, Modality modality, String origin, Path folder, boolean isDefault,
                           int dimension, String sharedSpace, String problem, Map<String, String> provenance) {
    public boolean usable() {
        return problem == null;
    }
}
