package dev.mnemo.backend.faiss;

import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Name;
import org.bytedeco.javacpp.annotation.Namespace;
import org.bytedeco.javacpp.annotation.Opaque;
import org.bytedeco.javacpp.annotation.Platform;
import org.bytedeco.javacpp.annotation.StdString;

/**
 * JavaCPP mapping of Mnemo's C++ helpers ({@code src/main/cpp/mnemo_faiss.h}) over FAISS 1.7.3.
 * The Maven build generates and compiles {@code libjniFaiss.so} from this class when the FAISS
 * headers are installed. Only {@link FaissHandle} calls these functions: raw pointers never leave
 * this package. Every C++ exception arrives as a {@link RuntimeException} carrying FAISS's message.
 *
 * <p>Link order matters: JavaCPP writes the {@code -l} flags in reverse and the linker runs with
 * {@code --as-needed}, so {@code faiss} must come last for OpenBLAS and OpenMP to stay linked.
 */
@Platform(
        compiler = "cpp17",
        include = "mnemo_faiss.h",
        link = {"gomp", "openblas", "faiss"},
        library = "jniFaiss")
@Namespace("mnemo")
final class FaissNative {

    private FaissNative() {
    }

    /** A {@code faiss::IndexIDMap2*}; owned by exactly one {@link FaissHandle}. */
    @Name("::faiss::IndexIDMap2")
    @Opaque
    static final class IndexPtr extends Pointer {
        IndexPtr() {
            super((Pointer) null);
        }

        IndexPtr(Pointer p) {
            super(p);
        }
    }

    static native IndexPtr create(int d, String factory, boolean innerProduct);

    static native IndexPtr read(String path);

    static native void write(@Cast("const faiss::IndexIDMap2*") IndexPtr map, String path);

    static native void destroy(IndexPtr map);

    static native long ntotal(@Cast("const faiss::IndexIDMap2*") IndexPtr map);

    static native boolean isTrained(@Cast("const faiss::IndexIDMap2*") IndexPtr map);

    static native int dimension(@Cast("const faiss::IndexIDMap2*") IndexPtr map);

    static native boolean isInnerProduct(@Cast("const faiss::IndexIDMap2*") IndexPtr map);

    static native @StdString String kind(@Cast("const faiss::IndexIDMap2*") IndexPtr map);

    static native int efSearch(@Cast("const faiss::IndexIDMap2*") IndexPtr map);

    static native void setHnswParameters(IndexPtr map, int efSearch, int efConstruction);

    static native long rowOf(@Cast("const faiss::IndexIDMap2*") IndexPtr map, long id);

    static native long firstPresent(@Cast("const faiss::IndexIDMap2*") IndexPtr map,
                                    @Cast("const int64_t*") long[] ids, long n,
                                    @Cast("const int64_t*") long[] dead, long nDead);

    static native void copyIds(@Cast("const faiss::IndexIDMap2*") IndexPtr map, @Cast("int64_t*") long[] out);

    static native void add(IndexPtr map, long n, float[] x, @Cast("const int64_t*") long[] ids, int threads);

    static native void purgeInPlace(IndexPtr map, @Cast("const int64_t*") long[] dead, long nDead);

    static native IndexPtr rebuild(@Cast("const faiss::IndexIDMap2*") IndexPtr map, String factory,
                                   boolean innerProduct, @Cast("const int64_t*") long[] dead, long nDead,
                                   int efSearch, int efConstruction, int threads);

    static native long annSearch(@Cast("const faiss::IndexIDMap2*") IndexPtr map, float[] query, long k,
                                 float[] distances, @Cast("int64_t*") long[] labels,
                                 @Cast("const int64_t*") long[] allowed, long nAllowed,
                                 @Cast("const int64_t*") long[] dead, long nDead, int threads);

    static native long exactSearch(@Cast("const faiss::IndexIDMap2*") IndexPtr map, boolean innerProduct,
                                   float[] query, long k, float[] distances, @Cast("int64_t*") long[] labels,
                                   @Cast("const int64_t*") long[] allowed, long nAllowed,
                                   @Cast("const int64_t*") long[] dead, long nDead);
}
