package org.crossmodal.workbench.encoder;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import org.crossmodal.workbench.core.WorkbenchException;

/** An ONNX Runtime session with the description of its inputs and outputs. */
public final class OnnxModel implements AutoCloseable {

    /**
     * One input or output of the model.
     *
     * @param name  tensor name
     * @param type  element type: float32, int64, int32, float64, ... ("other" for non-tensors)
     * @param shape dimensions, -1 where dynamic
     */
    public record TensorSpec(String name, String type, long[] shape) {
        public int rank() {
            return shape.length;
        }

        @Override
        public String toString() {
            return "'" + name + "' " + type + " " + Arrays.stream(shape).mapToObj(d -> d < 0 ? "?" : Long.toString(d))
                    .collect(Collectors.joining(", ", "[", "]"));
        }
    }

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String origin;
    private final String sha256;
    private final int threads;
    private final Map<String, TensorSpec> inputs;
    private final Map<String, TensorSpec> outputs;

    private OnnxModel(OrtEnvironment env, OrtSession session, String origin, String sha256, int threads)
            throws OrtException {
        this.env = env;
        this.session = session;
        this.origin = origin;
        this.sha256 = sha256;
        this.threads = threads;
        this.inputs = specs(session.getInputInfo());
        this.outputs = specs(session.getOutputInfo());
    }

    /** Loads the ONNX file {@code onnx} of a model with {@code threads} intra-op threads. */
    public static OnnxModel load(ModelFiles files, String onnx, int threads) {
        if (!files.exists(onnx)) {
            throw new WorkbenchException("Model file not found: " + files.describe(onnx) + ". The ONNX file named in"
                    + " model.json is missing; copy it into the model folder or fix the name in model.json.");
        }
        OrtEnvironment env = environmentOnLargeStack();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(threads);
            so.setInterOpNumThreads(1);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession s;
            String sha;
            if (files instanceof ModelFiles.Folder f) {
                sha = files.sha256(onnx);
                s = env.createSession(f.resolve(onnx).toString(), so);
            } else {
                byte[] bytes = files.readAll(onnx);
                sha = ModelFiles.sha256(bytes);
                s = env.createSession(bytes, so);
            }
            try {
                return new OnnxModel(env, s, files.describe(onnx), sha, threads);
            } catch (OrtException | RuntimeException e) {
                s.close();
                throw e;
            }
        } catch (OrtException e) {
            throw new WorkbenchException("Model file " + files.describe(onnx) + " is not a valid ONNX model ("
                    + e.getMessage() + "). Replace it with a working export.", e);
        }
    }

    private static volatile OrtEnvironment sharedEnvironment;

    /**
     * The ONNX Runtime environment, created the first time on a thread with a 64 MB stack. Loading the native
     * library and creating the environment needs close to the 1 MB default thread stack: with a long command line
     * (e.g. {@code java -cp} with many jars) it overflowed the main thread's stack and the JVM died with a
     * segmentation fault. Creating it once on a roomy thread avoids that whatever thread opens the first model.
     */
    public static OrtEnvironment environmentOnLargeStack() {
        OrtEnvironment env = sharedEnvironment;
        if (env != null) return env;
        synchronized (OnnxModel.class) {
            if (sharedEnvironment != null) return sharedEnvironment;
            OrtEnvironment[] out = new OrtEnvironment[1];
            Throwable[] err = new Throwable[1];
            Thread t = new Thread(null, () -> {
                try {
                    out[0] = OrtEnvironment.getEnvironment();
                } catch (Throwable e) {
                    err[0] = e;
                }
            }, "onnxruntime-init", 64L << 20);
            t.start();
            boolean interrupted = false;
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) Thread.currentThread().interrupt();
            if (err[0] != null) {
                throw new WorkbenchException("ONNX Runtime could not start on this machine (" + err[0]
                        + "). Check that the platform is supported (Linux, macOS or Windows on x86-64 or arm64).",
                        err[0]);
            }
            sharedEnvironment = out[0];
            return out[0];
        }
    }

    private static Map<String, TensorSpec> specs(Map<String, NodeInfo> info) {
        Map<String, TensorSpec> m = new LinkedHashMap<>();
        info.forEach((name, ni) -> {
            if (ni.getInfo() instanceof TensorInfo ti) {
                m.put(name, new TensorSpec(name, typeName(ti.type), ti.getShape()));
            } else {
                m.put(name, new TensorSpec(name, "other", new long[0]));
            }
        });
        return Collections.unmodifiableMap(m);
    }

    static String typeName(OnnxJavaType t) {
        return switch (t) {
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case INT64 -> "int64";
            case INT32 -> "int32";
            case INT16 -> "int16";
            case INT8 -> "int8";
            case UINT8 -> "uint8";
            case BOOL -> "bool";
            case FLOAT16 -> "float16";
            case BFLOAT16 -> "bfloat16";
            case STRING -> "string";
            default -> t.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    public Map<String, TensorSpec> inputs() {
        return inputs;
    }

    public Map<String, TensorSpec> outputs() {
        return outputs;
    }

    /** SHA-256 of the ONNX file. */
    public String sha256() {
        return sha256;
    }

    public String origin() {
        return origin;
    }

    public int threads() {
        return threads;
    }

    /** The raw ONNX Runtime session, for benchmarks that compare the workbench's overhead with a direct call. */
    public OrtSession session() {
        return session;
    }

    public OrtEnvironment environment() {
        return env;
    }

    /** A float or int64 tensor to feed. */
    public record Feed(String name, long[] shape, float[] floats, long[] longs) {
        public static Feed floats(String name, long[] shape, float[] data) {
            return new Feed(name, shape, data, null);
        }

        public static Feed longs(String name, long[] shape, long[] data) {
            return new Feed(name, shape, null, data);
        }
    }

    /** A float output: flat data and its shape. */
    public record FloatOutput(float[] data, long[] shape) {
    }

    /** Runs the model and returns one float output. */
    public FloatOutput run(List<Feed> feeds, String outputName) {
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (Feed f : feeds) {
                OnnxTensor t = f.floats() != null
                        ? OnnxTensor.createTensor(env, FloatBuffer.wrap(f.floats()), f.shape())
                        : OnnxTensor.createTensor(env, LongBuffer.wrap(f.longs()), f.shape());
                tensors.put(f.name(), t);
            }
            try (OrtSession.Result r = session.run(tensors, Set.of(outputName))) {
                OnnxValue v = r.get(outputName).orElseThrow(() -> new WorkbenchException(
                        "Model " + origin + " returned no output '" + outputName + "'."));
                if (!(v instanceof OnnxTensor t) || t.getInfo().type != OnnxJavaType.FLOAT) {
                    throw new WorkbenchException("Model " + origin + ": output '" + outputName
                            + "' is not a float32 tensor.");
                }
                long[] shape = t.getInfo().getShape();
                FloatBuffer fb = t.getFloatBuffer();
                float[] data = new float[fb.remaining()];
                fb.get(data);
                return new FloatOutput(data, shape);
            }
        } catch (OrtException e) {
            throw new WorkbenchException("Model " + origin + " failed while running: " + e.getMessage(), e);
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    /**
     * Compares a manifest with this model's real inputs and outputs: names, element types and ranks. Every model
     * input must be fed by the manifest. The error names both files and lists what the model really has.
     */
    public void validate(ModelManifest m) {
        ModelManifest.Input in = m.input();
        boolean text = in.kind() == ModelManifest.InputKind.TOKENS || in.kind() == ModelManifest.InputKind.CHARACTERS;
        int dataRank = in.kind() == ModelManifest.InputKind.LOGMEL ? 3 : 2;
        String dataType = text ? "int64" : "float32";
        expectInput(m, in.name(), "input.name", dataType, dataRank);
        if (in.logMel() != null) {
            long mels = inputs.get(in.name()).shape()[2];
            if (mels > 0 && mels != in.logMel().nMels()) {
                throw mismatch(m, "input.nMels is " + in.logMel().nMels() + " but the model's input "
                        + inputs.get(in.name()) + " has " + mels + " mel bands");
            }
        }
        if (in.lengthsName() != null) expectInput(m, in.lengthsName(), "input.lengthsName", "int64", 1);
        if (in.maskName() != null) expectInput(m, in.maskName(), "input.maskName", "int64", 2);
        if (in.typeIdsName() != null) expectInput(m, in.typeIdsName(), "input.typeIdsName", "int64", 2);
        for (String name : inputs.keySet()) {
            if (!name.equals(in.name()) && !name.equals(in.lengthsName()) && !name.equals(in.maskName())
                    && !name.equals(in.typeIdsName())) {
                throw mismatch(m, "the model has an input " + inputs.get(name) + " that the manifest does not feed"
                        + " (add it as input.lengthsName, input.maskName or input.typeIdsName)");
            }
        }
        ModelManifest.Output out = m.output();
        TensorSpec o = outputs.get(out.name());
        int rank = out.pooling() == ModelManifest.Pooling.NONE ? 2 : 3;
        if (o == null) throw mismatch(m, "output.name is '" + out.name() + "' but the model has no such output");
        if (!o.type().equals("float32") || o.rank() != rank) {
            throw mismatch(m, "output.name '" + out.name() + "' with pooling " + out.pooling().key() + " needs float32"
                    + " of rank " + rank + " but the model's output is " + o);
        }
        long last = o.shape()[o.rank() - 1];
        if (last > 0 && last != out.dimension()) {
            throw mismatch(m, "output.dimension is " + out.dimension() + " but the model's output " + o + " has "
                    + last);
        }
    }

    private void expectInput(ModelManifest m, String name, String field, String type, int rank) {
        TensorSpec s = inputs.get(name);
        if (s == null) throw mismatch(m, field + " is '" + name + "' but the model has no such input");
        if (!s.type().equals(type) || s.rank() != rank) {
            throw mismatch(m, field + " '" + name + "' must be " + type + " of rank " + rank + " but the model's"
                    + " input is " + s);
        }
    }

    private WorkbenchException mismatch(ModelManifest m, String what) {
        return new WorkbenchException("Model manifest " + m.origin() + " does not match the ONNX model " + origin
                + ": " + what + ". The model has inputs " + inputs.values() + " and outputs " + outputs.values()
                + ". Fix model.json to match the model.");
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new WorkbenchException("Could not close model " + origin + ": " + e.getMessage(), e);
        }
    }
}
