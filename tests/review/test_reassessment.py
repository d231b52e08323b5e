"""A clerk's correction is assessed as a worker's read is (service.verifications.assessment): registry block,
claim check, eligibility and the policy's reasons all follow the corrected values."""

from __future__ import annotations

from typing import Any

import pytest

from service.config import Settings
from service.db import database
from service.registry import service as registry
from service.review import service as review
from service.review.service import Actor
from service.verifications import repository as jobs
from service.verifications.views import stored
from tests.review.seed import PASSWORD, crafted_case, import_registry, make_user

# DARUNA NATSIR of samples/ktp/registry.csv: DTKS decile 4, WNI (eligible for the sample program pkh)
NIK = "3502131511587302"
MISREAD = "3502131511587392"  # one digit off: no record has it


@pytest.fixture(scope="module")
def settings(review_settings: Settings) -> Settings:
    make_user(review_settings, "wati", "clerk")
    import_registry(review_settings, "dukcapil")
    import_registry(review_settings, "dtks")
    with database(review_settings.sqlalchemy_url).session() as s:
        registry.put_program(
            s,
            "pkh-test",
            "dtks",
            [{"field": "desil", "op": "<=", "value": 4}, {"field": "nationality", "op": "==", "value": "WNI"}],
            None,
        )
    return review_settings


def clerk(settings: Settings) -> Actor:
    with database(settings.sqlalchemy_url).session() as s:
        found = review.login(s, settings, "wati", PASSWORD, "127.0.0.1")
    assert found is not None
    return found.actor


def read(value: str, confidence: float = 0.98) -> dict[str, Any]:
    return {"value": value, "confidence": confidence, "bbox": [10, 10, 100, 30], "page": 0}


def misread_case(settings: Settings) -> str:
    """DARUNA NATSIR's card with the NIK misread: as the worker saved it, no record found, so no eligibility."""
    fields = {
        "nik": read(MISREAD, 0.62),
        "name": read("DARUNA NATSIR"),
        "birth_place": read("TELUK WONDAMA"),
        "birth_date": read("1958-11-15"),
        "sex": read("LAKI-LAKI"),
        "address": read("JL. ERLANGGA NO. 8"),
    }
    eligibility = {
        "program": "pkh-test",
        "status": "unknown",
        "failed_rules": [],
        "message": "no matching registry record, so eligibility cannot be assessed",
    }
    registry_block = {
        "status": "not_found",
        "source": "dukcapil",
        "record_id": None,
        "score": None,
        "fields": {},
        "candidates": [],
    }
    return crafted_case(
        settings,
        registry_name="dukcapil",
        program="pkh-test",
        registry=registry_block,
        claim={"nik": NIK, "name": "DARUNA NATSIR"},
        extra={"fields": fields, "eligibility": eligibility},
    )


def test_a_corrected_nik_recomputes_eligibility(settings: Settings) -> None:
    """Before the one assessment, `_rematch` re-ran the registry match and the claim check but not the
    eligibility: the stored `eligibility` still said `unknown` (no record) after the NIK found the record."""
    job_id = misread_case(settings)
    with database(settings.sqlalchemy_url).session() as s:
        assert review.correct(s, settings, clerk(settings), job_id, {"nik": NIK}) == 1
    with database(settings.sqlalchemy_url).session() as s:
        job = jobs.get(s, job_id)
        assert job is not None
        result = stored(job)
    assert result.registry.status == "match" and result.registry.source == "dukcapil"
    assert result.eligibility is not None
    assert (result.eligibility.program, result.eligibility.status) == ("pkh-test", "eligible")
    assert result.claim_check is not None and result.claim_check["nik"].disagrees == "none"
    nik = result.fields.nik
    assert nik is not None and nik.corrected and nik.read_value == MISREAD and nik.value == NIK
    assert result.decision == "needs_review"  # a correction decides nothing: the clerk does


def test_a_corrected_nik_of_someone_outside_the_program_is_not_eligible(settings: Settings) -> None:
    """The eligibility follows the corrected record both ways: a NIK of a decile-8 record fails its rule."""
    job_id = misread_case(settings)
    with database(settings.sqlalchemy_url).session() as s:
        review.correct(s, settings, clerk(settings), job_id, {"nik": "8204211205466669"})
    with database(settings.sqlalchemy_url).session() as s:
        job = jobs.get(s, job_id)
        assert job is not None
        result = stored(job)
    assert result.registry.status == "mismatch"  # another person's record: eligibility needs a match
    assert result.eligibility is not None and result.eligibility.status == "unknown"
