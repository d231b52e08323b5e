"""The review UI in a real browser: Debian's chromium driven by Playwright against a real uvicorn server
on a free port, on the test database (PostgreSQL in CI). The main case is a synthetic sample card read by
the real pipeline, with its name misread (as OCR does) so that the registry match sends it to a clerk.

Screenshots of the queue and the case page go to a temporary folder, or to docs/ with
DOCVERIFY_SCREENSHOTS=docs (`make screenshots`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from service.config import Settings
from service.db import database
from service.review.tables import ReviewAudit, ReviewCorrection
from service.storage import Storage
from tests.review.browser import login, shots_folder, sync_api
from tests.review.seed import PASSWORD, SAMPLES, crafted_case, make_user, pipeline_case, review_stack
from tests.review.test_card_images import region_diff
from tests.stack import ApiProcess, bearer, issue_key


@dataclass
class Server:
    url: str
    settings: Settings
    main_case: str  # the misread sample card
    other_case: str  # an unregistered sample card, read by the worker's own run_job
    shots: Path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("review-ui")
    users = {"siti": "clerk", "bambang": "supervisor"}
    with review_stack(tmp, "reviewui", users, review_max_failed_logins=3) as (env, settings):
        main_case = pipeline_case(settings, SAMPLES / "images" / "ktp-0001-scan.png", misread={"name": "CAHYAMTO"})
        other_case = pipeline_case(
            settings,
            SAMPLES / "images" / "ktp-0002-photo.jpg",
            claim={"name": "NILAM UYAINAH", "birth_date": "1947-07-02"},
        )
        crafted_case(settings, nik="3578011203850001", name="RINA WULANDARI", province="JAWA TIMUR")
        with ApiProcess(env, tmp / "uvicorn.log", args=("--log-level", "warning")) as api:
            yield Server(api.base_url, settings, main_case, other_case, shots_folder(tmp))


def test_clerk_logs_in_corrects_a_field_and_approves(server: Server, browser: Any) -> None:
    page = login(browser, server.url, "siti")
    expect = sync_api.expect
    # the queue: oldest first, NIK masked, the misread case waiting with its registry reason
    row = page.locator(f"#row-{server.main_case}")
    expect(row).to_be_visible()
    expect(page.locator("tr[data-case-row]").first).to_have_id(f"row-{server.main_case}")
    expect(row).to_contain_text("************7738")
    expect(page.locator("#queue-total")).to_contain_text("3")
    page.keyboard.press("j")  # keyboard: the selection moves down and back
    expect(page.locator("tr[data-case-row]").nth(1)).to_have_class("selected")
    page.keyboard.press("k")
    expect(row).to_have_class("selected")
    page.select_option("select[name=region]", "35")  # HTMX filter: only the East Java case is left
    expect(page.locator("tr[data-case-row]")).to_have_count(1)
    page.select_option("select[name=region]", "")
    expect(page.locator("tr[data-case-row]")).to_have_count(3)
    page.screenshot(path=str(server.shots / "review-queue.png"), full_page=True)

    # the case: the flattened card with the OCR boxes; hovering a field lights its box
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/review/cases/{server.main_case}")
    expect(page.locator("#doc-page-0 img")).to_be_visible()
    assert page.evaluate("document.querySelector('#doc-page-0 img').naturalWidth") == 1000
    expect(page.locator("rect.box")).not_to_have_count(0)
    page.hover("#field-name")
    expect(page.locator('rect.box[data-box="name"]')).to_have_class("box hot")
    expect(page.locator("#nik-masked")).to_have_text("************7738")
    expect(page.locator("#reasons")).to_contain_text("Nama berbeda dengan registri")
    score_before = page.locator("#score-name").inner_text()

    # correct the misread name: matching runs again and the name now scores 100
    page.fill("#field-name", "cahyanto")
    page.click("#save-corrections")
    expect(page.locator("#notice")).to_be_visible()
    expect(page.locator("#field-name")).to_have_value("CAHYANTO")
    expect(page.locator("#score-name")).to_have_text("100")
    expect(page.locator("#score-name")).to_have_class("score good")
    assert score_before != "100"
    page.hover("#field-name")
    page.screenshot(path=str(server.shots / "review-case.png"), full_page=True)

    # approve (the button asks first, as the key does): the clerk stays on the case, told what was decided
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#approve")
    expect(page.locator("#decided-flash")).to_contain_text("disetujui")
    assert server.main_case in page.url
    page.context.close()


def test_the_verification_is_updated_and_audited(server: Server) -> None:
    """Runs after the browser test above (same module, in order): the caller sees the decision."""
    body = httpx.get(
        f"{server.url}/v1/verifications/{server.main_case}",
        headers=bearer(issue_key(server.settings, "frontoffice", "read")[1]),
    ).json()
    assert body["decision"] == "verified"
    assert body["review"]["outcome"] == "approved" and body["review"]["reviewer"] == "siti"
    assert body["review"]["reviewed_at"]
    assert body["review"]["corrections"] == [{"field": "name", "from": "CAHYAMTO", "to": "CAHYANTO"}]
    assert body["fields"]["name"]["value"] == "CAHYANTO" and body["registry"]["fields"]["name"]["score"] == 100
    with database(server.settings.sqlalchemy_url).session() as s:
        rows = list(
            s.scalars(
                select(ReviewAudit).where(ReviewAudit.verification_id == server.main_case).order_by(ReviewAudit.id)
            )
        )
        corrections = list(
            s.scalars(select(ReviewCorrection).where(ReviewCorrection.verification_id == server.main_case))
        )
    actions = [r.action for r in rows]
    # after the approval the clerk stays on the case: its views (now read-only) follow the decision
    assert actions[:1] == ["view_case"] and "correct" in actions and actions.count("approve") == 1
    assert set(actions[actions.index("approve") + 1 :]) <= {"view_case", "view_image"}
    approve = rows[actions.index("approve")]
    assert approve.actor == "siti" and approve.role == "clerk" and approve.at is not None
    assert approve.before == {"decision": "needs_review"}
    assert approve.after is not None and approve.after["decision"] == "verified"
    assert [(c.field, c.read_value, c.corrected_value) for c in corrections] == [("name", "CAHYAMTO", "CAHYANTO")]


def test_clerk_cannot_open_the_audit_page(server: Server, browser: Any) -> None:
    page = login(browser, server.url, "siti")
    expect = sync_api.expect
    expect(page.locator('a[href="/review/audit"]')).to_have_count(0)
    response = page.goto(f"{server.url}/review/audit")
    assert response is not None and response.status == 403
    expect(page.locator("#error-message")).to_contain_text("supervisor")
    page.context.close()
    boss = login(browser, server.url, "bambang")
    response = boss.goto(f"{server.url}/review/audit?actor=siti")
    assert response is not None and response.status == 200
    expect(boss.locator("tr[data-action=approve]")).to_have_count(1)
    expect(boss.locator("tr[data-action=forbidden]")).to_have_count(1)
    boss.context.close()


def test_language_switch_and_nik_reveal(server: Server, browser: Any) -> None:
    page = login(browser, server.url, "siti")
    expect = sync_api.expect
    page.goto(f"{server.url}/review/cases/{server.other_case}")
    expect(page.locator("#reasons")).to_contain_text("NIK tidak ada di registri")
    # read by the worker's own run_job: it kept the flattened card, so the boxes are drawn
    expect(page.locator("#doc-page-0 img")).to_be_visible()
    expect(page.locator('rect.box[data-box="nik"]')).to_have_count(1)
    page.click("#lang-switch")
    expect(page.locator("#reasons")).to_contain_text("The NIK is not in the registry")
    # issue 19: the card's NIK is blurred on the image until the reveal, which fetches the image again unblurred
    expect(page.locator(".nik-blurred")).to_be_visible()
    image_url = f"{server.url}/review/cases/{server.other_case}/image/0"
    stored = Storage(server.settings.uploads_dir).load(Storage.card_key(server.other_case, 0))
    nik_box = page.locator('rect.box[data-box="nik"]')
    box = [round(float(nik_box.get_attribute(a) or 0)) for a in ("x", "y", "width", "height")]
    blurred = page.request.get(image_url).body()
    assert region_diff(blurred, stored, (box[0], box[1], box[0] + box[2], box[1] + box[3])) > 10  # the real card
    with page.expect_response(lambda r: "/image/0?nik=shown" in r.url) as refetched:
        page.click("#reveal-nik")
    expect(page.locator("#field-nik")).to_have_value("1113114702478645")
    assert refetched.value.status == 200 and refetched.value.body() == stored
    page.context.close()
    with database(server.settings.sqlalchemy_url).session() as s:
        reveals = list(
            s.scalars(
                select(ReviewAudit).where(
                    ReviewAudit.verification_id == server.other_case, ReviewAudit.action == "reveal_nik"
                )
            )
        )
        images = list(
            s.scalars(
                select(ReviewAudit).where(
                    ReviewAudit.verification_id == server.other_case, ReviewAudit.action == "view_image"
                )
            )
        )
    assert [r.actor for r in reveals] == ["siti"]
    assert [r.after["nik"] for r in images if r.after][-1] == "shown" and "blurred" in [
        r.after["nik"] for r in images if r.after
    ]


def test_wrong_passwords_lock_the_account(server: Server, browser: Any) -> None:
    make_user(server.settings, "tono", "clerk")
    context = browser.new_context()
    page = context.new_page()
    for _ in range(3):
        page.goto(f"{server.url}/review/login")
        page.fill("#username", "tono")
        page.fill("#password", "not the password")
        page.click("#login-button")
        sync_api.expect(page.locator(".flash.error")).to_be_visible()
    page.goto(f"{server.url}/review/login")
    page.fill("#username", "tono")
    page.fill("#password", PASSWORD)
    page.click("#login-button")
    sync_api.expect(page.locator(".flash.error")).to_be_visible()  # locked: the right password fails too
    context.close()
