"""The OCR model store: builds PaddleOCR model folders from the weights shipped in the rapidocr wheel.

Weights are never downloaded at run time. `build_model_dirs` runs at install time (`make install`) and
copies each ONNX file named in `models/manifest.json` into `<models_dir>/<name>/inference.onnx` beside
its `inference.yml`. `verified_model_dirs` re-checks every sha256 when the engine loads, so a swapped or
corrupted file stops the worker at start instead of changing results silently.

The int8 models (OpenVINO IR, `models/int8/<name>/`) are files the project ships: each was quantised once from
the ONNX weights above by `scripts/quantise_models.py` (NNCF, calibrated on the generator's sample documents),
so every installation runs byte-identical int8 weights; the manifest's `quantised` entries carry their sha256
(of the file as used: a file shipped as `<name>.xz` is unpacked by `build_model_dirs`).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import lzma
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO_MODELS_DIR = Path(__file__).resolve().parents[2] / "models"


class ModelError(RuntimeError):
    """A model file is missing or is not the file the manifest names."""


@dataclass(frozen=True)
class ModelSpec:
    name: str
    role: str
    source_package: str
    source_path: str
    sha256: str
    config: str

    @property
    def tag(self) -> str:
        """Short identifier for provenance, e.g. `PP-OCRv6_small_det@090f04ab`."""
        return f"{self.name}@{self.sha256[:8]}"


@dataclass(frozen=True)
class QuantisedSpec:
    """A shipped int8 model: IR files under `models/<folder>/`, copied to `<models_dir>/<name>/int8/`."""

    name: str  # the ONNX model it was quantised from
    folder: str
    files: dict[str, str]  # file name -> sha256
    from_sha256: str

    @property
    def tag(self) -> str:
        return f"{self.name}-int8@{self.files[INT8_MODEL_FILE][:8]}"


INT8_DIR = "int8"
INT8_MODEL_FILE = "inference.bin"


def load_quantised(manifest_dir: Path = REPO_MODELS_DIR) -> list[QuantisedSpec]:
    data = json.loads((manifest_dir / "manifest.json").read_text())
    return [QuantisedSpec(**{k: m[k] for k in QuantisedSpec.__dataclass_fields__}) for m in data.get("quantised", [])]


def load_manifest(manifest_dir: Path = REPO_MODELS_DIR) -> list[ModelSpec]:
    data = json.loads((manifest_dir / "manifest.json").read_text())
    return [ModelSpec(**{k: m[k] for k in ModelSpec.__dataclass_fields__}) for m in data["models"]]


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def source_file(spec: ModelSpec) -> Path:
    """Where the installed wheel keeps the weights (found without importing the package)."""
    package, _, rel = spec.source_path.partition("/")
    found = importlib.util.find_spec(package)
    if found is None or not found.submodule_search_locations:
        raise ModelError(
            f"package {spec.source_package} is not installed; `make install` installs it (it ships {spec.source_path})"
        )
    path = Path(next(iter(found.submodule_search_locations))) / rel
    if not path.is_file():
        raise ModelError(f"{spec.source_path} not found in the installed {spec.source_package}")
    return path


def _onnx_character_dict(onnx_path: Path) -> list[str]:
    import onnxruntime as ort

    session = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    meta = session.get_modelmeta().custom_metadata_map
    if "character" not in meta:
        raise ModelError(f"{onnx_path.name} carries no character dictionary in its metadata")
    return meta["character"].splitlines()


def _model_config(spec: ModelSpec, onnx_path: Path, manifest_dir: Path) -> dict[str, Any]:
    config: dict[str, Any] = yaml.safe_load((manifest_dir / spec.config).read_text())
    if config["Global"]["model_name"] != spec.name:
        raise ModelError(f"{spec.config}: Global.model_name must be {spec.name}")
    if spec.role == "recognition":
        config["PostProcess"]["character_dict"] = _onnx_character_dict(onnx_path)
    return config


def build_model_dirs(models_dir: Path, manifest_dir: Path = REPO_MODELS_DIR) -> dict[str, Path]:
    """Create (or refresh) one PaddleOCR model folder per manifest entry. Idempotent."""
    out: dict[str, Path] = {}
    for spec in load_manifest(manifest_dir):
        src = source_file(spec)
        digest = sha256_of(src)
        if digest != spec.sha256:
            raise ModelError(f"{src} has sha256 {digest}, manifest expects {spec.sha256}")
        folder = models_dir / spec.name
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / "inference.onnx"
        if not target.exists() or sha256_of(target) != spec.sha256:
            tmp = folder / "inference.onnx.tmp"
            shutil.copyfile(src, tmp)
            tmp.replace(target)
        config = _model_config(spec, target, manifest_dir)
        (folder / "inference.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
        out[spec.name] = folder
    for q in load_quantised(manifest_dir):
        target_dir = models_dir / q.name / INT8_DIR
        target_dir.mkdir(parents=True, exist_ok=True)
        for file, digest in q.files.items():
            target = target_dir / file
            if target.exists() and sha256_of(target) == digest:
                continue
            src = manifest_dir / q.folder / file
            tmp = target_dir / f"{file}.tmp"
            if src.exists():
                shutil.copyfile(src, tmp)
            else:  # the weights are shipped xz-compressed (`<file>.xz`), to keep the repository's files small
                with lzma.open(src.with_name(f"{file}.xz")) as packed, tmp.open("wb") as sink:
                    shutil.copyfileobj(packed, sink)
            if sha256_of(tmp) != digest:
                tmp.unlink()
                raise ModelError(f"{src} is not the int8 file the manifest names (sha256 {digest})")
            tmp.replace(target)
    return out


def verified_model_dirs(models_dir: Path, manifest_dir: Path = REPO_MODELS_DIR, int8: bool = False) -> dict[str, Path]:
    """Model folders after checking each weight file's sha256 (with `int8`, the shipped int8 files' too);
    builds missing folders from the wheel and the repository."""
    specs = load_manifest(manifest_dir)
    quantised = load_quantised(manifest_dir) if int8 else []
    if any(not (models_dir / s.name / "inference.yml").is_file() for s in specs) or any(
        not (models_dir / q.name / INT8_DIR / f).is_file() for q in quantised for f in q.files
    ):
        build_model_dirs(models_dir, manifest_dir)
    for q in quantised:
        for file, expected in q.files.items():
            path = models_dir / q.name / INT8_DIR / file
            digest = sha256_of(path)
            if digest != expected:
                raise ModelError(f"{path} has sha256 {digest}, manifest expects {expected}")
    out: dict[str, Path] = {}
    for spec in specs:
        onnx = models_dir / spec.name / "inference.onnx"
        if not onnx.is_file():
            raise ModelError(f"{onnx} is missing; run `docverify models build`")
        digest = sha256_of(onnx)
        if digest != spec.sha256:
            raise ModelError(f"{onnx} has sha256 {digest}, manifest expects {spec.sha256}")
        out[spec.name] = onnx.parent
    return out


def model_tags(manifest_dir: Path = REPO_MODELS_DIR, int8: bool = False) -> list[str]:
    """The models a result was read with, for its provenance (the int8 files' own tags when those ran)."""
    if int8:
        quantised = {q.name: q.tag for q in load_quantised(manifest_dir)}
        return [quantised.get(s.name, s.tag) for s in load_manifest(manifest_dir)]
    return [s.tag for s in load_manifest(manifest_dir)]
