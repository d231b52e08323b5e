"""Structured logs (JSON, ids bound, NIK always masked), X-Request-Id, /metrics and the published OpenAPI's
error responses. The API runs on the real database (tests/service/conftest.py); no broker, no worker."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from service.config import Settings
from service.main import published_document
from service.metrics import queue_depth
from service.observability import (
    NikMaskFilter,
    accepted_request_id,
    log_context,
    make_handler,
    mask_text,
)
from service.queue import QUEUE
from tests.stack import free_port, png, redis_url

NIK = "3204123108900002"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (NIK, "************0002"),
        (f"nik={NIK}, kk=3204120101010001.", "nik=************0002, kk=************0001."),
        (f"x{NIK}y", "x************0002y"),
        ("320412310890000", "320412310890000"),  # 15 digits: not a NIK
        ("32041231089000021", "32041231089000021"),  # 17 digits: not a NIK
        ("01JD2Q3R4S5T6V7W8X9Y0Z1A2B", "01JD2Q3R4S5T6V7W8X9Y0Z1A2B"),  # a ULID
        # the 16 digits after a decimal point are a fraction, not a NIK (a float's repr: `2.0000000000000076`)
        ("took 2.1234567890120076s", "took 2.1234567890120076s"),
        ("score=0.9876543210987654", "score=0.9876543210987654"),
        (f"{NIK} in 0.1234567890123456 s", "************0002 in 0.1234567890123456 s"),
        (f"nik {NIK}.", "nik ************0002."),  # a full stop after a NIK is no decimal point
        (f"1{NIK}.5", f"1{NIK}.5"),  # 17 digits
    ],
)
def test_mask_text(text: str, expected: str) -> None:
    assert mask_text(text) == expected


@pytest.fixture()
def captured() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    stream = io.StringIO()
    handler = make_handler("json", stream)
    logger = logging.getLogger("tests.observability")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    try:
        yield logger, stream
    finally:
        logger.removeHandler(handler)
        logger.propagate = True


def records(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_json_lines_mask_the_nik_everywhere(captured: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = captured
    logger.info("read %s for %s", NIK, "SITI", extra={"nik": NIK, "claim": {"nik": int(NIK), "names": [NIK]}})
    try:
        raise ValueError(f"no record for NIK {NIK}")
    except ValueError:
        logger.exception("lookup of %s failed", NIK)
    logger.info(f"f-string {NIK}", stack_info=True)
    assert NIK not in stream.getvalue()
    first, second, third = records(stream)
    assert first["message"] == "read ************0002 for SITI"
    assert first["nik"] == "************0002"
    assert first["claim"] == {"nik": "************0002", "names": ["************0002"]}
    assert first["level"] == "INFO" and first["logger"] == "tests.observability" and first["time"]
    assert "ValueError: no record for NIK ************0002" in str(second["exc_info"])
    assert third["message"] == "f-string ************0002"


def test_the_filter_masks_for_any_handler() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "nik %s", (NIK,), None)
    assert NikMaskFilter().filter(record)
    assert logging.Formatter().format(record) == "nik ************0002"


def test_bound_ids_are_added_and_unbound(captured: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = captured
    with log_context(request_id="req-1"):
        with log_context(job_id="01JOB"):
            logger.info("inner")
        logger.info("outer")
    logger.info("after")
    inner, outer, after = records(stream)
    assert (inner["request_id"], inner["job_id"]) == ("req-1", "01JOB")
    assert outer["request_id"] == "req-1" and "job_id" not in outer
    assert "request_id" not in after


def test_request_id_accepted_or_made() -> None:
    assert accepted_request_id("order-42/attempt:1") == "order-42/attempt:1"
    for bad in (None, "", "has space", "x" * 129, 'quote"', NIK, f"r-{NIK}"):
        made = accepted_request_id(bad)
        assert made != bad and len(made) == 32


def test_responses_carry_the_request_id(client: TestClient) -> None:
    given = client.get("/healthz", headers={"X-Request-Id": "trace-abc"})
    assert given.headers["x-request-id"] == "trace-abc"
    made = client.get("/v1/verifications/01JD0000000000000000000000")
    assert made.status_code == 404 and len(made.headers["x-request-id"]) == 32
    # refused by BodyLimit before any route runs: the header is there too
    big = client.post(
        "/v1/verifications",
        content=b"x",
        headers={"Content-Length": str(10**9), "Content-Type": "multipart/form-data; boundary=b"},
    )
    assert big.status_code == 413 and big.headers["x-request-id"]


def test_access_line_names_request_and_job(client: TestClient, captured: tuple[logging.Logger, io.StringIO]) -> None:
    _, stream = captured
    access = logging.getLogger("docverify.access")
    handler = make_handler("json", stream)
    access.addHandler(handler)
    try:
        resp = client.post(
            "/v1/verifications",
            files={"file": ("card.png", png(), "image/png")},
            data={"claim": json.dumps({"nik": NIK})},
            headers={"X-Request-Id": "submit-1"},
        )
        assert resp.status_code == 202, resp.text
    finally:
        access.removeHandler(handler)
    line = next(r for r in records(stream) if r.get("request_id") == "submit-1")
    assert line["job_id"] == resp.json()["id"] and line["status"] == 202 and line["method"] == "POST"
    assert line["route"] == "/v1/verifications" and float(str(line["duration_ms"])) > 0
    assert NIK not in stream.getvalue()


@pytest.fixture(scope="module")
def metrics_api(api_settings: Settings) -> Iterator[tuple[TestClient, int]]:
    """The app with its metrics listener on a free port of 127.0.0.1 (the default host)."""
    from service.main import create_app

    port = free_port()
    settings = api_settings.model_copy(update={"metrics_port": port})
    assert settings.metrics_host == "127.0.0.1"
    with TestClient(create_app(settings), raise_server_exceptions=False) as c:
        yield c, port


def scrape(port: int) -> httpx.Response:
    return httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=10)


def test_metrics_are_not_on_the_api_port(metrics_api: tuple[TestClient, int]) -> None:
    client, port = metrics_api
    assert client.get("/metrics").status_code == 404
    assert scrape(port).status_code == 200


def test_metrics_listener_stops_with_the_app(api_settings: Settings) -> None:
    from service.main import create_app

    port = free_port()
    with TestClient(create_app(api_settings.model_copy(update={"metrics_port": port}))):
        assert scrape(port).status_code == 200
    with pytest.raises(httpx.ConnectError):
        scrape(port)


def test_unknown_http_methods_share_one_label(metrics_api: tuple[TestClient, int]) -> None:
    """45 new series from 3 made-up methods was the finding: every unknown method is `other`."""
    client, port = metrics_api
    for method in ("FOO", "BAR", "X" * 50, "get"):
        client.request(method, "/healthz")
    text = scrape(port).text
    methods = set(re.findall(r'docverify_http_requests_total\{method="([^"]*)"', text))
    assert "other" in methods and methods <= {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "other"}
    assert "FOO" not in text and "get" not in methods


def test_metrics_endpoint(metrics_api: tuple[TestClient, int]) -> None:
    client, port = metrics_api
    client.get("/healthz")
    resp = scrape(port)
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/plain")
    text = resp.text
    for status in ("queued", "processing", "completed", "failed"):
        assert f'docverify_jobs{{status="{status}"}}' in text
    for decision in ("verified", "needs_review", "retake", "rejected"):
        assert f'docverify_decisions{{decision="{decision}"}}' in text
    assert "docverify_database_up 1.0" in text
    assert "docverify_broker_up 0.0" in text  # these tests run no broker
    assert 'docverify_http_requests_total{method="GET",route="/healthz",status="200"}' in text
    assert "/metrics" not in json.dumps(published_document()["paths"])  # for Prometheus, not integrators


def test_queue_depth_counts_every_priority_list(tmp_path: Path) -> None:
    import redis

    with redis_url(tmp_path, 11) as url:
        client = redis.Redis.from_url(url)
        try:
            client.rpush(QUEUE, b"a", b"b")
            client.rpush(QUEUE + "\x06\x166", b"c")  # kombu's list for priority step 6
            client.rpush("other", b"d")
            assert queue_depth(url) == 3
        finally:
            client.close()


def test_every_error_answer_is_documented_with_the_error_body() -> None:
    doc = published_document()
    assert "HTTPValidationError" not in json.dumps(doc)
    for path, item in doc["paths"].items():
        for method, op in item.items():
            for status, response in op["responses"].items():
                if status.startswith(("4", "5")):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorBody"}, (method, path, status)
            if op.get("requestBody"):
                assert {"400", "413", "422"} <= set(op["responses"]), (method, path)
            if path.startswith("/v1/"):
                assert "503" in op["responses"], (method, path)
    upload = doc["components"]["schemas"]["Body_createVerification"]["properties"]["file"]
    assert upload["items"]["format"] == "binary" and upload["minItems"] == 1


def test_405_lists_every_method_of_the_path(client: TestClient) -> None:
    resp = client.delete("/v1/programs/pkh", headers={"X-Admin-Token": "x"})
    assert resp.status_code == 405
    assert set(resp.headers["allow"].replace(" ", "").split(",")) >= {"GET", "PUT"}
    assert resp.json()["error"]["code"] == "METHOD_NOT_ALLOWED"
