package org.crossmodal.workbench.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import org.junit.jupiter.api.Test;

/**
 * Regression: with a long command line, creating the ONNX Runtime environment on the main thread overflowed its
 * stack and killed the JVM (SIGSEGV, exit 139). {@link OnnxModel#environmentOnLargeStack()} creates it on a roomy
 * thread. This starts a JVM with a 6000-character class path and opens a model in it.
 */
class OrtStartupTest {
    /** Run in the child JVM: start ONNX Runtime the way the workbench does and open a tiny model. */
    public static void main(String[] args) throws Exception {
        OrtEnvironment env = OnnxModel.environmentOnLargeStack();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
             OrtSession s = env.createSession(args[0], so)) {
            System.out.println("inputs " + s.getInputNames());
        }
    }

    static String jarOf(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void startsWithALongClassPath() throws Exception {
        List<String> cp = new ArrayList<>();
        cp.add(jarOf(OrtStartupTest.class));                              // test classes
        cp.add(jarOf(OnnxModel.class));                                   // main classes
        cp.add(jarOf(OrtEnvironment.class));                              // onnxruntime
        cp.add(jarOf(org.crossmodal.workbench.core.WorkbenchException.class));
        cp.add("/nonexistent/" + "x".repeat(6000));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                String.join(File.pathSeparator, cp), OrtStartupTest.class.getName(),
                TestModels.folder("tiny-speech").resolve("tiny-speech.onnx").toString())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM timed out");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("inputs [waveform, lengths]"), out);
    }
}
