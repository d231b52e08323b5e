"""Quantise the PP-OCRv6 small recogniser to int8 (OpenVINO IR) with NNCF: the files under `models/int8/`,
which the project ships so that every installation runs the same int8 weights. The detector stays f32: its
int8 boxes moved by a few pixels and changed rows on misprinted cards, for ~10 % of a read's time.

    pip install -e '.[quantise]'                 # NNCF: only this script needs it
    python scripts/quantise_models.py            # writes models/int8/<name>/ and the manifest's `quantised`

Calibration data: the recogniser inputs (one per line crop) that the f32 pipeline makes while reading the
generator's committed sample documents (`samples/ktp`, `samples/kk`, `samples/sktm`, `samples/passport`) and 40
fresh generator cards in all ten capture modes (seed 4040: small, low and hard captures as well, whose enlarged,
blurred crops the committed samples lack): the project's own renderer only, so that the clean-room renderer's
sets stay unseen. Post-training quantisation, NNCF's default (performance) preset, in transformer mode (the SVTR
blocks' attention and layer norms stay f32). The accuracy of the result is measured by `docverify eval` on the
held-out sets (README, Speed and memory), never here.
"""

from __future__ import annotations

import argparse
import json
import lzma
import shutil
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ("samples/ktp", "samples/kk", "samples/sktm", "samples/passport")
SUBSET = 600  # calibration inputs, drawn with a fixed seed
GENERATED = (40, 4040)  # fresh generator cards (count, seed), every capture mode


def calibration_inputs(sample_dirs: list[Path]) -> dict[str, list[np.ndarray]]:
    """Each model's inputs, one per crop or page (batch dimension 1), while the f32 pipeline reads the documents."""
    from service.config import Settings
    from workers.pipeline.process import run
    from workers.verification import engine_for, options_for

    settings = Settings(env="dev", ocr_backend="openvino", ocr_precision="f32")
    engine = engine_for(settings)
    options = options_for(settings)
    images = [p for d in sample_dirs for p in sorted((d / "images").iterdir())]
    with engine.recording_inputs() as taps:  # type: ignore[attr-defined]
        for path in images:
            run([path.read_bytes()], engine, options)
    out = {model: [x[i : i + 1] for x in tensors for i in range(x.shape[0])] for model, tensors in taps.items()}
    print(f"{len(images)} documents: " + ", ".join(f"{m} {len(v)} inputs" for m, v in out.items()), file=sys.stderr)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models-dir", type=Path, default=ROOT / "data" / "models", help="built ONNX model folders")
    parser.add_argument("--out", type=Path, default=ROOT / "models", help="the repository's models/ folder")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import tempfile

    import nncf
    import openvino as ov

    from samples.generate import generate
    from workers.pipeline.models import INT8_DIR, load_manifest, sha256_of

    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), *GENERATED)
        inputs = calibration_inputs([ROOT / d for d in SAMPLES] + [Path(tmp)])
    rng = np.random.default_rng(0)
    manifest_path = args.out / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    (spec,) = [s for s in load_manifest(args.out) if s.role == "recognition"]
    data = inputs["rec"]
    chosen = [data[i] for i in sorted(rng.choice(len(data), min(SUBSET, len(data)), replace=False))]
    t = time.perf_counter()
    result = nncf.quantize(
        ov.Core().read_model(str(args.models_dir / spec.name / "inference.onnx")),
        nncf.Dataset(chosen),
        subset_size=len(chosen),
        model_type=nncf.ModelType.TRANSFORMER,
    )
    folder = args.out / INT8_DIR / spec.name
    folder.mkdir(parents=True, exist_ok=True)
    ov.save_model(result, str(folder / "inference.xml"))  # weights NNCF left f32 are stored as f16
    files = {f: sha256_of(folder / f) for f in ("inference.xml", "inference.bin")}
    weights = folder / "inference.bin"  # shipped xz-compressed (4.6 of 5.7 MB); `docverify models build` unpacks it
    with weights.open("rb") as raw, lzma.open(weights.with_name("inference.bin.xz"), "wb", preset=9) as packed:
        shutil.copyfileobj(raw, packed)
    weights.unlink()
    print(f"{spec.name}: {len(chosen)} calibration inputs, {time.perf_counter() - t:.0f} s", file=sys.stderr)
    quantised = [
        {
            "name": spec.name,
            "folder": f"{INT8_DIR}/{spec.name}",
            "files": files,
            "from_sha256": spec.sha256,
            "built_by": "scripts/quantise_models.py (NNCF post-training quantisation)",
            "calibration": f"{len(chosen)} recogniser inputs of the f32 pipeline on {', '.join(SAMPLES)} and "
            f"samples.generate --count {GENERATED[0]} --seed {GENERATED[1]}",
        }
    ]
    manifest["quantised"] = quantised
    manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
