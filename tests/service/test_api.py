"""Reading back, listing with cursors, idempotency, tenant scoping, OpenAPI, health, DB down → 503."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient

from service.config import Settings
from service.db import database
from service.main import create_app
from service.verifications import repository
from service.verifications.service import Submission, Upload, request_hash
from tests.service.test_uploads import URL, assert_error
from tests.stack import png, settings_for, stack_env

# The top-level keys of a Verification (contract: the Verification object)
CONTRACT_KEYS = {
    "id",
    "status",
    "decision",
    "reasons",
    "document",
    "fields",
    "checks",
    "registry",
    "timings_ms",
    "provenance",
}


def post(client: TestClient, headers: dict[str, str], content: bytes | None = None, **extra):
    return client.post(URL, files={"file": ("card.png", content or png(), "image/png")}, headers=headers, **extra)


def test_get_queued_verification_has_contract_shape(client: TestClient, new_client) -> None:
    h = new_client().headers
    job_id = post(client, h).json()["id"]
    got = client.get(f"{URL}/{job_id}", headers=h)
    assert got.status_code == 200
    body = got.json()
    assert set(body) >= CONTRACT_KEYS
    assert body["id"] == job_id and body["status"] == "queued" and body["decision"] is None
    assert body["registry"]["status"] == "not_checked"


def test_unknown_and_foreign_ids_are_404(client: TestClient, new_client) -> None:
    h = new_client().headers
    job_id = post(client, h).json()["id"]
    assert_error(client.get(f"{URL}/{job_id}", headers=new_client().headers), 404, "NOT_FOUND")
    assert_error(client.get(f"{URL}/01ARZ3NDEKTSV4RRFFQ69G5FAV", headers=h), 404, "NOT_FOUND")
    assert_error(client.get(f"{URL}/../etc", headers=h), 404, "NOT_FOUND")


def test_list_paginates_with_cursor_and_filters(client: TestClient, new_client) -> None:
    h = new_client().headers
    ids = [post(client, h, png(100 + i, 80)).json()["id"] for i in range(5)]
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get(URL, params=params, headers=h).json()
        seen += [item["id"] for item in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert seen == sorted(ids, reverse=True)
    assert len(client.get(URL, params={"status": "queued"}, headers=h).json()["items"]) == 5
    assert client.get(URL, params={"status": "completed"}, headers=h).json()["items"] == []
    assert client.get(URL, params={"decision": "verified"}, headers=h).json()["items"] == []
    later = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()
    assert client.get(URL, params={"created_after": later}, headers=h).json()["items"] == []
    assert len(client.get(URL, params={"created_before": later}, headers=h).json()["items"]) == 5
    assert client.get(URL, headers=new_client().headers).json()["items"] == []
    assert_error(client.get(URL, params={"cursor": "nonsense"}, headers=h), 422, "INVALID_CURSOR")
    assert_error(client.get(URL, params={"status": "lost"}, headers=h), 422, "VALIDATION_ERROR")
    assert_error(client.get(URL, params={"limit": 0}, headers=h), 422, "VALIDATION_ERROR")


def test_idempotency_same_body_same_answer_other_body_422(client: TestClient, new_client) -> None:
    caller = new_client()
    h = {**caller.headers, "Idempotency-Key": "order-1"}
    body = png(130, 90)
    first = post(client, h, body, data={"claim": '{"nik": "1905012710847738"}'})
    again = post(client, h, body, data={"claim": '{"nik": "1905012710847738"}'})
    assert first.status_code == again.status_code == 202
    assert first.json() == again.json()
    assert again.headers["Location"] == first.headers["Location"]
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert_error(post(client, h, png(131, 90)), 422, "IDEMPOTENCY_KEY_REUSED")
    assert_error(post(client, h, body, data={"claim": '{"nik": "0"}'}), 422, "IDEMPOTENCY_KEY_REUSED")
    # the key is scoped per client: another client may use it for its own request
    other = post(client, {**new_client().headers, "Idempotency-Key": "order-1"}, png(131, 90))
    assert other.status_code == 202 and other.json()["id"] != first.json()["id"]
    assert len(client.get(URL, headers=caller.headers).json()["items"]) == 1


def test_idempotency_repeat_while_first_in_flight_is_409(
    client: TestClient, new_client, api_settings: Settings
) -> None:
    caller = new_client()
    h = {**caller.headers, "Idempotency-Key": "in-flight"}
    body = png(140, 90)
    # the first request has reserved the key and is still storing its upload (no job bound yet)
    digest = request_hash(Submission([Upload("card.png", body)]), "auto", None)
    with database(api_settings.sqlalchemy_url).session() as s:
        repository.reserve_key(s, caller.id, "in-flight", digest)
    assert_error(post(client, h, body), 409, "IDEMPOTENCY_IN_FLIGHT")
    assert_error(post(client, h, png(141, 90)), 422, "IDEMPOTENCY_KEY_REUSED")


def test_idempotency_concurrent_repeats_make_one_job(client: TestClient, new_client) -> None:
    caller = new_client()
    h = {**caller.headers, "Idempotency-Key": "burst"}
    body = png(150, 90)
    answers: list[tuple[int, str | None]] = []
    lock = threading.Lock()

    def send() -> None:
        resp = post(client, h, body)
        with lock:
            answers.append(
                (resp.status_code, resp.json().get("id") if resp.status_code == 202 else resp.json()["error"]["code"])
            )

    threads = [threading.Thread(target=send) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {status for status, _ in answers} <= {202, 409}, answers
    accepted = {value for status, value in answers if status == 202}
    assert len(accepted) == 1, answers
    assert all(value == "IDEMPOTENCY_IN_FLIGHT" for status, value in answers if status == 409)
    items = client.get(URL, headers=caller.headers).json()["items"]
    assert [i["id"] for i in items] == list(accepted)


def test_openapi_has_operation_ids_and_documents_errors(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    ops = {(path, method): op for path, methods in spec["paths"].items() for method, op in methods.items()}
    create = ops[("/v1/verifications", "post")]
    assert create["operationId"] == "createVerification"
    assert ops[("/v1/verifications/{verification_id}", "get")]["operationId"] == "getVerification"
    assert ops[("/v1/verifications", "get")]["operationId"] == "listVerifications"
    for status in ("409", "413", "415", "422", "503"):
        assert status in create["responses"], status
        assert create["responses"][status]["content"]["application/json"]["schema"]["$ref"].endswith("ErrorBody")
    assert "404" in ops[("/v1/verifications/{verification_id}", "get")]["responses"]


def test_health(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")  # no broker in these tests: not ready, with the reason
    assert ready.status_code == 503
    assert ready.json()["error"]["detail"]["checks"]["database"] == "ok"


def test_database_down_at_submit_is_503(tmp_path, new_client) -> None:
    env = stack_env("postgresql+psycopg://postgres@127.0.0.1:1/test", "", tmp_path / "uploads")
    with TestClient(create_app(settings_for(env)), raise_server_exceptions=False) as down:
        resp = down.post(URL, files={"file": ("card.png", png(), "image/png")}, headers=new_client().headers)
        assert_error(resp, 503, "SERVICE_UNAVAILABLE")
        assert_error(
            down.get(f"{URL}/01ARZ3NDEKTSV4RRFFQ69G5FAV", headers=new_client().headers), 503, "SERVICE_UNAVAILABLE"
        )
        assert down.get("/readyz").status_code == 503
        assert down.get("/healthz").status_code == 200
        # a request without a key is answered without the database
        assert_error(down.post(URL, files={"file": ("e.png", b"", "image/png")}), 401, "UNAUTHORIZED")
    assert not any((tmp_path / "uploads").rglob("*")) if (tmp_path / "uploads").exists() else True
