/**
 * The {@code faiss} vector backend: Debian's FAISS 1.7.3 (static {@code libfaiss.a}, OpenBLAS,
 * OpenMP) behind a narrow JavaCPP binding that the Maven build generates and compiles into
 * {@code libjniFaiss.so} inside this module's jar.
 *
 * <ul>
 *   <li>{@link dev.mnemo.backend.faiss.FaissIndexProvider}: the provider found by
 *       {@link java.util.ServiceLoader}; reports itself unavailable, with the loader's reason, where
 *       the native library was not built or cannot load.</li>
 *   <li>{@code FaissIndex}: the {@link dev.mnemo.api.vector.VectorIndex}; its javadoc states the
 *       delete, filter, locking and persistence strategy.</li>
 *   <li>{@code FaissHandle}: sole owner of the native pointer; {@code FaissNative}: the JavaCPP
 *       mapping of {@code src/main/cpp/mnemo_faiss.h}.</li>
 *   <li>{@link dev.mnemo.backend.faiss.FaissFiles}: pure-Java reader of legacy flat FAISS files.</li>
 * </ul>
 */
package dev.mnemo.backend.faiss;
