"""Synthetic village-office letters: Surat Keterangan Tidak Mampu (SKTM) and Surat Keterangan Domisili.

    python -m samples.sktm OUT_DIR --count N --seed S [--mode photo|scan|both]

writes ``OUT_DIR/images/sktm-NNNN-<mode>.<jpg|png>`` and ``OUT_DIR/truth/<id>.json`` with
``document_type: "sktm"`` (both variants: the contract's "SKTM and other letters"), ``capture_mode``,
``variant`` (``sktm`` | ``domisili``) and the contract's fields as a perfect reader returns them:
``letter_number`` as printed after "Nomor", ``issuer`` (``DESA X`` / ``KELURAHAN X``), ``issue_date`` (ISO),
``subject_name``, ``subject_nik``, ``subject_address`` (the street address, then ``RT nnn/RW nnn``),
``purpose`` (what follows "untuk keperluan", upper case, without the final full stop) and ``valid_until``
(ISO) when the letter prints one.

Layouts vary: kop surat lines and their sizes, the label column, the paragraph wording and width, fonts,
margins and spacing. Persons and regions come from samples.generate's PersonFactory (Kemendagri names).
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from faker import Faker
from PIL import Image, ImageDraw

from docverify.regions import load_regions
from samples.generate import REF_DATE, Pen, PersonFactory, _noise, _signature, capture_scan, typefaces
from samples.labelled import capture_modes, labelled_folder, write_truth

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
PURPOSES_SKTM = (
    "pengajuan beasiswa KIP Kuliah", "pendaftaran BPJS Kesehatan PBI", "keringanan biaya rumah sakit",
    "pengajuan bantuan Program Keluarga Harapan (PKH)", "persyaratan pendaftaran sekolah anak",
    "pengajuan keringanan biaya pendidikan", "pengajuan bantuan sosial tunai", "pengurusan Kartu Indonesia Sehat",
    "persyaratan bantuan pangan non tunai", "pengajuan bantuan bedah rumah",
)
PURPOSES_DOMISILI = (
    "pembukaan rekening bank", "persyaratan melamar pekerjaan", "pendaftaran sekolah",
    "pengurusan surat izin usaha", "persyaratan pendaftaran nikah", "pengajuan kredit usaha rakyat",
)


def _id_date(d: date) -> str:
    return f"{d.day} {MONTHS_ID[d.month - 1]} {d.year}"


def letter_number(r: random.Random, issue: date, sktm: bool) -> str:
    code = r.choice(("474", "470", "145", "400", "460"))
    seq = f"{r.randint(1, 350):03d}"
    tag = r.choice(("SKTM", "DS", "Kesra", "Pem", "KEL")) if sktm else r.choice(("DOM", "Pem", "DS", "KEL"))
    month = ROMAN[issue.month - 1]
    forms = (f"{code}/{seq}/{tag}/{month}/{issue.year}", f"{code}/{seq}/{tag}/{issue.year}",
             f"{code}.{r.randint(1, 9)}/{seq}/{tag}/{issue.year}", f"{code}/{seq}/{month}/{issue.year}")
    return r.choice(forms)


def draw_letter(factory: PersonFactory, r: random.Random) -> dict[str, Any]:
    p = factory.person()
    f = p.fields
    sktm = r.random() < 0.7
    kelurahan = f["regency"].startswith("KOTA") or r.random() < 0.2
    issue = REF_DATE - timedelta(days=r.randint(0, 700))
    valid_until = issue + timedelta(days=r.choice((30, 90, 180))) if r.random() < 0.4 else None
    rt, rw = f["rt_rw"].split("/")
    purpose = r.choice(PURPOSES_SKTM if sktm else PURPOSES_DOMISILI)
    return {
        "person": p, "sktm": sktm, "kind": "KELURAHAN" if kelurahan else "DESA", "issue": issue,
        "valid_until": valid_until, "number": letter_number(r, issue, sktm), "purpose": purpose,
        "address": f"{f['address']} RT {rt}/RW {rw}",
        "head": r.choice(("H. ", "", "", "Drs. ")) + factory.name(r.random() < 0.7).title(),
    }


class LetterRenderer:
    def __init__(self, info: dict[str, Any], r: random.Random) -> None:
        self.info, self.r = info, r
        self.W = r.randint(1200, 1300)  # ~150 dpi A4
        self.H = round(self.W * 297 / 210)
        self.s = self.W / 1240
        shade = r.randint(240, 253)
        self.img = Image.new("RGB", (self.W, self.H), (shade, shade, min(255, shade + r.randint(-3, 2))))
        self.draw = ImageDraw.Draw(self.img)
        ink = r.randint(0, 35)
        self.pen = Pen(self.draw, r.choice(typefaces()), (ink, ink, ink + r.randint(0, 10)))
        self.fs = round(r.uniform(21, 25) * self.s)

    def wrap(self, text: str, x: float, y: float, width: float, lh: float, indent: float = 0) -> float:
        """Draw `text` wrapped to `width` pixels; returns the next baseline."""
        pen, fs = self.pen, self.fs
        words = text.split()
        line = ""
        first = True
        for word in words:
            trial = (line + " " + word).strip()
            if pen.width(trial, fs) > width - (indent if first else 0) and line:
                pen.text((x + (indent if first else 0), y), line, fs)
                y += lh
                line, first = word, False
            else:
                line = trial
        if line:
            pen.text((x + (indent if first else 0), y), line, fs)
            y += lh
        return y

    def render(self) -> Image.Image:
        r, s, pen, fs, info = self.r, self.s, self.pen, self.fs, self.info
        f = info["person"].fields
        vil = f["village"].title()
        margin = r.uniform(90, 140) * s
        right = self.W - r.uniform(80, 130) * s
        cx = (margin + right) / 2 + r.uniform(-15, 15) * s
        # kop surat
        y = r.uniform(90, 130) * s
        ks = round(r.uniform(1.15, 1.4) * fs)
        regency = f["regency"] if f["regency"].startswith(("KABUPATEN", "KOTA")) else f"KOTA {f['regency']}"
        for text, size in ((f"PEMERINTAH {regency}", ks), (f"KECAMATAN {f['district']}", ks),
                           (f"{info['kind']} {f['village']}", round(ks * r.uniform(1.1, 1.3)))):
            pen.text((cx, y), text, pen.fit(text, size, right - margin, bold=True), bold=True, anchor="ms")
            y += size * r.uniform(1.25, 1.45)
        street = f"Jalan {r.choice(('Raya', 'Desa', 'Balai Desa', 'Merdeka', 'Pahlawan'))} No. {r.randint(1, 120)}"
        pen.text((cx, y), f"Alamat: {street} Kode Pos {r.randint(10000, 99999)}", round(fs * 0.8), anchor="ms")
        y += fs * 0.7
        self.draw.line((margin, y, right, y), fill=pen.color, width=max(2, round(4 * s)))
        self.draw.line((margin, y + 6 * s, right, y + 6 * s), fill=pen.color, width=1)
        # title and number
        y += fs * r.uniform(2.6, 3.4)
        title = "SURAT KETERANGAN TIDAK MAMPU" if info["sktm"] else "SURAT KETERANGAN DOMISILI"
        ts = round(fs * r.uniform(1.1, 1.3))
        pen.text((cx, y), title, ts, bold=True, anchor="ms")
        tw = pen.width(title, ts, bold=True)
        self.draw.line((cx - tw / 2, y + 5 * s, cx + tw / 2, y + 5 * s), fill=pen.color, width=2)
        y += fs * 1.5
        pen.text((cx, y), f"Nomor : {info['number']}", fs, anchor="ms")
        lh = fs * r.uniform(1.45, 1.75)
        y += lh * 1.8
        head_title = "Lurah" if info["kind"] == "KELURAHAN" else "Kepala Desa"
        opening = r.choice((
            f"Yang bertanda tangan di bawah ini {head_title} {vil}, Kecamatan {f['district'].title()}, "
            f"{regency.title()}, menerangkan dengan sebenarnya bahwa:",
            f"Yang bertanda tangan di bawah ini, {head_title} {vil} Kecamatan {f['district'].title()}, "
            "dengan ini menerangkan bahwa:"))
        y = self.wrap(opening, margin, y, right - margin, lh, indent=r.choice((0, 40 * s)))
        y += lh * 0.4
        # subject block
        birth = date.fromisoformat(f["birth_date"])
        rows = [("Nama", f["name"]), ("NIK", f["nik"]),
                ("Tempat, Tgl Lahir" if r.random() < 0.5 else "Tempat/Tanggal Lahir",
                 f"{f['birth_place']}, {birth:%d-%m-%Y}"),
                ("Jenis Kelamin", f["sex"]), ("Agama", f["religion"]), ("Pekerjaan", f["occupation"]),
                ("Alamat", info["address"])]
        if r.random() < 0.4:
            rows.insert(5, ("Status Perkawinan", f["marital_status"]))
        lx = margin + r.uniform(30, 70) * s
        lw = max(pen.width(lbl, fs) for lbl, _ in rows)
        colon = lx + lw + r.uniform(20, 50) * s
        for lbl, val in rows:
            pen.text((lx, y), lbl, fs)
            pen.text((colon, y), ":", fs)
            vx = colon + r.uniform(14, 20) * s
            pen.text((vx, y), val, pen.fit(val, fs, right - vx), bold=lbl == "Nama")
            y += lh
        y += lh * 0.4
        if info["sktm"]:
            body = (f"Orang tersebut di atas adalah benar warga {info['kind'].title()} {vil} dan tergolong "
                    f"keluarga {r.choice(('tidak mampu', 'kurang mampu', 'pra sejahtera'))}. Surat keterangan ini "
                    f"dibuat untuk keperluan {info['purpose']}.")
        else:
            body = (f"Orang tersebut di atas adalah benar penduduk yang berdomisili di alamat tersebut di atas. "
                    f"Surat keterangan ini diberikan untuk keperluan {info['purpose']}.")
        y = self.wrap(body, margin, y, right - margin, lh, indent=r.choice((0, 40 * s)))
        if info["valid_until"] is not None:
            y = self.wrap(f"Surat keterangan ini berlaku sampai dengan tanggal {_id_date(info['valid_until'])}.",
                          margin, y, right - margin, lh)
        y = self.wrap("Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan "
                      "sebagaimana mestinya.", margin, y + lh * 0.3, right - margin, lh,
                      indent=r.choice((0, 40 * s)))
        # place, date, signature
        sx = right - r.uniform(0.3, 0.38) * self.W
        y += lh * 1.2
        pen.text((sx, y), f"{vil}, {_id_date(info['issue'])}", fs)
        y += lh
        pen.text((sx, y), f"{head_title} {vil}", fs)
        _signature(self.draw, (sx, y + lh * 0.6, sx + 220 * s, y + lh * 2.6), r)
        y += lh * 3.6
        pen.text((sx, y), info["head"], fs, bold=True)
        return self.img


def truth(info: dict[str, Any], mode: str) -> dict[str, Any]:
    f = info["person"].fields
    out: dict[str, Any] = {
        "document_type": "sktm", "capture_mode": mode, "variant": "sktm" if info["sktm"] else "domisili",
        "letter_number": info["number"], "issuer": f"{info['kind']} {f['village']}",
        "issue_date": info["issue"].isoformat(), "subject_name": f["name"], "subject_nik": f["nik"],
        "subject_address": info["address"].upper(), "purpose": " ".join(info["purpose"].upper().split()),
    }
    if info["valid_until"] is not None:
        out["valid_until"] = info["valid_until"].isoformat()
    return out


def capture(page: Image.Image, mode: str, r: random.Random, g: np.random.Generator) -> np.ndarray:
    rgb = np.asarray(page.convert("RGB"))
    if mode == "photo":
        from samples.kk import capture_page_photo  # 7B's photo of a whole sheet on a table

        shot = capture_page_photo(rgb, r, g)
        img = shot[0] if isinstance(shot, tuple) else shot  # (photo, sheet corners) in 7B's current version
        scale = 2000 / max(img.shape[:2])  # a phone photo as a messenger app sends it
        return cv2.resize(img, (round(img.shape[1] * scale), round(img.shape[0] * scale)),
                          interpolation=cv2.INTER_AREA)
    if mode == "scan":
        dpi = r.uniform(150, 200)
        w = round(210 / 25.4 * dpi)
        page_rgb = cv2.resize(rgb, (w, round(w * 297 / 210)), interpolation=cv2.INTER_AREA if w < rgb.shape[1]
                              else cv2.INTER_CUBIC)
        rgba = np.dstack([page_rgb, np.full(page_rgb.shape[:2], 255, np.uint8)])
        img, _ = capture_scan(Image.fromarray(rgba, "RGBA"), r, g)
        return _noise(img, r.uniform(0.5, 1.5), g)
    raise ValueError(f"unknown mode {mode!r}")


def save(img: np.ndarray, stem: Path, mode: str, r: random.Random) -> None:
    pil = Image.fromarray(img)
    if mode == "scan" and r.random() < 0.4:
        pil.save(stem.with_suffix(".png"), "PNG", compress_level=6)
    else:
        pil.save(stem.with_suffix(".jpg"), "JPEG", quality=r.randint(80, 90), optimize=True)


def generate(out_dir: Path, count: int, seed: int, mode: str = "both") -> list[str]:
    labelled_folder(out_dir)
    rng = random.Random(seed)
    fake = Faker("id_ID")
    fake.seed_instance(seed)
    factory = PersonFactory(rng, fake, load_regions())
    ids = []
    for i, m in enumerate(capture_modes(mode, count), start=1):
        info = draw_letter(factory, rng)
        r = random.Random(f"sktm:{seed}:{i}")
        g = np.random.default_rng([seed, i, 11])
        image_id = f"sktm-{i:04d}-{m}"
        save(capture(LetterRenderer(info, r).render(), m, r, g), out_dir / "images" / image_id, m, r)
        write_truth(out_dir, image_id, truth(info, m))
        ids.append(image_id)
    return ids


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m samples.sktm", description=__doc__.split("\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--count", type=int, default=4)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mode", choices=("photo", "scan", "both"), default="both")
    a = ap.parse_args(argv)
    ids = generate(a.out_dir, a.count, a.seed, a.mode)
    print(f"wrote {len(ids)} letters to {a.out_dir}")


if __name__ == "__main__":
    main()

