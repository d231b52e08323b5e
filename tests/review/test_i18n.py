"""Issue 21: every code a clerk can meet (reason and signal codes, check names, decisions, outcomes, registry
statuses, document types, audit actions, fields) has words in Indonesian and in English. The codes are found
in the source that makes them, so a new code without a translation fails here."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

import doctypes
from service.fraud.tables import SIGNALS
from service.review import i18n, regions
from service.review.service import OBJECTION_CODE, OUTCOMES, review_form
from tests.stack import ROOT

# where reasons and check codes are made; ocr.py names environment variables, not codes
SOURCES = [
    *sorted((ROOT / "workers" / "pipeline").rglob("*.py")),
    ROOT / "service/verifications/decision.py",
    ROOT / "service/verifications/service.py",
    ROOT / "service/fraud/service.py",
    ROOT / "service/review/service.py",
]
_LITERAL = re.compile(r'"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)"')
_API_ERROR = re.compile(r'^\s*code = "')  # an HTTP error class's code: the API's, never shown as a reason
_CHECK = re.compile(r'Check\(\s*"([a-z_]+)"')


def made_codes() -> set[str]:
    codes: set[str] = set()
    for path in SOURCES:
        if path.name == "ocr.py":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if not _API_ERROR.match(line):
                codes.update(_LITERAL.findall(line))
    return codes


def made_checks() -> set[str]:
    names: set[str] = set()
    for path in SOURCES:
        names.update(_CHECK.findall(path.read_text(encoding="utf-8")))
    return names | {s.lower() for s in SIGNALS}  # a fraud signal is a check named by its code in lower case


def both(table: dict[str, dict[str, str]], key: str) -> None:
    entry = table.get(key)
    assert entry is not None, f"{key} has no words"
    for lang in i18n.LANGS:
        assert entry.get(lang, "").strip(), f"{key} has no {lang} text"


def test_the_scan_finds_the_codes_it_should() -> None:
    """Guards the scan itself: a regex that finds nothing would make the test below pass on anything."""
    codes, checks = made_codes(), made_checks()
    assert {"NIK_BELONGS_TO_OTHER_PERSON", "RETAKE_BLURRY", "KK_HEAD_COUNT", "MRZ_NOT_FOUND"} <= codes
    assert {"blur", "glare", "photocopy", "specimen_nik", "document_reused"} <= checks
    assert "CASE_DECIDED" not in codes


@pytest.mark.parametrize(
    "code", sorted(made_codes() | set(SIGNALS) | {OBJECTION_CODE} | {code for _o, _d, code in OUTCOMES.values()})
)
def test_every_reason_code_has_words_in_both_languages(code: str) -> None:
    both(i18n.REASONS, code)
    for lang in i18n.LANGS:
        assert code not in i18n.reason_text({"code": code, "field": "name"}, lang)


@pytest.mark.parametrize("name", sorted(made_checks()))
def test_every_check_has_a_name_in_both_languages(name: str) -> None:
    both(i18n.CHECKS, name)


def test_every_status_type_decision_action_and_field_has_words() -> None:
    from typing import get_args

    from service.verifications.schemas import Decision

    for decision in get_args(Decision):
        both(i18n.DECISIONS, decision)
    for outcome, _decision, _code in OUTCOMES.values():
        both(i18n.OUTCOMES, outcome)
    for status in ("match", "mismatch", "not_found", "not_checked", "unavailable"):
        both(i18n.REGISTRY_STATUSES, status)
    for doc in (*doctypes.names(), "unknown"):
        both(i18n.DOCUMENT_TYPES, doc)
    for role in ("clerk", "supervisor"):
        both(i18n.ROLE_NAMES, role)
    actions: set[str] = set()
    for name in ("service.py", "dashboard.py"):
        text = (ROOT / "service/review" / name).read_text(encoding="utf-8")
        actions |= set(re.findall(r'audit_actor\(\s*session,\s*actor,\s*"([a-z_]+)"', text))
        actions |= set(re.findall(r'audit\(\s*session,\s*[^,]+,\s*"([a-z_]+)"', text))
    assert {"view_case", "undo", "objection", "login"} <= actions
    for action in actions | {"approve", "reject", "request_resubmission"}:
        both(i18n.ACTIONS, action)
    for doc in doctypes.names():  # every form a clerk sees is labelled in both languages
        for key in review_form(doc):
            both(i18n.FIELDS, key)
    for key in i18n.UI:
        both(i18n.UI, key)


def test_times_are_local_and_labelled() -> None:
    at = datetime(2026, 12, 7, 3, 30, tzinfo=UTC)
    assert regions.local_time(at, "32") == "2026-12-07 10:30 WIB"  # Jawa Barat
    assert regions.local_time(at, "51") == "2026-12-07 11:30 WITA"  # Bali
    assert regions.local_time(at, "91") == "2026-12-07 12:30 WIT"  # Papua
    assert regions.local_time(at, None) == "2026-12-07 10:30 WIB"
    assert regions.local_time(at, "91", office="WITA") == "2026-12-07 11:30 WITA"  # the office's setting wins
    assert regions.local_time(at.isoformat(), "73", seconds=True) == "2026-12-07 11:30:00 WITA"


def test_scores_are_explained_in_words() -> None:
    assert i18n.score_words(38, "id") == "38/100: jauh berbeda: kemungkinan orang lain"
    assert i18n.score_words(95, "en").startswith("95/100: nearly the same")


def test_source_list_exists() -> None:
    assert all(Path(p).exists() for p in SOURCES)
