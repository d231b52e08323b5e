"""Issue 24 end to end: two docverify instances, each its own processes, database (SQLite files, or schemas of
DATABASE_URL), Redis (embedded, or REDIS_URL's db 11 and 12) and port. B owns the sample registry and serves
per-field verdicts; A's real worker reads sample cards with the real OCR and asks B over HTTP (through a TCP
relay on 127.0.0.1, the way a load balancer sits in front of a registry, which can also hold B's answers back).

- A's decisions with B's registry remote equal A's decisions with the same registry imported locally.
- B stopped mid-run: A's jobs end needs_review / REGISTRY_UNAVAILABLE within the lookup deadline, none hangs,
  none is rejected. B slow (answers later than A's timeout): the same.
- B back: re-assessment (API and CLI, no OCR again) gives the local decision.
- No record value reaches A; B's processing records say which client asked, when, for which NIK hash; A's say
  which registry was asked.
"""

from __future__ import annotations

import contextlib
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from service.config import Settings
from service.db import database
from service.privacy.tables import ProcessingRecord
from service.registry.service import DbSource, import_csv
from service.verifications import reassessment
from service.verifications import repository as jobs
from tests.stack import (
    ROOT,
    ApiProcess,
    WorkerProcess,
    bearer,
    database_url,
    free_port,
    issue_key,
    redis_url,
    settings_for,
    stack_env,
)
from tests.workers.helpers import get, submit, wait_status

pytestmark = pytest.mark.integration

SAMPLES = ROOT / "samples" / "ktp"
REGISTRY_CSV = SAMPLES / "registry.csv"
TIMEOUT_S, DEADLINE_S = 1.5, 4.0
# a handful of cards: genuine, unregistered, impostor, genuine with a claim; then one per fault
WITH_B = ["ktp-0001-scan.png", "ktp-0007-scan.png", "ktp-0011-lowres.png", "ktp-0013-scan.jpg"]
B_STOPPED = ["ktp-0019-scan.png", "ktp-0004-blur_noise.jpg"]
B_SLOW = ["ktp-0008-photo.webp"]


class Relay:
    """A TCP relay 127.0.0.1:port → B: passes bytes through, or holds each connection `delay_s` first."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.delay_s = 0.0
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        if self.delay_s:
            time.sleep(self.delay_s)
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=5)
        except OSError:  # B is down: the connection is dropped, as a load balancer without a backend does
            conn.close()
            return
        for src, dst in ((conn, upstream), (upstream, conn)):
            threading.Thread(target=self._pump, args=(src, dst), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self.closed = True
        self.sock.close()


@dataclass
class Pair:
    a_settings: Settings
    a_env: dict[str, str]
    a: httpx.Client
    b_settings: Settings
    b_env: dict[str, str]
    b_port: int
    b: ApiProcess
    relay: Relay
    tmp: Path
    agency: str  # A's client id at B


def _import(settings: Settings, name: str) -> None:
    db = database(settings.sqlalchemy_url)
    db.ensure_schema()
    with REGISTRY_CSV.open(encoding="utf-8-sig", newline="") as fh, db.session() as s:
        import_csv(s, settings, name, fh)


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Iterator[Pair]:
    tmp = tmp_path_factory.mktemp("remote")
    with (
        database_url(tmp, "registry_b") as db_b,
        redis_url(tmp, 11) as broker_b,
        database_url(tmp, "registry_a") as db_a,
        redis_url(tmp, 12) as broker_a,
    ):
        # B: the registry owner. Its API only: a verdict needs no worker.
        b_env = stack_env(db_b, broker_b, tmp / "uploads-b")
        b_settings = settings_for(b_env)
        _import(b_settings, "dukcapil")
        agency, key = issue_key(b_settings, "agency-a", scopes="registry_verify")
        b_port = free_port()
        b = ApiProcess(b_env, tmp / "b.log", port=b_port).start()
        relay = Relay(b_port)
        # A: the front office's deployment. Registry dukcapil is B's, asked through the relay; the same CSV is
        # imported under another name for the local comparison.
        remotes = {
            "dukcapil": {"url": f"http://127.0.0.1:{relay.port}/v1/registries/dukcapil/verifications", "api_key": key}
        }
        a_env = stack_env(
            db_a,
            broker_a,
            tmp / "uploads-a",
            registry_remotes=json.dumps(remotes),
            registry_remote_timeout_s=TIMEOUT_S,
            registry_remote_attempts=2,
            registry_remote_backoff_s=0.1,
            registry_remote_deadline_s=DEADLINE_S,
            registry_breaker_failures=5,
            registry_breaker_open_s=1,
        )
        a_settings = settings_for(a_env)
        _import(a_settings, "dukcapil-local")
        worker = WorkerProcess(a_env, tmp / "a-worker.log")
        a_api = ApiProcess(a_env, tmp / "a-api.log").start()
        headers = bearer(issue_key(a_settings, "frontoffice", "submit,read")[1])
        try:
            worker.start()
            with httpx.Client(base_url=a_api.base_url, headers=headers, timeout=30) as client:
                yield Pair(a_settings, a_env, client, b_settings, b_env, b_port, b, relay, tmp, agency)
        finally:
            worker.stop()
            a_api.stop()
            relay.close()
            b.stop()


def cases() -> dict[str, dict[str, Any]]:
    return {json.loads(line)["id"]: json.loads(line) for line in (SAMPLES / "cases.jsonl").read_text().splitlines()}


def send(pair: Pair, card: str) -> str:
    case = cases()[Path(card).stem]
    media = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}[card.rsplit(".", 1)[1]]
    form = {"claim": json.dumps(case["claim"])} if case.get("claim") else {}
    return submit(pair.a, (SAMPLES / "images" / card).read_bytes(), card, media, **form)  # type: ignore[arg-type]


def local_decision(pair: Pair, job_id: str) -> tuple[str | None, list[str]]:
    """The same stored read assessed against the registry imported into A (no OCR again)."""
    from service.verifications.assessment import assess

    with database(pair.a_settings.sqlalchemy_url).session() as s:
        job = jobs.get(s, job_id)
        assert job is not None
        result = assess(reassessment.prepare(job), pair.a_settings, DbSource(s, "dukcapil-local"), job.claim)
    return result.decision, [r.code for r in result.reasons]


def codes(body: dict[str, Any]) -> list[str]:
    return [r["code"] for r in body["reasons"]]


def test_remote_registry_end_to_end(pair: Pair) -> None:
    # 1. B answers: decisions equal the local registry's
    ids = [send(pair, card) for card in WITH_B]
    bodies = [wait_status(pair.a, job_id, timeout=240) for job_id in ids]  # type: ignore[arg-type]
    seen = set()
    for card, body in zip(WITH_B, bodies, strict=True):
        assert body["status"] == "completed", body
        registry = body["registry"]
        assert registry["source"] == "dukcapil" and registry["remote"] is True, registry
        assert registry["status"] in ("match", "mismatch", "not_found"), (card, registry)
        assert all(f["registry"] is None for f in registry["fields"].values()), registry  # never a record value
        assert (body["decision"], codes(body)) == local_decision(pair, body["id"]), card
        seen.add(body["decision"])
    assert {"verified", "rejected", "needs_review"} <= seen, seen  # the handful covers each outcome

    # 2. B stopped mid-run: the jobs already queued end needs_review / REGISTRY_UNAVAILABLE, none rejected
    stopped = [send(pair, card) for card in B_STOPPED]
    pair.b.stop()
    # 3. … and B slow: back up, but answering later than A's timeout, for the next card
    late: list[str] = []
    for job_id in stopped:
        body = wait_status(pair.a, job_id, timeout=240)  # type: ignore[arg-type]
        assert body["status"] == "completed" and body["decision"] == "needs_review", body
        assert body["registry"]["status"] == "unavailable" and "REGISTRY_UNAVAILABLE" in codes(body), body
        assert body["registry"]["lookup_ms"] <= DEADLINE_S * 1000 + 500, body["registry"]
    pair.b = ApiProcess(pair.b_env, pair.tmp / "b.log", port=pair.b_port).start()
    pair.relay.delay_s = DEADLINE_S + 3
    for card in B_SLOW:
        late.append(send(pair, card))
    for job_id in late:
        body = wait_status(pair.a, job_id, timeout=240)  # type: ignore[arg-type]
        assert body["decision"] == "needs_review" and body["registry"]["status"] == "unavailable", body
        assert body["registry"]["error"] in ("timeout", "circuit_open"), body["registry"]
        assert body["registry"]["lookup_ms"] <= DEADLINE_S * 1000 + 500, body["registry"]

    # 4. B back at full speed: re-assessment by the API (a worker's task) and by the CLI gives the local decision
    pair.relay.delay_s = 0
    time.sleep(1.5)  # the worker's breaker (open 1 s, if the failures opened it) lets a trial through
    pending = stopped + late
    first = pending[0]
    resp = pair.a.post(f"/v1/verifications/{first}/reassess")
    assert resp.status_code == 202, resp.text
    deadline = time.monotonic() + 60
    while get(pair.a, first)["registry"]["status"] == "unavailable":  # type: ignore[arg-type]
        assert time.monotonic() < deadline, "the re-assessment task did not finish"
        time.sleep(0.2)
    cli = subprocess.run(
        [sys.executable, "-m", "docverify.cli", "reassess", *pending[1:]],
        cwd=ROOT,
        env={**pair.a_env, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert cli.returncode == 0, cli.stdout + cli.stderr
    outcomes = [json.loads(line) for line in cli.stdout.splitlines() if line.startswith("{")]
    assert [o["outcome"] for o in outcomes] == ["reassessed"] * len(pending[1:]), cli.stdout
    for job_id in pending:
        body = get(pair.a, job_id)  # type: ignore[arg-type]
        assert body["registry"]["status"] in ("match", "mismatch", "not_found"), body["registry"]
        assert (body["decision"], codes(body)) == local_decision(pair, job_id), body
    assert pair.a.post(f"/v1/verifications/{first}/reassess").status_code == 409  # nothing left to re-assess

    # 5. processing records: A says which registry it asked, for which NIK hash; B which client asked, when
    with database(pair.a_settings.sqlalchemy_url).session() as s:
        asked = s.scalars(select(ProcessingRecord).where(ProcessingRecord.action == "registry_asked")).all()
    by_job: dict[str, list[ProcessingRecord]] = {}
    for rec in asked:
        by_job.setdefault(str(rec.verification_id), []).append(rec)
    for job_id in ids + pending:
        assert by_job.get(job_id), job_id
        assert all(r.detail and r.detail["registry"] == "dukcapil" and r.at for r in by_job[job_id])
    assert {r.detail["outcome"] for r in asked if r.detail} == {"answered", "unavailable"}
    with database(pair.b_settings.sqlalchemy_url).session() as s:
        answered = s.scalars(select(ProcessingRecord).where(ProcessingRecord.action == "registry_answered")).all()
    assert answered and {r.client_id for r in answered} == {pair.agency}
    assert all(r.nik_hash and r.detail and r.detail["registry"] == "dukcapil" for r in answered)
    # B's log never names a NIK of the cards it was asked about
    niks = {
        json.loads((SAMPLES / "truth" / f"{Path(c).stem}.json").read_text())["nik"] for c in WITH_B + B_STOPPED + B_SLOW
    }
    log = pair.b.log_path.read_text(errors="replace")
    assert not [n for n in niks if n in log]
