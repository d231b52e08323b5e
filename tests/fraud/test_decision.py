"""A fraud signal sends an otherwise clean verification to a clerk, names its linked cases in the reason, and
never rejects on its own (not even if a check claimed action "retake")."""

from __future__ import annotations

from typing import Any

import pytest

from service.config import Settings
from service.fraud.tables import SIGNALS
from service.verifications.decision import FRAUD_SIGNALS, decide
from tests.unit.test_decision import base

SETTINGS = Settings()


def signal(code: str, action: str = "review") -> dict[str, Any]:
    return {"name": code.lower(), "passed": False, "score": 0.9, "detail": "seen before", "action": action,
            "reason": code, "linked": ["01JDOCUMENTSEENBEFORE00001"]}


def test_the_decision_knows_every_signal() -> None:
    assert set(FRAUD_SIGNALS) == set(SIGNALS)


@pytest.mark.parametrize("code", SIGNALS)
@pytest.mark.parametrize("action", ["review", "retake"])
def test_a_signal_alone_means_needs_review_never_rejected(code: str, action: str) -> None:
    v = base()
    assert decide(v, SETTINGS)[0] == "verified"
    v["checks"].append(signal(code, action))
    decision, reasons = decide(v, SETTINGS)
    assert decision == "needs_review"
    reason = next(r for r in reasons if r["code"] == code)
    assert reason["severity"] == "review" and reason["linked"] == ["01JDOCUMENTSEENBEFORE00001"]
