"""What the relationship graph view is given (a customer's circle, a relationship's line) and
the small geometry its canvas and its mouse handling share."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF

GRID = 64.0  # scene units per cell of the canvas' node index


@dataclass(frozen=True)
class NodeSpec:
    id: int
    x: float  # scene coordinates (y grows downwards)
    y: float
    radius: float
    community: int | None
    label: str


@dataclass(frozen=True)
class EdgeSpec:
    source: int
    target: int
    strength: float
    kinds: tuple[str, ...]
    inferred: bool = False  # from the same company / a shared campaign, not recorded

    @property
    def key(self) -> tuple[int, int]:
        return edge_key(self.source, self.target)


def edge_key(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a <= b else (b, a)


def cell(x: float, y: float) -> tuple[int, int]:
    """The node index's cell of a scene point."""
    return int(x // GRID), int(y // GRID)


def distance_to_segment(p: QPointF, a: QPointF, b: QPointF) -> float:
    d, v = b - a, p - a
    length = QPointF.dotProduct(d, d)
    t = max(0.0, min(1.0, QPointF.dotProduct(v, d) / length)) if length else 0.0
    return float(QLineF(p, a + d * t).length())
