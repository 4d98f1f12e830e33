"""Matching a batch of customer rows against the database and the rows before it, and giving
the new ones their ids (`CustomerMatcher`).

The rules are those of one row after the other (match.py's module docstring): a row that
claims a key (external id, UUID, e-mail, phone; a company row also its name) an earlier row
claimed is an in-file duplicate; otherwise it updates the live customer its first key matches,
or is new. Worked out on whole batches: keys no other row shares (almost all of them) need no
order, so only rows sharing a key with another row are walked one after the other, and the
database is asked once per batch (`existing_customer_keys`, one set-based query).

Companies: a person's company is found by name among live companies (and those this import
created); an unknown name creates the company. A company row later in the file with that name
then fills in the company it created, and a company row whose name matches an existing
company counts as a match (so re-importing a file of companies creates nothing twice).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from crm_desktop.storage.importing.customer_batch import CustomerBatch
from crm_desktop.storage.importing.match import Duplicate, existing_customer_keys
from crm_desktop.storage.importing.rows import CustomerRow
from crm_desktop.storage.importing.validate import InvalidValue

Key = tuple[str, str]


@dataclass
class ChunkPlan:
    new: list[int] = field(default_factory=list)  # rows of the batch that become customers
    updates: list[tuple[int, CustomerRow]] = field(default_factory=list)
    invalid: list[InvalidValue] = field(default_factory=list)


@dataclass
class Placed:
    """The customers a batch adds, in id order: the batch row of each (a negative number -k
    is the k-th company created for a name people gave), its id, its company's id and name."""

    rows: list[int] = field(default_factory=list)
    ids: list[int] = field(default_factory=list)
    company_ids: list[int | None] = field(default_factory=list)
    company_names: list[str | None] = field(default_factory=list)
    created_names: list[str] = field(default_factory=list)  # names of the companies created


def _keys(batch: CustomerBatch) -> tuple[list[Key], list[int]]:
    """Every key of the batch and its row, each row's keys in the order they are tried:
    external id, UUID, its e-mails and phones (as `build_customer` lists them) and, for a
    company row, its name last."""
    keys: list[Key] = []
    rows: list[int] = []
    for kind, values in (("external_id", batch.external_ids), ("external_id", batch.uuids)):
        for i, value in enumerate(values):
            if value:
                keys.append((kind, value))
                rows.append(i)
    contacts = batch.contacts
    keys.extend(zip(contacts.kinds, contacts.keys, strict=True))
    rows.extend(contacts.rows)
    kinds = batch.columns.get("kind")
    if kinds is not None:
        names = batch.columns["name"]
        for i, kind in enumerate(kinds):
            if kind == "company" and names[i]:
                keys.append(("company", names[i].casefold()))
                rows.append(i)
    return keys, rows


def _by_row(keys: list[Key], rows: list[int], wanted: set[int]) -> dict[int, list[Key]]:
    """The keys of the rows in `wanted`, in each row's order."""
    out: dict[int, list[Key]] = {}
    ordered = sorted(range(len(rows)), key=rows.__getitem__)  # stable: keeps the key order
    for j in ordered:
        row = rows[j]
        if row in wanted:
            out.setdefault(row, []).append(keys[j])
    return out


# Every live company, oldest first: read from ix_customers_companies alone (revision 0010;
# tests/storage/test_index_plans.py), not by a scan of every customer.
COMPANIES_SQL = ("SELECT id, name FROM customers WHERE kind = 'company' "
                 "AND +deleted_at IS NULL ORDER BY id")


class CustomerMatcher:
    """Matches batches to live customers and to earlier rows of the file, batch by batch."""

    def __init__(self, raw: Any, on_match: str, next_id: int) -> None:
        self.raw = raw  # a DBAPI connection that reads the database as it was before
        self.on_match = on_match
        self.next_id = next_id
        self.seen: dict[Key, int] = {}
        self.claimed: dict[int, int] = {}
        self.duplicates: list[Duplicate] = []
        self.matched_skipped = 0
        self.companies: dict[str, int] = {}
        self.company_names: dict[int, str] = {}
        self.created: set[int] = set()
        self.adopted: list[tuple[int, CustomerRow]] = []
        cursor = raw.cursor()
        try:
            self.any_customers = cursor.execute(
                "SELECT 1 FROM customers LIMIT 1").fetchone() is not None
            for company_id, name in cursor.execute(COMPANIES_SQL):
                self.companies.setdefault(name.casefold(), company_id)
                self.company_names[company_id] = name
        finally:
            cursor.close()

    def plan(self, batch: CustomerBatch) -> ChunkPlan:
        keys, rows = _keys(batch)
        dropped, duplicates = self._in_file_duplicates(batch, keys, rows)
        existing = existing_customer_keys(self.raw, keys) if self.any_customers else {}
        targets: dict[int, int] = {}
        if existing:
            hits = {row for key, row in zip(keys, rows, strict=True) if key in existing}
            for row, row_keys in _by_row(keys, rows, hits - dropped).items():
                targets[row] = next(existing[k] for k in row_keys if k in existing)
        kinds = batch.columns.get("kind")
        if kinds is not None:
            names = batch.columns["name"]
            for i, kind in enumerate(kinds):
                if kind == "company" and names[i] and i not in targets and i not in dropped:
                    company = self.companies.get(names[i].casefold())
                    if company is not None:
                        targets[i] = company
        plan = ChunkPlan()
        missing = batch.missing_name
        for i in range(len(batch)):
            if i in dropped:
                continue
            target = targets.get(i)
            if target is None:
                if missing[i]:
                    plan.invalid.append(batch.missing(i))
                else:
                    plan.new.append(i)
            elif target in self.created:
                self.adopted.append((target, batch.row(i)))  # fills in a company created here
            elif target in self.claimed:
                duplicates.append((i, Duplicate(batch.numbers[i], self.claimed[target],
                                                f"customer {target}")))
            else:
                self.claimed[target] = batch.numbers[i]
                if self.on_match == "update":
                    plan.updates.append((target, batch.row(i)))
                else:
                    self.matched_skipped += 1
        duplicates.sort(key=lambda pair: pair[0])
        self.duplicates.extend(duplicate for _i, duplicate in duplicates)
        return plan

    def _in_file_duplicates(self, batch: CustomerBatch, keys: list[Key], rows: list[int]
                            ) -> tuple[set[int], list[tuple[int, Duplicate]]]:
        """Rows that claim a key an earlier row claimed; the keys of the others are noted."""
        seen = self.seen
        numbers = batch.numbers
        counts = Counter(keys)
        shared = {key for key, count in counts.items() if count > 1}
        if len(seen) < len(counts):
            shared.update(key for key in seen if key in counts)
        else:
            shared.update(key for key in counts if key in seen)
        if not shared:
            seen.update(zip(keys, map(numbers.__getitem__, rows), strict=True))
            return set(), []
        walked = {row for key, row in zip(keys, rows, strict=True) if key in shared}
        for key, row in zip(keys, rows, strict=True):
            if row not in walked:
                seen[key] = numbers[row]
        dropped: set[int] = set()
        duplicates: list[tuple[int, Duplicate]] = []
        for row, row_keys in sorted(_by_row(keys, rows, walked).items()):
            earlier = next((k for k in row_keys if k in seen), None)
            if earlier is not None:
                dropped.add(row)
                duplicates.append((row, Duplicate(numbers[row], seen[earlier],
                                                  f"{earlier[0]} {earlier[1]}")))
                continue
            for key in row_keys:
                seen[key] = numbers[row]
        return dropped, duplicates

    def place(self, batch: CustomerBatch, new: list[int],
              updates: list[tuple[int, CustomerRow]]) -> Placed:
        """Ids for the new rows and their company ids and names; companies first named here
        are created (just before the row that names them)."""
        placed = Placed()
        companies, company_names = self.companies, self.company_names
        kinds = batch.columns.get("kind")
        names = batch.columns["name"]
        company = batch.company

        def company_of(text: str | None) -> int | None:
            if not text:
                return None
            key = text.casefold()
            found = companies.get(key)
            if found is None:
                placed.created_names.append(text)
                found = self._emit(placed, -len(placed.created_names), None)
                self.created.add(found)
                companies.setdefault(key, found)
                company_names.setdefault(found, text)
            return found

        for _target, row in updates:
            company_of(row.company)
        for i in new:
            if kinds is not None and kinds[i] == "company":
                created = companies.get(names[i].casefold())
                if created in self.created:  # named by a person earlier in this batch
                    self.adopted.append((created, batch.row(i)))
                    continue
                new_id = self._emit(placed, i, company_of(company[i]))
                companies.setdefault(names[i].casefold(), new_id)
                company_names.setdefault(new_id, names[i])
            else:
                self._emit(placed, i, company_of(company[i]))
        return placed

    def _emit(self, placed: Placed, row: int, company_id: int | None) -> int:
        new_id = self.next_id
        self.next_id += 1
        placed.rows.append(row)
        placed.ids.append(new_id)
        placed.company_ids.append(company_id)
        placed.company_names.append(self.company_names.get(company_id) if company_id else None)
        return new_id
