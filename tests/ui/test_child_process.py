"""The long-lived background process: results, cached frames, cancel, crashes, idle exit."""

from __future__ import annotations

import threading
import time

import pytest

from crm_desktop.analytics import Cancelled
from crm_desktop.models import Customer, Order
from crm_desktop.ui.child_process import ChildService
from tests.ui import child_targets as targets


@pytest.fixture
def service(db):
    with db.session() as session:
        customer = Customer(name="Ada")
        session.add(customer)
        session.flush()
        session.add(Order(customer_id=customer.id, number="SO-1"))
    service = ChildService(str(db.path))
    yield service
    service.close()
    assert not service.running


def test_frames_stay_cached_until_the_database_changes(db, service):
    assert service.call(targets.frame_loads) == (1, 1)
    assert service.call(targets.frame_loads) == (1, 1)  # same child, frame kept
    with db.session() as session:
        session.add(Order(customer_id=session.query(Customer).one().id, number="SO-2"))
    assert service.call(targets.frame_loads) == (2, 2)  # the write emptied the cache
    assert service.starts == 1


def test_arguments_progress_and_errors_come_back(service):
    seen: list[tuple[float, str]] = []
    assert service.call(targets.echo, {"k": [1, 2]}) == {"k": [1, 2]}
    with pytest.raises(ValueError, match="no data for this"):
        service.call(targets.fails)
    with pytest.raises(Exception, match="pickle|lambda"):
        service.call(targets.unpicklable)
    with pytest.raises(Cancelled):
        service.call(targets.until_cancelled, progress=lambda *p: seen.append(p),
                     cancelled=lambda: bool(seen))
    assert seen[0] == (0.1, "started")
    assert service.call(targets.echo, 5) == 5
    assert service.starts == 1  # cooperative cancel and errors keep the child


def test_the_child_imports_no_qt(service):
    """The child's side lives outside crm_desktop.ui (whose import loads PySide6.QtCore: 14 MB
    of the analysis process at no use)."""
    assert service.call(targets.qt_imported) is False


def test_only_functions_the_child_can_import_are_sent(service):
    """A function crosses to the child by reference (its module and name): a lambda or a
    nested function cannot, and is refused in the caller instead of never answering."""
    def nested(database, progress, cancelled, frames):
        return 1

    for function in (lambda database, **_: 1, nested):
        with pytest.raises(Exception, match="pickle|local"):
            service.call(function)
    assert service.starts == 0  # refused before any child was started
    assert service.call(targets.echo, "by reference") == "by reference"


def test_a_call_that_ignores_cancel_is_ended_and_the_next_call_gets_a_new_child(service):
    started = threading.Event()
    begun = time.monotonic()
    with pytest.raises(Cancelled):
        service.call(targets.ignores_cancel, progress=lambda *_: started.set(),
                     cancelled=started.is_set)
    assert time.monotonic() - begun < 30
    assert service.call(targets.echo, "again") == "again"
    assert service.starts == 2


def test_a_crashed_child_is_reported_and_replaced(service):
    with pytest.raises(RuntimeError, match="exit code 3"):
        service.call(targets.dies)
    assert service.call(targets.echo, 1) == 1
    assert service.starts == 2


def test_an_idle_child_exits_and_comes_back_on_the_next_call(db):
    service = ChildService(str(db.path), idle_seconds=0.3)
    try:
        assert service.call(targets.echo, 1) == 1
        deadline = time.monotonic() + 10
        while service.running and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not service.running
        assert service.call(targets.echo, 2) == 2
        assert service.starts == 2
    finally:
        service.close()


def test_a_waiting_call_can_be_cancelled_while_another_runs(service):
    started = threading.Event()
    stop = threading.Event()
    outcome: list[object] = []

    def first() -> None:
        try:
            service.call(targets.until_cancelled, progress=lambda *_: started.set(),
                         cancelled=stop.is_set)
        except Cancelled as error:
            outcome.append(error)

    thread = threading.Thread(target=first)
    thread.start()
    assert started.wait(30)
    with pytest.raises(Cancelled):
        service.call(targets.echo, 1, cancelled=lambda: True)
    stop.set()
    thread.join(30)
    assert outcome and isinstance(outcome[0], Cancelled)


def test_after_a_call_the_frames_are_kept_under_the_budget_and_forgotten_over_it(db):
    from crm_desktop.analysis_child import give_back_memory, resident_bytes
    from crm_desktop.storage.frame_cache import FrameCache

    with db.session() as session:
        customer = Customer(name="Ada")
        session.add(customer)
        session.flush()
        session.add(Order(customer_id=customer.id, number="SO-1"))
    cache = FrameCache(db)
    try:
        cache.get("orders")
        assert resident_bytes() > 0  # Linux: the process' own figure
        assert not give_back_memory(cache, budget=1 << 50)
        cache.get("orders")
        assert cache.loads == 1  # kept
        assert give_back_memory(cache, budget=0)
        cache.get("orders")
        assert cache.loads == 2  # forgotten, loaded again
    finally:
        cache.close()
