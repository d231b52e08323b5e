"""The one module that imports an OCR engine.

Three backends run the same PP-OCRv6 small ONNX weights:
- `paddleocr`: PaddleOCR 3.7's pipeline on ONNX Runtime (no paddlepaddle), model folders built by
  `workers.pipeline.models`;
- `openvino`: the same PaddleOCR pipeline (same resizing, box finding, crops and decoding) with the detector
  and recogniser run by OpenVINO's CPU runtime, which reads the same ONNX files directly;
- `rapidocr`: rapidocr used directly, about 0.3 GB less resident memory.

An engine is built once per process (`get_engine`) and warmed up with one call, so that a bad
configuration fails at start and never on the first citizen's document. Each model is loaded once per
process: the second looks (`recognise`) run on the pipeline's own recogniser session. Nothing here touches
the network: the model folders are local and PaddleX's model-source check is switched off.

Every engine carries a `Profiler`: off by default (one attribute test per model run); when started it records
every OCR call with the pipeline function that asked for it, and every model run under it (input shape,
milliseconds) — what `docverify verify --profile` and `bench/` print.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
import time
import unicodedata
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol, TypedDict

import numpy as np
import yaml

from workers.pipeline.models import INT8_DIR, REPO_MODELS_DIR, model_tags, verified_model_dirs
from workers.pipeline.types import BBox, TextLine

Backend = Literal["paddleocr", "openvino", "rapidocr"]
BACKENDS: tuple[str, ...] = ("paddleocr", "openvino", "rapidocr")

DET_MODEL = "PP-OCRv6_small_det"
REC_MODEL = "PP-OCRv6_small_rec"


@dataclass(frozen=True)
class OcrConfig:
    models_dir: Path
    cache_dir: Path
    backend: Backend = "openvino"
    threads: int = 2
    # Detection resizes the longest side to at most this many pixels: on a card flattened to 1000 px the
    # smallest print is still ~11 px high at 640, and detection is ~20% faster than at 960.
    # None keeps PaddleOCR's own default (the benchmark's bare baseline).
    det_limit_side_len: int | None = 640
    precision: Literal["f32", "bf16", "int8"] = "f32"  # OpenVINO's inference precision (the other backends run f32)
    # With int8: a line the int8 recogniser reads at a confidence below this is read again by the f32 recogniser,
    # and the second looks (`recognise`) run f32 (0: int8 alone, no f32 model loaded)
    int8_recheck_below: float = 0.95
    manifest_dir: Path = REPO_MODELS_DIR


# ------------------------------------------------------------------------------------------------ profile


@dataclass
class ModelRun:
    model: str  # "det" | "rec"
    shape: tuple[int, ...]  # the input tensor: (batch, channels, height, width)
    ms: float


class OcrCallJson(TypedDict):
    """One OCR call in a profile (`docverify verify --profile --json`)."""

    kind: str
    caller: str
    image: list[int]
    det_input: list[int] | None
    crops: int
    rec_batches: int
    lines: int
    det_ms: float
    rec_ms: float
    ms: float


@dataclass
class OcrCall:
    """One `read` or `recognise`, with the model runs it made."""

    kind: str  # "read" | "recognise"
    caller: str  # the pipeline functions that asked, innermost last (`restore_spaces>respace>look`)
    image: tuple[int, int]  # width, height of the image given
    det_limit: int | None = None
    ms: float = 0.0
    lines: int = 0
    runs: list[ModelRun] = field(default_factory=list)

    @property
    def det_input(self) -> tuple[int, int] | None:
        """The detector's input (width, height) after its resize, or None for a recognise call."""
        det = [r.shape for r in self.runs if r.model == "det"]
        return (det[0][3], det[0][2]) if det else None

    @property
    def crops(self) -> int:
        return sum(r.shape[0] for r in self.runs if r.model == "rec")

    def model_ms(self, model: str) -> float:
        return sum(r.ms for r in self.runs if r.model == model)

    def to_json(self) -> OcrCallJson:
        det_input = self.det_input
        return {
            "kind": self.kind,
            "caller": self.caller,
            "image": list(self.image),
            "det_input": list(det_input) if det_input else None,
            "crops": self.crops,
            "rec_batches": sum(r.model == "rec" for r in self.runs),
            "lines": self.lines,
            "det_ms": round(self.model_ms("det"), 1),
            "rec_ms": round(self.model_ms("rec"), 1),
            "ms": round(self.ms, 1),
        }


_THIS_FILE = __file__


def _caller(depth: int = 3) -> str:
    """The pipeline functions on the stack that asked for this OCR call, outermost first."""
    names: list[str] = []
    frame: Any = sys._getframe(1)
    while frame is not None and len(names) < depth:
        path = frame.f_code.co_filename.replace(os.sep, "/")
        if "workers/pipeline/" in path and frame.f_code.co_filename != _THIS_FILE and frame.f_code.co_name[0] != "<":
            names.append(frame.f_code.co_name)
        elif names:
            break
        frame = frame.f_back
    return ">".join(reversed(names)) or "?"


class Profiler:
    """Records OCR calls while started; does nothing otherwise."""

    def __init__(self) -> None:
        self.calls: list[OcrCall] | None = None
        self._current: OcrCall | None = None

    @property
    def active(self) -> bool:
        return self.calls is not None

    def start(self) -> None:
        self.calls, self._current = [], None

    def stop(self) -> list[OcrCall]:
        calls, self.calls, self._current = self.calls or [], None, None
        return calls

    @contextmanager
    def call(self, kind: str, image: np.ndarray, det_limit: int | None = None) -> Iterator[OcrCall | None]:
        if self.calls is None or self._current is not None:
            yield None
            return
        h, w = image.shape[:2]
        record = OcrCall(kind, _caller(), (int(w), int(h)), det_limit)
        self._current = record
        t = time.perf_counter()
        try:
            yield record
        finally:
            record.ms = (time.perf_counter() - t) * 1000
            self._current = None
            self.calls.append(record)

    def model_run(self, model: str, shape: tuple[int, ...], ms: float) -> None:
        if self._current is not None:
            self._current.runs.append(ModelRun(model, tuple(int(s) for s in shape), ms))


def profile_report(name: str, timings_ms: dict[str, int], calls: list[OcrCall], as_json: bool = False) -> str:
    """One document's profile: the pipeline's stage times and every OCR call, as text or one JSON line."""
    det = round(sum(c.model_ms("det") for c in calls))
    rec = round(sum(c.model_ms("rec") for c in calls))
    if as_json:
        return json.dumps(
            {
                "document": name,
                "timings_ms": timings_ms,
                "ocr_calls": len(calls),
                "det_ms": det,
                "rec_ms": rec,
                "calls": [c.to_json() for c in calls],
            }
        )
    stages = "  ".join(f"{k} {v}" for k, v in timings_ms.items())
    out = [f"{name}: {stages} ms; {len(calls)} OCR calls, detector {det} ms, recogniser {rec} ms"]
    for c in calls:
        det_input = "x".join(map(str, c.det_input)) if c.det_input else "-"
        out.append(
            f"  {c.kind:9s} {c.caller:44s} {c.image[0]:5d}x{c.image[1]:<5d} det {det_input:>9s} "
            f"{c.model_ms('det'):6.0f} ms  crops {c.crops:3d} {c.model_ms('rec'):6.0f} ms  total {c.ms:6.0f} ms"
        )
    return "\n".join(out)


# A model input of more values than this (a detection pass over an A4 page or over a whole photo; a card's is
# 0.8 million) leaves the runtime holding buffers of its size for the rest of the process: after such a run they
# are given back (ONNX Runtime's arena shrinkage, OpenVINO's release_memory). A card never triggers it.
RELEASE_ABOVE = 2_000_000


class _TimedSession:
    """An ONNX Runtime style session (`run(output_names, feeds)`) whose runs the profiler sees, and which gives
    back the runtime's buffers after an input larger than RELEASE_ABOVE."""

    def __init__(self, session: Any, model: str, profiler: Profiler) -> None:
        self.session, self.model, self.profiler = session, model, profiler
        self.tap: list[np.ndarray] | None = None  # while set, every input tensor is kept (calibration)
        self._shrink: Any = None
        if not isinstance(session, OpenVinoSession):  # OpenVinoSession releases by itself
            import onnxruntime as ort

            self._shrink = ort.RunOptions()
            self._shrink.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")

    def run(self, output_names: Any, feeds: dict[str, np.ndarray], *args: Any) -> Any:
        x = next(iter(feeds.values()))
        if self.tap is not None:
            self.tap.append(np.array(x, copy=True))
        if not args and self._shrink is not None and x.size > RELEASE_ABOVE:
            args = (self._shrink,)
        if not self.profiler.active:
            return self.session.run(output_names, feeds, *args)
        t = time.perf_counter()
        out = self.session.run(output_names, feeds, *args)
        self.profiler.model_run(self.model, x.shape, (time.perf_counter() - t) * 1000)
        return out

    def __getattr__(self, name: str) -> Any:  # get_inputs, get_modelmeta, … of the wrapped session
        return getattr(self.session, name)


class _TimedCallable:
    """The same for rapidocr's sessions, which are called with the input tensor."""

    def __init__(self, session: Any, model: str, profiler: Profiler) -> None:
        self.session, self.model, self.profiler = session, model, profiler

    def __call__(self, x: np.ndarray) -> Any:
        if not self.profiler.active:
            return self.session(x)
        t = time.perf_counter()
        out = self.session(x)
        self.profiler.model_run(self.model, x.shape, (time.perf_counter() - t) * 1000)
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self.session, name)


# ------------------------------------------------------------------------------------------------ OpenVINO

_ov_core: tuple[int, Any] | None = None


def _openvino_core(cache_dir: Path) -> Any:
    """One OpenVINO Core per process (a Core made before a fork is not reused: its threads stayed behind);
    compiled models cached on disk, so a new process compiles nothing."""
    global _ov_core
    if _ov_core is None or _ov_core[0] != os.getpid():
        import openvino as ov

        core = ov.Core()
        cache = cache_dir / "openvino"
        cache.mkdir(parents=True, exist_ok=True)
        core.set_property({"CACHE_DIR": str(cache)})
        _ov_core = (os.getpid(), core)
    return _ov_core[1]


class OpenVinoSession:
    """OpenVINO's CPU runtime behind ONNX Runtime's session interface (`run`, `get_inputs`, `get_outputs`): the
    same ONNX file, read directly.

    Latency hint, one stream, `threads` inference threads and no pinning (several worker processes share the
    cores); f32 unless told otherwise (on a CPU with bf16 units OpenVINO would pick bf16 by itself). OpenVINO
    keeps the kernels it prepared for each input shape it has seen; the recogniser sees a new width on almost
    every card, so that cache is bounded (`RUNTIME_CACHE` shapes) instead of growing with every document.
    One infer request, used under a lock; outputs are copied out of its buffers.
    """

    RUNTIME_CACHE = 64

    def __init__(self, onnx_path: Path, threads: int, cache_dir: Path, precision: str = "f32") -> None:
        core = _openvino_core(cache_dir)
        if precision == "int8":  # the shipped int8 IR beside the ONNX file; its unquantised layers run f32
            onnx_path = onnx_path.parent / INT8_DIR / "inference.xml"
            precision = "f32"
        self.compiled = core.compile_model(
            str(onnx_path),
            "CPU",
            {
                "INFERENCE_PRECISION_HINT": precision,
                "PERFORMANCE_HINT": "LATENCY",
                "NUM_STREAMS": "1",
                "INFERENCE_NUM_THREADS": str(max(1, threads)),
                "ENABLE_CPU_PINNING": "NO",
                "CPU_RUNTIME_CACHE_CAPACITY": str(self.RUNTIME_CACHE),
            },
        )
        self._request = self.compiled.create_infer_request()
        self._outputs = len(self.compiled.outputs)
        self._lock = threading.Lock()

    def get_inputs(self) -> list[Any]:
        return [_Named(port.any_name) for port in self.compiled.inputs]

    def get_outputs(self) -> list[Any]:
        return [_Named(port.any_name) for port in self.compiled.outputs]

    def run(self, output_names: Any, feeds: dict[str, np.ndarray], *args: Any) -> list[np.ndarray]:
        with self._lock:
            inputs = [np.ascontiguousarray(x) for x in feeds.values()]
            self._request.infer(inputs)
            out = [np.array(self._request.get_output_tensor(i).data, copy=True) for i in range(self._outputs)]
            if max(x.size for x in inputs) > RELEASE_ABOVE:
                self.compiled.release_memory()
            return out


@dataclass(frozen=True)
class _Named:
    name: str


@contextmanager
def _paddlex_sessions(make: Callable[[Path], Any] | None) -> Iterator[None]:
    """While PaddleOCR builds its pipeline: each model's session made by `make(model_file)` instead of ONNX
    Runtime (so that an OpenVINO engine never loads the models twice). Only under the engine lock."""
    if make is None:
        yield
        return
    from paddlex.inference.models.runners.onnxruntime_runner import ONNXRuntimeRunner

    original = ONNXRuntimeRunner._create_session
    ONNXRuntimeRunner._create_session = lambda runner: make(runner._get_model_path())
    try:
        yield
    finally:
        ONNXRuntimeRunner._create_session = original


# ------------------------------------------------------------------------------------------------ engines


class OcrEngine(Protocol):
    models: list[str]
    profiler: Profiler

    def read(self, image: np.ndarray, det_limit: int | None = None) -> list[TextLine]:
        """OCR one BGR page; lines with NFKC-normalised text and axis-aligned boxes.

        `det_limit` overrides the configured longest side for detection on this call: an A4 page needs
        more pixels than a card for its small print (a KK member table).
        """
        ...

    def recognise(self, crop: np.ndarray, faint_dot: float = 0.0) -> tuple[str, float]:
        """Recognise one text-line crop (no detection): NFKC text and mean character confidence; `faint_dot`
        as in LineRecogniser."""
        ...


class LineRecogniser:
    """The PP-OCRv6 recogniser run directly on one line crop, for a second look at a field.

    Same weights, dictionary and session as the pipeline's recogniser, but the crop is ours: the whole value
    box with a margin, at its own width. On that input the model keeps the narrow word spaces that the
    batched pipeline read drops (`MURTIHALIM` → `MURTI HALIM`).
    """

    HEIGHT = 48
    MAX_WIDTH = 48 * 40
    SPACE_PROB = 0.15

    def __init__(self, model_dir: Path, run: Callable[[np.ndarray], np.ndarray]) -> None:
        config = yaml.safe_load((model_dir / "inference.yml").read_text())
        self.charset = ["", *config["PostProcess"]["character_dict"], " "]  # CTC blank first, space last
        self._dot = self.charset.index(".")
        self._run = run

    def __call__(self, crop: np.ndarray, faint_dot: float = 0.0) -> tuple[str, float]:
        """The line's text and mean confidence. With `faint_dot`, a '.' holding at least that share of a frame
        that the blank or a space wins is read too: blur thins a printed dot below the blank (a caller keeps
        only the dots it has reason to expect, workers.pipeline.respace.restore_dots)."""
        import cv2

        h, w = crop.shape[:2]
        if h < 4 or w < 4:
            return "", 0.0
        width = min(self.MAX_WIDTH, max(self.HEIGHT, round(self.HEIGHT * w / h)))
        x = cv2.resize(crop, (width, self.HEIGHT), interpolation=cv2.INTER_CUBIC).astype(np.float32)
        x = (x / 255.0 - 0.5) / 0.5
        probs = self._run(np.ascontiguousarray(x.transpose(2, 0, 1)[None]))[0]
        best = probs.argmax(axis=1)
        # A narrow space often loses to the CTC blank while still holding a clear share of the
        # probability; inside a word the space class stays near zero.
        space = len(self.charset) - 1
        best[(best == 0) & (probs[:, space] >= self.SPACE_PROB)] = space
        if faint_dot > 0:
            best[((best == 0) | (best == space)) & (probs[:, self._dot] >= faint_dot)] = self._dot
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
    """PaddleOCR's pipeline; on ONNX Runtime (`paddleocr`), or with its two model runs on OpenVINO (`openvino`)."""

    def __init__(self, config: OcrConfig) -> None:
        _offline_environment(config.cache_dir)
        int8 = config.backend == "openvino" and config.precision == "int8"
        dirs = verified_model_dirs(config.models_dir, config.manifest_dir, int8=int8)
        from paddleocr import PaddleOCR

        for name in ("paddlex", "paddleocr"):  # model-creation chatter on every start
            logging.getLogger(name).setLevel(logging.WARNING)

        limits: dict[str, int | str] = {}
        if config.det_limit_side_len is not None:
            limits = {"text_det_limit_side_len": config.det_limit_side_len, "text_det_limit_type": "max"}
        make = None
        if config.backend == "openvino":

            def make(model_file: Path) -> OpenVinoSession:
                # int8 is the recogniser's alone: the detector's int8 boxes moved by a few pixels, which changed
                # rows on cards printed half a row off (docs/performance.md), and detection is ~10 % of a read
                precision = config.precision
                if precision == "int8" and model_file.parent.name == DET_MODEL:
                    precision = "f32"
                return OpenVinoSession(model_file, config.threads, config.cache_dir, precision)

        with _build_lock, _paddlex_sessions(make):
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
        self.models = model_tags(config.manifest_dir, int8=int8)
        self.profiler = Profiler()
        pipeline = self._ocr.paddlex_pipeline._pipeline
        self._sessions: dict[str, _TimedSession] = {}
        for model, predictor in (("det", pipeline.text_det_model), ("rec", pipeline.text_rec_model)):
            predictor.runner.session = self._sessions[model] = _TimedSession(
                predictor.runner.session, model, self.profiler
            )
        rec_session = pipeline.text_rec_model.runner.session
        # int8 reads a page; the f32 recogniser (same weights, same session interface) reads again what int8 was
        # unsure of, and takes the second looks, whose spaces and faint dots come from its probabilities
        self._careful: _TimedSession | None = None
        self._recheck_below = config.int8_recheck_below if int8 else 0.0
        if self._recheck_below > 0:
            careful = OpenVinoSession(dirs[REC_MODEL] / "inference.onnx", config.threads, config.cache_dir)
            self._careful = _TimedSession(careful, "rec", self.profiler)
        line_session = self._careful or rec_session
        self._line = LineRecogniser(dirs[REC_MODEL], lambda x: line_session.run(None, {"x": x})[0])
        self._pipeline = pipeline
        self._swap = threading.Lock()

    def recognise(self, crop: np.ndarray, faint_dot: float = 0.0) -> tuple[str, float]:
        with self.profiler.call("recognise", crop):
            return self._line(crop, faint_dot)

    @contextmanager
    def recording_inputs(self) -> Iterator[dict[str, list[np.ndarray]]]:
        """Every detector and recogniser input tensor while open: the calibration data of
        `scripts/quantise_models.py`."""
        taps: dict[str, list[np.ndarray]] = {model: [] for model in self._sessions}
        for model, session in self._sessions.items():
            session.tap = taps[model]
        try:
            yield taps
        finally:
            for session in self._sessions.values():
                session.tap = None

    def raw_predict(self, image: np.ndarray) -> Any:
        """A bare PaddleOCR.predict call; the benchmark's baseline."""
        return self._ocr.predict(image)

    def read(self, image: np.ndarray, det_limit: int | None = None) -> list[TextLine]:
        extra: dict[str, int | str] = {}
        if det_limit is not None:
            extra = {"text_det_limit_side_len": det_limit, "text_det_limit_type": "max"}
        with self.profiler.call("read", image, det_limit) as record:
            result = self._ocr.predict(image, **extra)
            if not result:
                return []
            texts, scores, polys = (list(result[0][k]) for k in ("rec_texts", "rec_scores", "rec_polys"))
            if self._careful is not None:
                self._recheck(image, texts, scores, polys)
            lines = _lines(texts, scores, polys)
            if record is not None:
                record.lines = len(lines)
        return lines

    def _recheck(self, image: np.ndarray, texts: list[str], scores: list[float], polys: list[Any]) -> None:
        """The lines int8 read below `int8_recheck_below`, read again by the f32 recogniser, in place: the same
        crops (PaddleX's own cropping) in the same order of width, so that they batch as the page read does."""
        unsure = [i for i, score in enumerate(scores) if score < self._recheck_below]
        if not unsure:
            return
        crops = self._pipeline._crop_by_polys(image, [polys[i] for i in unsure])
        order = sorted(range(len(crops)), key=lambda j: crops[j].shape[1] / max(1, crops[j].shape[0]))
        predictor = self._pipeline.text_rec_model
        with self._swap:
            quick, predictor.runner.session = predictor.runner.session, self._careful
            try:
                reads = list(predictor([crops[j] for j in order]))
            finally:
                predictor.runner.session = quick
        for j, read in zip(order, reads, strict=True):
            texts[unsure[j]], scores[unsure[j]] = read["rec_text"], float(read["rec_score"])


class RapidOcrEngine:
    def __init__(self, config: OcrConfig) -> None:
        from rapidocr import RapidOCR

        dirs = verified_model_dirs(config.models_dir, config.manifest_dir)
        params: dict[str, int | str] = {}
        if config.det_limit_side_len is not None:
            params = {"Det.limit_side_len": config.det_limit_side_len, "Det.limit_type": "max"}
        self._ocr = RapidOCR(
            params={
                **params,
                "Global.use_cls": False,
                "Global.log_level": "error",
                "Det.model_path": str(dirs[DET_MODEL] / "inference.onnx"),
                "Rec.model_path": str(dirs[REC_MODEL] / "inference.onnx"),
                "EngineConfig.onnxruntime.intra_op_num_threads": config.threads,
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            }
        )
        self._limit = threading.Lock()
        self.models = model_tags(config.manifest_dir)
        self.profiler = Profiler()
        self._det = self._ocr._load_det_model()
        rec = self._ocr._load_rec_model()
        self._det.session = _TimedCallable(self._det.session, "det", self.profiler)
        rec.session = _TimedCallable(rec.session, "rec", self.profiler)
        self._line = LineRecogniser(dirs[REC_MODEL], rec.session)

    def recognise(self, crop: np.ndarray, faint_dot: float = 0.0) -> tuple[str, float]:
        with self.profiler.call("recognise", crop):
            return self._line(crop, faint_dot)

    def read(self, image: np.ndarray, det_limit: int | None = None) -> list[TextLine]:
        # RapidOCR keeps the detection size on its detector: set for this call (the models stay loaded once)
        with self._limit, self.profiler.call("read", image, det_limit) as record:
            default = self._det.limit_side_len, self._det.limit_type
            if det_limit is not None:
                self._det.limit_side_len, self._det.limit_type = det_limit, "max"
            try:
                result: Any = self._ocr(image)
            finally:
                self._det.limit_side_len, self._det.limit_type = default
            if result is None or getattr(result, "txts", None) is None:
                return []
            lines = _lines(result.txts, result.scores, result.boxes)
            if record is not None:
                record.lines = len(lines)
            return lines


_engines: dict[OcrConfig, OcrEngine] = {}
_lock = threading.Lock()
_build_lock = threading.Lock()


def create_engine(config: OcrConfig) -> OcrEngine:
    engine: OcrEngine
    if config.backend in ("paddleocr", "openvino"):
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


def preload(backend: Backend, cache_dir: Path | None = None) -> None:
    """Import a backend's modules without building anything: in a worker's main process before its pool forks,
    so that each new worker process only builds and warms its own sessions (the runtimes' thread pools do not
    survive a fork, so the sessions themselves cannot be shared)."""
    import cv2  # noqa: F401
    import onnxruntime  # noqa: F401

    if backend in ("paddleocr", "openvino"):
        if cache_dir is not None:
            _offline_environment(cache_dir)
        import paddleocr  # noqa: F401
        import paddlex.inference.models.text_detection
        import paddlex.inference.models.text_recognition
        import paddlex.inference.pipelines.ocr.pipeline  # noqa: F401
    if backend == "openvino":
        import openvino  # noqa: F401
    if backend == "rapidocr":
        import rapidocr  # noqa: F401


_warmed: weakref.WeakSet[Any] = weakref.WeakSet()


def warm_up(engine: OcrEngine) -> None:
    """One call on a small synthetic line: loads lazy sessions and proves the models answer. Once per engine."""
    if engine in _warmed:
        return
    _warmed.add(engine)
    import cv2

    img = np.full((64, 320, 3), 255, dtype=np.uint8)
    cv2.putText(img, "NIK 3204", (10, 45), cv2.FONT_HERSHEY_SIMPLEX, 1.2, (0, 0, 0), 2)
    engine.read(img)
    engine.recognise(img)
