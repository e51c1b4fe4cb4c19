package org.crossmodal.workbench.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.crossmodal.workbench.core.WorkbenchException;

/** Where a model's files come from: a folder on disk, or resources on the class path (the built-in MiniLM). */
public abstract sealed class ModelFiles permits ModelFiles.Folder, ModelFiles.ClassPath {

    public static ModelFiles folder(Path folder) {
        return new Folder(folder);
    }

    /** Resources named {@code prefix + file} on the class path of {@code anchor}. */
    public static ModelFiles classPath(Class<?> anchor, String prefix) {
        return new ClassPath(anchor, prefix);
    }

    /** Opens a file; the error names it and says what to do. */
    public abstract InputStream open(String file);

    public abstract boolean exists(String file);

    /** How to name the file in messages. */
    public abstract String describe(String file);

    /** The folder, or null for class path resources. */
    public abstract Path folder();

    /** All bytes of a file. */
    public byte[] readAll(String file) {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new WorkbenchException("Could not read model file " + describe(file) + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 of a file, lower-case hex. */
    public String sha256(String file) {
        try (InputStream in = open(file)) {
            return sha256(in);
        } catch (IOException e) {
            throw new WorkbenchException("Could not read model file " + describe(file) + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 of a stream's remaining bytes, lower-case hex. */
    public static String sha256(InputStream in) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (DigestInputStream d = new DigestInputStream(in, md)) {
            d.transferTo(OutputStreamNull.INSTANCE);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class OutputStreamNull extends java.io.OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    static final class Folder extends ModelFiles {
        private final Path dir;

        Folder(Path dir) {
            this.dir = dir;
        }

        public Path resolve(String file) {
            return dir.resolve(file);
        }

        @Override
        public InputStream open(String file) {
            Path p = dir.resolve(file);
            try {
                return Files.newInputStream(p);
            } catch (NoSuchFileException e) {
                throw new WorkbenchException("Model file not found: " + p + ". The model folder " + dir
                        + " is incomplete; copy the missing file or fix the name in model.json.", e);
            } catch (IOException e) {
                throw new WorkbenchException("Could not read model file " + p + ": " + e.getMessage(), e);
            }
        }

        @Override
        public boolean exists(String file) {
            return Files.isRegularFile(dir.resolve(file));
        }

        @Override
        public String describe(String file) {
            return dir.resolve(file).toString();
        }

        @Override
        public Path folder() {
            return dir;
        }
    }

    static final class ClassPath extends ModelFiles {
        private final Class<?> anchor;
        private final String prefix;

        ClassPath(Class<?> anchor, String prefix) {
            this.anchor = anchor;
            this.prefix = prefix;
        }

        @Override
        public InputStream open(String file) {
            InputStream in = anchor.getResourceAsStream(prefix + file);
            if (in == null) {
                throw new WorkbenchException("Built-in model file " + describe(file) + " is missing from the class"
                        + " path. The installation is incomplete; rebuild or reinstall the workbench.");
            }
            return in;
        }

        @Override
        public boolean exists(String file) {
            return anchor.getResource(prefix + file) != null;
        }

        @Override
        public String describe(String file) {
            return "class path:" + prefix + file;
        }

        @Override
        public Path folder() {
            return null;
        }
    }
}
