package org.crossmodal.workbench.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.crossmodal.workbench.core.WorkbenchException;

/**
 * NumPy {@code .npy} files holding a 2-D float matrix. Writes format 1.0, little-endian float32, C order.
 * Reads format 1.0, 2.0 and 3.0 with dtype float32 or float64 (either byte order), C or Fortran order,
 * and shape {@code (rows, cols)} or {@code (n,)} (read as one column).
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() { }

    /** A matrix read from a file. */
    public record Matrix(int rows, int cols, float[] data) { }

    /** Writes rows x cols floats (row-major) as float32 little-endian. */
    public static void write(OutputStream out, int rows, int cols, float[] data) throws IOException {
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException(rows + "x" + cols + " needs " + (long) rows * cols + " values, got " + data.length);
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int base = MAGIC.length + 2 + 2;
        int total = base + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        StringBuilder h = new StringBuilder(dict);
        h.append(" ".repeat(pad)).append('\n');
        byte[] header = h.toString().getBytes(StandardCharsets.US_ASCII);
        out.write(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length & 0xff);
        out.write((header.length >>> 8) & 0xff);
        out.write(header);
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : data) {
            if (!buf.hasRemaining()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            buf.putFloat(v);
        }
        out.write(buf.array(), 0, buf.position());
    }

    /** Serialises to bytes. */
    public static byte[] toBytes(int rows, int cols, float[] data) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream(128 + data.length * 4);
        try {
            write(bos, rows, cols, data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bos.toByteArray();
    }

    /**
     * Reads a matrix. {@code what} names the source in error messages (a file path or a ZIP entry).
     *
     * @throws WorkbenchException when the bytes are not a supported .npy matrix or are cut short
     */
    public static Matrix read(InputStream in, String what) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8) throw bad(what, "the file is shorter than a .npy header (" + magic.length + " bytes)");
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) throw bad(what, "it does not start with the .npy magic bytes \\x93NUMPY");
        }
        int major = magic[6] & 0xff;
        int headerLen;
        if (major == 1) {
            byte[] l = in.readNBytes(2);
            if (l.length < 2) throw bad(what, "the header is cut short");
            headerLen = (l[0] & 0xff) | (l[1] & 0xff) << 8;
        } else if (major == 2 || major == 3) {
            byte[] l = in.readNBytes(4);
            if (l.length < 4) throw bad(what, "the header is cut short");
            headerLen = ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (headerLen < 0 || headerLen > 1 << 20) throw bad(what, "its header length " + headerLen + " is implausible");
        } else {
            throw bad(what, ".npy format version " + major + "." + (magic[7] & 0xff) + " is not supported (1.0 to 3.0 are)");
        }
        byte[] hb = in.readNBytes(headerLen);
        if (hb.length < headerLen) throw bad(what, "the header is cut short");
        String header = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);

        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) throw bad(what, "its header is not a NumPy array description: " + header.strip());
        String descr = d.group(1);
        boolean fortran = f.group(1).equals("True");
        List<Long> shape = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            if (!part.isBlank()) shape.add(Long.parseLong(part.strip()));
        }
        long rowsL, colsL;
        if (shape.size() == 2) {
            rowsL = shape.get(0);
            colsL = shape.get(1);
        } else if (shape.size() == 1) {
            rowsL = shape.get(0);
            colsL = 1;
        } else {
            throw bad(what, "it holds a " + shape.size() + "-dimensional array " + shape + "; a 2-D matrix (rows = items) is needed");
        }
        if (rowsL * colsL > Integer.MAX_VALUE - 8) throw bad(what, "shape " + shape + " is too large");
        int rows = (int) rowsL, cols = (int) colsL;

        ByteOrder order;
        int width;
        switch (descr.toLowerCase(Locale.ROOT)) {
            case "<f4", "=f4", "f4" -> { order = ByteOrder.LITTLE_ENDIAN; width = 4; }
            case ">f4" -> { order = ByteOrder.BIG_ENDIAN; width = 4; }
            case "<f8", "=f8", "f8" -> { order = ByteOrder.LITTLE_ENDIAN; width = 8; }
            case ">f8" -> { order = ByteOrder.BIG_ENDIAN; width = 8; }
            default -> throw bad(what, "its dtype '" + descr + "' is not float32 or float64; convert it with arr.astype('float32')");
        }
        long n = (long) rows * cols;
        byte[] body = in.readNBytes((int) Math.min(n * width, Integer.MAX_VALUE));
        if (body.length < n * width) {
            throw bad(what, "the data is cut short: shape " + shape + " needs " + n * width + " bytes, found " + body.length);
        }
        ByteBuffer bb = ByteBuffer.wrap(body).order(order);
        float[] data = new float[(int) n];
        for (int i = 0; i < n; i++) {
            float v = width == 4 ? bb.getFloat() : (float) bb.getDouble();
            if (fortran) {
                int c = i / rows, r = i % rows;
                data[r * cols + c] = v;
            } else {
                data[i] = v;
            }
        }
        return new Matrix(rows, cols, data);
    }

    private static WorkbenchException bad(String what, String why) {
        return new WorkbenchException(what + " is not a readable NumPy matrix: " + why + ".");
    }
}
