"""Issue 10 in a real browser (Debian's chromium, Playwright, a real uvicorn): a supervisor sees the dashboard
with its charts and the open fraud signal with its linked cases, follows a link to the case page where the
clerk sees the linked case too, and downloads the CSV; a clerk gets no dashboard link and a 403.

The signal is real: the same sample card read twice by the worker's own run_job (real OCR), the second
time claimed for another NIK."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.review.browser import login, shots_folder, sync_api
from tests.review.seed import SAMPLES, crafted_case, pipeline_case, review_stack
from tests.review.test_browser import Server
from tests.stack import ApiProcess

CARD = SAMPLES / "images" / "ktp-0007-scan.png"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, models_dir: Any) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("dashboard-ui")
    with review_stack(tmp, "dashui", {"siti": "clerk", "bambang": "supervisor"}) as (env, settings):
        first = pipeline_case(settings, CARD)
        other_nik = "3171015505920003"
        second = pipeline_case(settings, CARD, claim={"nik": other_nik})
        crafted_case(settings, nik="3578011203850001", name="RINA WULANDARI", province="JAWA TIMUR")
        with ApiProcess(env, tmp / "uvicorn.log", args=("--log-level", "warning")) as api:
            yield Server(api.base_url, settings, second, first, shots_folder(tmp))


def test_supervisor_sees_the_dashboard_and_the_linked_cases(server: Server, browser: Any) -> None:
    flagged, first = server.main_case, server.other_case
    page = login(browser, server.url, "bambang")
    expect = sync_api.expect
    page.click("#nav-dashboard")
    page.wait_for_url("**/review/dashboard")
    expect(page.locator("#dashboard-total")).to_have_text("2")  # the two screened pipeline cases
    expect(page.locator("#time-chart rect")).not_to_have_count(0)
    expect(page.locator("#chart-decision rect")).not_to_have_count(0)
    expect(page.locator('#table-reason tr[data-key="DOCUMENT_REUSED"]')).to_contain_text("1")
    expect(page.locator("#table-region tbody tr")).to_have_count(1)
    # in words, the code in the tooltip (issue 21)
    expect(page.locator("#table-document_type")).to_contain_text("KTP-el")
    expect(page.locator('#table-document_type tr[data-key="ktp"] td[title="ktp"]')).to_have_count(1)
    row = page.locator(f'#signals-table tr[data-code="DOCUMENT_REUSED"][data-case="{flagged}"]')
    expect(row).to_have_count(1)
    expect(row.locator(f'a.linked-case[href="/review/cases/{first}"]')).to_have_count(1)
    page.screenshot(path=str(server.shots / "review-dashboard.png"), full_page=True)

    # a week bucket and a date range that holds nothing
    page.select_option("#filter-bucket", "week")
    page.fill("#filter-from", "2001-01-01")
    page.fill("#filter-to", "2001-01-31")
    page.click("#dashboard-filters button[type=submit]")
    expect(page.locator("#dashboard-total")).to_have_text("0")
    page.goto(f"{server.url}/review/dashboard")

    # the CSV export: the same counts and the open signal with its link
    csv_text = page.request.get(f"{server.url}/review/dashboard.csv").text()
    assert "reason,DOCUMENT_REUSED,1" in csv_text and flagged in csv_text and first in csv_text

    # from the signal to the case page: the clerk's view names the linked case as a link
    row.locator("a.signal-case").click()
    page.wait_for_url(f"**/review/cases/{flagged}")
    linked = page.locator('.linked[data-check="document_reused"] a.linked-case')
    expect(linked).to_have_attribute("href", f"/review/cases/{first}")
    expect(page.locator("#reasons")).to_contain_text("Kartu yang sama sudah dipakai")
    expect(page.locator('#reasons li[title^="DOCUMENT_REUSED"]')).to_have_count(1)
    page.context.close()


def test_clerk_sees_linked_cases_but_no_dashboard(server: Server, browser: Any) -> None:
    page = login(browser, server.url, "siti")
    expect = sync_api.expect
    expect(page.locator("#nav-dashboard")).to_have_count(0)
    expect(page.locator('a[href="/review/dashboard"]')).to_have_count(0)
    response = page.goto(f"{server.url}/review/dashboard")
    assert response is not None and response.status == 403
    expect(page.locator("#error-message")).to_contain_text("supervisor")
    assert page.request.get(f"{server.url}/review/dashboard.csv").status == 403
    page.goto(f"{server.url}/review/cases/{server.main_case}")
    expect(page.locator(f'a.linked-case[href="/review/cases/{server.other_case}"]')).not_to_have_count(0)
    page.context.close()
