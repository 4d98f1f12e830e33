"""The strongest chain of introductions between two customers, as the network questions answer
it (``analytics.network`` on a networkx graph, ``analytics.network_index`` on compact arrays)."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

Node = TypeVar("Node", bound=Hashable)


@dataclass(frozen=True)
class IntroductionPath(Generic[Node]):
    """Strongest chain of introductions. ``cost`` = sum of 1/strength (inf when none),
    ``strength`` = product of strengths, ``weakest`` = weakest link (both 0 when none).
    ``nodes``: customer ids (the network's node labels), source first."""

    nodes: list[Node]
    cost: float
    strength: float
    weakest: float

    @property
    def found(self) -> bool:
        return bool(self.nodes)
