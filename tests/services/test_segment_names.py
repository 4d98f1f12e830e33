"""Renaming a behaviour segment (services.segment_names): stored with the database, audited,
undone; the name follows the segment into the next run of the segmentation (same name key),
its summary, cells and the command line's output and --segment choice."""

from __future__ import annotations

import json
import warnings

import pytest
from sqlalchemy import select

from crm_desktop.cli import main
from crm_desktop.models import AuditEntry
from crm_desktop.services.analyses.run import run_analysis
from crm_desktop.services.insights.cells import cell_text
from crm_desktop.services.insights.render import render
from crm_desktop.services.segment_names import rename_segment, undo_rename
from crm_desktop.storage.demo.generate import generate
from crm_desktop.storage.errors import ValidationError
from crm_desktop.storage.segment_names import segment_names


def _segments(database):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return run_analysis(database, "segments", {"k_min": 3, "k_max": 3})


def test_rename_is_stored_audited_and_undone(db):
    out = rename_segment(db, "frequent_buyers", "  Our   regulars ")
    assert (out.value.before, out.value.after) == (None, "Our regulars")
    assert segment_names(db) == {"frequent_buyers": "Our regulars"}
    assert "settings" in out.changes.by_entity
    with db.session() as session:
        logged = session.scalars(select(AuditEntry.new_value).where(
            AuditEntry.entity == "settings")).all()
    assert any("Our regulars" in (v or "") for v in logged)
    again = rename_segment(db, "frequent_buyers", "Best friends")
    assert again.value.before == "Our regulars"
    undo_rename(db, again.value)
    assert segment_names(db) == {"frequent_buyers": "Our regulars"}
    undo_rename(db, out.value)
    assert segment_names(db) == {}


def test_blank_gives_the_automatic_name_back_and_names_stay_unique(db):
    rename_segment(db, "frequent_buyers", "Regulars")
    with pytest.raises(ValidationError) as error:
        rename_segment(db, "lapsed_frequent", "regulars")
    assert error.value.field == "name" and "Regulars" not in segment_names(db).get(
        "lapsed_frequent", "")
    with pytest.raises(ValidationError):
        rename_segment(db, "lapsed_frequent", "x" * 61)
    rename_segment(db, "frequent_buyers", "   ")
    assert segment_names(db) == {}


def test_the_name_follows_the_segment_into_the_next_run(db):
    generate(db, 300, seed=1)
    first = _segments(db)
    key = str(first.detail["name"].iloc[0])  # the largest segment
    assert first.names == {}
    rename_segment(db, key, "Core customers")
    second = _segments(db)
    # The same data gives the same segments, known by the same key: the name stays.
    assert key in set(second.detail["name"].astype(str))
    assert second.names == {key: "Core customers"}
    assert cell_text("segment", key, names=second.names) == "Core customers"
    words = " ".join(render(s, names=second.names) for s in second.summary)
    assert "Core customers" in words
    assert cell_text("segment", key) != "Core customers"  # without names: the automatic one


def test_the_command_line_shows_and_chooses_the_name(capsys, db, db_path):
    generate(db, 300, seed=1)
    key = str(_segments(db).detail["name"].iloc[0])
    rename_segment(db, key, "Core customers")
    db.close()
    argv = ["analytics", "segments", "--db", str(db_path), "--k-min", "3", "--k-max", "3"]
    assert main([*argv, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert any("Core customers" in line for line in report["summary"])
    assert {row["label"]: row["label_name"] for row in report["rows"]}.get(key, "Core customers"
                                                                          ) == "Core customers"
    assert main([*argv, "--segment", "core customers", "--tag", "core"]) == 0
    out = capsys.readouterr().out
    assert "Core customers" in out and "tagged" in out
