package dev.mnemo.core.spi;

/**
 * One change of a store's vectors, with the vector as it is now.
 *
 * @param recordId the record
 * @param added    true for an addition, false for a deletion
 * @param vector   the record's current vector, or {@code null} once the record is gone
 */
public record VectorChange(long recordId, boolean added, float[] vector) {
}
