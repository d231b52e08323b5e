"""The one module that imports an OCR engine.

Two backends run the same PP-OCRv6 small ONNX weights:
- `paddleocr`: PaddleOCR 3.7's pipeline on ONNX Runtime (no paddlepaddle), model folders built by
  `workers.pipeline.models`;
- `rapidocr`: rapidocr used directly, about 0.3 GB less resident memory.

An engine is built once per process (`get_engine`) and warmed up with one call, so that a bad
configuration fails at start and never on the first citizen's document. Nothing here touches the
network: the model folders are local and PaddleX's model-source check is switched off.
"""

from __future__ import annotations

import logging
import os
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np
import yaml

from workers.pipeline.models import REPO_MODELS_DIR, model_tags, verified_model_dirs
from workers.pipeline.types import BBox, TextLine

Backend = Literal["paddleocr", "rapidocr"]

DET_MODEL = "PP-OCRv6_small_det"
REC_MODEL = "PP-OCRv6_small_rec"


@dataclass(frozen=True)
class OcrConfig:
    models_dir: Path
    cache_dir: Path
    backend: Backend = "paddleocr"
    threads: int = 2
    # Detection resizes the longest side to at most this many pixels: on a card flattened to 1000 px the
    # smallest print is still ~11 px high at 640, and detection is ~20% faster than at 960.
    # None keeps PaddleOCR's own default (the benchmark's bare baseline).
    det_limit_side_len: int | None = 640
    manifest_dir: Path = REPO_MODELS_DIR


class OcrEngine(Protocol):
    models: list[str]

    def read(self, image: np.ndarray, det_limit: int | None = None) -> list[TextLine]:
        """OCR one BGR page; lines with NFKC-normalised text and axis-aligned boxes.

        `det_limit` overrides the configured longest side for detection on this call: an A4 page needs
        more pixels than a card for its small print (a KK member table).
        """
        ...

    def recognise(self, crop: np.ndarray) -> tuple[str, float]:
        """Recognise one text-line crop (no detection): NFKC text and mean character confidence."""
        ...


class LineRecogniser:
    """The PP-OCRv6 recogniser run directly on one line crop, for a second look at a field.

    Same weights and dictionary as the pipeline's recogniser, but the crop is ours: the whole value box
    with a margin, at its own width. On that input the model keeps the narrow word spaces that the
    batched pipeline read drops (`MURTIHALIM` → `MURTI HALIM`).
    """

    HEIGHT = 48
    MAX_WIDTH = 48 * 40
    SPACE_PROB = 0.15

    def __init__(self, model_dir: Path, threads: int) -> None:
        import onnxruntime as ort

        config = yaml.safe_load((model_dir / "inference.yml").read_text())
        self.charset = ["", *config["PostProcess"]["character_dict"], " "]  # CTC blank first, space last
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(model_dir / "inference.onnx"), sess_options=options,
                                            providers=["CPUExecutionProvider"])

    def __call__(self, crop: np.ndarray) -> tuple[str, float]:
        import cv2

        h, w = crop.shape[:2]
        if h < 4 or w < 4:
            return "", 0.0
        width = min(self.MAX_WIDTH, max(self.HEIGHT, round(self.HEIGHT * w / h)))
        x = cv2.resize(crop, (width, self.HEIGHT), interpolation=cv2.INTER_CUBIC).astype(np.float32)
        x = (x / 255.0 - 0.5) / 0.5
        probs = self.session.run(None, {"x": x.transpose(2, 0, 1)[None]})[0][0]
        best = probs.argmax(axis=1)
        # A narrow space often loses to the CTC blank while still holding a clear share of the
        # probability; inside a word the space class stays near zero.
        space = len(self.charset) - 1
        best[(best == 0) & (probs[:, space] >= self.SPACE_PROB)] = space
        chars, confs, previous = [], [], 0
        for t, index in enumerate(best):
            if index != previous and index != 0:
                chars.append(self.charset[index] if index < len(self.charset) else "")
                confs.append(float(probs[t, index]))
            previous = index
        return normalise_text("".join(chars)), (sum(confs) / len(confs) if confs else 0.0)


def normalise_text(text: str) -> str:
    """NFKC folds the full-width ':' and digits the recogniser emits into ASCII."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _bbox(poly: Any) -> BBox:
    pts = np.asarray(poly, dtype=np.float32).reshape(-1, 2)
    x0, y0 = pts.min(axis=0)
    x1, y1 = pts.max(axis=0)
    return int(x0), int(y0), round(float(x1)), round(float(y1))


def _lines(texts: Any, scores: Any, polys: Any) -> list[TextLine]:
    out = []
    for text, score, poly in zip(texts, scores, polys, strict=False):
        norm = normalise_text(str(text))
        if norm:
            out.append(TextLine(norm, float(score), _bbox(poly)))
    return out


def _offline_environment(cache_dir: Path) -> None:
    """PaddleX reads these at import time: no hub checks, and its cache inside our data directory."""
    os.environ["PADDLE_PDX_DISABLE_MODEL_SOURCE_CHECK"] = "True"
    os.environ.setdefault("PADDLE_PDX_CACHE_HOME", str(cache_dir / "paddlex"))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("MODELSCOPE_OFFLINE", "1")


class PaddleOcrEngine:
    def __init__(self, config: OcrConfig) -> None:
        _offline_environment(config.cache_dir)
        dirs = verified_model_dirs(config.models_dir, config.manifest_dir)
        from paddleocr import PaddleOCR

        for name in ("paddlex", "paddleocr"):  # model-creation chatter on every start
            logging.getLogger(name).setLevel(logging.WARNING)

        limits: dict[str, Any] = {}
        if config.det_limit_side_len is not None:
            limits = {"text_det_limit_side_len": config.det_limit_side_len, "text_det_limit_type": "max"}
        self._ocr = PaddleOCR(
            **limits,
            text_detection_model_name=DET_MODEL,
            text_detection_model_dir=str(dirs[DET_MODEL]),
            text_recognition_model_name=REC_MODEL,
            text_recognition_model_dir=str(dirs[REC_MODEL]),
            use_doc_orientation_classify=False,
            use_doc_unwarping=False,
            use_textline_orientation=False,
            engine="onnxruntime",
            engine_config={"intra_op_num_threads": config.threads, "inter_op_num_threads": 1},
            device="cpu",
        )
        self.models = model_tags(config.manifest_dir)
        self.recognise = LineRecogniser(dirs[REC_MODEL], config.threads)

    def raw_predict(self, image: np.ndarray) -> Any:
        """A bare PaddleOCR.predict call; the benchmark's baseline."""
        return self._ocr.predict(image)

    def read(self, image: np.ndarray, det_limit: int | None = None) -> list[TextLine]:
        extra: dict[str, Any] = {}
        if det_limit is not None:
            extra = {"text_det_limit_side_len": det_limit, "text_det_limit_type": "max"}
        result = self._ocr.predict(image, **extra)
        if not result:
            return []
        r = result[0]
        return _lines(r["rec_texts"], r["rec_scores"], r["rec_polys"])


class RapidOcrEngine:
    def __init__(self, config: OcrConfig) -> None:
        self._dirs = verified_model_dirs(config.models_dir, config.manifest_dir)
        self._config = config
        self._ocr = self._build(config.det_limit_side_len)
        self._by_limit: dict[int, Any] = {}
        self.models = model_tags(config.manifest_dir)
        self.recognise = LineRecogniser(self._dirs[REC_MODEL], config.threads)

    def _build(self, det_limit: int | None) -> Any:
        from rapidocr import RapidOCR

        params: dict[str, Any] = {}
        if det_limit is not None:
            params = {"Det.limit_side_len": det_limit, "Det.limit_type": "max"}
        return RapidOCR(
            params={
                **params,
                "Global.use_cls": False,
                "Global.log_level": "error",
                "Det.model_path": str(self._dirs[DET_MODEL] / "inference.onnx"),
                "Rec.model_path": str(self._dirs[REC_MODEL] / "inference.onnx"),
                "EngineConfig.onnxruntime.intra_op_num_threads": self._config.threads,
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            }
        )

    def _for_limit(self, det_limit: int | None) -> Any:
        """RapidOCR fixes the detection size per instance: one more instance per other size, on first use."""
        if det_limit is None or det_limit == self._config.det_limit_side_len:
            return self._ocr
        if det_limit not in self._by_limit:
            self._by_limit[det_limit] = self._build(det_limit)
        return self._by_limit[det_limit]

    def read(self, image: np.ndarray, det_limit: int | None = None) -> list[TextLine]:
        result: Any = self._for_limit(det_limit)(image)
        if result is None or getattr(result, "txts", None) is None:
            return []
        return _lines(result.txts, result.scores, result.boxes)


_engines: dict[OcrConfig, OcrEngine] = {}
_lock = threading.Lock()


def create_engine(config: OcrConfig) -> OcrEngine:
    engine: OcrEngine
    if config.backend == "paddleocr":
        engine = PaddleOcrEngine(config)
    elif config.backend == "rapidocr":
        engine = RapidOcrEngine(config)
    else:
        raise ValueError(f"unknown OCR backend {config.backend!r}")
    warm_up(engine)
    return engine


def get_engine(config: OcrConfig) -> OcrEngine:
    """The process-wide engine for this configuration, built and warmed on first use."""
    with _lock:
        if config not in _engines:
            _engines[config] = create_engine(config)
        return _engines[config]


def warm_up(engine: OcrEngine) -> None:
    """One call on a small synthetic line: loads lazy sessions and proves the models answer."""
    import cv2

    img = np.full((64, 320, 3), 255, dtype=np.uint8)
    cv2.putText(img, "NIK 3204", (10, 45), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (0, 0, 0), 2)
    engine.read(img)
    engine.recognise(img)
