"""Text themes recover planted topics in English and in Chinese; over time; volume anomalies."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import homogeneity_score

from crm_desktop.analytics import text
from crm_desktop.analytics.segmentation import adjusted_rand

# Each ticket joins two different phrases of its topic (so no single template dominates),
# 30% also carry one stray phrase of another topic; all are wrapped in greetings and sign-offs shared by all topics; products appear in every topic.
EN_TOPICS = {
    "refund": [
        "I want a refund for my {p}",
        "please refund order {n}",
        "the money has not been returned",
        "refund still not received after {d} days",
        "how do I get my money back",
        "I returned the {p} and need the refund",
    ],
    "delivery": [
        "my package has not arrived yet",
        "delivery of order {n} is delayed by {d} days",
        "the courier lost my parcel",
        "shipping is too slow",
        "tracking shows no update for the shipment",
        "where is my {p}, the delivery is late",
    ],
    "login": [
        "I cannot log in to my account",
        "the password reset email never arrives",
        "login fails with an error",
        "my account is locked after a wrong password",
        "the verification code is not working",
        "I can't sign in to my account on the app",
    ],
    "quality": [
        "the {p} broke after {d} days",
        "very poor quality",
        "the {p} arrived damaged and scratched",
        "it is defective and stopped working",
        "the material feels cheap and fell apart",
        "bad quality, the screen of the {p} cracked",
    ],
}
ZH_TOPICS = {
    "refund": [
        "我想申请退款",
        "订单{n}的退款还没有到账",
        "退款申请已经提交{d}天了",
        "钱一直没有退回来",
        "退货以后什么时候能收到退款",
        "{p}不想要了请退款",
    ],
    "delivery": [
        "快递一直没有到",
        "物流信息不更新",
        "订单{n}发货太慢了",
        "物流延迟了{d}天",
        "包裹丢了快递员也联系不上",
        "物流显示已签收但是没收到{p}",
    ],
    "login": [
        "无法登录账号",
        "一直提示密码错误",
        "登录的时候验证码错误",
        "账号被锁定了不能登录",
        "重置密码的短信收不到",
        "手机号登录失败",
    ],
    "quality": [
        "{p}质量太差",
        "用了{d}天就坏了",
        "收到的{p}有质量问题",
        "屏幕有裂痕",
        "产品做工粗糙质量不好",
        "{p}表面有划痕",
    ],
}
EN_WRAP = (
    ["Hello,", "Hi team,", "Urgent:", "", "Dear support,"],
    ["Thanks.", "Please help.", "Regards, Anna", "", "Waiting for your reply!"],
)
ZH_WRAP = (
    ["你好，", "客服你好，", "急！", "", "在吗？"],
    ["谢谢", "请尽快回复", "", "麻烦了", "！！"],
)
EN_PRODUCTS = ["phone", "headphones", "laptop", "jacket", "shoes", "coffee machine"]
ZH_PRODUCTS = ["手机", "耳机", "电脑", "外套", "鞋子", "咖啡机"]


def tickets(topics: dict[str, list[str]], wrap, products, per_topic: int = 100, seed: int = 0):
    rng = np.random.default_rng(seed)
    rows, truth = [], []
    for label, phrases in enumerate(topics.values()):
        for _ in range(per_topic):
            first, second = rng.choice(len(phrases), 2, replace=False)
            body = f"{phrases[first]}, {phrases[second]}"
            if rng.random() < 0.3:  # a stray phrase from another topic
                others = [t for i, t in enumerate(topics.values()) if i != label]
                body += ", " + str(rng.choice(others[rng.integers(len(others))]))
            body = body.format(
                p=rng.choice(products), n=rng.integers(10_000, 99_999), d=rng.integers(2, 30)
            )
            rows.append(f"{rng.choice(wrap[0])} {body} {rng.choice(wrap[1])}".strip())
            truth.append(label)
    order = rng.permutation(len(rows))
    return pd.Series(np.array(rows)[order]), np.array(truth)[order]


@pytest.mark.parametrize(
    ("topics", "wrap", "products", "keyword"),
    [(EN_TOPICS, EN_WRAP, EN_PRODUCTS, "refund"), (ZH_TOPICS, ZH_WRAP, ZH_PRODUCTS, "退款")],
    ids=["english", "chinese"],
)
def test_kmeans_themes_recover_planted_topics(topics, wrap, products, keyword) -> None:
    texts, truth = tickets(topics, wrap, products)
    result = text.text_themes(texts, n_themes=4)
    assert adjusted_rand(truth, result.labels) >= 0.7
    assert result.n_themes == 4 and sum(result.sizes.values()) == len(texts)
    refund_theme = pd.Series(result.labels.to_numpy()[truth == 0]).mode()[0]
    assert keyword in result.top_terms[refund_theme][:5]
    if keyword == "退款":
        assert all(len(t) == 2 for terms in result.top_terms.values() for t in terms)


def test_theme_count_chosen_by_silhouette_and_nmf() -> None:
    texts, truth = tickets(EN_TOPICS, EN_WRAP, EN_PRODUCTS, per_topic=60, seed=1)
    chosen = text.text_themes(texts, k_range=range(2, 7))
    assert set(chosen.silhouettes) == set(range(2, 7))
    best = max(chosen.silhouettes, key=lambda k: chosen.silhouettes[k])
    assert chosen.n_themes == best
    # the phrase pairs form sub-themes, so the silhouette may split a topic, never mix two
    assert homogeneity_score(truth, chosen.labels) >= 0.8
    nmf = text.text_themes(texts, n_themes=4, method="nmf")
    assert adjusted_rand(truth, nmf.labels) >= 0.6
    names = nmf.theme_names()
    assert len(names) == 4 and all(" / " in n for n in names.values())


def test_clean_text_and_readable_terms() -> None:
    assert (
        text.clean_text("Hi!! See https://x.io/a, mail a@b.com; order #123") == "hi see mail order"
    )
    assert text.clean_text("退款，订单12345！") == "退款 订单"
    assert text.clean_text(None) == ""
    assert text.readable_term("word__refund") and text.readable_term("char__退款")
    assert not text.readable_term("char__ re") and not text.readable_term("char__退款了")
    docs = ["无法登录账号", "登录失败", "我无法登录", "手机号登录的时候"]
    assert text.accessor_variety(docs, "登录") == 3
    assert text.accessor_variety(docs, "法登") == 1


def test_themes_over_time_counts_per_month() -> None:
    labels = pd.Series([0, 1, 0, 0])
    dates = pd.Series(pd.to_datetime(["2024-01-05", "2024-01-20", "2024-03-01", "2024-03-02"]))
    table = text.themes_over_time(labels, dates)
    assert [str(p) for p in table.index] == ["2024-01", "2024-02", "2024-03"]
    assert table[0].tolist() == [1, 0, 2] and table[1].tolist() == [1, 0, 0]


@pytest.mark.parametrize("method", ["mad", "zscore"])
def test_volume_anomalies_flag_a_planted_spike(method: str) -> None:
    rng = np.random.default_rng(0)
    days = pd.date_range("2024-01-01", periods=120, freq="D")
    counts = rng.poisson(20, len(days))
    counts[100] = 80
    stamps = pd.Series(np.repeat(days.to_numpy(), counts))
    out = text.volume_anomalies(stamps, method=method)
    flagged = out.loc[out["is_anomaly"], "period"].astype(str).tolist()
    assert str(days[100].date()) in flagged and len(flagged) <= 2
    spike = out[out["period"].astype(str) == str(days[100].date())].iloc[0]
    assert spike["direction"] == "high" and spike["count"] == 80 and spike["upper"] < 80
    weekly = text.volume_anomalies(stamps, freq="W", window=8, min_periods=4)
    assert len(weekly) >= 17
