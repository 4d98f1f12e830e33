"""OpenBLAS runs on one thread in the app's processes unless the user set otherwise
(crm_desktop/__init__.py says why)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = (
    "import crm_desktop, numpy, scipy.linalg, json; "
    "from threadpoolctl import threadpool_info; "
    "print(json.dumps([p['num_threads'] for p in threadpool_info() "
    "if p['user_api'] == 'blas']))"
)


def _blas_threads(**env: str) -> list[int]:
    clean = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    done = subprocess.run([sys.executable, "-c", PROBE], env={**clean, **env}, check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_every_blas_library_runs_on_one_thread():
    found = _blas_threads()
    assert len(found) >= 2  # numpy's and scipy's OpenBLAS, both loaded after crm_desktop
    assert set(found) == {1}


def test_a_users_own_setting_wins():
    assert set(_blas_threads(OPENBLAS_NUM_THREADS="2")) == {2}
