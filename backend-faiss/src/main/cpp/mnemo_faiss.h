// Mnemo's C++ helpers over FAISS 1.7.3, compiled into libjniFaiss by JavaCPP.
//
// Why a helper layer: IndexIDMap2::search rejects SearchParameters in 1.7.3, so filtered
// search calls the sub-index with a selector that maps sub-index rows to our ids; deletes
// on HNSW are tombstones (dead rows) excluded by the same selector; exact scoring of a
// small allowed set and index rebuilds need loops that would cost one JNI call per vector
// otherwise. Every function validates what it can before entering FAISS, because an
// exception inside an OpenMP region terminates the process.
#pragma once

#include <faiss/Index.h>
#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIDMap.h>
#include <faiss/IndexIVF.h>
#include <faiss/impl/FaissException.h>
#include <faiss/impl/HNSW.h>
#include <faiss/impl/IDSelector.h>
#include <faiss/index_factory.h>
#include <faiss/index_io.h>
#include <faiss/utils/distances.h>
#include <omp.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace mnemo {

typedef faiss::Index::idx_t idx_t;

// A set of int64 values given sorted ascending (not copied: the caller keeps the array alive).
// Dense sets (SQLite row ids) get a bitmap so that membership is O(1) inside graph walks.
class SortedSet {
  public:
    SortedSet(const int64_t* sorted, size_t n, bool allowBitmap)
            : sorted_(sorted), n_(n), base_(0) {
        if (n == 0 || !allowBitmap) {
            return;
        }
        int64_t lo = sorted[0];
        int64_t hi = sorted[n - 1];
        if (hi < lo) {
            return;
        }
        uint64_t span = (uint64_t)(hi - lo) + 1;
        if (span <= std::max<uint64_t>(4096, (uint64_t)n * 64)) {
            base_ = lo;
            bits_.assign((span + 63) / 64, 0);
            for (size_t i = 0; i < n; i++) {
                uint64_t o = (uint64_t)(sorted[i] - lo);
                bits_[o >> 6] |= 1ULL << (o & 63);
            }
        }
    }

    bool contains(int64_t v) const {
        if (n_ == 0) {
            return false;
        }
        if (!bits_.empty()) {
            if (v < base_) {
                return false;
            }
            uint64_t o = (uint64_t)(v - base_);
            if ((o >> 6) >= bits_.size()) {
                return false;
            }
            return (bits_[o >> 6] >> (o & 63)) & 1ULL;
        }
        return std::binary_search(sorted_, sorted_ + n_, v);
    }

    bool empty() const {
        return n_ == 0;
    }

  private:
    const int64_t* sorted_;
    size_t n_;
    int64_t base_;
    std::vector<uint64_t> bits_;
};

// Sub-index rows that are alive (not tombstoned) and whose id is allowed (null = all).
struct RowSelector : faiss::IDSelector {
    const std::vector<idx_t>& idMap;
    const SortedSet* allowedIds;
    const SortedSet& deadRows;

    RowSelector(const std::vector<idx_t>& idMap, const SortedSet* allowedIds, const SortedSet& deadRows)
            : idMap(idMap), allowedIds(allowedIds), deadRows(deadRows) {}

    bool is_member(idx_t row) const override {
        if (deadRows.contains(row)) {
            return false;
        }
        return allowedIds == nullptr || allowedIds->contains(idMap[row]);
    }
};

inline faiss::MetricType metricOf(bool innerProduct) {
    return innerProduct ? faiss::METRIC_INNER_PRODUCT : faiss::METRIC_L2;
}

// Reconstruction (used by exact scoring and rebuilds) needs a direct map on IVF indexes.
inline void prepareSubIndex(faiss::Index* sub) {
    if (auto* ivf = dynamic_cast<faiss::IndexIVF*>(sub)) {
        if (ivf->direct_map.type == faiss::DirectMap::NoMap) {
            ivf->set_direct_map_type(faiss::DirectMap::Array);
        }
    }
}

// Wraps a sub-index that may already hold vectors (IndexIDMap2's constructor insists on an
// empty one), taking ownership of it. ids may be null: then ids are the row positions.
inline faiss::IndexIDMap2* wrap(faiss::Index* sub, const idx_t* ids) {
    std::unique_ptr<faiss::Index> owned(sub);
    std::unique_ptr<faiss::IndexIDMap2> map(new faiss::IndexIDMap2());
    map->d = sub->d;
    map->metric_type = sub->metric_type;
    map->metric_arg = sub->metric_arg;
    map->is_trained = sub->is_trained;
    map->ntotal = sub->ntotal;
    map->id_map.resize(sub->ntotal);
    for (idx_t i = 0; i < sub->ntotal; i++) {
        map->id_map[i] = ids == nullptr ? i : ids[i];
    }
    map->construct_rev_map();
    map->index = owned.release();
    map->own_fields = true;
    return map.release();
}

inline void setHnswParameters(faiss::IndexIDMap2* map, int efSearch, int efConstruction) {
    if (auto* hnsw = dynamic_cast<faiss::IndexHNSW*>(map->index)) {
        if (efSearch > 0) {
            hnsw->hnsw.efSearch = efSearch;
        }
        if (efConstruction > 0) {
            hnsw->hnsw.efConstruction = efConstruction;
        }
    }
}

// A new empty index: the factory's index wrapped in an IndexIDMap2 that owns it.
inline faiss::IndexIDMap2* create(int d, const char* factory, bool innerProduct) {
    faiss::Index* sub = faiss::index_factory(d, factory, metricOf(innerProduct));
    prepareSubIndex(sub);
    return wrap(sub, nullptr);
}

// Reads a FAISS file. An IndexIDMap2 is returned as is; an IndexIDMap is converted; any other
// index is wrapped with ids 0..ntotal-1 (its row positions, as legacy files use them).
inline faiss::IndexIDMap2* read(const char* path) {
    std::unique_ptr<faiss::Index> index(faiss::read_index(path));
    if (auto* map2 = dynamic_cast<faiss::IndexIDMap2*>(index.get())) {
        index.release();
        prepareSubIndex(map2->index);
        return map2;
    }
    if (auto* map = dynamic_cast<faiss::IndexIDMap*>(index.get())) {
        if (!map->own_fields) {
            throw std::runtime_error("IndexIDMap read from file does not own its sub-index");
        }
        std::vector<idx_t> ids = map->id_map;
        faiss::Index* sub = map->index;
        map->own_fields = false;
        index.reset();
        prepareSubIndex(sub);
        return wrap(sub, ids.data());
    }
    faiss::Index* sub = index.release();
    prepareSubIndex(sub);
    return wrap(sub, nullptr);
}

inline void write(const faiss::IndexIDMap2* map, const char* path) {
    faiss::write_index(map, path);
}

inline void destroy(faiss::IndexIDMap2* map) {
    delete map;
}

inline int64_t ntotal(const faiss::IndexIDMap2* map) {
    return map->ntotal;
}

inline bool isTrained(const faiss::IndexIDMap2* map) {
    return map->is_trained;
}

inline int dimension(const faiss::IndexIDMap2* map) {
    return map->d;
}

inline bool isInnerProduct(const faiss::IndexIDMap2* map) {
    return map->metric_type == faiss::METRIC_INNER_PRODUCT;
}

// "flat", "hnsw", "ivf" or "other": decides how deletes are purged and how filters are applied.
inline std::string kind(const faiss::IndexIDMap2* map) {
    if (dynamic_cast<const faiss::IndexFlat*>(map->index) != nullptr) {
        return "flat";
    }
    if (dynamic_cast<const faiss::IndexHNSW*>(map->index) != nullptr) {
        return "hnsw";
    }
    if (dynamic_cast<const faiss::IndexIVF*>(map->index) != nullptr) {
        return "ivf";
    }
    return "other";
}

inline int efSearch(const faiss::IndexIDMap2* map) {
    auto* hnsw = dynamic_cast<const faiss::IndexHNSW*>(map->index);
    return hnsw == nullptr ? -1 : hnsw->hnsw.efSearch;
}

// The row the id was last added at, or -1.
inline int64_t rowOf(const faiss::IndexIDMap2* map, int64_t id) {
    auto it = map->rev_map.find(id);
    return it == map->rev_map.end() ? -1 : it->second;
}

// Index in ids of the first id that is present (in the id map and not on a dead row), or -1.
inline int64_t firstPresent(const faiss::IndexIDMap2* map, const int64_t* ids, int64_t n,
                            const int64_t* dead, int64_t nDead) {
    SortedSet deadRows(dead, (size_t)nDead, false);
    for (int64_t i = 0; i < n; i++) {
        auto it = map->rev_map.find(ids[i]);
        if (it != map->rev_map.end() && !deadRows.contains(it->second)) {
            return i;
        }
    }
    return -1;
}

// Copies the id of every row (dead ones included) into out (ntotal entries).
inline void copyIds(const faiss::IndexIDMap2* map, int64_t* out) {
    std::copy(map->id_map.begin(), map->id_map.end(), out);
}

inline void add(faiss::IndexIDMap2* map, int64_t n, const float* x, const int64_t* ids, int threads) {
    omp_set_num_threads(threads);
    if (!map->is_trained) {
        // IVF and friends learn their centroids from the first batch
        map->train(n, x);
    }
    map->add_with_ids(n, x, ids);
}

// Compacts the id map after the sub-index dropped the given rows.
inline void dropRows(faiss::IndexIDMap2* map, const SortedSet& dead) {
    size_t j = 0;
    for (size_t i = 0; i < map->id_map.size(); i++) {
        if (!dead.contains((idx_t)i)) {
            map->id_map[j++] = map->id_map[i];
        }
    }
    map->id_map.resize(j);
    map->ntotal = map->index->ntotal;
    map->construct_rev_map();
}

// Removes the dead rows in place (flat indexes only; their remove_ids keeps row order).
inline void purgeInPlace(faiss::IndexIDMap2* map, const int64_t* dead, int64_t nDead) {
    if (dynamic_cast<faiss::IndexFlat*>(map->index) == nullptr) {
        throw std::runtime_error("in-place removal is only used for flat indexes");
    }
    SortedSet deadRows(dead, (size_t)nDead, true);
    struct DeadSelector : faiss::IDSelector {
        const SortedSet& rows;
        explicit DeadSelector(const SortedSet& rows) : rows(rows) {}
        bool is_member(idx_t row) const override {
            return rows.contains(row);
        }
    } selector(deadRows);
    size_t removed = map->index->remove_ids(selector);
    if ((int64_t)removed != nDead) {
        throw std::runtime_error("sub-index removed " + std::to_string(removed) + " rows, expected "
                                 + std::to_string(nDead));
    }
    dropRows(map, deadRows);
}

// A new index built by the factory from the live rows of map (HNSW cannot remove vectors).
inline faiss::IndexIDMap2* rebuild(const faiss::IndexIDMap2* map, const char* factory, bool innerProduct,
                                   const int64_t* dead, int64_t nDead, int efSearch, int efConstruction,
                                   int threads) {
    omp_set_num_threads(threads);
    SortedSet deadRows(dead, (size_t)nDead, true);
    size_t d = (size_t)map->d;
    std::vector<float> vectors;
    std::vector<idx_t> ids;
    vectors.reserve((size_t)(map->ntotal - nDead) * d);
    ids.reserve((size_t)(map->ntotal - nDead));
    std::vector<float> buf(d);
    for (idx_t row = 0; row < map->ntotal; row++) {
        if (deadRows.contains(row)) {
            continue;
        }
        map->index->reconstruct(row, buf.data());
        vectors.insert(vectors.end(), buf.begin(), buf.end());
        ids.push_back(map->id_map[row]);
    }
    std::unique_ptr<faiss::IndexIDMap2> fresh(create(map->d, factory, innerProduct));
    setHnswParameters(fresh.get(), efSearch, efConstruction);
    if (!ids.empty()) {
        add(fresh.get(), (int64_t)ids.size(), vectors.data(), ids.data(), threads);
    }
    return fresh.release();
}

// Nearest neighbours through the index: results are compacted to the front, labels are our
// ids; returns how many were found. allowed == nullptr means every id.
inline int64_t annSearch(const faiss::IndexIDMap2* map, const float* query, int64_t k, float* distances,
                         int64_t* labels, const int64_t* allowed, int64_t nAllowed, const int64_t* dead,
                         int64_t nDead, int threads) {
    omp_set_num_threads(threads);
    if (allowed == nullptr && nDead == 0) {
        map->search(1, query, k, distances, labels);
    } else {
        SortedSet deadRows(dead, (size_t)nDead, false);
        std::unique_ptr<SortedSet> allowedIds;
        if (allowed != nullptr) {
            allowedIds.reset(new SortedSet(allowed, (size_t)nAllowed, true));
        }
        RowSelector selector(map->id_map, allowedIds.get(), deadRows);
        const faiss::Index* sub = map->index;
        if (auto* hnsw = dynamic_cast<const faiss::IndexHNSW*>(sub)) {
            faiss::SearchParametersHNSW params;
            params.sel = &selector;
            params.efSearch = hnsw->hnsw.efSearch;
            sub->search(1, query, k, distances, labels, &params);
        } else if (auto* ivf = dynamic_cast<const faiss::IndexIVF*>(sub)) {
            faiss::SearchParametersIVF params;
            params.sel = &selector;
            params.nprobe = ivf->nprobe;
            params.max_codes = ivf->max_codes;
            sub->search(1, query, k, distances, labels, &params);
        } else {
            faiss::SearchParameters params;
            params.sel = &selector;
            sub->search(1, query, k, distances, labels, &params);
        }
        for (int64_t i = 0; i < k; i++) {
            if (labels[i] >= 0) {
                labels[i] = map->id_map[labels[i]];
            }
        }
    }
    int64_t found = 0;
    for (int64_t i = 0; i < k; i++) {
        if (labels[i] >= 0) {
            labels[found] = labels[i];
            distances[found] = distances[i];
            found++;
        }
    }
    return found;
}

// Exact top-k over the allowed ids (nullptr: all live rows), scored like the index does
// (inner product, or squared L2). Returns how many were found, best first.
inline int64_t exactSearch(const faiss::IndexIDMap2* map, bool innerProduct, const float* query, int64_t k,
                           float* distances, int64_t* labels, const int64_t* allowed, int64_t nAllowed,
                           const int64_t* dead, int64_t nDead) {
    SortedSet deadRows(dead, (size_t)nDead, false);
    size_t d = (size_t)map->d;
    const faiss::IndexFlat* flat = dynamic_cast<const faiss::IndexFlat*>(map->index);
    if (flat == nullptr) {
        if (auto* hnsw = dynamic_cast<const faiss::IndexHNSW*>(map->index)) {
            flat = dynamic_cast<const faiss::IndexFlat*>(hnsw->storage);
        }
    }
    std::vector<float> buf(d);
    // "better" is a larger key: the inner product, or the negated distance
    auto keyOf = [&](idx_t row) -> float {
        const float* v;
        if (flat != nullptr) {
            v = flat->get_xb() + (size_t)row * d;
        } else {
            map->index->reconstruct(row, buf.data());
            v = buf.data();
        }
        return innerProduct ? faiss::fvec_inner_product(query, v, d) : -faiss::fvec_L2sqr(query, v, d);
    };
    typedef std::pair<float, idx_t> Entry; // key, id
    auto worseFirst = [](const Entry& a, const Entry& b) { return a.first > b.first; };
    std::vector<Entry> heap;
    heap.reserve((size_t)k + 1);
    auto offer = [&](float key, idx_t id) {
        if ((int64_t)heap.size() < k) {
            heap.emplace_back(key, id);
            std::push_heap(heap.begin(), heap.end(), worseFirst);
        } else if (key > heap.front().first) {
            std::pop_heap(heap.begin(), heap.end(), worseFirst);
            heap.back() = Entry(key, id);
            std::push_heap(heap.begin(), heap.end(), worseFirst);
        }
    };
    if (allowed == nullptr) {
        for (idx_t row = 0; row < map->ntotal; row++) {
            if (!deadRows.contains(row)) {
                offer(keyOf(row), map->id_map[row]);
            }
        }
    } else {
        for (int64_t i = 0; i < nAllowed; i++) {
            auto it = map->rev_map.find(allowed[i]);
            if (it != map->rev_map.end() && !deadRows.contains(it->second)) {
                offer(keyOf(it->second), allowed[i]);
            }
        }
    }
    std::sort_heap(heap.begin(), heap.end(), worseFirst);
    for (size_t i = 0; i < heap.size(); i++) {
        distances[i] = innerProduct ? heap[i].first : -heap[i].first;
        labels[i] = heap[i].second;
    }
    return (int64_t)heap.size();
}

} // namespace mnemo
