"""The progress/cancel helper and the package's light import."""

from __future__ import annotations

import subprocess
import sys

import pytest

from crm_desktop.analytics import Cancelled, report


def test_report_forwards_clamped_progress() -> None:
    seen: list[tuple[float, str]] = []
    report(lambda f, m: seen.append((f, m)), None, 1.5, "done")
    report(lambda f, m: seen.append((f, m)), lambda: False, -0.2, "start")
    assert seen == [(1.0, "done"), (0.0, "start")]


def test_report_raises_when_cancelled() -> None:
    seen: list[float] = []
    with pytest.raises(Cancelled):
        report(lambda f, m: seen.append(f), lambda: True, 0.5, "half")
    assert seen == []


def test_long_running_function_stops_on_cancel() -> None:
    import pandas as pd

    from crm_desktop.analytics.rfm import rfm_table

    orders = pd.DataFrame(
        {
            "customer_id": [1, 2],
            "ordered_at": pd.to_datetime(["2024-01-01", "2024-02-01"]),
            "amount": [1.0, 2.0],
            "status": ["paid", "paid"],
        }
    )
    with pytest.raises(Cancelled):
        rfm_table(orders, "2024-03-01", cancelled=lambda: True)


def test_package_import_is_light() -> None:
    code = (
        "import sys, crm_desktop.analytics as a; "
        "heavy = [m for m in ('pandas', 'numpy', 'sklearn', 'scipy') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
