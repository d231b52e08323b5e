"""Registry import (API and CLI), re-import by NIK, programs, and submissions naming registries/programs."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import uuid

from fastapi.testclient import TestClient

from doctypes import REGISTRY_FIELDS
from service.config import Settings
from service.db import database
from service.registry import repository
from tests.service.conftest import ADMIN_TOKEN
from tests.service.test_uploads import URL, assert_error
from tests.stack import ROOT, png

ADMIN = {"X-Admin-Token": ADMIN_TOKEN}
HEADER = [*REGISTRY_FIELDS, "desil"]


def row(nik: str, name: str, birth: str = "1990-08-31", desil: str = "3") -> list[str]:
    return [
        nik,
        name,
        "BANDUNG",
        birth,
        "LAKI-LAKI",
        "O",
        "JL. MERDEKA NO. 12",
        "003/007",
        "CIBEUNYING",
        "CIMENYAN",
        "KABUPATEN BANDUNG",
        "JAWA BARAT",
        "ISLAM",
        "KAWIN",
        "KARYAWAN SWASTA",
        "WNI",
        desil,
    ]


def csv_bytes(rows: list[list[str]], header: list[str] = HEADER) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode()


def upload(client: TestClient, name: str, data: bytes, **params: str):
    return client.post(
        f"/v1/registries/{name}/imports", files={"file": ("r.csv", data, "text/csv")}, headers=ADMIN, params=params
    )


def fresh() -> str:
    return f"reg-{uuid.uuid4().hex[:8]}"


def test_import_keeps_extra_columns_and_reimport_replaces_by_nik(client: TestClient, api_settings: Settings) -> None:
    name = fresh()
    first = upload(
        client,
        name,
        csv_bytes(
            [row("3204123108900002", "MUHAMMAD RIZKI"), row("3204124101950003", "SITI AMINAH", "1995-01-01", "7")]
        ),
    )
    assert first.status_code == 201, first.text
    assert first.json()["inserted"] == 2 and first.json()["records"] == 2
    second = upload(
        client,
        name,
        csv_bytes(
            [row("3204123108900002", "MUHAMAD RIZKI", desil="2"), row("3204125505880001", "DEWI LESTARI", "1988-05-15")]
        ),
    )
    body = second.json()
    assert (body["inserted"], body["updated"], body["records"]) == (1, 1, 3)
    with database(api_settings.sqlalchemy_url).session() as session:
        rec = repository.by_nik(session, name, "3204123108900002")
        assert rec is not None and rec.as_dict()["name"] == "MUHAMAD RIZKI" and rec.as_dict()["desil"] == "2"
        assert rec.data["attributes"] == {"desil": "2"}
        assert repository.by_nik(session, name, "3204124101950003") is not None  # not in the file: kept
    got = client.get(f"/v1/registries/{name}")
    assert got.status_code == 200 and got.json()["records"] == 3 and len(got.json()["imports"]) == 2


def test_an_invalid_row_refuses_the_whole_file_and_names_its_line(client: TestClient, api_settings: Settings) -> None:
    name = fresh()
    upload(client, name, csv_bytes([row("3204123108900002", "ASLI")]))
    bad = csv_bytes(
        [row("3204123108900002", "GANTI"), row("12345", "PENDEK"), row("3204124101950003", "X", "31-01-1995")]
    )
    resp = upload(client, name, bad)
    assert_error(resp, 422, "REGISTRY_CSV_INVALID")
    errors = resp.json()["error"]["detail"]["errors"]
    assert [(e["line"], e["column"]) for e in errors] == [(3, "nik"), (4, "birth_date")]
    assert "12345" not in resp.text  # values are personal data: never echoed
    with database(api_settings.sqlalchemy_url).session() as session:
        rec = repository.by_nik(session, name, "3204123108900002")
        # all or nothing: the good row was not applied either
        assert rec is not None and rec.as_dict()["name"] == "ASLI"
    skipped = upload(client, name, bad, skip_invalid="true")
    assert skipped.status_code == 201 and skipped.json()["skipped"] == 2 and skipped.json()["updated"] == 1


def test_a_file_without_the_contract_header_is_refused(client: TestClient) -> None:
    assert_error(upload(client, fresh(), b"foo,bar\n1,2\n"), 422, "REGISTRY_CSV_INVALID")
    assert_error(upload(client, fresh(), b""), 422, "REGISTRY_CSV_INVALID")
    assert_error(upload(client, fresh(), b"\xff\xfe\x00nik,name\n"), 422, "REGISTRY_CSV_INVALID")


def test_registry_and_program_writes_need_the_operator_scope_or_token(
    client: TestClient, anon: TestClient, new_client
) -> None:
    data = csv_bytes([row("3204123108900002", "A")])

    def imp(c: TestClient, headers: dict[str, str]):
        return c.post(f"/v1/registries/{fresh()}/imports", files={"file": ("r.csv", data, "text/csv")}, headers=headers)

    assert_error(imp(anon, {}), 401, "UNAUTHORIZED")
    assert_error(imp(anon, {"X-Admin-Token": "wrong"}), 401, "UNAUTHORIZED")
    assert_error(imp(anon, {"Authorization": "Bearer dvk_000000000000_" + "x" * 43}), 401, "UNAUTHORIZED")
    reader = new_client("submit,read").headers
    assert_error(imp(client, reader), 403, "FORBIDDEN")
    assert_error(client.put("/v1/programs/p", json={"registry": "x", "rules": []}, headers=reader), 403, "FORBIDDEN")
    assert_error(anon.put("/v1/programs/p", json={"registry": "x", "rules": []}), 401, "UNAUTHORIZED")
    assert imp(anon, ADMIN).status_code == 201  # the operator's bootstrap token
    assert imp(client, new_client("operator").headers).status_code == 201  # a key with the operator scope
    assert anon.get("/v1/registries").status_code == 401
    assert client.get("/v1/registries", headers=reader).status_code == 200


def test_a_clients_admin_key_cannot_change_shared_registries_or_programs(
    client: TestClient, new_client, api_settings: Settings
) -> None:
    """Issue 19, finding 3 (OWASP API5): one tenant's admin key must not change the registry records and rules
    that decide every other tenant's verifications."""
    reg, prog = fresh(), f"prog-{uuid.uuid4().hex[:8]}"
    rules = [{"field": "desil", "op": "<=", "value": 4}]
    assert upload(client, reg, csv_bytes([row("3204123108900002", "MUHAMMAD RIZKI")])).status_code == 201
    assert client.put(f"/v1/programs/{prog}", json={"registry": reg, "rules": rules}, headers=ADMIN).status_code == 200
    tenant = new_client("submit,read,admin").headers  # every scope a client can hold
    forged = csv_bytes([row("3204123108900002", "SOMEONE ELSE")])
    resp = client.post(f"/v1/registries/{reg}/imports", files={"file": ("r.csv", forged, "text/csv")}, headers=tenant)
    assert_error(resp, 403, "FORBIDDEN")
    assert resp.json()["error"]["detail"]["required_scope"] == "operator"
    resp = client.put(f"/v1/programs/{prog}", json={"registry": reg, "rules": []}, headers=tenant)
    assert_error(resp, 403, "FORBIDDEN")
    assert_error(
        client.put(f"/v1/programs/{fresh()}", json={"registry": reg, "rules": []}, headers=tenant), 403, "FORBIDDEN"
    )
    # nothing changed, and the tenant still reads names and rules (the read scope)
    with database(api_settings.sqlalchemy_url).session() as session:
        rec = repository.by_nik(session, reg, "3204123108900002")
        assert rec is not None and rec.as_dict()["name"] == "MUHAMMAD RIZKI"
    assert client.get(f"/v1/programs/{prog}", headers=tenant).json()["rules"] == rules
    assert client.get(f"/v1/registries/{reg}", headers=tenant).status_code == 200


def test_the_operator_scope_is_never_granted_over_the_api(
    client: TestClient, new_client, api_settings: Settings
) -> None:
    from service.clients import service as clients

    tenant = new_client("submit,read,admin")
    assert_error(
        client.post("/v1/keys", json={"scopes": ["read", "operator"]}, headers=tenant.headers), 422, "VALIDATION_ERROR"
    )
    # an operator key of the same client (the CLI made it) is not rotated into a new one by its admin key
    with database(api_settings.sqlalchemy_url).session() as session:
        op = clients.create_key(session, tenant.id, "operator", "ops").row.id
    assert_error(client.post(f"/v1/keys/{op}/rotate", json={}, headers=tenant.headers), 403, "FORBIDDEN")
    listed = {k["id"]: k for k in client.get("/v1/keys", headers=tenant.headers).json()}
    assert listed[op]["scopes"] == ["operator"] and listed[op]["state"] == "active" and len(listed) == 2


def test_the_openapi_document_names_the_operator_scope(anon: TestClient) -> None:
    paths = anon.get("/openapi.json").json()["paths"]
    for path, method in (("/v1/registries/{name}/imports", "post"), ("/v1/programs/{name}", "put")):
        op = paths[path][method]
        assert op["x-required-scope"] == "operator" and "Operator only" in op["description"], path
    for path in ("/v1/registries", "/v1/registries/{name}", "/v1/programs", "/v1/programs/{name}"):
        assert paths[path]["get"]["x-required-scope"] == "read", path


def test_programs_are_validated_and_listed(client: TestClient) -> None:
    reg = fresh()
    upload(client, reg, csv_bytes([row("3204123108900002", "A")]))
    rules = [{"field": "desil", "op": "<=", "value": 4}, {"field": "province", "op": "in", "value": ["JAWA BARAT"]}]
    prog = f"pkh-{uuid.uuid4().hex[:6]}"
    put = client.put(f"/v1/programs/{prog}", json={"registry": reg, "rules": rules}, headers=ADMIN)
    assert put.status_code == 200, put.text
    assert client.get(f"/v1/programs/{prog}").json()["rules"] == rules
    assert prog in [p["name"] for p in client.get("/v1/programs").json()]
    bad = client.put(
        f"/v1/programs/{prog}", json={"registry": reg, "rules": [{"field": "desil", "op": "~"}]}, headers=ADMIN
    )
    assert_error(bad, 422, "VALIDATION_ERROR")
    missing = client.put(f"/v1/programs/{prog}", json={"registry": fresh(), "rules": rules}, headers=ADMIN)
    assert_error(missing, 422, "VALIDATION_ERROR")
    assert_error(client.get("/v1/programs/nope"), 404, "NOT_FOUND")


def test_a_submission_naming_an_unknown_registry_or_program_is_refused(client: TestClient) -> None:
    files = {"file": ("card.png", png(), "image/png")}
    assert_error(client.post(URL, files=files, data={"registry": fresh()}), 422, "UNKNOWN_REGISTRY")
    assert_error(client.post(URL, files=files, data={"program": "no-such-program"}), 422, "UNKNOWN_PROGRAM")


def test_cli_import_is_the_same_import(tmp_path, api_settings: Settings) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(csv_bytes([row("3204123108900002", "A"), row("3204124101950003", "B", "1995-01-01")]))
    name = fresh()
    env = {"DATABASE_URL": api_settings.sqlalchemy_url, "PATH": "/usr/bin:/bin", "DOCVERIFY_ENV": "dev"}

    def cli_import() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "docverify.cli", "registry", "import", str(path), "--name", name],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=120,
        )

    proc = cli_import()
    assert proc.returncode == 0, proc.stderr
    assert '"inserted": 2' in proc.stdout
    path.write_bytes(csv_bytes([row("1", "A")]))
    proc = cli_import()
    assert proc.returncode == 1 and "REGISTRY_CSV_INVALID" in proc.stderr and "Traceback" not in proc.stderr


def test_cli_program_set_and_registry_list_print_json(tmp_path, api_settings: Settings) -> None:
    """`program set` prints the saved program and `registry list` the registries, as JSON (`make run` calls
    `program set`)."""
    env = {"DATABASE_URL": api_settings.sqlalchemy_url, "PATH": "/usr/bin:/bin", "DOCVERIFY_ENV": "dev"}

    def cli(*args: str) -> str:
        proc = subprocess.run(
            [sys.executable, "-m", "docverify.cli", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    reg, prog = fresh(), fresh()
    path = tmp_path / "r.csv"
    path.write_bytes(csv_bytes([row("3204123108900002", "A")]))
    cli("registry", "import", str(path), "--name", reg)
    rules = [{"field": "desil", "op": "<=", "value": 4, "description": "decile 4 or lower"}]
    spec = tmp_path / "program.json"
    spec.write_text(json.dumps({"registry": reg, "rules": rules}), encoding="utf-8")
    saved = json.loads(cli("program", "set", prog, str(spec)))
    assert saved == {"registry": reg, "description": None, "rules": rules, "name": prog}
    listed = {r["name"]: r for r in json.loads(cli("registry", "list"))}
    assert listed[reg]["records"] == 1 and listed[reg]["imported_at"]


def test_client_create_grants_the_operator_scope_only_when_asked(client: TestClient, api_settings: Settings) -> None:
    """`client create` gives a front office `submit,read`; only `--operator` adds the operator scope, and such a
    key (the operator's own tooling) may then write programs over the API."""
    env = {"DATABASE_URL": api_settings.sqlalchemy_url, "PATH": "/usr/bin:/bin", "DOCVERIFY_ENV": "dev"}

    def create(*args: str) -> dict:
        proc = subprocess.run(
            [sys.executable, "-m", "docverify.cli", "client", "create", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)["key"]

    plain = create(f"fo-{uuid.uuid4().hex[:8]}")
    assert plain["scopes"] == ["submit", "read"]
    ops = create(f"ops-{uuid.uuid4().hex[:8]}", "--operator")
    assert ops["scopes"] == ["submit", "read", "operator"]
    reg = fresh()
    assert upload(client, reg, csv_bytes([row("3204123108900002", "A")])).status_code == 201
    body = {"registry": reg, "rules": [{"field": "desil", "op": "<=", "value": 4}]}
    plain_put = client.put(f"/v1/programs/{fresh()}", json=body, headers={"Authorization": f"Bearer {plain['key']}"})
    assert_error(plain_put, 403, "FORBIDDEN")
    assert (
        client.put(f"/v1/programs/{fresh()}", json=body, headers={"Authorization": f"Bearer {ops['key']}"}).status_code
        == 200
    )
