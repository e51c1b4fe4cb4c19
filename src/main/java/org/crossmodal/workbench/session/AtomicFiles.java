package org.crossmodal.workbench.session;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.crossmodal.workbench.core.CancelledException;
import org.crossmodal.workbench.core.WorkbenchException;

/**
 * Writes user files so that a reader never sees half of one: the bytes go to a temporary file in the
 * target's own folder, are forced to disk, and the temporary file is renamed over the target in one
 * atomic step. If writing fails or is cancelled the temporary file is removed and the target is untouched.
 */
public final class AtomicFiles {
    private AtomicFiles() { }

    /** Produces a file's content. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code target} atomically; {@code fsync} forces data and the folder entry to disk. */
    public static void write(Path target, boolean fsync, Writer writer) {
        Path tmp = writeTemp(target, fsync, writer);
        commit(tmp, target, fsync);
    }

    /** Writes {@code target} atomically and durably. */
    public static void write(Path target, Writer writer) {
        write(target, true, writer);
    }

    private static Path writeTemp(Path target, boolean fsync, Writer writer) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = createTemp(dir, abs);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream os = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                OutputStream guard = new java.io.FilterOutputStream(os) {
                    @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }
                    @Override public void close() throws IOException { flush(); } // the channel is closed below
                };
                writer.write(guard);
                os.flush();
                if (fsync) ch.force(true);
            }
            return tmp;
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new WorkbenchException("Could not write " + target + ": " + e.getMessage()
                    + ". Check that the folder exists, is writable and has free space.", e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /**
     * Creates the temporary file with the permissions a plain new file gets (the user's umask), not the owner-only
     * mode of {@link Files#createTempFile}; when the target exists its POSIX permissions are carried over.
     */
    private static Path createTemp(Path dir, Path target) throws IOException {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(r.nextLong() & Long.MAX_VALUE) + ".tmp");
            try {
                Files.createFile(tmp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt < 100) continue;
                throw e;
            }
            try {
                if (Files.exists(target)) Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
            } catch (UnsupportedOperationException | IOException ignored) {
                // not a POSIX file system, or the target's mode cannot be read: keep the default
            }
            return tmp;
        }
    }

    private static void commit(Path tmp, Path target, boolean fsync) {
        Path abs = target.toAbsolutePath();
        try {
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            if (fsync) syncDirectory(abs.getParent());
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new WorkbenchException("Could not move the finished file into place at " + target + ": "
                    + e.getMessage() + ". Check that the folder is writable.", e);
        }
    }

    /** Forces a folder's entries to disk where the platform allows it (Linux, macOS); ignored elsewhere. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Not every platform can open a folder as a channel; the rename itself is still atomic.
        }
    }

    static void deleteQuietly(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a stray hidden .tmp file is harmless
        }
    }

    /**
     * Several files that appear together: each is written to a temporary file first, and only when all
     * are complete are they renamed into place. Cancelled or failed batches leave no file behind.
     */
    public static final class Batch implements AutoCloseable {
        private final boolean fsync;
        private final Map<Path, Path> pending = new LinkedHashMap<>();
        private final List<Path> createdDirs = new ArrayList<>();
        private boolean committed;

        public Batch(boolean fsync) {
            this.fsync = fsync;
        }

        public void add(Path target, Writer writer) {
            Path abs = target.toAbsolutePath();
            if (pending.containsKey(abs)) throw new IllegalArgumentException("File written twice: " + target);
            List<Path> missing = new ArrayList<>();
            for (Path d = abs.getParent(); d != null && !Files.exists(d); d = d.getParent()) missing.add(0, d);
            Path tmp = writeTemp(abs, fsync, writer);
            createdDirs.addAll(missing);
            pending.put(abs, tmp);
        }

        /** Renames every file into place. */
        public List<Path> commit() {
            List<Path> done = new ArrayList<>();
            for (Map.Entry<Path, Path> e : pending.entrySet()) {
                AtomicFiles.commit(e.getValue(), e.getKey(), fsync);
                done.add(e.getKey());
            }
            committed = true;
            pending.clear();
            return done;
        }

        /** Removes the temporary files of an uncommitted batch, and the folders it created for them. */
        @Override
        public void close() {
            if (!committed) {
                pending.values().forEach(AtomicFiles::deleteQuietly);
                for (int i = createdDirs.size() - 1; i >= 0; i--) deleteQuietly(createdDirs.get(i)); // only if empty
            }
            pending.clear();
        }
    }

    /** Rethrows cancellation unchanged; used by writers that check a flag in their loops. */
    static void checkCancelled(org.crossmodal.workbench.core.Cancellation c) {
        if (c != null && c.isCancelled()) throw new CancelledException();
    }
}
