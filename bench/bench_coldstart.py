"""Benchmark: how long a new worker process takes to be ready (engine built and warmed), per OCR backend.

Two ways a process can start, each measured `--runs` times, alternating backends:
- `fresh`: a new interpreter imports everything, builds the engine and warms it (`docverify verify` or a
  worker started on its own);
- `forked`: what Celery's prefork pool does when it replaces a worker process. The parent has imported the
  OCR modules once (`workers.pipeline.ocr.preload`, as the worker's main process does before it forks); the
  child builds and warms its engine (`workers.verification.init_worker_process` work, without the database).

Seconds from start (or fork) to ready, median of the runs, and the child's resident memory when ready. The
figures depend on what else runs on the cores: say so with them.

    python -m bench.bench_coldstart --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"

_FRESH = """
import time, sys
t = time.perf_counter()
from service.config import Settings
from workers.verification import engine_for
engine_for(Settings(env="dev", ocr_backend=sys.argv[1]))
rss = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS:"))
print(time.perf_counter() - t, rss / 1024)
"""


def fresh(backend: str) -> tuple[float, float]:
    """A new interpreter: imports, engine, warm-up. Seconds as the child sees them, and its RSS when ready."""
    out = subprocess.run([sys.executable, "-c", _FRESH, backend], capture_output=True, text=True, cwd=ROOT, check=True)
    seconds, rss = out.stdout.split()
    return float(seconds), float(rss)


def forked(backend: str) -> tuple[float, float]:
    """Fork from this process (which has preloaded the OCR modules) and build + warm the engine in the child."""
    from service.config import Settings
    from workers.verification import engine_for

    read, write = os.pipe()
    t = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: what a replacement worker process does
        os.close(read)
        code = 0
        try:
            engine_for(Settings(env="dev", ocr_backend=backend))  # type: ignore[arg-type]
            status = Path("/proc/self/status").read_text().splitlines()
            rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
            os.write(write, f"{time.perf_counter() - t} {rss / 1024}".encode())
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write)
    data = os.read(read, 200).decode()
    os.close(read)
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        raise RuntimeError(f"forked child for {backend} failed ({status})")
    seconds, rss = data.split()
    return float(seconds), float(rss)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--backends", default="paddleocr,openvino,rapidocr")
    args = parser.parse_args()
    backends = args.backends.split(",")

    from workers.pipeline.ocr import preload

    t = time.perf_counter()
    for backend in backends:
        preload(backend)  # type: ignore[arg-type]
    preload_s = time.perf_counter() - t
    rows: dict[str, dict[str, list[float]]] = {
        b: {"fresh_s": [], "forked_s": [], "fresh_rss_mb": [], "forked_rss_mb": []} for b in backends
    }
    for run in range(args.runs):
        for backend in backends if run % 2 == 0 else reversed(backends):
            s, rss = fresh(backend)
            rows[backend]["fresh_s"].append(s)
            rows[backend]["fresh_rss_mb"].append(rss)
            s, rss = forked(backend)
            rows[backend]["forked_s"].append(s)
            rows[backend]["forked_rss_mb"].append(rss)
            print(
                f"run {run + 1} {backend:10s} fresh {rows[backend]['fresh_s'][-1]:5.1f} s  "
                f"forked {rows[backend]['forked_s'][-1]:5.1f} s",
                file=sys.stderr,
            )
    report = {
        "command": " ".join(["python -m bench.bench_coldstart", *sys.argv[1:]]),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "load_average": os.getloadavg()},
        "parent_preload_s": round(preload_s, 2),
        "median": {b: {k: round(statistics.median(v), 2) for k, v in r.items()} for b, r in rows.items()},
        "runs": rows,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "coldstart.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps({k: v for k, v in report.items() if k != "runs"}, indent=2))


if __name__ == "__main__":
    main()
