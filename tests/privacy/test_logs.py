"""Hygiene: an end-to-end run through the real API (uvicorn), Redis and a real worker (real OCR) — submit with a
claim and a callback, registry match, webhook delivery, reads, a data-subject request, bad input — and a scan
of everything the processes logged: no NIK (whole, or masked so that more than its last four digits show), no
name, no address of the sample. Error bodies never echo personal data either."""

from __future__ import annotations

import io
import json
import re
import time
from pathlib import Path

import httpx
import pytest

from service.db import database
from tests.privacy.conftest import ADDRESS, NAME, NIK, TRUTH
from tests.receiver import webhook_receiver
from tests.stack import (
    SAMPLE,
    ApiProcess,
    WorkerProcess,
    bearer,
    database_url,
    issue_key,
    redis_url,
    settings_for,
    stack_env,
)

pytestmark = pytest.mark.integration

ADMIN_TOKEN = "privacy-log-test-admin-token"


def _nik_leaks(text: str) -> list[str]:
    """Every NIK-long run of digits and mask characters that shows more than the last four digits."""
    # not inside a hex id, nor the fraction of a decimal number (a duration `0.6615554589998283` is no NIK)
    runs = re.findall(r"(?<![0-9A-Za-z*•])(?<![0-9]\.)[0-9*X•]{16}(?![0-9A-Za-z*•])", text)
    leaks = [m for m in runs if not re.fullmatch(r"[*X•]{12}[0-9]{4}", m)]
    leaks += [NIK[i : i + 8] for i in range(0, 9) if NIK[i : i + 8] in text]  # any 8 consecutive digits of it
    return leaks


def _personal(text: str) -> list[str]:
    found = _nik_leaks(text)
    found += [v for v in (NAME, ADDRESS, TRUTH["birth_place"]) if v in text]
    return found


def test_logs_of_an_end_to_end_run_hold_no_nik_name_or_address(tmp_path: Path, models_dir: Path) -> None:
    with database_url(tmp_path, "privlogs") as db, redis_url(tmp_path, 9) as broker, webhook_receiver(0) as hook:
        env = stack_env(
            db,
            broker,
            tmp_path / "uploads",
            webhook_allow_networks="127.0.0.1/32",
            admin_token=ADMIN_TOKEN,
            log_level="INFO",
            worker_metrics_port=0,
        )
        settings = settings_for(env)
        from service.registry.service import import_csv

        with database(settings.sqlalchemy_url).session() as s, (SAMPLE.parent.parent / "registry.csv").open() as fh:
            import_csv(s, settings, "dukcapil", fh)
        worker = WorkerProcess(env, tmp_path / "worker.log")
        api = ApiProcess(env, tmp_path / "api.log")
        bodies: list[str] = []
        worker.start()
        try:
            api.start()
            headers = bearer(issue_key(settings, "privlogs")[1])
            with httpx.Client(base_url=api.base_url, headers=headers, timeout=30) as http:
                claim = {"nik": NIK, "name": NAME, "address": ADDRESS, "birth_place": TRUTH["birth_place"]}
                resp = http.post(
                    "/v1/verifications",
                    files={"file": ("card.png", SAMPLE.read_bytes(), "image/png")},
                    data={"claim": json.dumps(claim), "callback_url": hook.url},
                    headers={"Idempotency-Key": "privacy-e2e"},
                )
                assert resp.status_code == 202, resp.text
                job_id = resp.json()["id"]
                deadline = time.monotonic() + 120
                while (body := http.get(f"/v1/verifications/{job_id}").json())["status"] not in ("completed", "failed"):
                    assert time.monotonic() < deadline, body
                    time.sleep(0.2)
                assert body["status"] == "completed" and body["fields"]["nik"]["value"] == NIK
                assert body["registry"]["status"] == "match"  # the name and address were really processed
                http.get("/v1/verifications", params={"status": "completed"})
                found = http.post("/v1/privacy/subjects/search", json={"nik": NIK})
                assert found.status_code == 200 and [v["id"] for v in found.json()["verifications"]] == [job_id]
                assert http.post("/v1/privacy/subjects/export", json={"nik": NIK}).status_code == 200
                # bad input carrying personal data: refused without echoing it
                for bad in (
                    http.post(
                        "/v1/verifications",
                        files={"file": ("card.png", SAMPLE.read_bytes(), "image/png")},
                        data={"claim": f'{{"nik": "{NIK}", "name": "{NAME}"'},
                    ),
                    http.post(
                        "/v1/verifications",
                        files={"file": ("card.png", b"\x00" * 64, "image/png")},
                        data={"claim": json.dumps(claim)},
                    ),
                    http.post("/v1/privacy/subjects/search", json={"nik": NIK + "0"}),
                    http.post("/v1/privacy/subjects/search", json={"nik": f"{NIK[:15]}X"}),
                    http.post(
                        "/v1/registries/dukcapil/imports",
                        headers={"X-Admin-Token": ADMIN_TOKEN},
                        files={
                            "file": (
                                "r.csv",
                                io.BytesIO(f"nik,name,birth_date\n{NIK[:15]},{NAME},{TRUTH['birth_date']}\n".encode()),
                                "text/csv",
                            )
                        },
                    ),
                ):
                    assert 400 <= bad.status_code < 500, bad.text
                    bodies.append(bad.text)
            deadline = time.monotonic() + 30
            while not any(r.answered == 200 for r in hook.requests):
                assert time.monotonic() < deadline, "the webhook was not delivered"
                time.sleep(0.2)
            worker.wait_for(lambda log: "attempt 1: delivered" in log, 30)
        finally:
            api.stop()
            worker.stop()
        logs = api.log() + worker.log()
    assert f"job {job_id} completed" in logs and "POST /v1/verifications" in logs  # the capture is real
    assert f"nik={'*' * 12}{NIK[-4:]}" in logs  # the NIK did pass through the logging, masked
    assert _personal(logs) == [], "personal data in the logs"
    for body in bodies:
        assert _personal(body) == [], body
    # the scanner does catch what it looks for
    assert (
        _personal(f"x {NIK} y")
        and _personal(f"{NIK[:12]}****")
        and _personal(NAME)
        and not _personal("nik=************7738")
    )
