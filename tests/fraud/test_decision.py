"""A fraud signal sends an otherwise clean verification to a clerk, names its linked cases in the reason, and
never rejects or asks for a retake on its own (not even if a check claimed action "retake")."""

from __future__ import annotations

from typing import Any

import pytest

from service.config import Settings
from service.fraud.tables import SIGNALS
from service.verifications.decision import FRAUD_SIGNALS
from tests.unit.test_decision import base, blur, decide, full_card

SETTINGS = Settings(env="dev")


def signal(code: str, action: str = "review") -> dict[str, Any]:
    return {
        "name": code.lower(),
        "passed": False,
        "score": 0.9,
        "detail": "seen before",
        "action": action,
        "reason": code,
        "linked": ["01JDOCUMENTSEENBEFORE00001"],
    }


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


@pytest.mark.parametrize("code", SIGNALS)
def test_a_signal_with_action_retake_on_a_fully_read_card_is_needs_review_not_retake(code: str) -> None:
    v = full_card()
    v["checks"].append(signal(code, "retake"))
    decision, reasons = decide(v, SETTINGS)
    assert decision == "needs_review"
    assert [(r["code"], r["severity"]) for r in reasons] == [(code, "review")]


@pytest.mark.parametrize("code", SIGNALS)
def test_a_signal_beside_a_capture_check_that_cost_the_reading_goes_to_a_clerk_not_back_to_the_citizen(
    code: str,
) -> None:
    """Without the signal the blurred, half-read card is a retake; with it a clerk sees both."""
    v = blur(full_card())
    del v["fields"]["name"]
    assert decide(v, SETTINGS)[0] == "retake"
    v["checks"].append(signal(code))
    decision, reasons = decide(v, SETTINGS)
    assert decision == "needs_review"
    assert {(r["code"], r["severity"]) for r in reasons} >= {(code, "review"), ("RETAKE_BLURRY", "review")}


def test_a_signal_beside_a_harmless_capture_check_keeps_the_check_as_info() -> None:
    v = blur(full_card())
    v["checks"].append(signal("PHOTO_REUSED"))
    decision, reasons = decide(v, SETTINGS)
    assert decision == "needs_review"
    assert [(r["code"], r["severity"]) for r in reasons] == [("PHOTO_REUSED", "review"), ("RETAKE_BLURRY", "info")]
