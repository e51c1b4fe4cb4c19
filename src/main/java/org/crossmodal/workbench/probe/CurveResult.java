package org.crossmodal.workbench.probe;

import java.util.List;
import java.util.Objects;

import org.crossmodal.workbench.core.Provenance;

/**
 * What a curve probe (text perturbation, noise or voice shift) returns.
 *
 * @param kind                "text-perturbation", "noise" or "voice-shift"
 * @param curves              one curve per unit (characters, phonemes), per noise kind and scale, or the one voice-shift curve
 * @param itemsUsed           recordings that took part
 * @param skippedNoTranscript recordings left out because they have no transcript
 * @param skippedLowScore     recordings whose clean matched score was at or below the threshold, so a relative
 *                            drop is undefined for them (they still count in P@1)
 * @param partial             true when the run was cancelled: curves hold only the draws (or factors) that finished
 * @param warnings            things the user should know (a noise kind skipped, a tiny session)
 * @param provenance          options, seed, models, input digests
 */
public record CurveResult(String kind, List<Curve> curves, int itemsUsed, int skippedNoTranscript,
                          int skippedLowScore, boolean partial, List<String> warnings, Provenance provenance) {
    public CurveResult {
        Objects.requireNonNull(kind, "kind");
        curves = List.copyOf(curves);
        warnings = List.copyOf(warnings);
    }

    /**
     * Whether this is a voice-shift result with the per-speaker breakdown: the curve {@value VoiceShiftProbe#ALL}
     * first, then one curve per speaker.
     */
    public boolean bySpeaker() {
        return kind.equals(VoiceShiftProbe.KIND) && !curves.isEmpty() && curves.get(0).name().equals(VoiceShiftProbe.ALL);
    }

    public Curve curve(String name) {
        for (Curve c : curves) if (c.name().equals(name)) return c;
        return null;
    }
}
