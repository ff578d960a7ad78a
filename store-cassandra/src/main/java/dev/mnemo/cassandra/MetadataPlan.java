package dev.mnemo.cassandra;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.Metadata;
import dev.mnemo.api.filter.MetadataFilter;
import dev.mnemo.api.filter.MetadataFilter.And;
import dev.mnemo.api.filter.MetadataFilter.Compare;
import dev.mnemo.api.filter.MetadataFilter.Contains;
import dev.mnemo.api.filter.MetadataFilter.Exists;
import dev.mnemo.api.filter.MetadataFilter.In;
import dev.mnemo.api.filter.MetadataFilter.Not;
import dev.mnemo.api.filter.MetadataFilter.Or;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What of a {@link MetadataFilter} CQL can do: {@code metadata_terms CONTAINS ?} conditions that
 * every matching record meets (see {@link MetadataColumns}), and whether they alone decide it.
 *
 * <p>SAI in Cassandra 5.0 has no {@code OR} or {@code NOT}, so only the top-level conjunction is
 * pushed: {@code eq}, one-value {@code in} and {@code exists} exactly; the orderings,
 * {@code contains} and many-value {@code in} as "the key holds a value of this kind", which only
 * narrows the candidates. {@code ne}, {@code notIn}, {@code or} and {@code not} push nothing. When
 * the terms do not decide the filter, {@link MetadataMatch} decides each candidate.
 *
 * @param terms    terms every match holds, at most {@value #MAX_TERMS}
 * @param exact    true when a record holding every term matches the filter
 * @param kinds    the kind each compared key is compared with (for the check against stored values)
 */
record MetadataPlan(List<String> terms, boolean exact, Map<String, Metadata.Kind> kinds) {
    /** Restrictions per query; SAI intersects each, and a few selective ones already narrow enough. */
    static final int MAX_TERMS = 8;

    /**
     * The plan of a filter.
     *
     * @throws InvalidInputException when the filter compares one key with operands of two kinds
     */
    static MetadataPlan of(MetadataFilter filter) {
        Map<String, Metadata.Kind> kinds = new LinkedHashMap<>();
        collectKinds(filter, kinds);
        Set<String> terms = new LinkedHashSet<>();
        boolean exact = push(filter, terms);
        List<String> kept = new ArrayList<>(terms);
        if (kept.size() > MAX_TERMS) {
            kept = List.copyOf(kept.subList(0, MAX_TERMS));
            exact = false;
        }
        return new MetadataPlan(List.copyOf(kept), exact, kinds);
    }

    /** Adds the terms of a conjunct; true when they decide it. */
    private static boolean push(MetadataFilter f, Set<String> terms) {
        if (f instanceof And and) {
            boolean exact = true;
            for (MetadataFilter o : and.operands()) {
                exact &= push(o, terms);
            }
            return exact;
        }
        if (f instanceof Compare c && c.op() == MetadataFilter.Operator.EQ) {
            terms.add(MetadataColumns.valueTerm(c.key(), c.value()));
            return MetadataColumns.termIsExact(c.value());
        }
        if (f instanceof Compare c && c.op() != MetadataFilter.Operator.NE) {
            terms.add(MetadataColumns.kindTerm(c.key(), Metadata.kind(c.value())));
            return false;
        }
        if (f instanceof In in && !in.negated()) {
            if (in.values().size() == 1) {
                terms.add(MetadataColumns.valueTerm(in.key(), in.values().get(0)));
                return MetadataColumns.termIsExact(in.values().get(0));
            }
            terms.add(MetadataColumns.kindTerm(in.key(), Metadata.kind(in.values().get(0))));
            return false;
        }
        if (f instanceof Contains c) {
            terms.add(MetadataColumns.kindTerm(c.key(), Metadata.Kind.STRING));
            return false;
        }
        if (f instanceof Exists e) {
            terms.add(MetadataColumns.keyTerm(e.key()));
            return true;
        }
        return false; // ne, notIn, or, not: decided client-side
    }

    private static void collectKinds(MetadataFilter f, Map<String, Metadata.Kind> kinds) {
        if (f instanceof Compare c) {
            addKind(kinds, c.key(), Metadata.kind(c.value()));
        } else if (f instanceof In in) {
            addKind(kinds, in.key(), Metadata.kind(in.values().get(0)));
        } else if (f instanceof Contains c) {
            addKind(kinds, c.key(), Metadata.Kind.STRING);
        } else if (f instanceof And and) {
            and.operands().forEach(o -> collectKinds(o, kinds));
        } else if (f instanceof Or or) {
            or.operands().forEach(o -> collectKinds(o, kinds));
        } else if (f instanceof Not not) {
            collectKinds(not.operand(), kinds);
        }
        // exists: any kind
    }

    private static void addKind(Map<String, Metadata.Kind> kinds, String key, Metadata.Kind kind) {
        Metadata.Kind earlier = kinds.putIfAbsent(key, kind);
        if (earlier != null && earlier != kind) {
            throw new InvalidInputException("metadata filter compares key " + Metadata.quote(key) + " with both "
                    + earlier.label() + " and " + kind.label());
        }
    }
}
