"""Single-query latency of Debian's python3-faiss on an HNSW32 index, the baseline for FaissLatencyMain.

  /usr/bin/python3 hnsw_latency.py build DIR     # 20k clustered 384-d vectors -> DIR/hnsw32.index, DIR/queries.f32
  /usr/bin/python3 hnsw_latency.py measure DIR   # k=10, efSearch 64, 1 OpenMP thread, one query per call

measure prints one line "python p50_us=... mean_us=..." and writes DIR/python_ids.i64 (top-10 ids per query).
"""
import sys
import time

import faiss
import numpy as np

N, D, CENTRES, QUERIES, K, EF = 20_000, 384, 200, 1_000, 10, 64


def normalised(x):
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype('float32')


def build(folder):
    rng = np.random.default_rng(20261129)
    centres = rng.standard_normal((CENTRES, D)).astype('float32')
    data = normalised(centres[rng.integers(0, CENTRES, N)] + 0.3 * rng.standard_normal((N, D)).astype('float32'))
    queries = normalised(data[rng.integers(0, N, QUERIES)] + 0.1 * rng.standard_normal((QUERIES, D)).astype('float32'))
    index = faiss.IndexIDMap2(faiss.IndexHNSWFlat(D, 32, faiss.METRIC_INNER_PRODUCT))
    index.add_with_ids(data, np.arange(1, N + 1, dtype='int64'))
    faiss.write_index(index, f'{folder}/hnsw32.index')
    queries.astype('<f4').tofile(f'{folder}/queries.f32')
    print(f'built {N} x {D}, {QUERIES} queries in {folder}')


def measure(folder):
    faiss.omp_set_num_threads(1)
    index = faiss.read_index(f'{folder}/hnsw32.index')
    faiss.downcast_index(index.index).hnsw.efSearch = EF
    queries = np.fromfile(f'{folder}/queries.f32', dtype='<f4').reshape(-1, D)
    for q in queries[:200]:  # warm-up
        index.search(q.reshape(1, D), K)
    times = []
    ids = np.zeros((len(queries), K), dtype='int64')
    for i, q in enumerate(queries):
        one = q.reshape(1, D)
        start = time.perf_counter_ns()
        _, labels = index.search(one, K)
        times.append(time.perf_counter_ns() - start)
        ids[i] = labels[0]
    ids.astype('<i8').tofile(f'{folder}/python_ids.i64')
    times = np.array(times) / 1000.0
    print(f'python p50_us={np.median(times):.1f} mean_us={times.mean():.1f}')


if __name__ == '__main__':
    {'build': build, 'measure': measure}[sys.argv[1]](sys.argv[2])
