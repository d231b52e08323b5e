"""Regenerate the Python client (`make client`), or check that the committed one is current (`--check`).

1. Dump the app's OpenAPI document (service.main.published_document: built-in defaults, so the environment,
   a .env file or a database play no part and every machine dumps the same document) to
   clients/python/openapi.json.
2. Run openapi-python-client (the version pinned in pyproject.toml) with clients/python/openapi-python-client.yaml
   into a temporary directory, then replace clients/python/docverify_client with it.

Only `docverify_client/` and `openapi.json` are generated. The helper `docverify_client_helpers.py`, the
README and pyproject.toml beside them are written by hand and never touched here.

`--check` generates into a temporary directory and compares file by file with what is committed: exit 1 and
a diff summary when they differ (CI: tests/client/test_generated_client.py).
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CLIENT_DIR = ROOT / "clients" / "python"
PACKAGE = "docverify_client"
CONFIG = CLIENT_DIR / "openapi-python-client.yaml"
GENERATOR_VERSION = "0.29.1"  # keep equal to the pin in pyproject.toml


def openapi_document() -> dict[str, Any]:
    """The app's OpenAPI document, independent of this machine's settings (service.openapi)."""
    sys.path.insert(0, str(ROOT))
    from service.main import published_document

    return published_document()


def dump(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def generate(out: Path) -> None:
    """openapi.json and the package into `out` (created)."""
    installed = version("openapi-python-client")
    if installed != GENERATOR_VERSION:
        raise SystemExit(
            f"openapi-python-client {installed} is installed; the client is generated with "
            f"{GENERATOR_VERSION} (pip install -e '.[dev]')"
        )
    out.mkdir(parents=True, exist_ok=True)
    spec = out / "openapi.json"
    spec.write_text(dump(openapi_document()), encoding="utf-8")
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}  # the venv's ruff
    with tempfile.TemporaryDirectory() as work:
        target = Path(work) / PACKAGE
        result = subprocess.run(
            [
                str(bin_dir / "openapi-python-client"),
                "generate",
                "--path",
                str(spec),
                "--config",
                str(CONFIG),
                "--meta",
                "none",
                "--output-path",
                str(target),
                "--fail-on-warning",
            ],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0 or not target.is_dir():
            raise SystemExit(f"openapi-python-client failed:\n{result.stdout}\n{result.stderr}")
        shutil.copytree(target, out / PACKAGE, ignore=shutil.ignore_patterns("__pycache__", ".ruff_cache"))


def generated_files(base: Path) -> set[str]:
    files = {"openapi.json"} if (base / "openapi.json").exists() else set()
    package = base / PACKAGE
    if package.is_dir():
        files |= {
            str(p.relative_to(base))
            for p in package.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and ".ruff_cache" not in p.parts
        }
    return files


def differences(fresh: Path, committed: Path) -> list[str]:
    """What differs between a fresh generation and the committed client, one line per file (with a short diff)."""
    new, old = generated_files(fresh), generated_files(committed)
    out = [f"missing from clients/python: {name}" for name in sorted(new - old)]
    out += [f"no longer generated (remove it): {name}" for name in sorted(old - new)]
    for name in sorted(new & old):
        if not filecmp.cmp(fresh / name, committed / name, shallow=False):
            diff = difflib.unified_diff(
                (committed / name).read_text(encoding="utf-8").splitlines(),
                (fresh / name).read_text(encoding="utf-8").splitlines(),
                f"committed/{name}",
                f"fresh/{name}",
                lineterm="",
                n=1,
            )
            out.append(f"differs: {name}\n" + "\n".join(list(diff)[:40]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with clients/python instead of writing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh"
        generate(fresh)
        if args.check:
            found = differences(fresh, CLIENT_DIR)
            if found:
                print("clients/python is not current; run `make client` and commit the result:\n", file=sys.stderr)
                print("\n".join(found), file=sys.stderr)
                raise SystemExit(1)
            print("clients/python is current")
            return
        shutil.rmtree(CLIENT_DIR / PACKAGE, ignore_errors=True)
        shutil.copytree(fresh / PACKAGE, CLIENT_DIR / PACKAGE)
        shutil.copy2(fresh / "openapi.json", CLIENT_DIR / "openapi.json")
        print(
            f"generated {CLIENT_DIR.relative_to(ROOT)}/{PACKAGE} and openapi.json "
            f"with openapi-python-client {GENERATOR_VERSION}"
        )


if __name__ == "__main__":
    main()
