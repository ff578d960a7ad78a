package dev.mnemo.core.store;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Result of comparing a store's vector index and keyword leg with its database.
 *
 * @param databaseVectors      vectors in the database
 * @param indexVectors         vectors in the index
 * @param missingFromIndex     ids in the database but not in the index (sorted)
 * @param extraInIndex         ids in the index but not in the database (sorted)
 * @param keywordRows          rows in the keyword leg
 * @param keywordDifferences   ids whose keyword row is missing, extra, or holds other terms than their
 *                             text analyses to (sorted)
 */
public record VerifyReport(long databaseVectors, long indexVectors, long[] missingFromIndex, long[] extraInIndex,
                           long keywordRows, long[] keywordDifferences) {

    /** True when database and index hold exactly the same ids and the keyword leg matches every record. */
    public boolean consistent() {
        return missingFromIndex.length == 0 && extraInIndex.length == 0 && keywordDifferences.length == 0;
    }

    static VerifyReport compare(long[] inDatabase, long[] inIndex, long keywordRows, long[] keywordDifferences) {
        Set<Long> db = new HashSet<>();
        Arrays.stream(inDatabase).forEach(db::add);
        Set<Long> idx = new HashSet<>();
        Arrays.stream(inIndex).forEach(idx::add);
        long[] missing = Arrays.stream(inDatabase).filter(id -> !idx.contains(id)).sorted().toArray();
        long[] extra = Arrays.stream(inIndex).filter(id -> !db.contains(id)).sorted().toArray();
        return new VerifyReport(inDatabase.length, inIndex.length, missing, extra, keywordRows, keywordDifferences);
    }
}
