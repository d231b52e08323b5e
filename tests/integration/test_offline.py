"""Loading the models and running inference must not touch the network at all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def probe(backend: str, tmp_path: Path, models_dir: Path) -> dict:
    image = np.full((120, 700, 3), 255, np.uint8)
    cv2.putText(image, "NIK 3204123108900002", (10, 80), cv2.FONT_HERSHEY_SIMPLEX, 1.5, (0, 0, 0), 3)
    path = tmp_path / "line.png"
    cv2.imwrite(str(path), image)
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tests/integration/offline_probe.py"), backend, str(models_dir), str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)},
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("backend", ["paddleocr", "openvino", "rapidocr"])
def test_model_load_and_inference_use_no_network(backend: str, tmp_path: Path, models_dir: Path) -> None:
    report = probe(backend, tmp_path, models_dir)
    assert report["attempts"] == []
    assert "3204123108900002" in report["text"].replace(" ", "")


def test_the_guard_sees_a_hub_lookup(tmp_path: Path, models_dir: Path) -> None:
    """Proof that the guard would catch a download: plain PaddleOCR() reaches for model hubs."""
    report = probe("hub-default", tmp_path, models_dir)
    assert report["attempts"], report
