"""The strongest reasons of a result's rows, kept as codes and numbers and put into words only
for the rows someone reads (a cell shown, a row exported or stored, a JSON row printed).

A churn run explains every customer at medium or high risk: 76,000 of 100,000 on some data,
950,000 of a million. Phrasing and encoding each of their reasons as text took 0.35 s of a
churn run at 100,000 customers and held most of 150 MB of strings at a million, for rows
nobody scrolls to. A :class:`ReasonBook` keeps, per explained row, the feature code and the
value of each of its (at most :data:`TOP`) reasons, strongest first: 30 bytes a row. A result
table's ``reasons`` column holds the row's position in the book (-1: no reasons).

The words are :func:`crm_desktop.analytics.phrases.phrase` of each (feature, value), as
``Sentence("reason:<key>", numbers)``; a key given twice for a row ("never ordered" by
several order columns) is said once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from crm_desktop.services.insights.render import Sentence

if TYPE_CHECKING:
    import pandas as pd

TOP = 3  # reasons kept per row (analytics.reasons.top_reasons' ``top``)
NONE = -1  # the code of "no reason at this rank", and a table row without reasons


@dataclass(frozen=True, eq=False)
class ReasonBook:
    """``features``: feature code -> the model's input column; ``codes`` (rows x TOP, int16):
    the feature code of each rank, :data:`NONE` past the row's last reason; ``values`` (rows x
    TOP): the row's value of that feature (float, or object where a feature is text);
    ``recent_days``: the window of ``orders_recent`` (phrases.phrase)."""

    features: tuple[str, ...]
    codes: np.ndarray
    values: np.ndarray
    recent_days: float = 90.0

    def __len__(self) -> int:
        return len(self.codes)

    def sentences(self, position: Any) -> list[Sentence]:
        """The reasons of the book's row ``position`` (a table's ``reasons`` value), strongest
        first; [] for :data:`NONE` or a missing value."""
        from crm_desktop.analytics.phrases import as_value, phrase
        from crm_desktop.analytics.reasons import Reason

        at = _position(position)
        if at < 0 or at >= len(self.codes):
            return []
        said: list[Sentence] = []
        keys: set[str] = set()
        for code, value in zip(self.codes[at].tolist(), self.values[at].tolist(), strict=True):
            if code < 0:
                break
            found = phrase(Reason(self.features[code], as_value(value), 0.0, 1),
                           recent_days=self.recent_days)
            if found.key not in keys:
                keys.add(found.key)
                said.append(Sentence(f"reason:{found.key}", found.args))
        return said

    def stored(self, positions: Iterable[Any]) -> list[list[list[Any]] | None]:
        """The reasons of rows as analytics_results' details keep them: [[key, *numbers], ...]
        per row, None for a row without reasons. Phrased a feature at a time
        (phrases.phrase_table): one by one, 76,000 rows took about a second."""
        import pandas as pd

        from crm_desktop.analytics.phrases import phrase_table

        at = np.array(list(map(_position, positions)), dtype=np.int64)
        out: list[list[list[Any]] | None] = [None] * len(at)
        known = np.flatnonzero((at >= 0) & (at < len(self.codes)))
        codes, values = self.codes[at[known]], self.values[at[known]]
        row, rank = np.nonzero(codes >= 0)
        if not len(row):
            return out
        features = np.array(self.features, dtype=object)[codes[row, rank]]
        table = pd.DataFrame({"row": row, "rank": rank + 1, "feature": features,
                              "value": values[row, rank]})
        phrases = phrase_table(table, recent_days=self.recent_days)
        keys = phrases["key"].to_numpy(dtype=object)
        said_once = ~pd.DataFrame({"row": row, "key": keys}).duplicated().to_numpy()
        prefixed = {key: f"reason:{key}" for key in set(keys.tolist())}  # shared, not per row
        args = phrases["args"].to_numpy(dtype=object)
        for r, key, numbers in zip(row[said_once].tolist(), keys[said_once].tolist(),
                                   args[said_once].tolist(), strict=True):
            said = out[known[r]]
            if said is None:
                said = out[known[r]] = []
            said.append([prefixed[key], *numbers])
        return out

    def top_keys(self, positions: Iterable[Any], top: int = 2) -> tuple[str, ...]:
        """The phrase keys given as a reason to most of the rows at ``positions`` (each row
        counted once per key), most common first, ties by key. Counted as integers: with a
        Counter of texts per row this took 0.37 s for 42,000 rows."""
        at = _positions_array(positions, len(self.codes))
        if not len(at):
            return ()
        ids, names = self._key_ids(at)
        ordered = np.sort(ids, axis=1)
        repeated = np.zeros(ordered.shape, dtype=bool)
        repeated[:, 1:] = ordered[:, 1:] == ordered[:, :-1]
        counts = np.bincount(ordered[(ordered >= 0) & ~repeated], minlength=len(names))
        ranked = sorted((-int(n), names[i]) for i, n in enumerate(counts.tolist()) if n)
        return tuple(key for _, key in ranked[:top])

    def _key_ids(self, rows: np.ndarray) -> tuple[np.ndarray, list[str]]:
        """The phrase key of each of ``rows``' reasons as an index into the returned names
        (-1: no reason), worked out per feature and kind of value (a key depends on the value
        only through whether it is known, and for the campaign flag through which side of
        0.5 it is)."""
        codes, values = self.codes[rows], self.values[rows]
        ids = np.full(codes.shape, NONE, dtype=np.int64)
        names: dict[str, int] = {}
        for code in np.unique(codes[codes >= 0]).tolist():
            mask = codes == code
            local, keys = _feature_keys(self.features[code], values[mask], self.recent_days)
            remap = np.array([names.setdefault(k, len(names)) for k in keys], dtype=np.int64)
            ids[mask] = remap[local]
        return ids, list(names)


def _feature_keys(feature: str, values: np.ndarray, recent_days: float
                  ) -> tuple[np.ndarray, list[str]]:
    """The phrase key of each value of one feature, as an index into the returned keys:
    phrase() of one value per kind of value."""
    from crm_desktop.analytics.phrases import as_value, phrase
    from crm_desktop.analytics.reasons import Reason

    def key_of(value: Any) -> str:
        return phrase(Reason(feature, as_value(value), 0.0, 1), recent_days=recent_days).key

    if feature == "has_source_campaign" or values.dtype == object:
        return _factorize([key_of(v) for v in values.tolist()])
    missing = np.isnan(values.astype(float))
    keys: list[str] = []
    out = np.zeros(len(values), dtype=np.int64)
    if (~missing).any():
        keys.append(key_of(float(values[~missing][0])))
    if missing.any():
        out[missing] = len(keys)
        keys.append(key_of(float("nan")))
    return out, keys


def _factorize(texts: list[str]) -> tuple[np.ndarray, list[str]]:
    """Codes and distinct texts, in first-seen order."""
    names: dict[str, int] = {}
    codes = np.array([names.setdefault(t, len(names)) for t in texts], dtype=np.int64)
    return codes, list(names)


def _positions_array(positions: Iterable[Any], size: int) -> np.ndarray:
    """Valid book positions as an int64 array (NaN, None and NONE left out)."""
    given = positions if isinstance(positions, np.ndarray | list) else list(positions)
    numbers = np.asarray([np.nan if p is None else p for p in given], dtype=float)
    found: np.ndarray = numbers[np.isfinite(numbers)].astype(np.int64)
    return found[(found >= 0) & (found < size)]


def _position(value: Any) -> int:
    if hasattr(value, "item"):
        value = value.item()
    if value is None or (isinstance(value, float) and value != value):
        return NONE
    return int(value)


class BookWriter:
    """Builds a :class:`ReasonBook` from the reasons tables of chunks of explained rows
    (analytics.reasons.Explanation.table: row, rank, feature, value, ...), and remembers the
    book position of each row that has a reason."""

    def __init__(self, features: Sequence[str], recent_days: float = 90.0) -> None:
        self.features = tuple(str(f) for f in features)
        self.recent_days = recent_days
        self._codes: list[np.ndarray] = []
        self._values: list[np.ndarray] = []
        self._labels: list[np.ndarray] = []
        self._rows = 0

    def add(self, table: pd.DataFrame) -> None:
        """One chunk's reasons (rows without a reason have none in ``table``)."""
        import pandas as pd

        if not len(table):
            return
        labels, position = np.unique(table["row"].to_numpy(), return_inverse=True)
        rank = table["rank"].to_numpy(dtype=np.int64) - 1
        feature = pd.Index(self.features).get_indexer(table["feature"].to_numpy())
        if (feature < 0).any():
            raise ValueError("a reason names a feature the book does not know")
        codes = np.full((len(labels), TOP), NONE, dtype=np.int16)
        codes[position, rank] = feature
        value = table["value"]
        numeric = value.dtype.kind == "f"
        values = np.full((len(labels), TOP), np.nan, dtype=float if numeric else object)
        values[position, rank] = value.to_numpy(dtype=float if numeric else object)
        self._codes.append(codes)
        self._values.append(values)
        self._labels.append(labels)
        self._rows += len(labels)

    def book(self) -> ReasonBook:
        if not self._codes:
            return ReasonBook(self.features, np.full((0, TOP), NONE, dtype=np.int16),
                              np.full((0, TOP), np.nan), self.recent_days)
        numeric = all(v.dtype.kind == "f" for v in self._values)
        values = [v if numeric else v.astype(object) for v in self._values]
        return ReasonBook(self.features, np.concatenate(self._codes), np.concatenate(values),
                          self.recent_days)

    def positions(self) -> pd.Series:
        """Book position per row label (rows with at least one reason)."""
        import pandas as pd

        labels = np.concatenate(self._labels) if self._labels else np.array([], dtype=np.int64)
        return pd.Series(np.arange(len(labels), dtype=np.int32), index=labels)


def positions_of(ids: pd.Series, positions: pd.Series) -> np.ndarray:
    """Each id's book position (int32), :data:`NONE` where it has no reasons."""
    found: np.ndarray = ids.map(positions).fillna(NONE).to_numpy(dtype=np.int32)
    return found

