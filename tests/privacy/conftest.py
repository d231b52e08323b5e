"""A real database (PostgreSQL with DATABASE_URL, else SQLite), the real API in-process and the real storage
folder, or (the same tests again, issue 22) a real S3 server (SeaweedFS, tests/s3server.py) behind
DOCVERIFY_STORAGE=s3://…: purge, erasure and re-encryption must work on both.
Jobs are submitted through the API and finished through the service layer the worker uses, with a
Verification built from a sample's truth (no OCR here: these tests are about what is stored, not read; the
end-to-end run with the real worker is tests/privacy/test_logs.py)."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, text

from service import crypto
from service.config import Settings
from service.db import database
from service.main import create_app
from service.storage import Storage, open_storage
from service.verifications import service as verifications
from service.verifications.model import VerificationResult
from tests.stack import ROOT, SAMPLE, SAMPLE_TRUTH, bearer, database_url, issue_key, settings_for, stack_env

TRUTH: dict[str, Any] = json.loads(SAMPLE_TRUTH.read_text())
NIK, NAME, ADDRESS = TRUTH["nik"], TRUTH["name"], TRUTH["address"]
SECRETS = (NIK, NAME, ADDRESS, TRUTH["birth_place"])  # what must never be readable without the key
OTHER_PERSON = {
    "nik": "3204123108900002",
    "name": "MUHAMMAD RIZKI PRATAMA",
    "address": "JL. MERDEKA NO. 12",
    "birth_place": "BANDUNG",
    "birth_date": "1990-08-31",
}


@dataclass
class Env:
    settings: Settings
    api: TestClient
    tmp: Path
    _storage: Storage | None = field(default=None, repr=False)

    @property
    def storage(self) -> Storage:
        """The backend the settings name (the API in this test uses the same)."""
        if self._storage is None:
            self._storage = open_storage(self.settings)
        return self._storage

    @property
    def plain_storage(self) -> Storage:
        """The same backend writing plaintext: what files from before encryption look like."""
        plain = open_storage(self.settings)
        plain.encrypt = False
        return plain

    def db(self) -> Any:
        return database(self.settings.sqlalchemy_url)

    def key(self, client: str | None = None, scopes: str = "submit,read,admin") -> tuple[str, dict[str, str]]:
        name, key = issue_key(self.settings, client, scopes)
        return name, bearer(key)

    def submit(self, headers: dict[str, str], claim: dict[str, Any] | None = None) -> str:
        data = {"document_type": "ktp"}
        if claim is not None:
            data["claim"] = json.dumps(claim)
        resp = self.api.post(
            "/v1/verifications",
            files={"file": ("card.png", SAMPLE.read_bytes(), "image/png")},
            data=data,
            headers=headers,
        )
        assert resp.status_code == 202, resp.text
        return str(resp.json()["id"])

    def finish(
        self,
        job_id: str,
        *,
        nik: str = NIK,
        name: str = NAME,
        decision: str = "verified",
        doc_type: str = "ktp",
        other: bool = False,
    ) -> None:
        """What the worker does after the pipeline: keep the card image, save the Verification (through the
        same service functions), with this person's fields."""
        fields = {
            k: {"value": v, "confidence": 0.99, "bbox": [10, 10, 50, 20], "page": 0}
            for k, v in TRUTH.items()
            if k not in ("document_type", "capture_mode", "ocr_noise")
        }
        if other:  # someone else altogether
            nik, name = OTHER_PERSON["nik"], OTHER_PERSON["name"]
            for key, value in OTHER_PERSON.items():
                fields[key]["value"] = value
        fields["nik"]["value"], fields["name"]["value"] = nik, name
        address = fields["address"]["value"]
        verification = {
            "id": job_id,
            "status": "completed",
            "decision": decision,
            "reasons": [{"code": "REGISTRY_MATCH", "severity": "info", "message": f"record of {name}"}],
            "document": {"type": doc_type, "type_confidence": 0.99, "pages": 1},
            "fields": fields,
            "checks": [{"name": "blur", "passed": True, "score": 0.9, "detail": "Laplacian variance 400"}],
            "registry": {
                "status": "match",
                "source": "dukcapil",
                "record_id": "1",
                "score": 97.0,
                "fields": {
                    "name": {"document": name, "registry": name, "score": 100.0},
                    "address": {"document": address, "registry": address, "score": 100.0},
                },
            },
            "timings_ms": {"total": 700},
            "provenance": {"pipeline_version": "test", "models": []},
        }
        from PIL import Image

        buf = io.BytesIO()
        Image.open(SAMPLE).convert("RGB").save(buf, format="JPEG")
        self.storage.save_card(job_id, 0, buf.getvalue())
        lease = uuid.uuid4().hex
        with self.db().session() as session:
            claim = verifications.claim(
                session, self.settings, job_id, lease=lease, worker="test:1", holder_dead=lambda _job: True
            )
            assert claim.outcome == "claimed" and claim.job is not None
            assert verifications.complete(session, claim.job, lease, VerificationResult.load(verification))

    def age(self, job_id: str, days: float) -> None:
        """Move a finished job's dates `days` into the past (what time would do)."""
        with self.db().engine.begin() as conn:
            for column in ("created_at", "completed_at"):
                rows = conn.execute(text(f"SELECT {column} FROM verification_jobs WHERE id = :id"), {"id": job_id})
                value = rows.scalar_one()
                if value is None:
                    continue
                from datetime import datetime, timedelta

                if isinstance(value, str):
                    value = datetime.fromisoformat(value)
                conn.execute(
                    text(f"UPDATE verification_jobs SET {column} = :v WHERE id = :id"),
                    {"v": value - timedelta(days=days), "id": job_id},
                )

    # what an attacker with a copy of the database or the folder sees

    def raw_rows(self) -> dict[str, list[str]]:
        """Every row of every table as text, read with plain SQL (no column type decrypts anything)."""
        engine = self.db().engine
        out: dict[str, list[str]] = {}
        with engine.connect() as conn:
            for table in inspect(engine).get_table_names():
                out[table] = [" | ".join(str(v) for v in row) for row in conn.execute(text(f'SELECT * FROM "{table}"'))]
        return out

    def raw_files(self) -> dict[str, bytes]:
        """Every stored file as it lies on the medium: the folder's files, or every object under the prefix."""
        return self.storage.raw_files()

    def decrypted_rows(self) -> dict[str, list[str]]:
        """The same rows with every encrypted value opened: what erasure must have removed for real."""
        ring = crypto.keyring()
        out: dict[str, list[str]] = {}
        for table, rows in self.raw_rows().items():
            out[table] = [_open_all(ring, row) for row in rows]
        return out

    def decrypted_files(self) -> dict[str, bytes]:
        ring = crypto.keyring()
        return {k: ring.decrypt(v) for k, v in self.raw_files().items()}


def _open_all(ring: crypto.Keyring, row: str) -> str:
    import re

    return re.sub(r"dv1:[A-Za-z0-9_.-]+:[A-Za-z0-9_=-]+", lambda m: ring.decrypt_text(m.group(0)), row)


def find_secrets(rows: dict[str, list[str]], secrets: tuple[str, ...] = SECRETS) -> list[tuple[str, str]]:
    return [(table, s) for table, lines in rows.items() for line in lines for s in secrets if s in line]


@pytest.fixture(params=["local", "s3"])
def env(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Env]:
    """Each test twice: files in the local folder, and in a real S3 server (a fresh prefix per test)."""
    extra: dict[str, str] = {}
    if request.param == "s3":
        server = request.getfixturevalue("s3_server")
        extra = {
            k.removeprefix("DOCVERIFY_").lower(): v for k, v in server.env(f"privacy-{uuid.uuid4().hex[:12]}").items()
        }
    with database_url(tmp_path, "privacy") as url:
        settings = settings_for(stack_env(url, "", tmp_path / "uploads", max_queued_per_client=100_000, **extra))
        with TestClient(create_app(settings), raise_server_exceptions=False) as api:
            yield Env(settings, api, tmp_path)
        database(settings.sqlalchemy_url).dispose()


def import_sample_registry(env: Env, name: str = "dukcapil", extra_row: bool = True) -> None:
    """The sample registry, plus (by default) the test's person as a registry record."""
    from service.registry import service as registry_service

    csv_text = (ROOT / "samples" / "ktp" / "registry.csv").read_text()
    header = csv_text.splitlines()[0].split(",")
    if extra_row:
        row = {**{k: "" for k in header}, **{k: str(v) for k, v in TRUTH.items() if k in header}}
        csv_text = csv_text.rstrip("\n") + "\n" + ",".join(row[k] for k in header) + "\n"
    with env.db().session() as session:
        registry_service.import_csv(session, env.settings, name, io.StringIO(csv_text))
