"""The contract's labelled folder (DIR/images, DIR/truth) as every document generator writes it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def labelled_folder(out_dir: Path) -> Path:
    out_dir = Path(out_dir)
    (out_dir / "images").mkdir(parents=True, exist_ok=True)
    (out_dir / "truth").mkdir(parents=True, exist_ok=True)
    return out_dir


def capture_modes(mode: str, count: int) -> list[str]:
    """`photo`, `scan`, or `both`: photos and scans alternating."""
    return [mode] * count if mode != "both" else [("photo", "scan")[i % 2] for i in range(count)]


def write_truth(out_dir: Path, image_id: str, truth: dict[str, Any], indent: int | None = 1) -> None:
    (out_dir / "truth" / f"{image_id}.json").write_text(
        json.dumps(truth, ensure_ascii=False, indent=indent) + "\n", encoding="utf-8"
    )
