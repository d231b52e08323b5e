"""Many machines, no shared disk (issue 22): a services host (its own Redis, its own PostgreSQL cluster made
with initdb/pg_ctl, SeaweedFS as the object store), an API host and two worker hosts, each a network namespace
with its own address, host name and data folder; nothing shared but the network. Documents submitted to the
API host complete on the worker hosts, exactly once, through three faults (in this order, on one cluster):

- a worker host cut from the network for 30 s: its jobs are redelivered, its late result is dropped;
- the storage server restarted while documents are submitted and read: no upload is lost;
- a worker host's processes killed mid-document: every job completes exactly once on the other host.

Root and iproute2 needed; skipped with the reason elsewhere. Run alone: `pytest -m multihost`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.multihost import netlab
from tests.s3server import SeaweedS3
from tests.stack import ROOT, SAMPLE, issue_key, settings_for

pytestmark = [pytest.mark.multihost, pytest.mark.integration]

PER_FAULT = 8  # documents per fault: 24 in all
API_PORT = 8000


DEPLOY_ENV = ROOT / "deploy" / "cluster.env"
# the fault timings of this test on top of the deployment's settings: a heartbeat a second, a job whose heartbeat
# is 6 s old taken over, so that each fault resolves in seconds; and the development keys (tests/stack.py)
TEST_TIMINGS = {
    "DOCVERIFY_ENV": "dev",
    "DOCVERIFY_HEARTBEAT_S": "1",
    "DOCVERIFY_STALE_AFTER_S": "6",
    "DOCVERIFY_SWEEP_INTERVAL_S": "1",
    "DOCVERIFY_REQUEUE_AFTER_S": "8",
    "DOCVERIFY_MAX_ATTEMPTS": "3",
    "DOCVERIFY_RATE_LIMIT_REQUESTS": "0",
    "DOCVERIFY_AUTH_FAILURE_LIMIT": "0",
    "DOCVERIFY_REVIEW_LOGIN_IP_LIMIT": "0",
    "DOCVERIFY_METRICS_PORT": "0",
    "DOCVERIFY_WORKER_METRICS_PORT": "0",
    "DOCVERIFY_MAX_QUEUED_PER_CLIENT": "1000",
}


def deploy_env() -> dict[str, str]:
    """deploy/cluster.env, the settings compose.yaml's api and worker read: service names, not addresses."""
    out: dict[str, str] = {}
    for line in DEPLOY_ENV.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            out[key.strip()] = value.strip()
    return out


def cluster_env() -> dict[str, str]:
    """What every docverify process of the cluster gets (API and workers alike)."""
    return {**deploy_env(), **TEST_TIMINGS}


@dataclass
class Cluster:
    net: netlab.Network
    root: Path
    env: dict[str, str]
    s3: SeaweedS3
    api_url: str
    headers: dict[str, str]
    models_dir: Path
    workers: dict[str, netlab.Proc] = field(default_factory=dict)
    attempts: int = 0  # POSTs sent by `submit`, retries included
    slowest_submit_s: float = 0.0  # from the first POST of a document to its 202
    runner_env: dict[str, str] = field(default_factory=dict)  # the same with addresses: the runner has no names
    procs: list[netlab.Proc] = field(default_factory=list)

    def host_env(self, host: str) -> dict[str, str]:
        """The cluster's settings plus this host's own data folder (models linked in, cache its own)."""
        data = self.root / host / "data"
        data.mkdir(parents=True, exist_ok=True)
        if not (data / "models").exists():
            (data / "models").symlink_to(self.models_dir)
        keep = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("DOCVERIFY_") and k not in ("DATABASE_URL", "REDIS_URL")
        }
        return {**keep, **self.env, "DOCVERIFY_DATA_DIR": str(data), "DOCVERIFY_UPLOAD_DIR": str(data / "uploads")}

    def start_worker(self, host: str) -> netlab.Proc:
        argv = [
            *self.net.run_on(host, hostname=host),
            sys.executable,
            "-m",
            "docverify.cli",
            "worker",
            "--loglevel",
            "info",
        ]
        proc = netlab.Proc(argv, self.root / f"{host}-{len(self.procs)}.log", self.host_env(host), ROOT)
        self.procs.append(proc)
        self.workers[host] = proc
        return proc

    def worker_logs(self) -> str:
        return "".join(p.log() for p in self.procs if "worker" in p.log_path.name)

    def submit(self, client: httpx.Client, key: str | None = None, patience_s: float = 120) -> str:
        """Submit the sample; a 503 or a broken connection is sent again with the same Idempotency-Key."""
        key = key or uuid.uuid4().hex
        started = deadline = time.monotonic()
        deadline += patience_s
        while True:
            self.attempts += 1
            try:
                resp = client.post(
                    "/v1/verifications",
                    headers={"Idempotency-Key": key},
                    files={"file": ("card.png", SAMPLE.read_bytes(), "image/png")},
                    data={"document_type": "ktp"},
                )
                if resp.status_code == 202:
                    self.slowest_submit_s = max(self.slowest_submit_s, time.monotonic() - started)
                    return str(resp.json()["id"])
                assert resp.status_code == 503, resp.text
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the API never accepted the document"
            time.sleep(1)

    def wait_done(self, client: httpx.Client, ids: list[str], timeout: float) -> dict[str, dict[str, Any]]:
        deadline = time.monotonic() + timeout
        done: dict[str, dict[str, Any]] = {}
        while len(done) < len(ids):
            for job_id in ids:
                if job_id not in done:
                    body = client.get(f"/v1/verifications/{job_id}").json()
                    if body["status"] in ("completed", "failed"):
                        done[job_id] = body
            if time.monotonic() > deadline:
                pending = sorted(set(ids) - set(done))
                raise TimeoutError(f"not finished in {timeout} s: {pending}\n{self.worker_logs()[-5000:]}")
            time.sleep(0.5)
        return done

    def holder(self, job_id: str) -> str | None:
        """The host name that holds a processing job (its `worker` column), read from the database."""
        from sqlalchemy import text

        engine = _engine(self.runner_env["DATABASE_URL"])
        with engine.connect() as conn:
            row = conn.execute(
                text("SELECT status, worker FROM verification_jobs WHERE id = :id"), {"id": job_id}
            ).one()
        return str(row.worker).rpartition(":")[0] if row.status == "processing" and row.worker else None

    def assert_exactly_once(self, bodies: dict[str, dict[str, Any]]) -> None:
        logs = self.worker_logs()
        for job_id, body in bodies.items():
            assert body["status"] == "completed", body
            assert logs.count(f"job {job_id} completed") == 1, f"{job_id} completed {logs.count(job_id)} times"


_engines: dict[str, Any] = {}


def _engine(url: str) -> Any:
    from sqlalchemy import create_engine

    if url not in _engines:
        _engines[url] = create_engine(url, pool_pre_ping=True)
    return _engines[url]


def _postgres(net: netlab.Network, address: str, folder: Path) -> None:
    """A PostgreSQL cluster of the services host's own: initdb as `postgres` (initdb refuses root) into a folder
    the postgres user owns, listening on the services address only, trust for the test network."""
    folder.mkdir(mode=0o700)
    shutil.chown(folder, "postgres", "postgres")
    as_pg = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [*as_pg, "initdb", "-D", str(folder / "db"), "-U", "docverify", "-A", "trust", "--no-sync"],
        check=True,
        capture_output=True,
    )
    with open(folder / "db" / "pg_hba.conf", "a") as hba:
        hba.write(f"host all all {net.subnet}.0/24 trust\n")
    options = f"-c listen_addresses={address} -p 5432 -k {folder} -c fsync=off -c max_connections=200"
    subprocess.run(
        [
            *net.run_on("services"),
            *as_pg,
            "pg_ctl",
            "-D",
            str(folder / "db"),
            "-o",
            options,
            "-l",
            str(folder / "postgres.log"),
            "-w",
            "-t",
            "60",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *net.run_on("services"),
            *as_pg,
            "psql",
            "-h",
            address,
            "-U",
            "docverify",
            "-d",
            "postgres",
            "-c",
            "CREATE DATABASE docverify",
        ],
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def cluster(models_dir: Path) -> Iterator[Cluster]:
    reason = netlab.available()
    if reason is not None:
        pytest.skip(f"multi-host test skipped: {reason}")
    root = Path(tempfile.mkdtemp(prefix="docverify-multihost-"))
    os.chmod(root, 0o755)  # the postgres user reaches its folder below
    net = netlab.Network()
    pg = root / "postgres"
    s3: SeaweedS3 | None = None
    procs: list[netlab.Proc] = []
    try:
        services = net.add_host("services", 1)
        api_host = net.add_host("api", 2)
        net.add_host("worker-1", 11)
        net.add_host("worker-2", 12)
        env = cluster_env()
        # the service names of deploy/cluster.env (and compose.yaml) resolve on every host
        net.set_hosts({"postgres": services, "redis": services, "seaweedfs": services, "api": api_host})
        _postgres(net, services, pg)
        redis_dir = root / "services" / "redis"
        redis_dir.mkdir(parents=True)
        procs.append(
            netlab.Proc(
                [
                    *net.run_on("services"),
                    "redis-server",
                    "--bind",
                    services,
                    "--port",
                    "6379",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    str(redis_dir),
                    "--protected-mode",
                    "no",
                ],
                root / "redis.log",
                dict(os.environ),
                root,
            )
        )
        s3_dir = root / "services" / "seaweedfs"
        s3_dir.mkdir(parents=True)
        s3 = SeaweedS3(
            s3_dir,
            host=services,
            ports=[9333, 19333, 8080, 18080, 8888, 18888, 8333, 18333],
            wrap=net.run_on("services"),
        ).start(timeout=90)
        from tests.s3server import ACCESS_KEY, SECRET_KEY

        env.update({"DOCVERIFY_S3_ACCESS_KEY_ID": ACCESS_KEY, "DOCVERIFY_S3_SECRET_ACCESS_KEY": SECRET_KEY})
        cluster = Cluster(net, root, env, s3, f"http://{api_host}:{API_PORT}", {}, models_dir, procs=procs)
        api = netlab.Proc(
            [
                *net.run_on("api", hostname="api"),
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "service.main:create_app",
                "--host",
                api_host,
                "--port",
                str(API_PORT),
            ],
            root / "api.log",
            cluster.host_env("api"),
            ROOT,
        )
        procs.append(api)
        _wait_http(f"{cluster.api_url}/healthz", api, 90)
        cluster.runner_env = {
            k: v.replace("@postgres:", f"@{services}:")
            .replace("//redis:", f"//{services}:")
            .replace("//seaweedfs:", f"//{services}:")
            for k, v in env.items()
        }
        settings = settings_for(
            {
                k: v
                for k, v in cluster.runner_env.items()
                if k.startswith("DOCVERIFY_") and not k.startswith("DOCVERIFY_S3_") and k != "DOCVERIFY_STORAGE"
            }
            | {"DATABASE_URL": cluster.runner_env["DATABASE_URL"], "REDIS_URL": cluster.runner_env["REDIS_URL"]}
        )
        cluster.headers = {"Authorization": f"Bearer {issue_key(settings, 'frontoffice')[1]}"}
        for host in ("worker-1", "worker-2"):
            cluster.start_worker(host)
        for host in ("worker-1", "worker-2"):
            cluster.workers[host].wait_for("worker process ready", 300)
        yield cluster
    finally:
        for proc in procs:
            proc.stop()
        if s3 is not None:
            s3.stop()
        if (pg / "db" / "postmaster.pid").exists():
            subprocess.run(
                ["runuser", "-u", "postgres", "--", "pg_ctl", "-D", str(pg / "db"), "-m", "immediate", "stop"],
                capture_output=True,
            )
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
        net.close()
        if os.environ.get("DOCVERIFY_KEEP_MULTIHOST"):
            print(f"multi-host folders kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


def _wait_http(url: str, proc: netlab.Proc, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if proc.proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer:\n{proc.log()[-3000:]}")
        time.sleep(0.3)


def _client(cluster: Cluster) -> httpx.Client:
    return httpx.Client(base_url=cluster.api_url, headers=cluster.headers, timeout=120)


def _wait_held_by(cluster: Cluster, ids: list[str], host: str, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for job_id in ids:
            if cluster.holder(job_id) == host:
                return job_id
        time.sleep(0.05)
    raise TimeoutError(f"{host} took none of the jobs:\n{cluster.worker_logs()[-4000:]}")


def test_a_worker_host_cut_from_the_network_for_30_s_has_its_jobs_redelivered_without_duplicates(
    cluster: Cluster,
) -> None:
    with _client(cluster) as client:
        ids = [cluster.submit(client) for _ in range(PER_FAULT)]
        held = _wait_held_by(cluster, ids, "worker-2")
        cluster.net.cut("worker-2")
        try:
            time.sleep(30)
        finally:
            cluster.net.restore("worker-2")
        bodies = cluster.wait_done(client, ids, timeout=240)
        time.sleep(5)  # worker-2 reaches the database again and tries to save its late result
    cluster.assert_exactly_once(bodies)
    assert bodies[held]["attempts"] >= 2  # redelivered while worker-2 was away
    log2 = cluster.workers["worker-2"].log()
    assert f"job {held} completed" not in log2 or f"job {held}: another delivery finished it first" in log2


def test_the_storage_server_restarted_loses_no_upload(cluster: Cluster) -> None:
    ids: list[str] = []
    errors: list[BaseException] = []

    def submit_all() -> None:
        try:
            with _client(cluster) as client:
                for _ in range(PER_FAULT):
                    ids.append(cluster.submit(client))
                    time.sleep(0.5)
        except BaseException as exc:  # reported by the test thread
            errors.append(exc)

    cluster.attempts, cluster.slowest_submit_s = 0, 0.0
    submitter = threading.Thread(target=submit_all)
    submitter.start()
    while len(ids) < 2 and submitter.is_alive():
        time.sleep(0.1)
    cluster.s3.restart(down_s=5, timeout=90)  # documents are submitted and read across the outage
    submitter.join(timeout=300)
    assert not errors, errors
    assert len(ids) == PER_FAULT
    # the outage was felt: a submission was answered 503 and sent again, or waited through the restart
    assert cluster.attempts > PER_FAULT or cluster.slowest_submit_s > 5, (cluster.attempts, cluster.slowest_submit_s)
    with _client(cluster) as client:
        bodies = cluster.wait_done(client, ids, timeout=300)
    cluster.assert_exactly_once(bodies)
    from service.config import Settings
    from service.storage import open_storage

    fields = {
        k.removeprefix("DOCVERIFY_").lower(): v
        for k, v in cluster.runner_env.items()
        if k.startswith("DOCVERIFY_S3_") or k == "DOCVERIFY_STORAGE"
    }
    stored = set(open_storage(Settings(env="dev", **fields)).stored_keys())
    assert {f"{job_id}/0" for job_id in ids} <= stored  # every upload is still there after the restart


def test_documents_complete_on_the_worker_hosts_when_one_is_killed_mid_document(cluster: Cluster) -> None:
    with _client(cluster) as client:
        ids = [cluster.submit(client) for _ in range(PER_FAULT)]
        victim = _wait_held_by(cluster, ids, "worker-1")
        time.sleep(0.5)  # in the middle of the document
        assert cluster.net.kill_all("worker-1"), "worker-1 had no processes"
        bodies = cluster.wait_done(client, ids, timeout=240)
    cluster.assert_exactly_once(bodies)
    assert bodies[victim]["attempts"] >= 2  # the killed delivery was redone on the other host
    logs = cluster.worker_logs()
    assert all(f"job {job_id} completed" in logs for job_id in ids)
    # the last fault of the module: worker-1 stays down (a restart would cost an engine warm-up)
