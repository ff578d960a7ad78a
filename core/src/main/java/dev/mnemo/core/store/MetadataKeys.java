package dev.mnemo.core.store;

import dev.mnemo.api.filter.MetadataFilter;
import java.util.Set;
import java.util.TreeSet;

/** The keys a metadata filter refers to, for search traces (which keep no values: they may be private). */
final class MetadataKeys {
    private MetadataKeys() {
    }

    static Set<String> of(MetadataFilter filter) {
        Set<String> keys = new TreeSet<>();
        collect(filter, keys);
        return keys;
    }

    private static void collect(MetadataFilter f, Set<String> keys) {
        if (f instanceof MetadataFilter.Compare c) {
            keys.add(c.key());
        } else if (f instanceof MetadataFilter.In in) {
            keys.add(in.key());
        } else if (f instanceof MetadataFilter.Contains c) {
            keys.add(c.key());
        } else if (f instanceof MetadataFilter.Exists e) {
            keys.add(e.key());
        } else if (f instanceof MetadataFilter.And a) {
            a.operands().forEach(o -> collect(o, keys));
        } else if (f instanceof MetadataFilter.Or o) {
            o.operands().forEach(x -> collect(x, keys));
        } else if (f instanceof MetadataFilter.Not n) {
            collect(n.operand(), keys);
        }
    }
}
