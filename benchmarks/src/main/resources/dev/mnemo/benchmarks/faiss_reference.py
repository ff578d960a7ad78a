"""Reference single-query latency of Debian's python3-faiss on the benchmark's own vectors.

Builds IDMap2(<factory>) with inner product (what the faiss backend builds for cosine), one
OpenMP thread (the backend's default), then for each efSearch measures recall@k against the
given ground truth and the latency of one index.search call per query, cycling the queries
for a fixed time. Run with /usr/bin/python3 (Debian's faiss and numpy).

usage: faiss_reference.py base.npy queries.npy truth.npy out.json factory ef_construction efs seconds
"""
import json
import sys
import time

import faiss
import numpy as np


def main(argv):
    base_path, query_path, truth_path, out_path, factory, ef_construction, efs, seconds = argv
    base = np.ascontiguousarray(np.load(base_path), dtype="float32")
    queries = np.ascontiguousarray(np.load(query_path), dtype="float32")
    truth = np.load(truth_path)
    k = truth.shape[1]
    faiss.omp_set_num_threads(1)
    sub = faiss.index_factory(base.shape[1], factory, faiss.METRIC_INNER_PRODUCT)
    hnsw = faiss.downcast_index(sub).hnsw if "HNSW" in factory else None
    if hnsw is not None:
        hnsw.efConstruction = int(ef_construction)
    index = faiss.IndexIDMap2(sub)
    started = time.perf_counter()
    index.add_with_ids(base, np.arange(base.shape[0], dtype="int64"))
    build_seconds = time.perf_counter() - started
    singles = [queries[i:i + 1].copy() for i in range(queries.shape[0])]
    results = []
    for ef in [int(e) for e in efs.split(",")]:
        if hnsw is not None:
            hnsw.efSearch = ef
        hits = 0
        for i, q in enumerate(singles):  # also the warm-up pass
            _, ids = index.search(q, k)
            hits += len(set(ids[0].tolist()) & set(truth[i].tolist()))
        samples = []
        deadline = time.perf_counter() + float(seconds)
        i = 0
        while time.perf_counter() < deadline:
            q = singles[i % len(singles)]
            t0 = time.perf_counter_ns()
            index.search(q, k)
            samples.append(time.perf_counter_ns() - t0)
            i += 1
        ms = np.array(samples, dtype="float64") / 1e6
        results.append({
            "efSearch": ef,
            "recall": hits / (k * len(singles)),
            "p50_ms": float(np.percentile(ms, 50)),
            "p99_ms": float(np.percentile(ms, 99)),
            "mean_ms": float(ms.mean()),
            "samples": int(ms.size),
        })
    report = {
        "engine": "python3-faiss " + faiss.__version__,
        "factory": factory,
        "efConstruction": int(ef_construction),
        "size": int(base.shape[0]),
        "dim": int(base.shape[1]),
        "queries": int(queries.shape[0]),
        "k": int(k),
        "build_seconds": build_seconds,
        "results": results,
    }
    with open(out_path, "w") as out:
        json.dump(report, out, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
