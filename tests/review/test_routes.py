"""The /review pages over HTTP (TestClient, the real app and database): login with CSRF and cookies, the
pages, 404 and 422 pages instead of 500s, the clerk refused from the audit page."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.config import Settings
from service.main import create_app
from tests.review.seed import PASSWORD, crafted_case, make_user
from tests.stack import bearer, issue_key


@pytest.fixture(scope="module")
def app_settings(review_settings: Settings) -> Settings:
    make_user(review_settings, "dewi", "clerk")
    make_user(review_settings, "agus", "supervisor")
    return review_settings


@pytest.fixture(scope="module")
def anon(app_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(app_settings), raise_server_exceptions=False) as c:
        yield c


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, html[:500]
    return found.group(1)


def logged_in(settings: Settings, username: str) -> TestClient:
    client = TestClient(create_app(settings), raise_server_exceptions=False)
    page = client.get("/review/login")
    resp = client.post(
        "/review/login",
        data={"username": username, "password": PASSWORD, "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert resp.status_code == 303, resp.text
    return client


def test_pages_need_a_login(anon: TestClient) -> None:
    resp = anon.get("/review/", follow_redirects=False)
    assert resp.status_code == 303 and resp.headers["location"].startswith("/review/login?next=")
    resp = anon.get("/review/cases/01ARZ3NDEKTSV4RRFFQ69G5FAV/image/0", follow_redirects=False)
    assert resp.status_code == 303
    htmx = anon.get("/review/", headers={"HX-Request": "true"}, follow_redirects=False)
    assert htmx.headers.get("HX-Redirect", "").startswith("/review/login")


def test_login_sets_a_strict_httponly_cookie_and_needs_csrf(app_settings: Settings, anon: TestClient) -> None:
    page = anon.get("/review/login")
    assert page.status_code == 200 and "Content-Security-Policy" in page.headers
    no_csrf = anon.post("/review/login", data={"username": "dewi", "password": PASSWORD, "csrf_token": "nope"})
    assert no_csrf.status_code == 403
    wrong = anon.post(
        "/review/login", data={"username": "dewi", "password": "wrong password", "csrf_token": csrf_of(page.text)}
    )
    assert wrong.status_code == 401 and "terkunci" in wrong.text
    ok = anon.post(
        "/review/login",
        data={"username": "dewi", "password": PASSWORD, "csrf_token": csrf_of(page.text), "next": "//evil.example/x"},
        follow_redirects=False,
    )
    assert ok.status_code == 303 and ok.headers["location"] == "/review/"
    cookie = ok.headers["set-cookie"].lower()
    assert "dv_review_session=" in cookie and "httponly" in cookie and "samesite=strict" in cookie
    anon.cookies.clear()


def test_queue_case_and_decision_over_http(app_settings: Settings) -> None:
    job_id = crafted_case(app_settings)
    with logged_in(app_settings, "dewi") as client:
        queue = client.get("/review/")
        assert queue.status_code == 200 and job_id in queue.text and "************0002" in queue.text
        assert "3204123108900002" not in queue.text
        fragment = client.get("/review/", params={"document_type": "ktp"}, headers={"HX-Request": "true"})
        assert fragment.status_code == 200 and "<html" not in fragment.text and job_id in fragment.text
        case = client.get(f"/review/cases/{job_id}")
        assert case.status_code == 200 and 'data-box="name"' in case.text and "3204123108900002" not in case.text
        assert case.headers["cache-control"] == "no-store"
        image = client.get(f"/review/cases/{job_id}/image/0")
        assert image.status_code == 200 and image.headers["content-type"] == "image/jpeg"
        token = csrf_of(case.text)
        assert client.post(f"/review/cases/{job_id}/reveal-nik").status_code == 403  # no CSRF token
        nik = client.post(f"/review/cases/{job_id}/reveal-nik", headers={"X-CSRF-Token": token})
        assert nik.status_code == 200 and 'value="3204123108900002"' in nik.text
        bad = client.post(f"/review/cases/{job_id}/correct", data={"csrf_token": token, "field_birth_date": "1990"})
        assert bad.status_code == 422 and "birth_date" in bad.text
        no_reason = client.post(f"/review/cases/{job_id}/reject", data={"csrf_token": token, "reason": ""})
        assert no_reason.status_code == 422
        fixed = client.post(
            f"/review/cases/{job_id}/correct",
            data={"csrf_token": token, "field_name": "BUDI SANTOSA"},
            follow_redirects=False,
        )
        assert fixed.status_code == 303 and "notice=saved" in fixed.headers["location"]
        done = client.post(f"/review/cases/{job_id}/approve", data={"csrf_token": token}, follow_redirects=False)
        assert done.status_code == 303
        again = client.post(f"/review/cases/{job_id}/approve", data={"csrf_token": token})
        assert again.status_code == 409
        decided = client.get(f"/review/cases/{job_id}")
        assert decided.status_code == 200 and 'id="decided"' in decided.text
        # the front office (an API client with a key) sees the clerk's decision; the clerk's cookie is no key
        assert client.get(f"/v1/verifications/{job_id}").status_code == 401
        key = issue_key(app_settings, "frontoffice", "read")[1]
        seen = client.get(f"/v1/verifications/{job_id}", headers=bearer(key)).json()
        assert seen["decision"] == "verified" and seen["review"]["reviewer"] == "dewi"
        assert seen["fields"]["name"]["value"] == "BUDI SANTOSA"


def test_bad_ids_and_actions_are_404_pages(app_settings: Settings) -> None:
    with logged_in(app_settings, "dewi") as client:
        for path in (
            "/review/cases/01ARZ3NDEKTSV4RRFFQ69G5FAV",
            "/review/cases/nonsense",
            "/review/cases/01ARZ3NDEKTSV4RRFFQ69G5FAV/image/0",
            "/review/nowhere",
        ):
            resp = client.get(path)
            assert resp.status_code == 404 and "text/html" in resp.headers["content-type"], path
        case = client.get("/review/")
        token = csrf_of(case.text)
        assert (
            client.post("/review/cases/01ARZ3NDEKTSV4RRFFQ69G5FAV/explode", data={"csrf_token": token}).status_code
            == 404
        )
        assert client.get("/review/", params={"region": "xx"}).status_code == 422
        assert client.get("/review/audit", params={"before": "abc"}).status_code in (403, 422)


def test_clerk_gets_403_on_the_audit_page_supervisor_sees_it(app_settings: Settings) -> None:
    with logged_in(app_settings, "dewi") as clerk:
        resp = clerk.get("/review/audit")
        assert resp.status_code == 403 and "supervisor" in resp.text
    with logged_in(app_settings, "agus") as supervisor:
        resp = supervisor.get("/review/audit", params={"actor": "dewi", "action": "forbidden"})
        assert resp.status_code == 200 and 'data-action="forbidden"' in resp.text


def test_language_switch_and_logout(app_settings: Settings) -> None:
    with logged_in(app_settings, "dewi") as client:
        assert "Antrean" in client.get("/review/").text
        switched = client.get("/review/lang/en", params={"next": "/review/"})
        assert switched.status_code == 200 and "Queue" in switched.text
        assert client.get("/review/lang/xx").status_code == 422
        token = csrf_of(client.get("/review/").text)
        out = client.post("/review/logout", data={"csrf_token": token}, follow_redirects=False)
        assert out.status_code == 303
        assert client.get("/review/", follow_redirects=False).status_code == 303
