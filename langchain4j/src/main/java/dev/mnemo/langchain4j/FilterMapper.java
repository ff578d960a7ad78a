package dev.mnemo.langchain4j;

import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.ContainsString;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotIn;
import dev.langchain4j.store.embedding.filter.logical.And;
import dev.langchain4j.store.embedding.filter.logical.Not;
import dev.langchain4j.store.embedding.filter.logical.Or;
import dev.mnemo.api.filter.MetadataFilter;
import java.util.Collection;
import java.util.List;

/**
 * LangChain4j's {@link Filter} tree as Mnemo's {@link MetadataFilter}, node for node. The semantics
 * agree: a comparison never matches a record without the key, and {@code IsNotEqualTo},
 * {@code IsNotIn} and {@code Not} do. Values are compared in their stored form
 * ({@link MetadataCodec#filterValue}), so a UUID operand matches the UUIDs stored as strings and
 * ints, longs, floats and doubles compare by value. Comparing a string with a number is Mnemo's
 * {@link dev.mnemo.api.InvalidInputException}, not an empty result.
 */
final class FilterMapper {
    private FilterMapper() {
    }

    /**
     * @throws UnsupportedOperationException for a filter class with no Mnemo equivalent (one of an
     *         application's own)
     */
    static MetadataFilter map(Filter filter) {
        if (filter instanceof IsEqualTo f) {
            return MetadataFilter.eq(f.key(), MetadataCodec.filterValue(f.comparisonValue()));
        }
        if (filter instanceof IsNotEqualTo f) {
            return MetadataFilter.ne(f.key(), MetadataCodec.filterValue(f.comparisonValue()));
        }
        if (filter instanceof IsGreaterThan f) {
            return MetadataFilter.gt(f.key(), MetadataCodec.filterValue(f.comparisonValue()));
        }
        if (filter instanceof IsGreaterThanOrEqualTo f) {
            return MetadataFilter.gte(f.key(), MetadataCodec.filterValue(f.comparisonValue()));
        }
        if (filter instanceof IsLessThan f) {
            return MetadataFilter.lt(f.key(), MetadataCodec.filterValue(f.comparisonValue()));
        }
        if (filter instanceof IsLessThanOrEqualTo f) {
            return MetadataFilter.lte(f.key(), MetadataCodec.filterValue(f.comparisonValue()));
        }
        if (filter instanceof IsIn f) {
            return MetadataFilter.in(f.key(), values(f.comparisonValues()));
        }
        if (filter instanceof IsNotIn f) {
            return MetadataFilter.notIn(f.key(), values(f.comparisonValues()));
        }
        if (filter instanceof ContainsString f) {
            return MetadataFilter.contains(f.key(), f.comparisonValue());
        }
        if (filter instanceof And f) {
            return MetadataFilter.and(map(f.left()), map(f.right()));
        }
        if (filter instanceof Or f) {
            return MetadataFilter.or(map(f.left()), map(f.right()));
        }
        if (filter instanceof Not f) {
            return MetadataFilter.not(map(f.expression()));
        }
        throw new UnsupportedOperationException("the Mnemo embedding store cannot translate filter "
                + filter.getClass().getName() + "; it supports LangChain4j's comparison and logical filters");
    }

    private static List<Object> values(Collection<?> values) {
        return values.stream().map(MetadataCodec::filterValue).toList();
    }
}
