/**
 * Migration of the Python store's legacy files ({@code shared/docs/legacy-format.md}) into Mnemo
 * stores: {@link dev.mnemo.migrate.LegacyScanner} finds the folders, {@link dev.mnemo.migrate.LegacyReader}
 * reads them into a plan, {@link dev.mnemo.migrate.LegacyMigrator} writes, verifies and backs them up.
 *
 * <p>A module of its own so that the library ({@code mnemo-core}) carries neither the pickle reader
 * nor Jackson. It uses only core's public surface, and only these parts of it:
 * <ul>
 *   <li>{@code MemoryService}: {@code character}/{@code story} to open the target store,
 *       {@code model()}, {@code config()} (data directory, text limit) and {@code backend()};</li>
 *   <li>{@code MemoryStore.addAllWithVectors(drafts, vectors, legacyPositions)}: one transaction
 *       with the legacy vectors kept and the old FAISS position in {@code vector_index}; then
 *       {@code stats()}, {@code get(id)} and {@code verify()} ({@code VerifyReport}) to check the result;</li>
 *   <li>{@code StoreNames.check} (a legacy folder name must be a valid store name) and
 *       {@code StoreNames.indexFileName} (a FAISS store's index has the legacy index's name).</li>
 * </ul>
 */
package dev.mnemo.migrate;
