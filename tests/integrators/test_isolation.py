"""BOLA: walking every operation of the app's OpenAPI schema, client B (holding every scope) never reads or
changes anything of client A's: each path naming one of A's resources answers B 404 (as for an id that does
not exist: no 403 that would confirm it), lists and searches never show A's ids, and A's data is unchanged
afterwards. Every path parameter must be classified here, so a new endpoint cannot slip past this test."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from service.config import Settings
from service.db import database
from service.registry.service import put_program
from service.verifications import repository as jobs
from service.webhooks import repository as deliveries
from tests.integrators.helpers import finish, submit
from tests.service.test_registry import csv_bytes, row
from tests.stack import Caller, png

# path parameters naming a client's own resources: B must get 404 for A's
TENANT_PARAMS = {"verification_id", "delivery_id", "key_id"}
# shared resources loaded by the operator (no client owns them; no records are ever served)
GLOBAL_PARAMS = {"name"}
# operations anyone may call (liveness, readiness, metrics); everything else needs a key
PUBLIC_PATHS = {"/healthz", "/readyz", "/metrics"}


def operations(api: TestClient) -> list[tuple[str, str, dict[str, Any]]]:
    spec = api.get("/openapi.json").json()
    schemas = spec.get("components", {}).get("schemas", {})
    return [
        (path, method.upper(), {**op, "x-schemas": schemas})
        for path, methods in spec["paths"].items()
        for method, op in methods.items()
        if method in ("get", "post", "put", "patch", "delete")
    ]


def body_for(op: dict[str, Any]) -> dict[str, Any]:
    """A body the operation's schema accepts (its required strings filled in), so that what B is told is
    about A's resource, not about B's request (an objection without its reason is a 422 for any id)."""
    content = (op.get("requestBody") or {}).get("content") or {}
    if "multipart/form-data" in content:
        return {"files": {"file": ("card.png", png(), "image/png")}}
    if "application/json" in content:
        schema = content["application/json"].get("schema", {})
        if "$ref" in schema:
            schema = op.get("x-schemas", {}).get(schema["$ref"].rsplit("/", 1)[-1], {})
        props = schema.get("properties", {})
        return {
            "json": {
                k: "x" * max(3, int(props.get(k, {}).get("minLength", 1)))
                for k in schema.get("required", [])
                if props.get(k, {}).get("type") == "string"
            }
        }
    return {}


def call(
    api: TestClient,
    method: str,
    path: str,
    headers: dict[str, str],
    op: dict[str, Any],
    query: dict[str, str] | None = None,
) -> Any:
    return api.request(method, path, headers=headers, params=query or {}, **body_for(op))


def test_every_operation_keeps_client_b_out_of_client_a(
    api: TestClient, int_settings: Settings, make_caller, receiver
) -> None:
    a, b = make_caller(), make_caller()
    # A's resources: a finished verification with a webhook delivery, a queued one, its keys, its secret
    done = submit(api, a.headers, callback_url=receiver.url)
    finish(int_settings, done)
    queued = submit(api, a.headers)
    keys = api.get("/v1/keys", headers=a.headers).json()
    key_id = keys[0]["id"]
    listed = api.get("/v1/webhooks/deliveries", headers=a.headers).json()["items"]
    delivery_id = listed[0]["id"]
    secret_a = api.get("/v1/webhooks/secret", headers=a.headers).json()["secret"]
    # a shared registry and program, so that the global paths resolve
    reg = "isolation-reg"
    operator = make_caller("operator")  # registries belong to the operator (issue 19), not to A
    assert (
        api.post(
            f"/v1/registries/{reg}/imports",
            headers=operator.headers,
            files={"file": ("r.csv", csv_bytes([row("3204123108900002", "A")]), "text/csv")},
        ).status_code
        == 201
    )
    with database(int_settings.sqlalchemy_url).session() as s:
        put_program(s, reg, reg, [{"field": "desil", "op": "<=", "value": 4}], None)

    a_values = {"verification_id": done, "delivery_id": delivery_id, "key_id": key_id, "name": reg}
    a_ids = {done, queued, delivery_id, key_id, a.key, secret_a}
    walked = 0
    for path, method, op in operations(api):
        params = re.findall(r"{(\w+)}", path)
        unknown = set(params) - TENANT_PARAMS - GLOBAL_PARAMS
        assert not unknown, f"{method} {path}: classify path parameter(s) {unknown} in this test"
        url = path
        for p in params:
            url = url.replace("{" + p + "}", a_values[p])
        if path not in PUBLIC_PATHS:
            anon = call(api, method, url, {}, op)
            assert anon.status_code == 401, f"{method} {path} answers {anon.status_code} without a key"
            assert anon.json()["error"]["code"] == "UNAUTHORIZED"
        query = {
            q["name"]: a_values[q["name"]]
            for q in op.get("parameters", [])
            if q.get("in") == "query" and q["name"] in a_values
        }
        resp = call(api, method, url, b.headers, op, query)
        walked += 1
        assert resp.status_code < 500, f"{method} {path}: {resp.status_code} {resp.text[:300]}"
        if set(params) & TENANT_PARAMS:
            assert resp.status_code == 404, f"B reached A's resource: {method} {url} → {resp.status_code}"
            assert resp.json()["error"]["code"] == "NOT_FOUND"
            if method == "GET":  # the same request by A does find it: the 404 is isolation, not a wrong id
                assert call(api, method, url, a.headers, op).status_code == 200, f"{method} {url} as A"
        asked = url + " " + " ".join(query.values())  # an error may echo the id B itself sent
        leaked = [i for i in a_ids if i in resp.text and i not in asked]
        assert not leaked, f"{method} {path} shows B A's data: {leaked}"
    assert walked >= 15

    # nothing of A's changed
    with database(int_settings.sqlalchemy_url).session() as s:
        job = jobs.get(s, done)
        assert job is not None and job.client_id == a.id and job.status == "completed"
        event = deliveries.get(s, delivery_id)
        assert event is not None and event.client_id == a.id and event.status == "pending" and event.attempts == 0
    assert [k["state"] for k in api.get("/v1/keys", headers=a.headers).json()] == ["active"]
    assert api.get("/v1/webhooks/secret", headers=a.headers).json()["secret"] == secret_a
    assert api.get(f"/v1/verifications/{queued}", headers=a.headers).json()["status"] == "queued"
    assert {i["id"] for i in api.get("/v1/verifications", headers=a.headers).json()["items"]} == {done, queued}


def test_ids_of_nobody_and_malformed_ids_are_404_too(api: TestClient, make_caller) -> None:
    """The answer for another client's id is the answer for an id that does not exist."""
    b: Caller = make_caller()
    for path in (
        "/v1/verifications/01ARZ3NDEKTSV4RRFFQ69G5FAV",
        "/v1/verifications/..%2F..%2Fetc",
        "/v1/webhooks/deliveries/01ARZ3NDEKTSV4RRFFQ69G5FAV",
        "/v1/webhooks/deliveries/x",
    ):
        resp = api.get(path, headers=b.headers)
        assert resp.status_code == 404 and resp.json()["error"]["code"] == "NOT_FOUND", path
    for method, path in (
        ("POST", "/v1/keys/0123456789ab/rotate"),
        ("DELETE", "/v1/keys/nonsense"),
        ("POST", "/v1/webhooks/deliveries/01ARZ3NDEKTSV4RRFFQ69G5FAV/redeliver"),
    ):
        resp = api.request(method, path, headers=b.headers)
        assert resp.status_code == 404 and resp.json()["error"]["code"] == "NOT_FOUND", path


def test_scopes_are_enforced_with_403(api: TestClient, make_caller) -> None:
    reader, submitter = make_caller("read"), make_caller("submit")
    job = submit(api, submitter.headers)
    resp = api.get(f"/v1/verifications/{job}", headers=submitter.headers)
    assert resp.status_code == 403 and resp.json()["error"]["detail"]["required_scope"] == "read"
    resp = api.post(URL, files={"file": ("c.png", png(), "image/png")}, headers=reader.headers)
    assert resp.status_code == 403 and resp.json()["error"]["code"] == "FORBIDDEN"
    assert api.get("/v1/keys", headers=reader.headers).status_code == 403
    assert api.get("/v1/webhooks/secret", headers=submitter.headers).status_code == 403


URL = "/v1/verifications"
