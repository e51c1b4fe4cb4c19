package org.crossmodal.workbench.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.crossmodal.workbench.core.WorkbenchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

class EspeakPhonemizerTest {
    static boolean espeak() {
        try {
            return new ProcessBuilder("espeak-ng", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    @EnabledIf("espeak")
    void writesWordsInIpaThatSegmentIntoPhonemes() {
        List<String> ipa = EspeakPhonemizer.standard().apply(List.of("cat", "thought", ""));
        assertEquals("kˈæt", ipa.get(0));
        assertEquals("", ipa.get(2));
        List<String> inv = Perturber.phonemeInventory(ipa);
        assertTrue(inv.contains("ɔː") && inv.contains("θ"), inv.toString());
    }

    @Test
    void aMissingProgramIsSaidPlainly() {
        var e = assertThrows(WorkbenchException.class, () -> new EspeakPhonemizer("no-such-espeak-program", "en-us").ipa("cat"));
        assertTrue(e.getMessage().contains("install espeak-ng"), e.getMessage());
    }
}
