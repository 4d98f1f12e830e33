"""`FieldEdit`: what an edit of plain fields changed, so its undo can write `before` back."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class FieldEdit:
    """The fields an edit changed, with their values before and after."""

    id: int
    before: Mapping[str, Any] = field(default_factory=dict)
    after: Mapping[str, Any] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.after)


def edit_fields(row: Any, values: Mapping[str, Any],
                apply: Callable[[Mapping[str, Any]], Any]) -> FieldEdit:
    """Run `apply(values)` on `row` (an ORM object) and report the fields whose value changed."""
    before = {key: getattr(row, key) for key in values}
    apply(values)
    after = {key: getattr(row, key) for key in values}
    changed = [key for key in values if before[key] != after[key]]
    return FieldEdit(int(row.id), {k: before[k] for k in changed}, {k: after[k] for k in changed})
