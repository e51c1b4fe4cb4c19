package org.crossmodal.workbench.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.crossmodal.workbench.core.WorkbenchException;

/**
 * Turns texts into IPA with the espeak-ng program ({@code espeak-ng -q --ipa -v VOICE TEXT}), one call per text, for
 * probing a phoneme tower. Stress marks are kept (they are not replaced by the perturbation); lines are joined with a
 * space.
 */
public final class EspeakPhonemizer implements Function<List<String>, List<String>> {
    private final String program;
    private final String voice;

    public EspeakPhonemizer(String program, String voice) {
        this.program = program;
        this.voice = voice;
    }

    /** espeak-ng on the PATH, US English. */
    public static EspeakPhonemizer standard() {
        return new EspeakPhonemizer("espeak-ng", "en-us");
    }

    @Override
    public List<String> apply(List<String> texts) {
        List<String> out = new ArrayList<>(texts.size());
        for (String t : texts) out.add(ipa(t));
        return out;
    }

    public String ipa(String text) {
        if (text.isBlank()) return "";
        ProcessBuilder pb = new ProcessBuilder(program, "-q", "--ipa", "-v", voice, "--", text).redirectErrorStream(true);
        try {
            Process p = pb.start();
            byte[] bytes = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new WorkbenchException(program + " did not answer within 30 s for '" + text + "'.");
            }
            String s = new String(bytes, StandardCharsets.UTF_8).strip().replaceAll("\\s*\\R\\s*", " ");
            if (p.exitValue() != 0) {
                throw new WorkbenchException(program + " failed on '" + text + "' (exit " + p.exitValue() + "): " + s);
            }
            return s;
        } catch (IOException e) {
            throw new WorkbenchException("Could not run " + program + " to write '" + text + "' in IPA (" + e.getMessage()
                    + "): install espeak-ng (Debian package espeak-ng) to probe a phoneme tower.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.crossmodal.workbench.core.CancelledException();
        }
    }
}
