"""API keys: shown once and stored only as a digest, revocable, rotated with an overlap, managed over the API
(admin scope, own keys only) and with the CLI; bad keys are 401 with the contract's error body."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import text

from service.clients import repository as client_repo
from service.config import Settings
from service.db import database, utcnow
from tests.stack import ROOT, bearer


def assert_401(resp) -> None:
    assert resp.status_code == 401, resp.text
    body = resp.json()
    assert set(body) == {"error"} and body["error"]["code"] == "UNAUTHORIZED" and body["error"]["message"]
    assert resp.headers["www-authenticate"].startswith("Bearer")


def test_bad_keys_are_401_never_500(api: TestClient, make_caller) -> None:
    caller = make_caller()
    good = caller.key
    tampered = good[:-1] + ("B" if good[-1] == "A" else "A")
    for header in (
        {},
        {"Authorization": "Bearer"},
        {"Authorization": "Basic dXNlcjpwdw=="},
        {"Authorization": "Bearer nonsense"},
        {"Authorization": "Bearer " + tampered},
        {"Authorization": "Bearer " + good + "x"},
        {"Authorization": "Bearer dvk_" + "0" * 12 + "_" + "a" * 43},
        {"Authorization": ("Bearer " + "é" * 10).encode("latin-1")},
    ):
        assert_401(api.get("/v1/verifications", headers=header))
    assert api.get("/v1/verifications", headers=caller.headers).status_code == 200


def test_key_is_shown_once_and_stored_as_a_digest(api: TestClient, int_settings: Settings, make_caller) -> None:
    admin = make_caller()
    made = api.post("/v1/keys", json={"scopes": ["read"], "name": "reporting"}, headers=admin.headers)
    assert made.status_code == 201, made.text
    key = made.json()["key"]
    assert key.startswith(f"dvk_{made.json()['id']}_") and made.json()["scopes"] == ["read"]
    listed = api.get("/v1/keys", headers=admin.headers).json()
    assert made.json()["id"] in [k["id"] for k in listed] and key not in json.dumps(listed)
    with database(int_settings.sqlalchemy_url).engine.connect() as conn:
        dump = json.dumps([list(map(str, r)) for r in conn.execute(text("SELECT * FROM api_keys"))])
    assert key not in dump and key.split("_", 2)[2] not in dump  # neither the key nor its secret part
    assert api.get("/v1/verifications", headers=bearer(key)).status_code == 200
    assert (
        api.post("/v1/verifications", headers=bearer(key), files={"file": ("a.png", b"x", "image/png")}).status_code
        == 403
    )


def test_revoke_and_rotate_with_overlap(api: TestClient, int_settings: Settings, make_caller) -> None:
    admin = make_caller()
    extra = api.post("/v1/keys", json={"scopes": ["submit", "read"]}, headers=admin.headers).json()
    revoked = api.delete(f"/v1/keys/{extra['id']}", headers=admin.headers)
    assert revoked.status_code == 200 and revoked.json()["state"] == "revoked"
    assert_401(api.get("/v1/verifications", headers=bearer(extra["key"])))

    old = api.post("/v1/keys", json={"scopes": ["read"]}, headers=admin.headers).json()
    rotated = api.post(f"/v1/keys/{old['id']}/rotate", json={"overlap_s": 3600}, headers=admin.headers)
    assert rotated.status_code == 201, rotated.text
    new = rotated.json()
    assert new["scopes"] == ["read"] and new["key"] != old["key"]
    # during the overlap both work
    assert api.get("/v1/verifications", headers=bearer(old["key"])).status_code == 200
    assert api.get("/v1/verifications", headers=bearer(new["key"])).status_code == 200
    info = {k["id"]: k for k in api.get("/v1/keys", headers=admin.headers).json()}[old["id"]]
    assert info["replaced_by"] == new["id"] and info["expires_at"] is not None
    # after it (the clock moved on: the old key's end is in the past), only the new one
    with database(int_settings.sqlalchemy_url).session() as s:
        client_repo.end_key(s, old["id"], expires_at=utcnow() - timedelta(seconds=1))
    assert_401(api.get("/v1/verifications", headers=bearer(old["key"])))
    assert api.get("/v1/verifications", headers=bearer(new["key"])).status_code == 200
    again = api.post(f"/v1/keys/{old['id']}/rotate", json={}, headers=admin.headers)
    assert again.status_code == 422  # an expired key is not rotated again


def test_cli_manages_clients_and_keys(int_settings: Settings, api: TestClient) -> None:
    env = {"DATABASE_URL": int_settings.sqlalchemy_url, "PATH": "/usr/bin:/bin", "DOCVERIFY_ENV": "dev"}

    def cli(*args: str) -> dict:
        proc = subprocess.run(
            [sys.executable, "-m", "docverify.cli", "client", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout)

    made = cli("create", "frontoffice-cli", "--scopes", "submit,read")
    assert made["client"] == "frontoffice-cli" and made["webhook_secret"].startswith("whsec_")
    first = made["key"]
    assert api.get("/v1/verifications", headers=bearer(first["key"])).status_code == 200
    second = cli("key", "create", "frontoffice-cli", "--scopes", "read", "--name", "reports")
    rotated = cli("key", "rotate", first["id"], "--overlap-hours", "0")
    assert rotated["scopes"] == ["submit", "read"]
    assert_401(api.get("/v1/verifications", headers=bearer(first["key"])))  # no overlap asked for
    assert api.get("/v1/verifications", headers=bearer(rotated["key"])).status_code == 200
    cli("key", "revoke", second["id"])
    states = {k["id"]: k["state"] for k in cli("key", "list", "frontoffice-cli")}
    assert states == {first["id"]: "expired", second["id"]: "revoked", rotated["id"]: "active"}
    assert "frontoffice-cli" in [c["id"] for c in cli("list")]
    dup = subprocess.run(
        [sys.executable, "-m", "docverify.cli", "client", "create", "frontoffice-cli"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert dup.returncode == 1 and "Traceback" not in dup.stderr and "exists" in dup.stderr
    demo = subprocess.run(
        [sys.executable, "-m", "docverify.cli", "client", "demo", "--quiet"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert demo.returncode == 0 and api.get("/v1/keys", headers=bearer(demo.stdout.strip())).status_code == 200
