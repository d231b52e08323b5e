"""Issue 21 in a real browser (Debian's chromium driven by Playwright, a real uvicorn server on the test
database): every automatic outcome is reachable and can be overturned, a citizen's objection reaches the
queue, each decision is confirmed (by button as by key), named afterwards and can be undone.

Cases are crafted through the service layer (no OCR): what is tested here is the UI around them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from service.config import Settings
from service.db import database
from service.review.tables import ReviewAudit
from service.verifications import repository as jobs
from service.verifications.tables import VerificationEvent
from tests.review.browser import login, shots_folder, sync_api
from tests.review.seed import IMPOSTOR, crafted_case, review_stack
from tests.stack import ApiProcess, bearer, issue_key

HOOK = "https://fo.example/hook"


@dataclass
class Server:
    url: str
    settings: Settings
    shots: Path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("review-ux")
    with (
        review_stack(tmp, "reviewux", {"putu": "clerk", "yohana": "supervisor"}, review_undo_s=30) as (env, settings),
        ApiProcess(env, tmp / "uvicorn.log") as api,
    ):
        yield Server(api.base_url, settings, shots_folder(tmp))


def events(settings: Settings, job_id: str) -> list[dict[str, Any]]:
    with database(settings.sqlalchemy_url).session() as s:
        return [
            {
                "type": e.type,
                "callback_url": e.callback_url,
                "payload": e.payload,
                "next_attempt_at": e.next_attempt_at,
                "created_at": e.created_at,
            }
            for e in s.scalars(select(VerificationEvent).where(VerificationEvent.verification_id == job_id))
        ]


def decision_of(settings: Settings, job_id: str) -> str | None:
    with database(settings.sqlalchemy_url).session() as s:
        job = jobs.get(s, job_id)
        return None if job is None else job.decision


def test_a_clerk_overturns_an_automatic_rejection(server: Server, browser: Any) -> None:
    expect = sync_api.expect
    job_id = crafted_case(
        server.settings,
        decision="rejected",
        reasons=IMPOSTOR,
        name="ANDI PRATAMA",
        nik="3204123108900011",
        callback_url=HOOK,
    )
    page = login(browser, server.url, "putu")
    page.click("#queue-rejected")  # the "Ditolak otomatis" view beside the queue
    expect(page.locator(f"#row-{job_id}")).to_be_visible()
    expect(page.locator("#queue-rejected")).to_contain_text("Ditolak otomatis")
    expect(page.locator("#queue-retake")).to_contain_text("Perlu foto ulang")
    page.screenshot(path=str(server.shots / "review-rejected.png"), full_page=True)
    page.click(f"#row-{job_id} a")
    page.wait_for_url(f"**/cases/{job_id}")
    expect(page.locator("#automatic-decision")).to_contain_text("Ditolak")
    # no reason, no overturning: the browser refuses the form before any dialog or request
    seen: list[str] = []

    def refuse(dialog: Any) -> None:
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    page.click("#approve")
    page.wait_for_timeout(300)
    assert seen == [] and decision_of(server.settings, job_id) == "rejected"
    page.remove_listener("dialog", refuse)
    page.fill("#approve-reason", "Dicek dengan KK: NIK memang milik pemohon")
    messages: list[str] = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    page.click("#approve")
    expect(page.locator("#decided-flash")).to_contain_text("ANDI PRATAMA")
    expect(page.locator("#decided-flash")).to_contain_text("disetujui")
    assert messages and "ANDI PRATAMA" in messages[0]
    assert job_id in page.url  # the clerk stays on the case
    assert decision_of(server.settings, job_id) == "verified"
    sent = events(server.settings, job_id)
    assert [e["type"] for e in sent] == ["verification.reviewed"] and sent[0]["callback_url"] == HOOK
    assert sent[0]["payload"]["data"]["review"]["reason"] == "Dicek dengan KK: NIK memang milik pemohon"
    with database(server.settings.sqlalchemy_url).session() as s:
        row = s.scalars(
            select(ReviewAudit).where(ReviewAudit.verification_id == job_id, ReviewAudit.action == "approve")
        ).one()
    assert row.actor == "putu" and row.before == {"decision": "rejected"}
    page.context.close()


def test_a_citizens_objection_reaches_the_queue(server: Server, browser: Any) -> None:
    expect = sync_api.expect
    job_id = crafted_case(
        server.settings,
        decision="verified",
        reasons=[],
        name="MARIA GORETI",
        nik="5301014405880003",
        province="NUSA TENGGARA TIMUR",
    )
    _client, key = issue_key(server.settings, "frontoffice", "submit,read")
    page = login(browser, server.url, "putu")
    expect(page.locator(f"#row-{job_id}")).to_have_count(0)
    resp = httpx.post(
        f"{server.url}/v1/verifications/{job_id}/objections",
        json={"reason": "Data saya dipakai orang lain"},
        headers=bearer(key),
    )
    assert resp.status_code == 202, resp.text
    page.reload()
    row = page.locator(f"#row-{job_id}")
    expect(row).to_be_visible()
    expect(row).to_contain_text("Warga mengajukan keberatan")
    expect(row.locator("form.approve")).to_have_count(0)  # no approving from the queue without a reason
    page.click(f"#row-{job_id} a")
    expect(page.locator("#objection-reason")).to_have_text("Data saya dipakai orang lain")
    page.context.close()


def test_approve_asks_names_the_case_and_can_be_undone(server: Server, browser: Any) -> None:
    expect = sync_api.expect
    first = crafted_case(server.settings, name="SRI RAHAYU", nik="3374014507920004", callback_url=HOOK)
    second = crafted_case(server.settings, name="JOKO SUSILO", nik="3374011203850005")
    page = login(browser, server.url, "putu")
    # the button asks, naming the case; cancelling changes nothing
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.click(f"#approve-{first}")
    page.wait_for_timeout(300)
    assert asked and "SRI RAHAYU" in asked[0] and decision_of(server.settings, first) == "needs_review"
    # the key asks too, naming the selected case, not another
    rows = page.locator("[data-case-row]")
    index = [rows.nth(i).get_attribute("id") for i in range(rows.count())].index(f"row-{second}")
    for _ in range(index):
        page.keyboard.press("j")
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.keyboard.press("a")
    page.wait_for_timeout(300)
    assert len(asked) == 2 and "JOKO SUSILO" in asked[1] and "SRI RAHAYU" not in asked[1]
    assert decision_of(server.settings, second) == "needs_review"
    # approve the first for real: the clerk stays in the queue, told which case and what outcome
    page.once("dialog", lambda dialog: dialog.accept())
    page.click(f"#approve-{first}")
    flash = page.locator("#decided-flash")
    expect(flash).to_contain_text("SRI RAHAYU")
    expect(flash).to_contain_text("disetujui")
    assert "/cases/" not in page.url
    assert decision_of(server.settings, first) == "verified"
    held = events(server.settings, first)[0]  # the webhook is held back for the undo time
    assert (held["next_attempt_at"] - held["created_at"]).total_seconds() >= 29
    page.click("#undo")
    expect(page.locator("#undone-flash")).to_be_visible()
    expect(page.locator(f"#row-{first}")).to_be_visible()
    assert decision_of(server.settings, first) == "needs_review"
    assert events(server.settings, first) == []  # the caller is never told of an undone decision
    page.context.close()


# --- no raw code on screen, in either language; times local and labelled ---

# snake_case or UPPER_SNAKE tokens are codes; so are the lower-case document type codes
RAW_CODE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b|\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\b(?:ktp|kk|sktm|passport)\b")
# in Indonesian, the English words of the contract's values would be codes too
RAW_ID = re.compile(
    r"\b(?:verified|needs review|retake|rejected|approved|mismatch|not found|not checked|record|"
    r"clerk|Laplacian|glyph)\b",
    re.IGNORECASE,
)

CLAIM_MISMATCH = {
    "claim_check": {
        "name": {"claim": "BUDIANTO", "document": "BUDIYANTO", "registry": "BUDIYANTO", "disagrees": "claim"}
    },
}
CLAIM_REGISTRY = {
    "status": "match",
    "source": "dukcapil",
    "record_id": "22",
    "score": 100.0,
    "fields": {
        "name": {"document": "BUDIYANTO", "registry": "BUDIYANTO", "score": 100.0},
        "birth_date": {"document": "1990-08-31", "registry": "1990-08-31", "score": 100.0},
    },
}
CANDIDATES = {
    "status": "not_found",
    "source": "dukcapil",
    "record_id": None,
    "score": None,
    "fields": {},
    "candidates": [
        {
            "record_id": "7",
            "nik": "************0017",
            "score": 38.0,
            "fields": {"name": {"document": "SITI AMINAH", "registry": "PUTU ZELDA NURAINNI", "score": 38.0}},
        }
    ],
}


@pytest.fixture(scope="module")
def cases(server: Server) -> dict[str, str]:
    """One case of each kind whose words are checked: a claim mismatch (case page screenshot), candidates
    only, a Bali case (WITA), a retake, and fraud and check details."""
    checks = [
        {"name": "blur", "passed": True, "score": 0.93, "detail": "Laplacian variance 1438"},
        {"name": "text_edit", "passed": False, "score": 0.2, "detail": "glyph deviation 1.6"},
        {
            "name": "document_reused",
            "passed": False,
            "score": 1.0,
            "detail": "same card in 2 applications",
            "linked": [],
        },
    ]
    mismatch = crafted_case(
        server.settings,
        name="BUDIYANTO",
        nik="3204123108900021",
        claim={"name": "BUDIANTO"},
        registry=CLAIM_REGISTRY,
        extra={**CLAIM_MISMATCH, "checks": checks},
        reasons=[
            {
                "code": "CLAIM_MISMATCH",
                "message": "claimed name differs from the card and the registry",
                "field": "name",
                "severity": "review",
            },
            {"code": "DOCUMENT_REUSED", "message": "same card in 2 applications", "severity": "review"},
        ],
    )
    candidates = crafted_case(
        server.settings,
        name="SITI AMINAH",
        nik="3204123108900031",
        registry=CANDIDATES,
        reasons=[
            {
                "code": "REGISTRY_NOT_FOUND",
                "message": "NIK not in registry dukcapil",
                "field": "nik",
                "severity": "review",
            }
        ],
    )
    bali = crafted_case(server.settings, name="I MADE SUTAMA", nik="5171011203850002", province="BALI")
    retake = crafted_case(
        server.settings,
        decision="retake",
        name="YOSEPH WENDA",
        nik="9171011203850003",
        province="PAPUA",
        reasons=[{"code": "RETAKE_BLURRY", "message": "blurred; not read: name", "severity": "retake"}],
    )
    return {"mismatch": mismatch, "candidates": candidates, "bali": bali, "retake": retake}


def visible_text(page: Any) -> str:
    return str(page.inner_text("body"))


def assert_no_codes(text: str, lang: str, where: str) -> None:
    found = set(RAW_CODE.findall(text))
    if lang == "id":
        found |= set(RAW_ID.findall(text))
    assert not found, f"raw codes on the {where} page ({lang}): {sorted(found)}"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_raw_code_on_queue_case_and_dashboard(
    server: Server, browser: Any, cases: dict[str, str], lang: str
) -> None:
    page = login(browser, server.url, "yohana")  # a supervisor: the dashboard too
    if lang == "en":
        page.click("#lang-switch")
        page.wait_for_load_state()
    for url, where in (
        (f"{server.url}/review/", "queue"),
        (f"{server.url}/review/?decision=retake", "retake"),
        (f"{server.url}/review/?decision=rejected", "rejected"),
        (f"{server.url}/review/dashboard", "dashboard"),
        *((f"{server.url}/review/cases/{job}", f"case {kind}") for kind, job in cases.items()),
    ):
        page.goto(url)
        assert_no_codes(visible_text(page), lang, where)
    # the codes are still there for whoever asks: in a tooltip
    page.goto(f"{server.url}/review/cases/{cases['mismatch']}")
    assert page.locator('#reasons li[title^="CLAIM_MISMATCH"]').count() == 1
    page.context.close()


def test_times_are_local_with_their_zone(server: Server, browser: Any, cases: dict[str, str]) -> None:
    page = login(browser, server.url, "putu")
    bali_row = page.locator(f"#row-{cases['bali']} time")
    java_row = page.locator(f"#row-{cases['mismatch']} time")
    sync_api.expect(bali_row).to_contain_text("WITA")
    sync_api.expect(java_row).to_contain_text("WIB")
    stamp = bali_row.get_attribute("datetime")
    page.goto(f"{server.url}/review/?decision=retake")
    sync_api.expect(page.locator(f"#row-{cases['retake']} time")).to_contain_text("WIT")
    # the shown time is the stored UTC time moved to the zone
    assert stamp is not None
    from datetime import datetime, timedelta

    expected = (datetime.fromisoformat(stamp) + timedelta(hours=8)).strftime("%Y-%m-%d %H:%M")
    page.goto(f"{server.url}/review/")
    assert page.locator(f"#row-{cases['bali']} time").inner_text() == f"{expected} WITA"
    page.goto(f"{server.url}/review/cases/{cases['bali']}")
    sync_api.expect(page.locator("#received-at")).to_have_text(f"{expected} WITA")
    page.context.close()


# --- /docs and /redoc with every outside request blocked ---


@pytest.mark.parametrize(("path", "ready"), [("/docs", ".opblock"), ("/redoc", "[data-section-id]")])
def test_api_docs_render_with_the_network_blocked(server: Server, browser: Any, path: str, ready: str) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    outside: list[str] = []

    def only_this_server(route: Any) -> None:
        if route.request.url.startswith(server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_this_server)
    page = context.new_page()
    page.goto(f"{server.url}{path}")
    page.wait_for_selector(ready, timeout=30000)
    text = page.inner_text("body")
    for operation in ("/v1/verifications", "/v1/verifications/{verification_id}/objections"):
        assert operation in text, f"{operation} not listed on {path}"
    assert outside == [], f"{path} asked outside for {outside}"
    page.context.close()


# --- the case page answers "why me, and what now" ---


def test_the_case_page_says_why_and_what_now(server: Server, browser: Any, cases: dict[str, str]) -> None:
    expect = sync_api.expect
    page = login(browser, server.url, "putu", height=900)
    page.goto(f"{server.url}/review/cases/{cases['mismatch']}")
    # claim, card and registry side by side, the differing letter marked: BUDIANTO ≠ BUDIYANTO
    row = page.locator("#compare-name")
    expect(row.locator("td.side-claim")).to_have_text("BUDI‸ANTO")
    expect(row.locator("td.side-claim mark.gap")).to_have_count(1)
    expect(row.locator("td.side-document mark.diff")).to_have_text("Y")
    expect(row.locator("td.side-registry mark.diff")).to_have_text("Y")
    expect(row).to_contain_text("isian pemohon berbeda")
    # guidance for the reason, in words a clerk acts on
    expect(page.locator('p.guide[data-guide="CLAIM_MISMATCH"]')).to_contain_text("Setujui")
    # the decision buttons are in view at 900 px without scrolling, and stay there when scrolling
    for y in (0, 600):
        page.evaluate(f"window.scrollTo(0, {y})")
        box = page.locator("#approve").bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 900, (y, box)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(server.shots / "review-claim-mismatch.png"))
    # a candidate's score means something
    page.goto(f"{server.url}/review/cases/{cases['candidates']}")
    expect(page.locator("ul.candidates")).to_contain_text("PUTU ZELDA NURAINNI")
    expect(page.locator("ul.candidates")).to_contain_text("38/100: jauh berbeda: kemungkinan orang lain")
    expect(page.locator('p.guide[data-guide="REGISTRY_NOT_FOUND"]')).to_be_visible()
    page.context.close()
