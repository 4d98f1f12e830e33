"""Every new row's UUID comes from one place (models.uuids): version 7, unique, and in the
order made within a process (the unique `uuid` indexes grow at one end)."""

from __future__ import annotations

import re
import threading

from sqlalchemy import select

from crm_desktop.models import Customer, new_uuid
from crm_desktop.models.uuids import UuidSource

_V7 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def test_new_uuid_is_version_7_unique_and_ascending():
    made = [new_uuid() for _ in range(20_000)]
    assert all(_V7.fullmatch(u) for u in made)
    assert len(set(made)) == len(made)
    assert [u[:23] for u in made] == sorted(u[:23] for u in made)  # time and counter


def test_one_at_a_time_continues_the_counter_as_take_does():
    one, bulk = UuidSource(), UuidSource()
    bulk._ms = one._ms
    one._counter = bulk._counter = (1 << 14) - 2  # across a run of the counter's low bits
    assert [one.one()[:23] for _ in range(5)] == [u[:23] for u in bulk.take(5)]


def test_threads_never_get_the_same_uuid():
    made: list[list[str]] = [[] for _ in range(4)]

    def make(out: list[str]) -> None:
        out.extend(new_uuid() for _ in range(5000))

    threads = [threading.Thread(target=make, args=(out,)) for out in made]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = [u for out in made for u in out]
    assert len(set(every)) == len(every) == 20_000


def test_rows_added_through_the_orm_get_version_7_uuids(db):
    with db.session() as session:
        session.add(Customer(name="Ada Lovelace"))
        session.commit()
        stored = session.scalars(select(Customer.uuid)).one()
    assert _V7.fullmatch(stored)
