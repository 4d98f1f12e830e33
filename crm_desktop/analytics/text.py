"""Themes in ticket and needs text, themes over time, and ticket-volume anomalies.

Text features: TF-IDF over character n-grams (analyzer="char_wb", 2-3 characters, which works
for Chinese without a tokenizer) stacked with TF-IDF over English word 1-2-grams, each block
L2-normalised, then the stacked rows L2-normalised again. Themes: KMeans (default) or NMF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize

from crm_desktop.analytics._progress import CancelFn, ProgressFn, report

_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+")
_DIGITS = re.compile(r"\d+")
_NON_WORD = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")
_LATIN_WORD = re.compile(r"[a-z]{2,}")
_CJK = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")
WORD_PATTERN = r"(?u)\b[a-z][a-z]+\b"
VOLUME_COLUMNS: tuple[str, ...] = (
    "period", "count", "baseline", "upper", "lower", "is_anomaly", "direction",
)


def clean_text(text: object) -> str:
    """Lower-case; drop URLs, e-mail addresses, digits and punctuation; collapse spaces."""
    if not isinstance(text, str):
        return ""
    text = _URL.sub(" ", text.lower())
    text = _NON_WORD.sub(" ", _DIGITS.sub(" ", text))
    return _SPACES.sub(" ", text).strip()


def ticket_texts(tickets: pd.DataFrame) -> pd.Series:
    """subject + " " + body for each ticket (missing parts are empty)."""
    subject = tickets["subject"].fillna("").astype(str)
    body = tickets["body"].fillna("").astype(str)
    return (subject + " " + body).str.strip()


def readable_term(term: str) -> bool:
    """Keep English words/bigrams and 2-character CJK grams; drop partial-word char grams."""
    kind, _, gram = term.partition("__")
    if kind == "word":
        return True
    gram = gram.strip()
    return len(gram) == 2 and bool(_CJK.match(gram))


@dataclass(frozen=True, eq=False)
class TextMatrix:
    """The stacked TF-IDF matrix (rows L2-normalised) and its feature names."""

    matrix: sparse.csr_matrix
    terms: np.ndarray


def vectorise(texts: pd.Series, min_df: int | None = None) -> TextMatrix:
    """Cleaned texts -> char_wb(2,3) TF-IDF stacked with word(1,2) TF-IDF (English words).

    min_df defaults to 2 (1 for fewer than 20 texts); sublinear tf = 1 + log(tf).
    """
    cleaned = texts.map(clean_text)
    docs = cleaned.tolist()
    df_min = min_df if min_df is not None else (2 if len(docs) >= 20 else 1)
    blocks: list[sparse.csr_matrix] = []
    names: list[np.ndarray] = []
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), min_df=df_min, sublinear_tf=True)
    blocks.append(char.fit_transform(docs))
    names.append(np.char.add("char__", char.get_feature_names_out().astype(str)))
    if sum(1 for d in docs if _LATIN_WORD.search(d)) >= df_min:
        word = TfidfVectorizer(
            analyzer="word",
            token_pattern=WORD_PATTERN,
            ngram_range=(1, 2),
            stop_words="english",
            min_df=df_min,
            sublinear_tf=True,
        )
        try:
            blocks.append(word.fit_transform(docs))
            names.append(np.char.add("word__", word.get_feature_names_out().astype(str)))
        except ValueError:  # only stop words left
            pass
    matrix = normalize(sparse.hstack(blocks).tocsr())
    return TextMatrix(matrix, np.concatenate(names))


@dataclass(frozen=True, eq=False)
class ThemeResult:
    """Theme per text, readable top terms per theme, and the cluster quality."""

    labels: pd.Series
    n_themes: int
    top_terms: dict[int, list[str]]
    sizes: dict[int, int]
    silhouettes: dict[int, float]
    method: str

    def theme_names(self, n_terms: int = 3) -> dict[int, str]:
        """ "term1 / term2 / term3" per theme."""
        return {k: " / ".join(v[:n_terms]) for k, v in self.top_terms.items()}


def accessor_variety(docs: list[str], gram: str) -> int:
    """min(distinct left neighbours, distinct right neighbours) of ``gram`` in ``docs``.

    Text boundaries and spaces count as a new neighbour each time. Words have a high variety
    (they combine freely); fragments spanning two words (e.g. 法登 in 无法登录) score 1-2.
    """
    left: set[str] = set()
    right: set[str] = set()
    edges = 0
    for doc in docs:
        start = doc.find(gram)
        while start >= 0:
            before = doc[start - 1] if start > 0 else " "
            end = start + len(gram)
            after = doc[end] if end < len(doc) else " "
            if before == " ":
                edges += 1
                left.add(f" {edges}")
            else:
                left.add(before)
            if after == " ":
                edges += 1
                right.add(f" {edges}")
            else:
                right.add(after)
            start = doc.find(gram, start + 1)
    return min(len(left), len(right))


def _top_terms(
    tm: TextMatrix,
    labels: np.ndarray,
    top_n: int,
    docs: list[str],
    min_variety: int = 2,
    min_lift: float = 1.5,
) -> dict[int, list[str]]:
    keep = np.array([readable_term(t) for t in tm.terms])
    variety: dict[str, int] = {}
    overall = np.asarray(tm.matrix.mean(axis=0)).ravel()
    result: dict[int, list[str]] = {}
    for theme in np.unique(labels):
        members = tm.matrix[labels == theme]
        mean = np.asarray(members.mean(axis=0)).ravel()
        lift = mean / (overall + 1e-12)
        weight = np.where(keep & (lift >= min_lift), mean * np.log1p(lift), -np.inf)
        terms: list[str] = []
        for i in np.argsort(-weight):
            term = str(tm.terms[i]).partition("__")[2].strip()
            if not np.isfinite(weight[i]) or len(terms) == top_n:
                break
            if term in terms:  # " 退款" and "退款 " are the same readable term
                continue
            if _CJK.match(term):
                if term not in variety:
                    variety[term] = accessor_variety(docs, term)
                if variety[term] < min_variety:
                    continue
            terms.append(term)
        result[int(theme)] = terms
    return result


def _cluster(matrix: sparse.csr_matrix, k: int, method: str, random_state: int) -> np.ndarray:
    if method == "nmf":
        weights = NMF(n_components=k, init="nndsvda", random_state=random_state, max_iter=400)
        return np.asarray(weights.fit_transform(matrix).argmax(axis=1))
    if method != "kmeans":
        raise ValueError(f"unknown method {method!r}")
    n_init = 10 if matrix.shape[0] <= 20_000 else 3  # restarts are costly on big corpora
    model = KMeans(n_clusters=k, n_init=n_init, random_state=random_state)
    return np.asarray(model.fit_predict(matrix))


def text_themes(
    texts: pd.Series,
    n_themes: int | None = None,
    *,
    method: str = "kmeans",
    k_range: range = range(2, 9),
    top_n: int = 8,
    random_state: int = 0,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
) -> ThemeResult:
    """Group texts into themes.

    With ``n_themes=None`` k maximises the cosine silhouette over ``k_range`` (on at most 5,000
    texts). Top terms rank readable terms by m * log(1 + m / m_all), m = mean TF-IDF in the
    theme and m_all over all texts (frequent in the theme and distinctive for it), keeping
    terms with m / m_all >= 1.5; Chinese 2-character terms also need an accessor variety >= 2
    (see :func:`accessor_variety`, on at most 5,000 texts), which drops fragments that
    straddle two words.
    """
    report(progress, cancelled, 0.05, "Vectorising text")
    tm = vectorise(texts)
    silhouettes: dict[int, float] = {}
    if n_themes is None:
        ks = [k for k in k_range if 2 <= k < tm.matrix.shape[0]]
        rng = np.random.default_rng(random_state)
        sample = rng.choice(tm.matrix.shape[0], min(5000, tm.matrix.shape[0]), replace=False)
        best_labels: np.ndarray | None = None
        for i, k in enumerate(ks):
            report(progress, cancelled, 0.1 + 0.8 * i / max(len(ks), 1), f"Trying {k} themes")
            labels = _cluster(tm.matrix, k, method, random_state)
            score = -1.0
            if len(np.unique(labels[sample])) > 1:
                score = float(silhouette_score(tm.matrix[sample], labels[sample], metric="cosine"))
            silhouettes[k] = score
            if best_labels is None or score >= max(silhouettes.values()):
                best_labels = labels
        if best_labels is None:
            raise ValueError("need at least 3 texts")
        labels = best_labels
    else:
        report(progress, cancelled, 0.3, f"Clustering into {n_themes} themes")
        labels = _cluster(tm.matrix, n_themes, method, random_state)
    k_used = int(len(np.unique(labels)))
    report(progress, cancelled, 0.95, "Top terms")
    sample = texts.sample(min(len(texts), 5000), random_state=random_state)
    top = _top_terms(tm, labels, top_n, sample.map(clean_text).tolist())
    sizes = {int(k): int(v) for k, v in zip(*np.unique(labels, return_counts=True), strict=True)}
    series = pd.Series(labels, index=texts.index, name="theme")
    report(progress, cancelled, 1.0, "Themes done")
    return ThemeResult(series, k_used, top, sizes, silhouettes, method)


def themes_over_time(labels: pd.Series, dates: pd.Series, freq: str = "M") -> pd.DataFrame:
    """Count of texts per theme per period: rows = periods (all between first and last),
    columns = themes."""
    periods = pd.to_datetime(dates).dt.to_period(freq)
    table = pd.crosstab(periods, labels)
    if table.empty:
        return table
    full = pd.period_range(table.index.min(), table.index.max(), freq=freq)
    return table.reindex(full, fill_value=0)


def volume_anomalies(
    timestamps: pd.Series,
    freq: str = "D",
    window: int = 28,
    k: float = 3.5,
    method: str = "mad",
    min_periods: int = 7,
    periods: pd.PeriodIndex | None = None,
) -> pd.DataFrame:
    """Flag periods whose count departs from the recent past.

    Counts per period (empty periods = 0) over ``periods`` (default: from the first to the last
    period with a timestamp). baseline = rolling median (method 'mad') or mean
    ('zscore') of the previous ``window`` periods; scale = max(1.4826 * rolling MAD (or
    rolling std), sqrt(baseline), 1); is_anomaly = |count - baseline| > k * scale. Columns:
    period, count, baseline, upper, lower, is_anomaly, direction ('high'/'low'/'').
    """
    stamps = pd.to_datetime(timestamps).dropna().dt.to_period(freq)
    counts = stamps.value_counts().sort_index()
    if counts.empty and (periods is None or len(periods) == 0):
        return pd.DataFrame(columns=list(VOLUME_COLUMNS))
    if periods is None:
        full = pd.period_range(counts.index.min(), counts.index.max(), freq=freq)
    else:
        full = periods
    series = counts.reindex(full, fill_value=0).astype(float)
    past = series.shift(1).rolling(window, min_periods=min_periods)
    if method == "mad":
        baseline = past.median()
        spread = (
            series.shift(1)
            .rolling(window, min_periods=min_periods)
            .apply(lambda v: np.median(np.abs(v - np.median(v))), raw=True)
            * 1.4826
        )
    elif method == "zscore":
        baseline, spread = past.mean(), past.std(ddof=0)
    else:
        raise ValueError(f"unknown method {method!r}")
    scale = np.maximum(np.maximum(spread, np.sqrt(baseline.clip(lower=0))), 1.0)
    deviation = series - baseline
    flagged = (deviation.abs() > k * scale) & baseline.notna()
    direction = np.where(flagged, np.where(deviation > 0, "high", "low"), "")
    return pd.DataFrame(
        {
            "period": full,
            "count": series.to_numpy(),
            "baseline": baseline.to_numpy(),
            "upper": (baseline + k * scale).to_numpy(),
            "lower": (baseline - k * scale).to_numpy(),
            "is_anomaly": flagged.to_numpy(),
            "direction": direction,
        }
    )


def theme_volume_anomalies(
    themes: pd.Series,
    timestamps: pd.Series,
    freq: str = "W",
    window: int = 12,
    k: float = 3.5,
    method: str = "mad",
    min_periods: int = 6,
) -> pd.DataFrame:
    """Unusual weeks (``freq``) per theme: :func:`volume_anomalies` on each theme's own counts,
    over the periods of all texts (a theme's quiet weeks count as 0).

    ``themes`` (e.g. :attr:`ThemeResult.labels`) and ``timestamps`` are aligned on the same
    index. Columns: theme, then those of :func:`volume_anomalies`; one row per theme and
    period, by theme then period.
    """
    when = pd.to_datetime(timestamps.reindex(themes.index))
    stamps = when.dropna().dt.to_period(freq)
    if stamps.empty:
        return pd.DataFrame(columns=["theme", *VOLUME_COLUMNS])
    full = pd.period_range(stamps.min(), stamps.max(), freq=freq)
    parts = [
        volume_anomalies(when[themes == theme], freq, window, k, method, min_periods, full)
        .assign(theme=theme)
        for theme in sorted(themes.dropna().unique())
    ]
    out = pd.concat(parts, ignore_index=True)
    return out[["theme", *VOLUME_COLUMNS]]
