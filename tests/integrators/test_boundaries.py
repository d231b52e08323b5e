"""No input reaches a 500: every operation of the app's own `/openapi.json` is called with a valid key and,
one parameter at a time (path, query, header, form field, JSON property), each boundary value of that
parameter's type: dates at both ends of the calendar and with the most distant zones, huge and negative
integers, empty, overlong, NUL-carrying and non-ASCII strings. Every answer must be below 500. The walk reads
the schema, so a new operation or parameter is walked without touching this test.

Also: a 500 that does happen logs no SQL text and no statement parameters."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.config import Settings
from service.db import database
from service.registry.service import put_program
from tests.integrators.helpers import finish, submit
from tests.service.test_registry import csv_bytes, row
from tests.stack import Caller, png

DATES = [
    "9999-12-31T23:59:59-14:00",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59.999999+00:00",
    "0001-01-01T00:00:00Z",
    "0001-01-01T00:00:00",
    "9999-12-31T23:59:59",
    "10000-01-01T00:00:00Z",
    "2026-02-30T00:00:00Z",
    "-1",
    "1e400",
    "99999999999999999999",
]
INTEGERS = ["0", "-1", str(-(2**63) - 1), str(2**63), str(10**30), "1e400", "-0", "NaN", "Infinity"]
STRINGS = ["", " ", "x" * 5000, "\x00", "a\x00b", "ż" * 300, "..%2F..", "null", "[]", "{}", "0", "-1", str(2**63)]
PATH_STRINGS = ["x" * 3000, "%00", "a%00b", "ż" * 200, "-1", str(2**63), "..", "%20"]
HEADER_STRINGS = ["", "x" * 4000, "ż", "-1"]
JSON_VALUES: list[Any] = [
    "",
    "x" * 10_000,
    "\x00",
    None,
    -1,
    0,
    2**63,
    -(2**63) - 1,
    10**30,
    1e308,
    -1e308,
    True,
    [],
    {},
    ["x" * 10_000],
    {"": None},
    "9999-12-31T23:59:59-14:00",
    "0001-01-01T00:00:00+14:00",
]
# JSON text for the `claim` form field (a JSON object inside a form field)
CLAIMS = [
    '{"nik": 100000000000000000000000000000}',
    '{"birth_date": "0001-01-01"}',
    '{"birth_date": "9999-12-31"}',
    '{"nik": "' + "9" * 5000 + '"}',
    '{"name": "\\u0000"}',
    "[]",
    "1e400",
    '{"nik": -1}',
    '{"' + "k" * 3000 + '": 1}',
    '{"nik": {"a": []}}',
    "{" * 5000 + "}" * 5000,
]


@pytest.fixture(scope="module")
def spec(api: TestClient) -> dict[str, Any]:
    return api.get("/openapi.json").json()


def resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def kind(spec: dict[str, Any], schema: dict[str, Any]) -> str:
    """string, date-time, integer, number, boolean, array or object (the first non-null of an anyOf)."""
    schema = resolve(spec, schema)
    for option in schema.get("anyOf", []):
        if option.get("type") != "null":
            return kind(spec, option)
    if schema.get("format") == "date-time":
        return "date-time"
    return str(schema.get("type", "string"))


def text_values(spec: dict[str, Any], schema: dict[str, Any], where: str) -> list[str]:
    if where == "path":
        return PATH_STRINGS
    if where == "header":
        return HEADER_STRINGS
    return {
        "date-time": DATES + STRINGS[:3],
        "integer": INTEGERS + STRINGS[:3],
        "number": INTEGERS,
        "boolean": ["maybe", "", "2", "x" * 5000],
    }.get(kind(spec, schema), STRINGS + DATES[:2])


class Walk:
    """The valid request of each operation, and its variants with one parameter at a boundary."""

    def __init__(self, spec: dict[str, Any], caller: Caller, path_values: dict[str, str]) -> None:
        self.spec, self.caller, self.path_values = spec, caller, path_values

    def valid_json(self, schema: dict[str, Any]) -> dict[str, Any]:
        schema = resolve(self.spec, schema)
        body: dict[str, Any] = {}
        for name in schema.get("required", []):
            body[name] = {
                "nik": "3204123108900002",
                "registry": "boundary-reg",
                "rules": [{"field": "desil", "op": "<=", "value": 4}],
            }.get(name, "x")
        return body

    def requests(self, path: str, method: str, op: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
        params = op.get("parameters", [])
        content = (op.get("requestBody") or {}).get("content") or {}
        base_path = {p["name"]: self.path_values[p["name"]] for p in params if p["in"] == "path"}
        base: dict[str, Any] = {"headers": dict(self.caller.headers), "params": {}}
        if "multipart/form-data" in content:
            base["files"] = [("file", ("card.png", png(), "image/png"))]
            base["data"] = {}
            if "registries" in path:
                base["files"] = [("file", ("r.csv", csv_bytes([row("3204123108900002", "B")]), "text/csv"))]
        json_schema = content.get("application/json", {}).get("schema")
        if json_schema is not None:
            base["json"] = self.valid_json(json_schema)

        def url(values: dict[str, str]) -> str:
            return re.sub(r"{(\w+)}", lambda m: values[m.group(1)], path)

        yield "valid", {**base, "url": url(base_path)}
        for p in params:
            for value in text_values(self.spec, p.get("schema", {}), p["in"]):
                req = {**base, "headers": dict(base["headers"]), "params": dict(base["params"])}
                if p["in"] == "path":
                    req["url"] = url({**base_path, p["name"]: value})
                else:
                    req["url"] = url(base_path)
                    if p["in"] == "query":
                        req["params"][p["name"]] = value
                    else:
                        req["headers"][p["name"]] = value.encode()  # bytes: httpx sends non-ASCII as is
                yield f"{p['in']} {p['name']}={value[:40]!r}", req
        form = content.get("multipart/form-data", {}).get("schema")
        if form is not None:
            for name, prop in resolve(self.spec, form).get("properties", {}).items():
                if name == "file":
                    for label, part in [("empty", b""), ("text", b"hello"), ("png header 40000x100", png_bomb())]:
                        yield (
                            f"file {label}",
                            {**base, "url": url(base_path), "files": [("file", ("f.png", part, "image/png"))]},
                        )
                    continue
                values = text_values(self.spec, prop, "form") + (CLAIMS if name == "claim" else [])
                for value in values:
                    yield f"form {name}={value[:40]!r}", {**base, "url": url(base_path), "data": {name: value}}
        if json_schema is not None:
            props = resolve(self.spec, json_schema).get("properties", {})
            for name in props:
                for value in JSON_VALUES:
                    body = {**base["json"], name: value}
                    yield f"json {name}={str(value)[:40]!r}", {**base, "url": url(base_path), "json": body}
                    if name == "rules":
                        rule = {"field": "desil", "op": "<=", "value": value}
                        yield (
                            f"json rules[0].value={str(value)[:40]!r}",
                            {**base, "url": url(base_path), "json": {**base["json"], name: [rule]}},
                        )
            for raw in ("", "null", "[]", "1e400", "{" * 3000, '{"a": "\\ud800"}'):
                yield (
                    f"raw json {raw[:20]!r}",
                    {
                        **base,
                        "url": url(base_path),
                        "json": None,
                        "content": raw.encode(),
                        "headers": {**base["headers"], "Content-Type": "application/json"},
                    },
                )


def png_bomb() -> bytes:
    from tests.stack import png_header_only

    return png_header_only(40_000, 100)


def send(api: TestClient, method: str, req: dict[str, Any]) -> Any:
    kwargs = {k: v for k, v in req.items() if k != "url" and v is not None}
    return api.request(method, req["url"], **kwargs)


def test_no_input_reaches_a_500(
    api: TestClient, int_settings: Settings, make_caller, spec: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    # every operation, the operator's writes and the registry verdict endpoint (issue 24) included
    caller = make_caller("submit,read,admin,operator,registry_verify")
    job = submit(api, caller.headers)
    finish(int_settings, job)
    spare = api.post("/v1/keys", headers=caller.headers, json={"name": "spare"}).json()["id"]
    assert (
        api.post(
            "/v1/registries/boundary-reg/imports",
            headers=caller.headers,
            files={"file": ("r.csv", csv_bytes([row("3204123108900002", "A")]), "text/csv")},
        ).status_code
        == 201
    )
    with database(int_settings.sqlalchemy_url).session() as s:
        put_program(s, "boundary-prog", "boundary-reg", [{"field": "desil", "op": "<=", "value": 4}], None)
    deliveries = api.get("/v1/webhooks/deliveries", headers=caller.headers).json()["items"]
    path_values = {
        "verification_id": job,
        "key_id": spare,
        "name": "boundary-prog",
        "delivery_id": deliveries[0]["id"] if deliveries else "01ARZ3NDEKTSV4RRFFQ69G5FAV",
    }
    walk = Walk(spec, caller, path_values)
    failures: list[str] = []
    valid: dict[tuple[str, str], int] = {}
    sent = 0
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            for label, req in walk.requests(path, method, op):
                resp = send(api, method.upper(), req)
                sent += 1
                if label == "valid":
                    valid[(method, path)] = resp.status_code
                if resp.status_code >= 500:
                    failures.append(f"{method.upper()} {path} {label} → {resp.status_code} {resp.text[:160]}")
                elif resp.status_code >= 400:
                    body = resp.json()
                    assert set(body) == {"error"} and body["error"]["code"], (path, label, resp.text[:200])
                    assert " object at 0x" not in resp.text, (path, label, resp.text[:300])
    assert sent > 500
    # the walk reaches the registry verdict endpoint itself, not only its refusals (issue 24)
    assert valid[("post", "/v1/registries/{name}/verifications")] == 200, valid
    assert not failures, f"{len(failures)} of {sent} requests answered ≥ 500:\n" + "\n".join(failures[:40])
    logged = caplog.text
    assert "[SQL:" not in logged and "[parameters:" not in logged


@pytest.mark.parametrize("value", ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00"])
@pytest.mark.parametrize("parameter", ["created_after", "created_before"])
def test_dates_beyond_the_calendar_in_utc_are_a_clear_422(
    api: TestClient, make_caller, parameter: str, value: str
) -> None:
    """The probe's finding: these were a 500 (OverflowError in astimezone)."""
    resp = api.get("/v1/verifications", params={parameter: value}, headers=make_caller().headers)
    assert resp.status_code == 422, resp.text
    error = resp.json()["error"]
    assert error["code"] == "VALIDATION_ERROR"
    [problem] = error["detail"]["errors"]
    assert problem["loc"] == ["query", parameter] and "9999-12-31T23:59:59Z" in problem["msg"], problem


def test_a_time_without_a_zone_is_utc(api: TestClient, int_settings: Settings, make_caller) -> None:
    caller = make_caller()
    job = submit(api, caller.headers)
    listed = api.get("/v1/verifications", params={"created_after": "0001-01-01T00:00:00"}, headers=caller.headers)
    assert listed.status_code == 200 and [v["id"] for v in listed.json()["items"]] == [job]
    listed = api.get("/v1/verifications", params={"created_before": "9999-12-31T23:59:59"}, headers=caller.headers)
    assert listed.status_code == 200 and [v["id"] for v in listed.json()["items"]] == [job]


def test_a_500_logs_no_sql_and_no_parameters(
    api: TestClient, make_caller, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Should a statement fail for a reason nobody foresaw, the log names the error, never the statement and
    its parameters (which may be a NIK hash, a name, a claim)."""
    from sqlalchemy import String, TypeDecorator

    from service.verifications import repository

    class Exploding(TypeDecorator[str]):
        impl = String
        cache_ok = True

        def process_bind_param(self, value: Any, dialect: Any) -> Any:
            raise OverflowError("date value out of range")

    caller = make_caller()
    original = repository.list_jobs

    def list_jobs(session: Any, client_id: str, **kwargs: Any) -> Any:
        from sqlalchemy import bindparam, select, text

        session.execute(
            select(text("1")).where(bindparam("secret", "3204123108900002-secret", type_=Exploding()) == "x")
        )
        return original(session, client_id, **kwargs)

    monkeypatch.setattr(repository, "list_jobs", list_jobs)
    with caplog.at_level(logging.ERROR):
        resp = api.get("/v1/verifications", headers=caller.headers)
    assert resp.status_code == 500 and resp.json()["error"]["code"] == "INTERNAL_ERROR"
    logged = caplog.text
    assert "OverflowError" in logged
    assert "SELECT" not in logged and "3204123108900002-secret" not in logged and "secret" not in logged, logged
    assert json.dumps(resp.json()).find("SELECT") == -1
