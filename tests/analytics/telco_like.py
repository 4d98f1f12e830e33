"""A generated churn table shaped like the public telecom churn table (19 columns, mixed types).

Used by the classification tests and by ``bench/classification.py``: 19 feature columns (3
numeric, 1 integer flag, 15 text categories, a few missing charges) and a churn label drawn from
a smooth logistic function of tenure, contract, internet service, payment method and charges, so
that logistic regression is close to the best possible model (AUC about 0.85).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

SERVICES: tuple[str, ...] = (
    "OnlineSecurity",
    "OnlineBackup",
    "DeviceProtection",
    "TechSupport",
    "StreamingTV",
    "StreamingMovies",
)


def _yes_no(rng: np.random.Generator, n: int, p: float) -> np.ndarray:
    return np.where(rng.random(n) < p, "Yes", "No")


def telco_table(n: int = 7000, seed: int = 0) -> tuple[pd.DataFrame, pd.Series]:
    """(X with 19 columns, y with "Yes"/"No" churn labels, about 27% "Yes")."""
    rng = np.random.default_rng(seed)
    tenure = rng.integers(0, 73, n)
    contract = rng.choice(["Month-to-month", "One year", "Two year"], n, p=[0.55, 0.21, 0.24])
    internet = rng.choice(["DSL", "Fiber optic", "No"], n, p=[0.34, 0.44, 0.22])
    payment = rng.choice(
        ["Electronic check", "Mailed check", "Bank transfer (automatic)", "Credit card (automatic)"],
        n,
        p=[0.34, 0.23, 0.22, 0.21],
    )
    phone = _yes_no(rng, n, 0.9)
    X = pd.DataFrame(
        {
            "gender": rng.choice(["Female", "Male"], n),
            "SeniorCitizen": (rng.random(n) < 0.16).astype(int),
            "Partner": _yes_no(rng, n, 0.48),
            "Dependents": _yes_no(rng, n, 0.3),
            "tenure": tenure,
            "PhoneService": phone,
            "MultipleLines": np.where(phone == "No", "No phone service", _yes_no(rng, n, 0.47)),
            "InternetService": internet,
        }
    )
    extras = np.zeros(n)
    for service in SERVICES:
        has = _yes_no(rng, n, 0.4)
        X[service] = np.where(internet == "No", "No internet service", has)
        extras += X[service].eq("Yes").to_numpy()
    X["Contract"] = contract
    X["PaperlessBilling"] = _yes_no(rng, n, 0.59)
    X["PaymentMethod"] = payment
    monthly = (
        20.0
        + np.select([internet == "DSL", internet == "Fiber optic"], [25.0, 50.0], 0.0)
        + 5.0 * extras
        + 5.0 * (phone == "Yes")
        + rng.normal(0.0, 4.0, n)
    )
    X["MonthlyCharges"] = monthly.round(2)
    total = monthly * tenure * rng.normal(1.0, 0.05, n)
    X["TotalCharges"] = np.where(tenure == 0, np.nan, total.round(2))
    logit = (
        0.3
        - 0.045 * tenure
        + 0.9 * (internet == "Fiber optic")
        - 0.6 * (internet == "No")
        - 1.1 * (contract == "One year")
        - 2.2 * (contract == "Two year")
        + 0.5 * (payment == "Electronic check")
        + 0.35 * X["SeniorCitizen"].to_numpy()
        - 0.45 * X["TechSupport"].eq("Yes").to_numpy()
        - 0.35 * X["OnlineSecurity"].eq("Yes").to_numpy()
        + 0.3 * X["PaperlessBilling"].eq("Yes").to_numpy()
        + 0.012 * (monthly - 65.0)
    )
    churned = rng.random(n) < 1.0 / (1.0 + np.exp(-logit))
    return X, pd.Series(np.where(churned, "Yes", "No"), name="Churn")
