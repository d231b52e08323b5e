"""The generated client and `submit_and_wait` against the live stack (real uvicorn, Redis, worker), and the
helper's retry rules against a scripted transport. Also: the request id and the job id in both processes'
logs, the metrics of the API and of the worker, and the NIK never whole in a log."""

from __future__ import annotations

import contextlib
import json
import re
import time
import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest

from docverify_client import Client
from docverify_client.api.verifications import get_verification
from docverify_client.models.text_field import TextField
from docverify_client.models.verification import Verification
from docverify_client_helpers import (
    ApiError,
    RateLimited,
    VerificationFailed,
    WaitTimeout,
    submit,
    submit_and_wait,
)
from tests.client.conftest import Credentials, Live
from tests.stack import SAMPLE, SAMPLE_TRUTH, png_header_only


@pytest.fixture(scope="module")
def completed(live: Live, credentials: Credentials) -> Iterator[tuple[str, Verification]]:
    """One sample read end to end through the generated client, with a known request id."""
    request_id = f"client-test-{uuid.uuid4().hex[:8]}"
    with Client(
        base_url=live.base_url, headers={**credentials.headers, "X-Request-Id": request_id}, timeout=httpx.Timeout(30.0)
    ) as client:
        verification = submit_and_wait(client, [SAMPLE], document_type="ktp", timeout=120)
    yield request_id, verification


def test_submit_and_wait_returns_the_completed_result(completed: tuple[str, Verification]) -> None:
    truth = json.loads(SAMPLE_TRUTH.read_text())
    _, verification = completed
    v = verification.to_dict()
    assert v["status"] == "completed"
    assert v["document"]["type"] == "ktp"
    assert v["fields"]["nik"]["value"] == truth["nik"]
    nik = verification.fields.nik  # typed: the generated client knows each field of each document type
    assert isinstance(nik, TextField) and nik.value == truth["nik"]
    assert v["decision"] in ("verified", "needs_review", "retake", "rejected")
    assert v["timings_ms"]["ocr"] > 0 and v["provenance"]["models"]


def test_the_generated_client_reads_it_back(completed: tuple[str, Verification], api_client: Client) -> None:
    _, verification = completed
    response = get_verification.sync_detailed(verification.id, client=api_client)
    assert response.status_code == 200
    assert response.parsed is not None and response.parsed.id == verification.id
    assert response.headers["x-request-id"]


def _json_lines(text: str) -> list[dict[str, object]]:
    out = []
    for line in text.splitlines():
        if line.startswith("{"):
            with contextlib.suppress(ValueError):
                out.append(json.loads(line))
    return out


def test_logs_carry_request_and_job_ids_and_never_the_nik(live: Live, completed: tuple[str, Verification]) -> None:
    nik = json.loads(SAMPLE_TRUTH.read_text())["nik"]
    request_id, verification = completed
    job_id = verification.id
    live.worker.wait_for(lambda log: f"job {job_id} completed" in log, 30)  # written just after the result
    api_lines, worker_lines = _json_lines(live.api.log()), _json_lines(live.worker.log())
    submitted = [
        r
        for r in api_lines
        if r.get("logger") == "docverify.access" and r.get("method") == "POST" and r.get("request_id") == request_id
    ]
    assert submitted and submitted[0]["job_id"] == job_id and submitted[0]["status"] == 202
    finished = [r for r in worker_lines if f"job {job_id} completed" in str(r.get("message"))]
    assert len(finished) == 1, worker_lines[-20:]
    assert finished[0]["job_id"] == job_id and finished[0]["request_id"] == request_id
    assert f"nik=************{nik[-4:]}" in str(finished[0]["message"])
    for text in (live.api.log(), live.worker.log()):
        assert nik not in text


def _samples(text: str, name: str) -> dict[str, float]:
    """{label string: value} of one metric family in the text exposition format."""
    out = {}
    for match in re.finditer(rf"^{re.escape(name)}(\{{[^}}]*\}})? (\S+)$", text, re.MULTILINE):
        out[match.group(1) or ""] = float(match.group(2))
    return out


def test_metrics_of_the_api_and_the_worker(live: Live, completed: tuple[str, Verification]) -> None:
    assert httpx.get(f"{live.base_url}/metrics", timeout=10).status_code == 404  # not on the API port
    api = httpx.get(live.api_metrics_url, timeout=10)  # the API's own listener
    assert api.status_code == 200 and api.headers["content-type"].startswith("text/plain")
    assert _samples(api.text, "docverify_jobs")['{status="completed"}'] >= 1
    assert sum(_samples(api.text, "docverify_decisions").values()) >= 1
    assert _samples(api.text, "docverify_queue_depth") == {'{queue="verify"}': 0.0}
    assert _samples(api.text, "docverify_broker_up") == {"": 1.0}
    assert any(
        v >= 1
        for k, v in _samples(api.text, "docverify_http_requests_total").items()
        if 'route="/v1/verifications"' in k and 'status="202"' in k
    )

    deadline = time.monotonic() + 30  # the worker records a job just after saving its result
    while True:
        worker = httpx.get(live.worker_metrics_url, timeout=10)  # served by the worker's main process
        assert worker.status_code == 200
        jobs = _samples(worker.text, "docverify_worker_jobs_total")
        if jobs.get('{outcome="completed"}', 0) >= 1 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    stages = _samples(worker.text, "docverify_pipeline_stage_seconds_count")
    for stage in ("queued", "decode", "ocr", "extract", "total"):
        assert stages[f'{{stage="{stage}"}}'] >= 1, stages
    assert _samples(worker.text, "docverify_ocr_seconds_count")[""] >= 1
    assert sum(_samples(worker.text, "docverify_worker_decisions_total").values()) >= 1
    assert _samples(worker.text, "docverify_worker_jobs_total")['{outcome="completed"}'] >= 1


def test_typed_errors_from_the_live_api(api_client: Client) -> None:
    with pytest.raises(ApiError) as refused:
        submit(api_client, [("notes.txt", b"just some text, not a document")])
    assert refused.value.status_code == 415 and refused.value.code == "UNSUPPORTED_MEDIA_TYPE"
    assert refused.value.request_id

    missing = "01" + "0" * 24
    response = get_verification.sync_detailed(missing, client=api_client)
    assert response.status_code == 404
    assert response.parsed is not None and response.parsed.error.code == "NOT_FOUND"


def test_a_document_that_cannot_be_read_raises_verification_failed(api_client: Client) -> None:
    """A PNG whose header passes the upload checks but whose pixels are not there: the worker fails it."""
    with pytest.raises(VerificationFailed) as failed:
        submit_and_wait(api_client, [("broken.png", png_header_only(400, 300))], timeout=60)
    assert failed.value.verification.status == "failed"
    assert failed.value.reasons and failed.value.reasons[0][0]


# The retry rules, against a scripted transport (no server): what the helper does with 429, 503 and time.


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def scripted(answers: list[Callable[[httpx.Request], httpx.Response]], seen: list[httpx.Request]) -> Client:
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        answer = answers.pop(0) if len(answers) > 1 else answers[0]
        return answer(request)

    client = Client(base_url="http://docverify.test", raise_on_unexpected_status=False)
    client.set_httpx_client(httpx.Client(base_url="http://docverify.test", transport=httpx.MockTransport(handle)))
    return client


VERIFICATION = {
    "id": "01JTEST0000000000000000000",
    "reasons": [],
    "document": {"type": "ktp", "pages": 1},
    "fields": {"nik": {"value": "3204123108900002", "confidence": 0.99}},
    "checks": [],
    "registry": {"status": "not_checked"},
    "timings_ms": {},
    "provenance": {"pipeline_version": "0.3.0"},
    "created_at": "2026-01-01T00:00:00Z",
    "attempts": 1,
}


def answer(
    status: int, body: dict[str, object], headers: dict[str, str] | None = None
) -> Callable[..., httpx.Response]:
    return lambda _request: httpx.Response(status, json=body, headers=headers or {})


def error(status: int, code: str, headers: dict[str, str] | None = None) -> Callable[..., httpx.Response]:
    return answer(status, {"error": {"code": code, "message": code.lower(), "detail": {}}}, headers)


def test_rate_limited_submit_waits_retry_after_and_keeps_its_idempotency_key() -> None:
    seen: list[httpx.Request] = []
    t = FakeTime()
    client = scripted(
        [
            error(429, "RATE_LIMITED", {"Retry-After": "7"}),
            error(503, "SERVICE_UNAVAILABLE"),
            answer(202, {"id": VERIFICATION["id"], "status": "queued"}),
            answer(200, {**VERIFICATION, "status": "queued"}),
            answer(200, {**VERIFICATION, "status": "processing"}),
            answer(200, {**VERIFICATION, "status": "completed", "decision": "verified"}),
        ],
        seen,
    )
    result = submit_and_wait(client, [("card.png", b"\x89PNG...")], timeout=60, jitter=0, sleep=t.sleep, clock=t.clock)
    assert result.status == "completed" and result.decision == "verified"
    posts = [r for r in seen if r.method == "POST"]
    assert len(posts) == 3
    assert len({r.headers["Idempotency-Key"] for r in posts}) == 1  # a retried POST is the same submission
    assert t.sleeps[0] == 7  # Retry-After honoured
    polls = t.sleeps[2:]
    assert polls == sorted(polls) and polls[-1] > polls[0]  # back-off grows


def test_rate_limited_past_the_deadline_raises_rate_limited() -> None:
    t = FakeTime()
    client = scripted([error(429, "QUEUE_FULL", {"Retry-After": "120"})], [])
    with pytest.raises(RateLimited) as limited:
        submit_and_wait(client, [b"\x89PNG..."], timeout=30, sleep=t.sleep, clock=t.clock)
    assert limited.value.retry_after == 120 and limited.value.code == "QUEUE_FULL"
    assert t.sleeps == []  # never sleeps past its budget


def test_polling_stops_at_the_timeout() -> None:
    t = FakeTime()
    client = scripted(
        [
            answer(202, {"id": VERIFICATION["id"], "status": "queued"}),
            answer(200, {**VERIFICATION, "status": "processing"}),
        ],
        [],
    )
    with pytest.raises(WaitTimeout) as late:
        submit_and_wait(client, [b"\x89PNG..."], timeout=10, sleep=t.sleep, clock=t.clock)
    assert late.value.status == "processing" and late.value.verification_id == VERIFICATION["id"]
    assert isinstance(late.value, TimeoutError)
    assert t.now <= 10


def test_other_errors_are_raised_at_once_with_their_code() -> None:
    t = FakeTime()
    client = scripted([error(413, "FILE_TOO_LARGE", {"X-Request-Id": "req-1"})], [])
    with pytest.raises(ApiError) as refused:
        submit_and_wait(client, [b"x" * 10], sleep=t.sleep, clock=t.clock)
    assert (refused.value.status_code, refused.value.code, refused.value.request_id) == (413, "FILE_TOO_LARGE", "req-1")
    assert not isinstance(refused.value, RateLimited) and t.sleeps == []
