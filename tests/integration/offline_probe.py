"""Run in a fresh interpreter by test_offline.py: load an OCR backend and read a page with every socket
call counted and refused. Prints one JSON line: attempts and what was read."""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path

attempts: list[str] = []


def _refuse(name: str):
    def guard(*args, **kwargs):
        attempts.append(f"{name}{args[1:2] if name.startswith('socket.') else args[:1]}")
        raise OSError(f"network disabled by test ({name})")

    return guard


socket.socket.connect = _refuse("socket.connect")  # type: ignore[method-assign]
socket.socket.connect_ex = _refuse("socket.connect_ex")  # type: ignore[method-assign]
socket.create_connection = _refuse("create_connection")  # type: ignore[assignment]
socket.getaddrinfo = _refuse("getaddrinfo")  # type: ignore[assignment]


def main() -> None:
    backend, models_dir, image = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    if backend == "hub-default":  # the guard's own check: PaddleOCR() without local models goes to hubs
        from paddleocr import PaddleOCR

        try:
            PaddleOCR()
        except Exception as exc:
            print(json.dumps({"attempts": attempts, "text": "", "error": str(exc)[:200]}))
            return
    import cv2

    from workers.pipeline.ocr import OcrConfig, create_engine

    engine = create_engine(OcrConfig(models_dir=models_dir, cache_dir=models_dir.parent / "cache", backend=backend))  # type: ignore[arg-type]
    lines = engine.read(cv2.imread(str(image)))
    print(json.dumps({"attempts": attempts, "text": " ".join(t.text for t in lines)}))


if __name__ == "__main__":
    main()
