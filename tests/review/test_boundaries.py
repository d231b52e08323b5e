"""No input reaches a 500 in the review UI either (it publishes no OpenAPI document: one is generated here
from the mounted sub-app's routes, so a new page is walked without touching this test). A supervisor, logged
in, calls every GET page with each query and path parameter at a boundary value, one at a time (dates at both
ends of the calendar, huge and negative integers, empty, overlong, NUL-carrying and non-ASCII strings). Every
answer must be below 500."""

from __future__ import annotations

import re
from typing import Any

from fastapi.openapi.utils import get_openapi
from starlette.routing import Mount

from service.config import Settings
from service.main import create_app
from tests.review.seed import crafted_case, make_user
from tests.review.test_routes import logged_in

VALUES = [
    "",
    " ",
    "x" * 3000,
    "\x00",
    "a\x00b",
    "ż" * 40,
    "-1",
    "0",
    str(2**63),
    str(10**30),
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "9999-12-31T23:59:59-14:00",
    "0001-01-01T00:00:00+14:00",
    "..",
    "null",
]
PATH_VALUES = ["-1", "0", str(2**63), str(10**30), "x" * 300, "%00", "a%00b", "ż", ".."]


def review_document(app: Any) -> dict[str, Any]:
    """The review sub-app's routes as an OpenAPI document (FastAPI's generator; the UI publishes none)."""
    mount = next(r for r in app.routes if isinstance(r, Mount) and r.path == "/review")
    return get_openapi(title="review", version="0", routes=mount.app.routes)


def test_no_review_page_answers_500(review_settings: Settings) -> None:
    make_user(review_settings, "bound", "supervisor")
    job = crafted_case(review_settings)
    doc = review_document(create_app(review_settings))
    pages = [(path, op) for path, item in doc["paths"].items() for method, op in item.items() if method == "get"]
    assert len(pages) >= 8
    valid = {"verification_id": job, "page": "0", "code": "en"}
    failures: list[str] = []
    sent = 0

    def url(path: str, values: dict[str, str]) -> str:
        return "/review" + re.sub(r"{(\w+)}", lambda m: values.get(m.group(1), "x"), path)

    with logged_in(review_settings, "bound") as client:
        for path, op in pages:
            for param in op.get("parameters", []):
                for value in VALUES if param["in"] == "query" else PATH_VALUES:
                    if param["in"] == "query":
                        resp = client.get(url(path, valid), params={param["name"]: value}, follow_redirects=False)
                    else:
                        resp = client.get(url(path, {**valid, param["name"]: value}), follow_redirects=False)
                    sent += 1
                    if resp.status_code >= 500:
                        failures.append(f"GET {path} {param['in']} {param['name']}={value[:30]!r} → {resp.status_code}")
    assert sent > 200
    assert not failures, f"{len(failures)} of {sent} requests answered ≥ 500:\n" + "\n".join(failures)
