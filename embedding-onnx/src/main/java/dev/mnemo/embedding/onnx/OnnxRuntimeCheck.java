package dev.mnemo.embedding.onnx;

import dev.mnemo.api.Availability;
import java.lang.reflect.InvocationTargetException;

/** Finds out, cheaply, whether the ONNX Runtime native library loads and the model file is on the class path. */
final class OnnxRuntimeCheck {

    private OnnxRuntimeCheck() {
    }

    static Availability check(ShippedModel model) {
        ClassLoader loader = OnnxRuntimeCheck.class.getClassLoader();
        for (String resource : new String[] {model.modelResource(), model.tokenizerResource()}) {
            if (loader.getResource(resource) == null) {
                return Availability.no("the model resource " + resource + " is not on the class path"
                        + " (add dev.langchain4j:" + model.artifact() + ")");
            }
        }
        try {
            // Loads the native library. Reflection keeps ONNX Runtime a dependency of langchain4j only;
            // the environment is a process-wide singleton owned by ONNX Runtime, nothing to close.
            Class.forName("ai.onnxruntime.OrtEnvironment", true, loader).getMethod("getEnvironment").invoke(null);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException && e.getCause() != null
                    ? e.getCause() : e;
            return Availability.no("ONNX Runtime cannot load on " + System.getProperty("os.name") + "/"
                    + System.getProperty("os.arch") + ": " + cause);
        }
        return Availability.yes("ONNX Runtime loaded; model " + model.id() + " found on the class path");
    }
}
