package org.crossmodal.workbench.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.crossmodal.workbench.core.WorkbenchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file within the duration limit but too big for the heap gets a clear error, not an OutOfMemoryError. */
class AudioMemoryTest {
    @TempDir
    Path dir;

    /** Run in a child JVM with a small heap. */
    public static void main(String[] args) {
        try {
            new AudioLoader().load(Path.of(args[0]));
            System.out.println("LOADED");
        } catch (WorkbenchException e) {
            System.out.println("REFUSED " + e.getMessage());
        }
    }

    static String codeOf(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void tooBigForTheHeapIsAClearError() throws Exception {
        // 30 minutes of 16 kHz 16-bit mono: 57.6 MB on disk (sparse), 115 MB of floats; the child has 48 MB
        long frames = 30L * 60 * 16000;
        byte[] head = WavBuilder.wav(1, 0, 1, 16000, 16, new byte[0], frames * 2);
        Path p = dir.resolve("long.wav");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.write(head);
            f.setLength(head.length + frames * 2);
        }
        String cp = String.join(File.pathSeparator, codeOf(AudioMemoryTest.class), codeOf(AudioLoader.class),
                codeOf(WorkbenchException.class), codeOf(org.jflac.sound.spi.FlacAudioFileReader.class),
                codeOf(javazoom.spi.mpeg.sampled.file.MpegAudioFileReader.class),
                codeOf(org.tritonus.share.sampled.file.TAudioFileReader.class),
                codeOf(javazoom.jl.decoder.Bitstream.class), codeOf(com.jcraft.jorbis.Info.class));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process proc = new ProcessBuilder(java, "-Xmx48m", "-cp", cp, AudioMemoryTest.class.getName(), p.toString())
                .redirectErrorStream(true).start();
        assertTrue(proc.waitFor(120, TimeUnit.SECONDS));
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, proc.exitValue(), out);
        assertTrue(out.startsWith("REFUSED Audio file " + p) && out.contains("needs 109 MB") && out.contains("-Xmx"),
                out);
    }
}
