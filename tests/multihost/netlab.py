"""Hosts for the multi-host test: Linux network namespaces joined by veth pairs to a bridge that lives in a
namespace of its own (the switch), on a private /24 picked at random. Each host has its own network stack and
hostname (a UTS namespace per process tree), its own folders, and nothing in common with the others but that
network. The test runner joins the network too (one veth from the root namespace), as a client would.

Needs root and iproute2 (`ip netns`); `available()` says why not when it cannot work here."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path


def _ip(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["ip", *args], check=check, capture_output=True, text=True)


def available() -> str | None:
    """None when network namespaces can be made here, else the reason (for the skip message)."""
    if shutil.which("ip") is None:
        return "iproute2's `ip` is not installed"
    if os.geteuid() != 0:
        return "network namespaces need root (ip netns add)"
    for tool in ("unshare", "runuser", "initdb", "pg_ctl", "redis-server"):
        if shutil.which(tool) is None:
            return f"`{tool}` is not installed"
    name = f"dvprobe{os.getpid()}"
    probe = _ip("netns", "add", name, check=False)
    if probe.returncode != 0:
        return f"network namespaces are not allowed here: {probe.stderr.strip()}"
    _ip("netns", "del", name, check=False)
    return None


class Network:
    """A switch namespace with a bridge, hosts attached to it. `cut`/`restore` take a host's port off the
    bridge: its packets are dropped, its connections hang (a pulled cable, not a refused connection)."""

    def __init__(self) -> None:
        self.tag = f"dv{os.getpid() % 10000}{random.randrange(100, 999)}"
        used = _ip("-4", "route").stdout
        for _ in range(50):
            self.subnet = f"10.{random.randrange(160, 250)}.{random.randrange(0, 255)}"
            if self.subnet + "." not in used:
                break
        self.switch = f"{self.tag}-sw"
        self.hosts: dict[str, str] = {}  # name → address
        self.uplink = f"{self.tag}c"
        _ip("netns", "add", self.switch)
        _ip("-n", self.switch, "link", "add", "br0", "type", "bridge")
        _ip("-n", self.switch, "link", "set", "br0", "up")
        # the test runner's own port (address .254): it submits and reads like a client on this network
        _ip("link", "add", self.uplink, "type", "veth", "peer", "name", "p-runner", "netns", self.switch)
        _ip("-n", self.switch, "link", "set", "p-runner", "master", "br0", "up")
        _ip("addr", "add", f"{self.subnet}.254/24", "dev", self.uplink)
        _ip("link", "set", self.uplink, "up")

    def set_hosts(self, names: dict[str, str]) -> None:
        """Name → address for every host of this network: `ip netns exec` shows /etc/netns/<ns>/hosts as the
        namespace's /etc/hosts, so that the hosts find each other by the names a deployment uses."""
        lines = "127.0.0.1 localhost\n" + "".join(f"{address} {name}\n" for name, address in names.items())
        for host in self.hosts:
            folder = Path("/etc/netns") / self.ns(host)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "hosts").write_text(lines)

    def ns(self, host: str) -> str:
        return f"{self.tag}-{host}"

    def add_host(self, host: str, index: int) -> str:
        ns, address = self.ns(host), f"{self.subnet}.{index}"
        _ip("netns", "add", ns)
        _ip("-n", self.switch, "link", "add", f"p-{host}", "type", "veth", "peer", "name", "eth0", "netns", ns)
        _ip("-n", self.switch, "link", "set", f"p-{host}", "master", "br0", "up")
        _ip("-n", ns, "addr", "add", f"{address}/24", "dev", "eth0")
        _ip("-n", ns, "link", "set", "eth0", "up")
        _ip("-n", ns, "link", "set", "lo", "up")
        self.hosts[host] = address
        return address

    def run_on(self, host: str, hostname: str | None = None) -> list[str]:
        """The prefix that runs a command on `host` (its network; with `hostname`, its own host name)."""
        prefix = ["ip", "netns", "exec", self.ns(host)]
        if hostname:
            prefix += ["unshare", "--uts", "--", "sh", "-c", f'hostname {hostname} && exec "$@"', "sh"]
        return prefix

    def pids(self, host: str) -> list[int]:
        return [int(p) for p in _ip("netns", "pids", self.ns(host), check=False).stdout.split()]

    def kill_all(self, host: str, sig: int = signal.SIGKILL) -> list[int]:
        """Every process of a host (a machine that lost power)."""
        pids = self.pids(host)
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        return pids

    def cut(self, host: str) -> None:
        _ip("-n", self.switch, "link", "set", f"p-{host}", "down")

    def restore(self, host: str) -> None:
        _ip("-n", self.switch, "link", "set", f"p-{host}", "up")

    def close(self) -> None:
        for host in list(self.hosts):
            self.kill_all(host)
        time.sleep(0.2)
        for host in list(self.hosts):
            _ip("netns", "del", self.ns(host), check=False)
            shutil.rmtree(Path("/etc/netns") / self.ns(host), ignore_errors=True)
        _ip("link", "del", self.uplink, check=False)
        _ip("netns", "del", self.switch, check=False)


class Proc:
    """A long-running process on a host, its output in a log file, in a process group of its own."""

    def __init__(self, argv: Sequence[str], log_path: Path, env: dict[str, str], cwd: Path) -> None:
        self.log_path = log_path
        log = open(log_path, "ab")  # noqa: SIM115 - closed with the process
        self.proc = subprocess.Popen(
            list(argv), env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def wait_for(self, text: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.log():
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.log_path.name} exited with {self.proc.returncode}:\n{self.log()[-3000:]}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.log_path.name}: no {text!r} in {timeout} s:\n{self.log()[-3000:]}")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=20)
            except (subprocess.TimeoutExpired, ProcessLookupError):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
