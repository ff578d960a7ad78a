package dev.mnemo.backend.faiss;

import dev.mnemo.api.Availability;
import org.bytedeco.javacpp.Loader;

/**
 * Loads {@code libjniFaiss} (packaged in this module's jar, extracted by JavaCPP) once per class
 * loader and remembers the outcome, including why it failed. The outcome is fixed at class
 * initialisation, so it is a constant rather than mutable state.
 */
final class NativeLibrary {
    private static final Availability STATUS = load();

    private NativeLibrary() {
    }

    static Availability status() {
        return STATUS;
    }

    private static Availability load() {
        try {
            String path = Loader.load(FaissNative.class);
            return Availability.yes("FAISS 1.7.3 (Debian build) loaded from " + path);
        } catch (LinkageError | RuntimeException e) {
            return Availability.no(explain(e));
        }
    }

    private static String explain(Throwable e) {
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        String resource = Loader.getPlatform() + "/" + System.mapLibraryName("jniFaiss");
        if (FaissNative.class.getResource(resource) == null) {
            return "libjniFaiss was not built into this jar for " + Loader.getPlatform()
                    + " (the FAISS headers /usr/include/faiss were missing at build time: install libfaiss-dev"
                    + " and libopenblas-dev, e.g. with scripts/setup.sh, and rebuild); " + reason;
        }
        return reason + " (the run time needs libopenblas0, libgomp1 and libgfortran5)";
    }
}
