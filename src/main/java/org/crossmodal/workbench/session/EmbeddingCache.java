package org.crossmodal.workbench.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.crossmodal.workbench.core.WorkbenchException;

/**
 * Embeddings already computed, keyed by (model SHA-256, input SHA-256), in a per-user folder, so that encoding
 * the same files with the same model again computes nothing. One small file per vector:
 * {@code <folder>/<model sha>/<first 2 hex of input key>/<input key>.f32} holding the magic {@code CMWE},
 * the dimension (int32 LE) and the float32 LE values. Entries are written atomically; a damaged entry is
 * ignored (and then overwritten), never trusted. Thread-safe.
 */
public final class EmbeddingCache {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final byte[] MAGIC = {'C', 'M', 'W', 'E'};

    private final Path folder;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /** A cache in {@code folder}; null makes a cache that stores nothing. */
    public EmbeddingCache(Path folder) {
        this.folder = folder;
    }

    /** A cache that stores nothing (every lookup misses). */
    public static EmbeddingCache disabled() {
        return new EmbeddingCache(null);
    }

    /**
     * The per-user cache folder: {@code $WORKBENCH_CACHE} if set, else {@code $XDG_CACHE_HOME/crossmodal-workbench/embeddings},
     * else {@code ~/.cache/crossmodal-workbench/embeddings}. The system property {@code workbench.cache} overrides all.
     */
    public static Path defaultFolder() {
        String p = System.getProperty("workbench.cache");
        if (p == null || p.isBlank()) p = System.getenv("WORKBENCH_CACHE");
        if (p != null && !p.isBlank()) return Path.of(p);
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("crossmodal-workbench").resolve("embeddings");
    }

    public Path folder() {
        return folder;
    }

    public boolean enabled() {
        return folder != null;
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    private Path entry(String modelSha, String inputKey) {
        if (!HEX64.matcher(modelSha).matches() || !HEX64.matcher(inputKey).matches()) {
            throw new IllegalArgumentException("cache keys are lower-case hex SHA-256 digests");
        }
        return folder.resolve(modelSha).resolve(inputKey.substring(0, 2)).resolve(inputKey + ".f32");
    }

    /** The cached vector, or null when absent, unreadable or of another dimension. */
    public float[] get(String modelSha, String inputKey, int dim) {
        if (folder == null) {
            misses.incrementAndGet();
            return null;
        }
        Path f = entry(modelSha, inputKey);
        try {
            byte[] b = Files.readAllBytes(f);
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            if (b.length == 8 + 4L * dim && b[0] == MAGIC[0] && b[1] == MAGIC[1] && b[2] == MAGIC[2] && b[3] == MAGIC[3]
                    && bb.getInt(4) == dim) {
                float[] v = new float[dim];
                bb.position(8);
                bb.asFloatBuffer().get(v);
                hits.incrementAndGet();
                return v;
            }
        } catch (IOException ignored) {
            // absent or unreadable: a miss
        }
        misses.incrementAndGet();
        return null;
    }

    /** Stores a vector; failures to write the cache never fail the caller's work. */
    public void put(String modelSha, String inputKey, float[] v) {
        if (folder == null) return;
        Path f = entry(modelSha, inputKey);
        ByteBuffer bb = ByteBuffer.allocate(8 + 4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(MAGIC).putInt(v.length);
        for (float x : v) bb.putFloat(x);
        try {
            AtomicFiles.write(f, false, out -> out.write(bb.array()));
        } catch (WorkbenchException ignored) {
            // a read-only or full cache folder only costs speed
        }
    }

    /** Hex SHA-256 of a file's bytes. */
    public static String digestFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = sha();
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new WorkbenchException("Cannot read " + file + " to compute its digest: " + e.getMessage() + ".", e);
        }
    }

    /** Hex SHA-256 of strings joined by NUL: combines a content digest with the settings that shape the input. */
    public static String digest(String... parts) {
        MessageDigest md = sha();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) md.update((byte) 0);
            md.update(parts[i].getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
