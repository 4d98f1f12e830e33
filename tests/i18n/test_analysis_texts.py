"""The texts the analyses show are in the catalogue lupdate reads
(crm_desktop/ui/analytics/analysis_texts.py, made by scripts/analysis_texts.py), so each has a
translation; and the Analytics page shows them translated."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from crm_desktop.storage.database import open_database
from crm_desktop.ui.analytics.analysis_texts import TEXTS
from tests.conftest import demo_database_file

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from analysis_texts import outcome_texts  # noqa: E402

FAST = ("kpis", "rfm", "segments", "churn", "clv", "quality", "rules", "campaigns", "anomalies")


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory, template_db: Path) -> Path:
    return demo_database_file(tmp_path_factory, template_db, "analysis-texts", 400, 11)


@pytest.mark.parametrize("name", FAST)
def test_every_text_an_analysis_shows_is_catalogued(name: str, demo_path: Path) -> None:
    from crm_desktop.services.analyses.run import run_analysis

    database = open_database(demo_path)
    try:
        shown = outcome_texts(run_analysis(database, name, {}))
    finally:
        database.close()
    assert shown, "the analysis showed no text at all"
    missing = sorted(shown - TEXTS)
    assert not missing, ("texts of the analysis missing from analysis_texts.py: run "
                         f"scripts/analysis_texts.py, then scripts/update_translations.sh: {missing}")


def test_analysis_texts_read_in_chinese(qapp: QCoreApplication) -> None:
    from crm_desktop.ui.analytics.frame_model import analysis_text
    from crm_desktop.ui.language import install_translations

    install_translations(qapp, QLocale("zh_CN"))
    try:
        assert analysis_text("Champions") == "冠军客户"
        assert analysis_text("churn probability") == "流失概率"
        assert analysis_text("a name the data made") == "a name the data made"
    finally:
        install_translations(qapp, QLocale("C"))
        QLocale.setDefault(QLocale("C"))
