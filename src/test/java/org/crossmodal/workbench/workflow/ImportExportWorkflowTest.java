package org.crossmodal.workbench.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.crossmodal.workbench.core.Cancellation;
import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.Modality;
import org.crossmodal.workbench.core.ProgressListener;
import org.crossmodal.workbench.core.WorkbenchException;
import org.crossmodal.workbench.session.Npy;
import org.crossmodal.workbench.session.Session;
import org.crossmodal.workbench.session.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportExportWorkflowTest {
    @TempDir Path dir;

    private Path npy(String name, int rows, int cols) throws IOException {
        float[] d = new float[rows * cols];
        for (int i = 0; i < d.length; i++) d[i] = i * 0.25f - 1;
        Path f = dir.resolve(name);
        Files.write(f, Npy.toBytes(rows, cols, d));
        return f;
    }

    @Test
    void importMatchesMetadataRowsAndRefusesMismatches() throws IOException {
        Path v = npy("v.npy", 3, 2);
        Path meta = dir.resolve("m.tsv");
        Files.writeString(meta, "id\tword\tspeaker\na\talpha\t\nb\tbeta\tann\nc\tgamma\t\n");
        Path s = dir.resolve("s.cmw");
        ImportWorkflow.Result r = ImportWorkflow.run(new ImportWorkflow.Options(v, meta, Modality.SPEECH, "sp", s, false), Cancellation.NONE);
        assertTrue(r.created());
        Session back = SessionStore.open(s);
        assertEquals("beta", back.item("b").label());
        assertEquals("ann", back.item("b").speaker());
        assertArrayEquals(new float[] {-0.5f, -0.25f}, back.space("sp").row(1));
        assertEquals(64, back.space("sp").provenance().get("vectors.sha256").length());

        Path short2 = dir.resolve("short.tsv");
        Files.writeString(short2, "alpha\nbeta\n");
        WorkbenchException e = assertThrows(WorkbenchException.class,
                () -> ImportWorkflow.run(new ImportWorkflow.Options(v, short2, Modality.TEXT, "t", s, false), Cancellation.NONE));
        assertTrue(e.getMessage().contains("has 2 rows but") && e.getMessage().contains("3 vectors"), e.getMessage());

        e = assertThrows(WorkbenchException.class,
                () -> ImportWorkflow.run(new ImportWorkflow.Options(v, meta, Modality.TEXT, "t", s, false), Cancellation.NONE));
        assertTrue(e.getMessage().contains("line 2: item 'a' is already in the session as speech"), e.getMessage());

        Path dup = dir.resolve("dup.tsv");
        Files.writeString(dup, "id\tlabel\nx\tone\ny\ttwo\nx\tthree\n");
        e = assertThrows(WorkbenchException.class,
                () -> ImportWorkflow.run(new ImportWorkflow.Options(v, dup, Modality.TEXT, "t", s, false), Cancellation.NONE));
        assertTrue(e.getMessage().contains(dup + " line 4: id 'x' repeats row 1"), e.getMessage());

        Path missing = dir.resolve("nope.npy");
        e = assertThrows(WorkbenchException.class,
                () -> ImportWorkflow.run(new ImportWorkflow.Options(missing, null, Modality.TEXT, "t", s, false), Cancellation.NONE));
        assertTrue(e.getMessage().contains(missing + " does not exist"), e.getMessage());
        // none of the refused imports touched the session
        assertEquals(List.of("sp"), List.copyOf(SessionStore.open(s).spaces().keySet()));
    }

    @Test
    void cancelledExportLeavesNoFiles() throws IOException {
        Path s = dir.resolve("s.cmw");
        ImportWorkflow.run(new ImportWorkflow.Options(npy("a.npy", 4, 3), null, Modality.TEXT, "one", s, false), Cancellation.NONE);
        ImportWorkflow.run(new ImportWorkflow.Options(npy("b.npy", 4, 3), null, Modality.TEXT, "two", s, false), Cancellation.NONE);
        Path out = dir.resolve("out");
        Cancellation c = new Cancellation();
        // cancel once the first space is written, before the batch is committed
        ProgressListener cancelAfterFirst = (stage, done, total) -> { if (done == 1) c.cancel(); };
        assertThrows(CancelledException.class, () -> ExportWorkflow.export(s, ExportWorkflow.Format.NPY, out, List.of(), cancelAfterFirst, c));
        assertFalse(Files.exists(out), "no file, no temporary file, and not the folders made for them");
        List<Path> written = ExportWorkflow.export(s, ExportWorkflow.Format.NPY, out, List.of("two"), ProgressListener.NONE, Cancellation.NONE);
        assertEquals(List.of(out.resolve("two/embeddings.npy").toAbsolutePath(), out.resolve("two/metadata.tsv").toAbsolutePath()), written);
        assertFalse(Files.exists(out.resolve("one")));
        WorkbenchException e = assertThrows(WorkbenchException.class,
                () -> ExportWorkflow.export(s, ExportWorkflow.Format.CSV, out, List.of("three"), ProgressListener.NONE, Cancellation.NONE));
        assertTrue(e.getMessage().contains("no space 'three'") && e.getMessage().contains("one, two"), e.getMessage());
    }
}
