package org.crossmodal.workbench.workflow;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.encoder.EncoderInfo;
import org.crossmodal.workbench.encoder.SpeechEncoder;
import org.crossmodal.workbench.encoder.TextEncoder;
import org.crossmodal.workbench.probe.Planted;
import org.crossmodal.workbench.session.Session;

/** A planted session and a probe workflow on planted models, for view and view-model tests. */
public final class ProbeFixtures {
    private ProbeFixtures() { }

    /** Twelve words spoken by two speakers, all in the text space, with model provenance. */
    public static Session session() {
        return ProbeWorkflowTest.session(ProbeWorkflowTest.WORDS.size(), true);
    }

    /**
     * A workflow whose text model is a hash of the string; each text encoding sleeps {@code delayMillis} (to give a
     * test time to cancel). {@code encoded} counts the texts encoded.
     */
    public static ProbeWorkflow workflow(long delayMillis, AtomicLong encoded) {
        ProbeWorkflow.Models models = new ProbeWorkflow.Models() {
            @Override
            public SpeechEncoder openSpeech(String nameOrFolder) {
                return new Planted.ProjectionSpeech(2000, 5) {
                    @Override
                    public EncoderInfo info() {
                        return new EncoderInfo("planted-speech", Modality.SPEECH, Planted.DIM, "planted", ProbeWorkflowTest.SHA,
                                null, false, Map.of());
                    }
                };
            }

            @Override
            public TextEncoder openText(String nameOrFolder) {
                Planted.FnText t = new Planted.FnText("planted-text", s -> Planted.hashVector(s, Planted.DIM)) {
                    @Override
                    public EncoderInfo info() {
                        return new EncoderInfo("planted-text", Modality.TEXT, Planted.DIM, "planted", ProbeWorkflowTest.SHA,
                                null, false, Map.of());
                    }
                };
                t.afterEach = () -> {
                    encoded.incrementAndGet();
                    if (delayMillis > 0) {
                        try {
                            Thread.sleep(delayMillis);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                };
                return t;
            }
        };
        return new ProbeWorkflow(models, (file, rate, trim) -> {
            throw new org.crossmodal.workbench.core.WorkbenchException("no audio in this fixture: " + file);
        });
    }
}
