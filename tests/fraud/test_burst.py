"""SUBMISSION_BURST keyed on who is behind the submissions: one applicant NIK again and again, or one operator
far above a clerk's pace; never a client alone (a front office sends hundreds of genuine applicants an hour).
Default thresholds (5 per NIK, 60 per operator, 10 minutes) unless a test says otherwise."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from service.config import Settings
from service.db import database
from service.fraud.tables import FraudSubmission
from tests.fraud.test_service import CARD, T0, codes, far, fields, submit

CLIENT = "kec-cibeunying"


def person(i: int) -> dict[str, object]:
    """The i-th distinct applicant: own NIK, own house, RT/RW spread like a district's."""
    return fields(
        f"3273{i:012d}",
        name=f"ORANG {i}",
        address=f"JL. MAWAR NO. {i}",
        rt_rw=f"{i % 12 + 1:03d}/{i % 7 + 1:03d}",
        village=("SUKAMAJU", "CIGADUNG", "SEKELOA")[i % 3],
    )


def test_defaults_are_per_nik_and_per_operator() -> None:
    settings = Settings(env="dev")
    assert (settings.fraud_burst_nik_count, settings.fraud_burst_operator_count, settings.fraud_burst_minutes) == (
        5,
        60,
        10,
    )
    assert not hasattr(settings, "fraud_burst_count")  # the per-client threshold is gone


def test_many_different_niks_from_one_client_are_no_burst(fraud_settings: Settings) -> None:
    # 150 applicants in 10 minutes from one client (the old per-client rule fired from the 21st on), half of
    # them with one of three operators (50 each, under 60), half with none
    seen = []
    for i in range(150):
        operator = f"op-{i % 3}" if i % 2 else None
        _, checks = submit(
            fraud_settings,
            person(i),
            far(CARD, i),
            client=CLIENT,
            claim=f"3273{i:012d}",
            at=T0 + timedelta(seconds=4 * i),
            operator=operator,
        )
        seen.append(codes(checks))
    assert seen == [[]] * 150


def test_the_same_nik_many_times_in_the_window_is_a_burst(fraud_settings: Settings) -> None:
    nik = "3273000000000777"
    ids, seen = [], []
    for i in range(6):  # retries by the same client for the same program: five are fine, the sixth is a burst
        vid, checks = submit(fraud_settings, fields(nik), CARD, client=CLIENT, claim=nik, at=T0 + timedelta(minutes=i))
        ids.append(vid)
        seen.append(codes(checks))
    assert seen == [[], [], [], [], [], ["SUBMISSION_BURST"]]
    _, checks = submit(fraud_settings, fields(nik), CARD, client=CLIENT, claim=nik, at=T0 + timedelta(minutes=6))
    burst = next(c for c in checks if c["reason"] == "SUBMISSION_BURST")
    assert set(ids[1:]) <= set(burst["linked"]) and "for this applicant's NIK" in burst["detail"]
    assert "7 submissions" in burst["detail"] and burst["action"] == "review"
    # the same NIK read from the card, claimed by other applicants (a family's head-of-family card): another
    # applicant each, so no burst for them (other signals may still apply)
    other = "3273000000000888"
    _, checks = submit(
        fraud_settings, fields(nik), far(CARD, 99), client=CLIENT, claim=other, at=T0 + timedelta(minutes=7)
    )
    assert "SUBMISSION_BURST" not in codes(checks)


def test_the_same_nik_spread_over_more_than_the_window_is_no_burst(fraud_settings: Settings) -> None:
    nik = "3273000000000999"
    for i in range(8):  # every 3 minutes: at most 4 in any 10 minutes
        _, checks = submit(
            fraud_settings, fields(nik), CARD, client=CLIENT, claim=nik, at=T0 + timedelta(minutes=3 * i)
        )
        assert "SUBMISSION_BURST" not in codes(checks)


def test_one_operator_submitting_abnormally_many_is_a_burst(fraud_settings: Settings) -> None:
    seen = []
    for i in range(61):  # one every 9 s for 9 minutes: 61 > 60
        _, checks = submit(
            fraud_settings,
            person(i),
            far(CARD, i),
            client=CLIENT,
            claim=f"3273{i:012d}",
            at=T0 + timedelta(seconds=9 * i),
            operator="loket-7",
        )
        seen.append(codes(checks))
    assert seen[:60] == [[]] * 60 and seen[60] == ["SUBMISSION_BURST"]
    at = T0 + timedelta(seconds=9 * 61)
    _, checks = submit(
        fraud_settings, person(500), far(CARD, 500), client=CLIENT, claim=f"3273{500:012d}", at=at, operator="loket-7"
    )
    burst = next(c for c in checks if c["reason"] == "SUBMISSION_BURST")
    assert f"by this operator of client {CLIENT}" in burst["detail"] and "62 submissions" in burst["detail"]
    assert len(burst["linked"]) == fraud_settings.fraud_max_linked
    # another operator of the same client, the same operator id at another client, no operator: no burst
    for n, (client, operator) in enumerate(((CLIENT, "loket-8"), ("desa-lain", "loket-7"), (CLIENT, None))):
        i = 600 + n
        _, checks = submit(
            fraud_settings, person(i), far(CARD, i), client=client, claim=f"3273{i:012d}", at=at, operator=operator
        )
        assert codes(checks) == []


def test_both_keys_over_make_one_signal_and_the_operator_is_stored_hashed(fraud_settings: Settings) -> None:
    settings = fraud_settings.model_copy(update={"fraud_burst_nik_count": 2, "fraud_burst_operator_count": 2})
    nik = "3273000000000555"
    seen = []
    for i in range(3):
        _, checks = submit(
            settings,
            fields(nik),
            CARD,
            client=CLIENT,
            claim=nik,
            at=T0 + timedelta(minutes=i),
            operator="Siti R. (loket 2)",
        )
        seen.append([c for c in checks if c["reason"] == "SUBMISSION_BURST"])
    assert seen[:2] == [[], []] and len(seen[2]) == 1
    assert "applicant's NIK" in seen[2][0]["detail"] and "operator" in seen[2][0]["detail"]
    with database(settings.sqlalchemy_url).session() as session:
        rows = list(session.scalars(select(FraudSubmission)))
    keys = {r.operator_key for r in rows}
    assert len(keys) == 1 and all(k and len(k) == 64 and "Siti" not in k for k in keys)
