"""The OCR engines of issue 23 with the real PP-OCRv6 models: the profile of OCR calls, the OpenVINO backend,
one copy of each model per process, and what a worker's main process loads before it forks."""

from __future__ import annotations

import ctypes
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from service.config import Settings
from workers.pipeline.io import decode
from workers.pipeline.ocr import OcrConfig, OcrEngine, PaddleOcrEngine, RapidOcrEngine, get_engine
from workers.pipeline.process import prepare_page, read_upright, run

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "ktp" / "images"


def engine(backend: str, models_dir: Path, **options: Any) -> OcrEngine:
    """The process's engine for this backend and options (precision, int8_recheck_below), two threads."""
    return get_engine(
        OcrConfig(models_dir=models_dir, cache_dir=models_dir.parent / "cache", backend=backend, threads=2, **options)  # type: ignore[arg-type]
    )


def card(name: str) -> np.ndarray:
    page, _ = prepare_page(decode((SAMPLES / name).read_bytes())[0], 0)
    return page.image


def first_sample() -> str:
    return sorted(p.name for p in SAMPLES.iterdir() if "scan" in p.name)[0]


@pytest.mark.parametrize("backend", ["paddleocr", "openvino", "rapidocr"])
def test_the_profile_records_each_ocr_call_with_its_caller_detector_input_and_crops(
    backend: str, models_dir: Path
) -> None:
    ocr = engine(backend, models_dir)
    image = card(first_sample())
    ocr.profiler.start()
    _, lines, _ = read_upright(ocr, image)
    ocr.recognise(image[:60, :400])
    calls = ocr.profiler.stop()
    read, recognise = calls[0], calls[-1]
    assert read.kind == "read" and read.caller.endswith("read_upright")
    assert read.image == (image.shape[1], image.shape[0])
    assert read.det_input is not None and max(read.det_input) == 640  # the card's longest side at the limit
    assert read.crops >= len(lines) >= 20 and read.model_ms("rec") > 0
    assert recognise.kind == "recognise" and recognise.crops == 1 and recognise.det_input is None
    assert not ocr.profiler.active and ocr.profiler.stop() == []  # off again: nothing more is recorded
    ocr.read(image)
    assert ocr.profiler.stop() == []


def test_openvino_reads_the_same_values_as_onnx_runtime(models_dir: Path) -> None:
    """Same pipeline, same ONNX files, f32 on both runtimes: every field of a sample card reads the same."""
    settings = Settings(env="dev")
    from workers.verification import options_for

    data = (SAMPLES / first_sample()).read_bytes()
    results = [run([data], engine(backend, models_dir), options_for(settings)) for backend in ("paddleocr", "openvino")]
    values = [{k: f.value for k, f in r.fields.items()} for r in results]
    assert values[0]["nik"] and values[0] == values[1]


def test_openvino_runs_f32_by_default_and_bf16_only_when_asked(models_dir: Path) -> None:
    ocr = engine("openvino", models_dir)
    assert isinstance(ocr, PaddleOcrEngine)
    pipeline = ocr._ocr.paddlex_pipeline._pipeline
    for predictor in (pipeline.text_det_model, pipeline.text_rec_model):
        session = predictor.runner.session.session
        assert type(session).__name__ == "OpenVinoSession"  # no ONNX Runtime session was built beside it
        assert str(session.compiled.get_property("INFERENCE_PRECISION_HINT")) == "<Type: 'float32'>"
    bf16 = engine("openvino", models_dir, precision="bf16")
    assert isinstance(bf16, PaddleOcrEngine)
    session = bf16._ocr.paddlex_pipeline._pipeline.text_rec_model.runner.session.session
    import openvino

    # OpenVINO keeps f32 on a CPU without bf16 units (this AMD EPYC lists only FP32, INT8): asked for bf16, the
    # hint is bf16 where the CPU can, and the run is still f32 (no error) where it cannot
    can = "BF16" in openvino.Core().get_property("CPU", "OPTIMIZATION_CAPABILITIES")
    hint = str(session.compiled.get_property("INFERENCE_PRECISION_HINT"))
    assert ("bfloat16" in hint) if can else (hint == "<Type: 'float32'>")


@pytest.mark.parametrize("backend", ["paddleocr", "openvino", "rapidocr"])
def test_second_looks_use_the_pipelines_own_recogniser_session(backend: str, models_dir: Path) -> None:
    """One copy of each model per process: `recognise` runs on the pipeline's recogniser, not a second one."""
    ocr = engine(backend, models_dir)
    image = card(first_sample())
    ocr.profiler.start()
    ocr.recognise(image[:60, :400])
    (call,) = ocr.profiler.stop()
    assert [run.model for run in call.runs] == ["rec"]  # seen by the pipeline's timed recogniser session


def test_rapidocr_reads_at_another_detection_size_without_a_second_engine(models_dir: Path) -> None:
    ocr = engine("rapidocr", models_dir)
    assert isinstance(ocr, RapidOcrEngine)
    image = card(first_sample())
    before = len([o for o in _objects_of("RapidOCR")])
    ocr.profiler.start()
    ocr.read(image, det_limit=960)
    ocr.read(image)
    big, default = ocr.profiler.stop()
    assert big.det_input is not None and max(big.det_input) == 960
    assert default.det_input is not None and max(default.det_input) == 640  # the configured size is back
    assert len(_objects_of("RapidOCR")) == before


def _objects_of(name: str) -> list[object]:
    import gc

    return [o for o in gc.get_objects() if type(o).__name__ == name]


def test_verify_profile_prints_every_ocr_call(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "docverify.cli", "verify", str(SAMPLES / first_sample()), "--json", "--profile"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(ROOT),
            "HOME": str(tmp_path),
            "DOCVERIFY_ENV": "dev",
            "DOCVERIFY_DATA_DIR": str(ROOT / "data"),
        },
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    verification = json.loads(proc.stdout.strip().splitlines()[-1])
    assert "profile" not in verification  # the Verification object is unchanged; the profile goes to stderr
    profile = json.loads(next(line for line in proc.stderr.splitlines() if line.startswith('{"document"')))
    assert profile["timings_ms"] == verification["timings_ms"]
    assert profile["ocr_calls"] == len(profile["calls"]) >= 1
    first = profile["calls"][0]
    assert first["kind"] == "read" and first["caller"].endswith("read_upright") and first["crops"] >= 20


def test_the_worker_main_process_imports_the_ocr_modules_before_it_forks(tmp_path: Path) -> None:
    code = (
        "import sys; from workers.pipeline.ocr import preload; from pathlib import Path; "
        "preload('openvino', Path(sys.argv[1])); "
        "print(all(m in sys.modules for m in ('paddleocr', 'openvino', 'onnxruntime', "
        "'paddlex.inference.pipelines.ocr.pipeline')))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert proc.stdout.strip() == "True", proc.stderr[-2000:]


def test_heap_trim_gives_freed_memory_back(tmp_path: Path) -> None:
    """After a document the worker hands freed heap back to the system (glibc keeps it otherwise)."""
    from workers.celery_app import trim_heap

    def rss() -> int:
        return next(
            int(line.split()[1])
            for line in Path("/proc/self/status").read_text().splitlines()
            if line.startswith("VmRSS:")
        )

    libc = ctypes.CDLL("libc.so.6")
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    blocks = [libc.malloc(1000) for _ in range(200_000)]  # ~200 MB of small blocks, below mmap's threshold
    for b in blocks:
        ctypes.memset(b, 1, 1000)
    for b in blocks[:-1]:  # the last block keeps the heap's top in place: plain free cannot shrink it
        libc.free(b)
    before = rss()
    assert trim_heap() is True
    assert before - rss() > 100_000  # kB
    libc.free(blocks[-1])


@pytest.mark.parametrize("backend", ["paddleocr", "openvino"])
def test_a_large_page_does_not_leave_its_buffers_in_the_process(backend: str, models_dir: Path, tmp_path: Path) -> None:
    """A detection pass over an A4 page made the runtime keep buffers of its size for good (+0.5–0.8 GB per
    process, measured); now they are given back after such a run. The probe's `old` run is the check that the
    measure sees the difference."""

    def probe(*extra: str) -> float:
        proc = subprocess.run(
            [
                sys.executable,
                str(ROOT / "tests/integration/memory_probe.py"),
                backend,
                str(models_dir),
                str(SAMPLES / first_sample()),
                *extra,
            ],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=ROOT,
            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)},
        )
        assert proc.returncode == 0, proc.stderr[-2000:]
        report = json.loads(proc.stdout.strip().splitlines()[-1])
        return float(report["after"] - report["before"])

    assert probe() < 150
    assert probe("old") > 300


def test_openvino_int8_runs_the_shipped_int8_recogniser_and_says_so(models_dir: Path) -> None:
    """`int8` compiles the recogniser's IR of models/int8 (integer kernels in its runtime graph; the detector
    stays f32), names it in the provenance, and still reads a sample card's NIK and name as printed."""
    ocr = engine("openvino", models_dir, precision="int8")
    assert isinstance(ocr, PaddleOcrEngine)
    assert [tag.split("@")[0] for tag in ocr.models] == ["PP-OCRv6_small_det", "PP-OCRv6_small_rec-int8"]
    pipeline = ocr._ocr.paddlex_pipeline._pipeline
    for predictor, integer in ((pipeline.text_det_model, False), (pipeline.text_rec_model, True)):
        runtime = predictor.runner.session.session.compiled.get_runtime_model()
        kinds = {op.get_rt_info()["runtimePrecision"].astype(str) for op in runtime.get_ordered_ops()}
        assert bool(kinds & {"u8", "i8"}) == integer, kinds  # integer kernels ran, not f32 under another name
    from workers.verification import options_for

    name = first_sample()
    truth = json.loads((SAMPLES.parent / "truth" / name).with_suffix(".json").read_text())
    result = run([(SAMPLES / name).read_bytes()], ocr, options_for(Settings(env="dev")))
    assert result.fields["nik"].value == truth["nik"] and result.fields["name"].value == truth["name"]


def test_int8_lines_read_unsure_are_read_again_by_the_f32_recogniser(models_dir: Path) -> None:
    """Below the threshold a line is read again by the f32 recogniser (here every line: threshold 1.0), which
    then gives the text the f32 engine reads; at 0 nothing is read twice and no f32 recogniser is loaded."""

    def int8(recheck: float) -> OcrEngine:
        return engine("openvino", models_dir, precision="int8", int8_recheck_below=recheck)

    image = card(first_sample())
    reads = {}
    for recheck in (0.0, 1.0):
        ocr = int8(recheck)
        ocr.profiler.start()
        lines = ocr.read(image)
        (call,) = ocr.profiler.stop()
        reads[recheck] = (lines, call.crops)
    once, twice = reads[0.0], reads[1.0]
    assert twice[1] >= once[1] + len(once[0]) - 2  # (nearly) every line was recognised a second time
    assert isinstance(int8(0.0), PaddleOcrEngine) and int8(0.0)._careful is None
    import re

    def niks(lines: list[Any]) -> list[str]:
        return [m for line in lines for m in re.findall(r"\d{16}", line.text.replace(" ", ""))]

    f32 = niks(engine("openvino", models_dir).read(image))
    assert f32 and niks(twice[0]) == f32


def test_a_changed_int8_file_stops_the_engine_at_start(models_dir: Path, tmp_path: Path) -> None:
    """The shipped int8 files are checked against the manifest like the ONNX weights: a swapped file is refused
    when the engine loads instead of changing results silently."""
    import shutil

    from workers.pipeline.models import ModelError, verified_model_dirs

    copy = tmp_path / "models"
    shutil.copytree(models_dir, copy)
    assert set(verified_model_dirs(copy, int8=True)) == {"PP-OCRv6_small_det", "PP-OCRv6_small_rec"}
    weights = copy / "PP-OCRv6_small_rec" / "int8" / "inference.bin"
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF
    weights.write_bytes(bytes(data))
    verified_model_dirs(copy)  # f32 does not read the int8 files
    with pytest.raises(ModelError, match=r"inference\.bin"):
        verified_model_dirs(copy, int8=True)
