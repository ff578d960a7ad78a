package dev.mnemo.core.store;

/**
 * What {@link MemoryStore#compact()} did.
 *
 * @param bytesBefore the database with its WAL before
 * @param bytesAfter  the same after
 * @param nanos       how long it took
 */
public record CompactReport(long bytesBefore, long bytesAfter, long nanos) {
    /** Bytes given back to the file system (negative if the store grew meanwhile). */
    public long reclaimedBytes() {
        return bytesBefore - bytesAfter;
    }
}
