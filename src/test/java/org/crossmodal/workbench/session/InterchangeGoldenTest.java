package org.crossmodal.workbench.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.EmbeddingSet;
import org.crossmodal.workbench.core.Item;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.Provenance;
import org.crossmodal.workbench.core.WorkbenchException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks our .npy, projector TSV and CSV against NumPy (script: src/test/resources/interchange/npy_golden.py). */
class InterchangeGoldenTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final int ROWS = 37, COLS = 11;
    static boolean numpy;

    @TempDir Path dir;

    @BeforeAll
    static void findNumpy() throws Exception {
        numpy = Files.isExecutable(PYTHON)
                && new ProcessBuilder(PYTHON.toString(), "-c", "import numpy").start().waitFor() == 0;
    }

    static float expected(int r, int c) {
        return (float) (((r * 31 + c * 7) % 97) / 13.0 - 3.0);
    }

    static float[] expectedMatrix() {
        float[] m = new float[ROWS * COLS];
        for (int r = 0; r < ROWS; r++) for (int c = 0; c < COLS; c++) m[r * COLS + c] = expected(r, c);
        return m;
    }

    private String python(String mode, Path d) throws Exception {
        Path script = Path.of("src/test/resources/interchange/npy_golden.py");
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), mode, d.toString(),
                String.valueOf(ROWS), String.valueOf(COLS)).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.strip();
    }

    @Test
    void numpyReadsWhatWeWrite() throws Exception {
        assumeTrue(numpy, "needs /usr/bin/python3 with numpy (.ci/run installs python3-numpy)");
        Session s = new Session();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            s.addItem(new Item("i" + i, Modality.TEXT, "label, \"" + i + "\"", null, null));
            ids.add("i" + i);
        }
        EmbeddingSet e = new EmbeddingSet("text:x", Modality.TEXT, ids, COLS, expectedMatrix(), null, Provenance.of("test"));
        try (AtomicFiles.Batch b = new AtomicFiles.Batch(false)) {
            Interchange.writeNpy(s, e, dir, b);
            Interchange.writeProjector(s, e, dir.resolve("p"), b, Cancellation.NONE);
            Interchange.writeCsv(s, e, dir, b, Cancellation.NONE);
            b.commit();
        }
        Files.move(dir.resolve("p/tensors.tsv"), dir.resolve("tensors.tsv"));
        assertEquals("OK", python("check", dir));
        // the metadata written for projector and npy is the same file
        assertArrayEquals(Files.readAllBytes(dir.resolve("metadata.tsv")), Files.readAllBytes(dir.resolve("p/metadata.tsv")));
    }

    @Test
    void weReadWhatNumpyWrites() throws Exception {
        assumeTrue(numpy, "needs /usr/bin/python3 with numpy (.ci/run installs python3-numpy)");
        assertEquals("OK", python("make", dir));
        float[] want = expectedMatrix();
        for (String f : List.of("c_f4.npy", "f_f4.npy", "c_f8.npy", "be_f4.npy", "tensors.tsv")) {
            Npy.Matrix m = Interchange.readVectors(dir.resolve(f));
            assertEquals(ROWS, m.rows(), f);
            assertEquals(COLS, m.cols(), f);
            assertArrayEquals(want, m.data(), f);
        }
        Npy.Matrix one = Interchange.readVectors(dir.resolve("one_d.npy"));
        assertEquals(ROWS, one.rows());
        assertEquals(1, one.cols());
        for (int r = 0; r < ROWS; r++) assertEquals(expected(r, 0), one.data()[r]);
        WorkbenchException ex = assertThrows(WorkbenchException.class, () -> Interchange.readVectors(dir.resolve("int.npy")));
        assertTrue(ex.getMessage().contains("int.npy") && ex.getMessage().contains("float32"), ex.getMessage());
    }

    @Test
    void npyRoundTripWithoutPython() throws IOException {
        float[] data = expectedMatrix();
        data[5] = Float.NaN;
        byte[] bytes = Npy.toBytes(ROWS, COLS, data);
        assertEquals(0, (bytes.length - ROWS * COLS * 4) % 64, "header padded to 64 bytes");
        Npy.Matrix m = Npy.read(new java.io.ByteArrayInputStream(bytes), "x");
        assertArrayEquals(data, m.data());
        Path cut = dir.resolve("cut.npy");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> Interchange.readVectors(cut));
        assertTrue(e.getMessage().contains("cut short") && e.getMessage().contains("cut.npy"), e.getMessage());
        Path notNpy = dir.resolve("text.npy");
        Files.writeString(notNpy, "just some text, renamed");
        e = assertThrows(WorkbenchException.class, () -> Interchange.readVectors(notNpy));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void badTsvRowsNameTheLine() throws IOException {
        Path t = dir.resolve("bad.tsv");
        Files.writeString(t, "1\t2\t3\n4\t5\n");
        WorkbenchException e = assertThrows(WorkbenchException.class, () -> Interchange.readVectors(t));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        Files.writeString(t, "1\t2\nx\t5\n");
        e = assertThrows(WorkbenchException.class, () -> Interchange.readVectors(t));
        assertTrue(e.getMessage().contains("line 2 column 1"), e.getMessage());
        Files.writeString(t, "\n\n");
        e = assertThrows(WorkbenchException.class, () -> Interchange.readVectors(t));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        Path meta = dir.resolve("m.tsv");
        Files.writeString(meta, "id\tlabel\na\tb\nc\n");
        e = assertThrows(WorkbenchException.class, () -> Interchange.readMetadataTsv(meta));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        Files.writeString(meta, "alpha\nbeta\n");
        Interchange.Table tab = Interchange.readMetadataTsv(meta);
        assertEquals(List.of("label"), tab.columns());
        assertEquals(List.of(List.of("alpha"), List.of("beta")), tab.rows());
    }
}
