"""Segmentation finds planted behaviour groups; DBSCAN, PCA and the value score behave."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import silhouette_score

from crm_desktop.analytics import segmentation as seg

AS_OF = pd.Timestamp("2024-12-31")

# (orders per customer, mean amount, days since the orders (low, high), complaint tickets)
GROUPS = [
    (20, 200.0, (0, 120), 0),  # frequent big spenders, recent
    (4, 50.0, (300, 700), 0),  # lapsed small buyers
    (20, 10.0, (0, 120), 0),  # frequent small baskets
    (4, 100.0, (0, 200), 8),  # complainers
]


def planted_frames(
    per_group: int = 150, seed: int = 7
) -> tuple[dict[str, pd.DataFrame], np.ndarray]:
    rng = np.random.default_rng(seed)
    truth = np.repeat(np.arange(len(GROUPS)), per_group)
    ids = np.arange(1, len(truth) + 1)
    order_rows, ticket_rows = [], []
    for cid, g in zip(ids, truth, strict=True):
        n_orders, amount, (low, high), complaints = GROUPS[g]
        n = rng.poisson(n_orders) + 1
        days = rng.integers(low, high, n)
        order_rows.append(
            pd.DataFrame(
                {
                    "customer_id": cid,
                    "ordered_at": AS_OF - pd.to_timedelta(days, unit="D"),
                    "amount": rng.gamma(8.0, amount / 8.0, n),
                    "status": "paid",
                }
            )
        )
        if complaints:
            k = rng.poisson(complaints) + 1
            ticket_rows.append(
                pd.DataFrame(
                    {
                        "customer_id": cid,
                        "type": "complaint",
                        "status": "closed",
                        "satisfaction": rng.integers(1, 3, k).astype(float),
                        "opened_at": AS_OF - pd.to_timedelta(rng.integers(1, 200, k), unit="D"),
                    }
                )
            )
    customers = pd.DataFrame({"id": ids, "created_at": AS_OF - pd.Timedelta(days=800)})
    frames = {
        "customers": customers,
        "orders": pd.concat(order_rows, ignore_index=True),
        "tickets": pd.concat(ticket_rows, ignore_index=True),
    }
    return frames, truth


@pytest.fixture(scope="module")
def planted() -> tuple[pd.DataFrame, np.ndarray]:
    frames, truth = planted_frames()
    feats = seg.behaviour_features(
        frames["customers"], frames["orders"], frames["tickets"], as_of=AS_OF
    )
    return feats, truth


def test_kmeans_finds_planted_segments_from_frames(planted) -> None:
    feats, truth = planted
    result = seg.kmeans_segments(feats, range(2, 9))
    assert result.k == 4
    assert seg.adjusted_rand(truth, result.labels) >= 0.9
    assert set(result.silhouettes) == set(range(2, 9))
    assert result.silhouettes[4] == max(result.silhouettes.values())
    assert result.centers.shape == (4, feats.shape[1])
    assert result.labels.index.equals(feats.index)


def test_kmeans_on_gaussian_blobs_uses_a_silhouette_sample() -> None:
    rng = np.random.default_rng(0)
    centres = rng.normal(scale=6.0, size=(5, 4))
    truth = np.repeat(np.arange(5), 400)
    points = centres[truth] + rng.normal(size=(len(truth), 4))
    feats = pd.DataFrame(points, columns=list("abcd"))
    progress: list[float] = []
    result = seg.kmeans_segments(
        feats, sample_size=500, standardised=True, progress=lambda f, m: progress.append(f)
    )
    assert result.k == 5 and seg.adjusted_rand(truth, result.labels) >= 0.95
    assert progress[-1] == 1.0 and progress == sorted(progress)


def test_silhouettes_match_scikit_learn() -> None:
    rng = np.random.default_rng(1)
    points = rng.normal(size=(300, 3))
    points[:100] += 4
    labels = {2: (np.arange(300) < 100).astype(int), 3: rng.integers(0, 3, 300)}
    ours = seg.silhouettes_for(points, labels, chunk=64)
    for k, lab in labels.items():
        assert ours[k] == pytest.approx(silhouette_score(points, lab), abs=1e-9)


def test_dbscan_separates_dense_groups_and_flags_noise() -> None:
    rng = np.random.default_rng(2)
    blobs = np.vstack([rng.normal(loc, 0.3, size=(200, 2)) for loc in ((0, 0), (5, 5), (0, 6))])
    noise = rng.uniform(-3, 9, size=(10, 2))
    feats = pd.DataFrame(np.vstack([blobs, noise]), columns=["x", "y"])
    result = seg.dbscan_segments(feats, standardised=True)
    assert result.n_clusters == 3 and result.eps > 0
    truth = np.r_[np.repeat([0, 1, 2], 200), np.full(10, -1)]
    core = truth >= 0
    assert seg.adjusted_rand(truth[core], result.labels.to_numpy()[core]) >= 0.95
    assert 0 < result.noise_share < 0.1



def test_dbscan_on_a_sample_assigns_the_other_rows() -> None:
    rng = np.random.default_rng(3)
    blobs = np.vstack([rng.normal(loc, 0.3, size=(1500, 2)) for loc in ((0, 0), (5, 5), (0, 6))])
    noise = np.array([[20.0, 20.0], [-15.0, 4.0], [10.0, -12.0]])
    feats = pd.DataFrame(np.vstack([blobs, noise]), columns=["x", "y"])
    result = seg.dbscan_segments(feats, standardised=True, sample_size=600)
    assert result.fitted_on == 600 and len(result.labels) == len(feats)
    labels = result.labels.to_numpy()
    # Each blob is (nearly) one cluster of its own, sampled rows or not.
    majority = [np.bincount(labels[i * 1500:(i + 1) * 1500] + 1).argmax() - 1 for i in range(3)]
    assert len(set(majority)) == 3 and min(majority) >= 0
    for i, label in enumerate(majority):
        assert (labels[i * 1500:(i + 1) * 1500] == label).mean() >= 0.9
    assert (labels[4500:] == -1).all()  # far from every core point
    whole = seg.dbscan_segments(feats.iloc[:600], standardised=True)
    assert whole.fitted_on == 600

def test_pca_projection_and_value_score(planted) -> None:
    feats, truth = planted
    coords = seg.pca_projection(feats)
    assert list(coords.columns) == ["pc1", "pc2"] and len(coords) == len(feats)
    ratios = coords.attrs["explained_variance_ratio"]
    assert len(ratios) == 2 and ratios[0] >= ratios[1] > 0
    score = seg.pca_value_score(feats)
    assert score.min() == pytest.approx(0.0) and score.max() == pytest.approx(100.0)
    assert np.corrcoef(score, feats["monetary"])[0, 1] > 0
    by_group = score.groupby(truth).mean()
    # frequent recent buyers score above lapsed customers and complainers
    assert min(by_group[0], by_group[2]) > max(by_group[1], by_group[3])


def test_value_score_sign_follows_monetary() -> None:
    money = np.arange(1.0, 51.0)
    for sign in (1.0, -1.0):
        feats = pd.DataFrame({"monetary": money, "other": sign * money + 0.1})
        score = seg.pca_value_score(feats)
        assert score.iloc[-1] == pytest.approx(100.0) and score.iloc[0] == pytest.approx(0.0)


def test_adjusted_rand_helper() -> None:
    assert seg.adjusted_rand([0, 0, 1, 1], ["b", "b", "a", "a"]) == 1.0
    assert seg.adjusted_rand([0, 0, 1, 1], [0, 1, 0, 1]) < 0.1
