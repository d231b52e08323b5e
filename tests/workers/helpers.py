from __future__ import annotations

import time
from typing import Any

from fastapi.testclient import TestClient

URL = "/v1/verifications"


def submit(
    api: TestClient,
    data: bytes,
    name: str = "card.png",
    media: str = "image/png",
    headers: dict[str, str] | None = None,
    **form: str,
) -> str:
    resp = api.post(URL, files={"file": (name, data, media)}, data=form, headers=headers or {})
    assert resp.status_code == 202, resp.text
    return str(resp.json()["id"])


def get(api: TestClient, job_id: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    resp = api.get(f"{URL}/{job_id}", headers=headers or {})
    assert resp.status_code == 200, resp.text
    return dict(resp.json())


def wait_status(
    api: TestClient,
    job_id: str,
    statuses: tuple[str, ...] = ("completed", "failed"),
    timeout: float = 90,
    headers: dict[str, str] | None = None,
    interval: float = 0.05,
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        body = get(api, job_id, headers)
        if body["status"] in statuses:
            return body
        if time.monotonic() > deadline:
            raise TimeoutError(f"{job_id} still {body['status']} after {timeout} s")
        time.sleep(interval)
