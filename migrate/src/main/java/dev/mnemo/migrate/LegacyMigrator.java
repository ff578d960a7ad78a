package dev.mnemo.migrate;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.MnemoException;
import dev.mnemo.api.ModelMismatchException;
import dev.mnemo.api.embedding.EmbeddingModel;
import dev.mnemo.api.embedding.EmbeddingResponseException;
import dev.mnemo.api.vector.Vectors;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.core.store.StoreNames;
import dev.mnemo.core.store.VerifyReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports one legacy folder into the store of the same name, per the legacy format:
 *
 * <ol>
 *   <li>read every legacy file into a {@link LegacyFolderPlan} (a corrupt file stops here);</li>
 *   <li>check before writing anything: stored vectors must match the configured model's dimension
 *       (or {@code reembed}), be finite and non-zero, texts must not be blank or over-long;</li>
 *   <li>embed the rows without a vector (all rows with {@code reembed}), outside any transaction;</li>
 *   <li>write a journal, then add every row with its vector and old FAISS position in one
 *       transaction;</li>
 *   <li>verify: record count grew by exactly the plan's rows, the index holds exactly the
 *       database's vectors, every stored row reads back as planned;</li>
 *   <li>only then move the legacy files into {@code backup_before_migration/} and drop the journal.</li>
 * </ol>
 *
 * A dry run stops after step 2 and reports. Running again changes nothing: without legacy files
 * there is nothing to do, and legacy files with identical copies in the backup folder are
 * reported as already migrated. After a crash the journal tells whether the rows were committed
 * (then the run only verifies and moves the files) or not (then it imports them).
 *
 * <p>A store whose backend is FAISS names its index {@code <name>_faiss.index}, like the legacy
 * index; that file is renamed to {@code <name>_faiss.index.legacy} before the store is opened, and
 * put back if the import fails.
 *
 * <p>Uses, but does not own or close, the service and its stores. A migration must be the only
 * writer of its store while it runs. Thread-safe for different folders.
 */
public final class LegacyMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyMigrator.class);

    private final MemoryService service;
    private final LegacyReader reader;

    /**
     * @param service the service whose stores receive the rows (its data directory should be the
     *                one the legacy folders live in, so each store lands beside its legacy files)
     * @param reader  how legacy files are read
     */
    public LegacyMigrator(MemoryService service, LegacyReader reader) {
        this.service = Objects.requireNonNull(service, "service");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /**
     * Migrates (or, with {@link MigrationOptions#dryRun()}, plans) one folder.
     *
     * @throws dev.mnemo.api.CorruptFileException if a legacy file is corrupt; nothing was written
     * @throws ModelMismatchException             if the stored vectors do not fit the configured
     *                                            model; nothing was written
     * @throws MigrationVerificationException     if the rows were committed but do not verify; the
     *                                            legacy files stay in place and the journal remains
     */
    public MigrationResult migrate(LegacyFolder folder, MigrationOptions options) {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(options, "options");
        checkSameDataDirectory(folder);
        LegacyFiles files = LegacyScanner.files(folder);
        MigrationJournal journal = MigrationJournal.read(folder);
        List<String> notes = new ArrayList<>();
        if (files.isEmpty()) {
            if (journal != null && !options.dryRun()) {
                MigrationJournal.delete(folder); // the last run moved every file but stopped before this
                notes.add("removed the journal of a migration that had finished moving its files");
            }
            return new MigrationResult(folder, MigrationOutcome.NOTHING_TO_DO, null, -1, -1, 0, 0, List.of(), notes);
        }
        if (journal == null && LegacyBackup.allBackedUp(folder, files)) {
            return new MigrationResult(folder, MigrationOutcome.ALREADY_MIGRATED, null, -1, -1, 0, 0, List.of(),
                    List.of("remove " + folder.backupDirectory() + " first to import these files again"));
        }
        if (journal != null && !options.dryRun()) {
            MigrationResult resumed = resume(folder, files, journal);
            if (resumed != null) {
                return resumed;
            }
            notes.add("an earlier run had stopped before committing; imported again");
        }

        LegacyFolderPlan plan = reader.plan(folder);
        notes.addAll(plan.warnings());
        plan.unimported().forEach(u -> notes.add("not imported: " + u.reason()));
        EmbeddingModel model = service.model();
        checkBeforeWriting(plan, options, model);
        int toEmbed = options.reembed() ? plan.rows().size() : (int) plan.rowsNeedingEmbedding();
        if (!options.reembed() && toEmbed > 0 && plan.faissRows() > 0
                && !model.name().toLowerCase(Locale.ROOT).contains("bge-m3")) {
            notes.add(toEmbed + " rows are embedded with " + model.name() + " next to " + plan.faissRows()
                    + " stored vectors of the legacy model (BAAI/bge-m3); search across them is only meaningful"
                    + " if both are the same model");
        }
        if (options.dryRun()) {
            if (journal != null) {
                notes.add("an interrupted migration left " + folder.migrationJournal().getFileName()
                        + "; a real run will finish or redo it");
            }
            return new MigrationResult(folder, MigrationOutcome.DRY_RUN, plan, -1, -1, 0, toEmbed,
                    LegacyBackup.targets(folder, files), notes);
        }

        List<float[]> vectors = vectors(plan, options, model);
        boolean parked = LegacyBackup.parkIfColliding(folder, files, storeIndexFile(folder));
        MemoryStore store;
        try {
            store = open(folder);
        } catch (RuntimeException e) {
            undoParking(folder, parked, null, e);
            throw e;
        }
        long before = store.stats().totalRecords();
        MigrationJournal.of(plan, before).write(folder);
        List<MemoryRecord> stored;
        try {
            stored = store.addAllWithVectors(drafts(plan), vectors, positions(plan));
        } catch (RuntimeException e) {
            // one transaction: either nothing was written, or (a failure after the commit) everything
            try {
                if (store.stats().totalRecords() == before) {
                    MigrationJournal.delete(folder);
                    undoParking(folder, parked, store, e);
                }
            } catch (RuntimeException countFailure) {
                e.addSuppressed(countFailure); // the journal stays; the next run finds out
            }
            throw e;
        }
        long after = verify(folder, store, plan, stored, before);
        List<Path> moved = LegacyBackup.moveAll(folder, LegacyScanner.files(folder));
        MigrationJournal.delete(folder);
        LOG.info("migrated {}: {} rows ({} embedded), store holds {} records", folder.relativeName(), stored.size(),
                toEmbed, after);
        return new MigrationResult(folder, MigrationOutcome.MIGRATED, plan, before, after, stored.size(), toEmbed,
                moved, notes);
    }

    /** Finishes a run that committed before it stopped; {@code null} when it had not committed. */
    private MigrationResult resume(LegacyFolder folder, LegacyFiles files, MigrationJournal journal) {
        boolean parked = LegacyBackup.parkIfColliding(folder, files, storeIndexFile(folder));
        MemoryStore store = open(folder);
        long count = store.stats().totalRecords();
        if (count == journal.recordsBefore()) {
            MigrationJournal.delete(folder);
            if (parked) { // leave the folder as a fresh run expects it
                store.close();
                LegacyBackup.unpark(folder);
            }
            return null;
        }
        if (count != journal.recordsBefore() + journal.rows()) {
            throw new MnemoException("cannot tell whether the interrupted migration of " + folder.relativeName()
                    + " committed: the store holds " + count + " records, the journal expects "
                    + journal.recordsBefore() + " (not committed) or " + (journal.recordsBefore() + journal.rows())
                    + " (committed). Check the store, then delete " + folder.migrationJournal());
        }
        checkIndex(folder, store, count);
        List<Path> moved = LegacyBackup.moveAll(folder, LegacyScanner.files(folder));
        MigrationJournal.delete(folder);
        LOG.info("finished the interrupted migration of {}: {} rows were committed", folder.relativeName(),
                journal.rows());
        return new MigrationResult(folder, MigrationOutcome.RESUMED, null, journal.recordsBefore(), count, 0, 0,
                moved, List.of("the rows had been committed by an interrupted run; verified and moved the files"));
    }

    private void checkBeforeWriting(LegacyFolderPlan plan, MigrationOptions options, EmbeddingModel model) {
        OptionalInt legacyDimension = plan.vectorDimension();
        if (!options.reembed() && legacyDimension.isPresent() && legacyDimension.getAsInt() != model.dimension()) {
            throw new ModelMismatchException(plan.folder().relativeName() + ": the legacy FAISS vectors have "
                    + legacyDimension.getAsInt() + " dimensions but the configured embedding model " + model.name()
                    + " has " + model.dimension() + "; nothing was written. Either configure the model the legacy"
                    + " index was built with (BAAI/bge-m3 through SiliconFlow, 1024 dimensions) to keep the stored"
                    + " vectors, or migrate with --reembed to embed every row of both generations with "
                    + model.name() + ".");
        }
        int maxChars = service.config().maxTextChars();
        for (LegacyRow row : plan.rows()) {
            String where = row.generation() == LegacyGeneration.FAISS
                    ? "FAISS position " + row.position() : "entry " + row.position() + " of the memory json";
            if (row.text().isBlank()) {
                throw new InvalidInputException(plan.folder().relativeName() + ": " + where
                        + " has an empty text and cannot be stored; fix or remove it, nothing was written");
            }
            if (row.text().length() > maxChars) {
                throw new InvalidInputException(plan.folder().relativeName() + ": " + where + " has "
                        + row.text().length() + " characters, over the limit of " + maxChars
                        + " (mnemo.store.max-text-chars); nothing was written");
            }
            if (row.hasVector() && !options.reembed()) {
                float[] v = row.vector();
                Vectors.check(v, model.dimension(), plan.folder().relativeName() + ": vector at " + where);
                Vectors.normalized(v, plan.folder().relativeName() + ": vector at " + where);
            }
        }
    }

    /** Stored vectors where kept, fresh embeddings for the rest, in plan order. */
    private static List<float[]> vectors(LegacyFolderPlan plan, MigrationOptions options, EmbeddingModel model) {
        List<LegacyRow> rows = plan.rows();
        List<float[]> vectors = new ArrayList<>(rows.size());
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            LegacyRow row = rows.get(i);
            boolean keep = row.hasVector() && !options.reembed();
            vectors.add(keep ? row.vector() : null);
            if (!keep) {
                missing.add(i);
            }
        }
        for (int start = 0; start < missing.size(); start += options.embedBatchSize()) {
            List<Integer> batch = missing.subList(start, Math.min(missing.size(), start + options.embedBatchSize()));
            List<float[]> embedded = model.embed(batch.stream().map(i -> rows.get(i).text()).toList());
            if (embedded.size() != batch.size()) {
                throw new EmbeddingResponseException("model " + model.name() + " returned " + embedded.size()
                        + " vectors for " + batch.size() + " texts");
            }
            for (int k = 0; k < batch.size(); k++) {
                vectors.set(batch.get(k), embedded.get(k));
            }
        }
        return vectors;
    }

    private static List<MemoryDraft> drafts(LegacyFolderPlan plan) {
        return plan.rows().stream().map(r -> new MemoryDraft(r.type(), r.text(), r.userMessage(),
                r.assistantMessage(), r.timestamp())).toList();
    }

    private static List<Long> positions(LegacyFolderPlan plan) {
        return plan.rows().stream().map(LegacyRow::vectorIndex).toList();
    }

    /** Record count, index against database, and every stored row against its plan row. */
    private static long verify(LegacyFolder folder, MemoryStore store, LegacyFolderPlan plan,
                               List<MemoryRecord> stored, long before) {
        long after = store.stats().totalRecords();
        long expected = before + plan.rows().size();
        if (after != expected || stored.size() != plan.rows().size()) {
            throw new MigrationVerificationException(folder, "the store holds " + after + " records, expected "
                    + expected + " (" + before + " before + " + plan.rows().size() + " imported)");
        }
        checkIndex(folder, store, after);
        for (int i = 0; i < stored.size(); i++) {
            LegacyRow row = plan.rows().get(i);
            long id = stored.get(i).id();
            MemoryRecord back = store.get(id).orElseThrow(() -> new MigrationVerificationException(folder,
                    "record " + id + " is missing right after the import"));
            if (!back.text().equals(row.text()) || !back.timestamp().equals(row.timestamp())
                    || !back.type().equals(row.type()) || !Objects.equals(back.vectorIndex(), row.vectorIndex())
                    || !Objects.equals(back.userMessage(), row.userMessage())
                    || !Objects.equals(back.assistantMessage(), row.assistantMessage())) {
                throw new MigrationVerificationException(folder, "record " + id + " does not read back as "
                        + row.generation() + " position " + row.position() + " was planned");
            }
        }
        return after;
    }

    private static void checkIndex(LegacyFolder folder, MemoryStore store, long records) {
        VerifyReport report = store.verify();
        if (!report.consistent() || report.databaseVectors() != records || report.indexVectors() != records) {
            throw new MigrationVerificationException(folder, records + " records, " + report.databaseVectors()
                    + " vectors in the database, " + report.indexVectors() + " in the index ("
                    + report.missingFromIndex().length + " missing from the index, " + report.extraInIndex().length
                    + " extra)");
        }
    }

    /** The store must land beside the legacy files: the service has to use the same data directory. */
    private void checkSameDataDirectory(LegacyFolder folder) {
        Path expected = service.config().dataDir().resolve(folder.kind().directory()).resolve(folder.name())
                .toAbsolutePath().normalize();
        if (!expected.equals(folder.directory().toAbsolutePath().normalize())) {
            throw new InvalidInputException("legacy folder " + folder.directory() + " is not under the service's"
                    + " data directory " + service.config().dataDir() + "; migrate with the data directory it lives in");
        }
    }

    private MemoryStore open(LegacyFolder folder) {
        return folder.kind() == LegacyKind.CHARACTER ? service.character(folder.name()) : service.story(folder.name());
    }

    /** The file the store writes its index to. */
    private Path storeIndexFile(LegacyFolder folder) {
        return folder.directory().resolve(StoreNames.indexFileName(folder.name(), service.backend().provider().name()));
    }

    /** Closes the store first: it saves its index on close, which must not land on the legacy file. */
    private static void undoParking(LegacyFolder folder, boolean parked, MemoryStore store, RuntimeException cause) {
        if (!parked) {
            return;
        }
        try {
            if (store != null) {
                store.close();
            }
            LegacyBackup.unpark(folder);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
