"""crm-desktop: an offline-first desktop CRM with local analytics."""

import os

__version__ = "0.1.0"

# BLAS on one thread unless the user says otherwise, set before numpy loads OpenBLAS (it reads
# this once, when the library loads; numpy and scipy each carry one). The analyses multiply
# tall, narrow matrices (100,000 customers x 12 features): too little work per call to share,
# and OpenBLAS's second thread spins while it waits. A logistic fit on 80,000 churn rows took
# 0.84-0.93 s of CPU with two threads and 0.19-0.21 s with one (wall 2.8 -> 0.55 s on a busy
# machine); the seven analyses of bench/analyses.py together 26.0 -> 17.8 s of CPU. Forests and
# k-means parallelise with their own threads (OpenMP, joblib), which this leaves alone.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
