"""Synthetic village-office letters: Surat Keterangan Tidak Mampu (SKTM) and Surat Keterangan Domisili.

    python -m samples.sktm OUT_DIR --count N --seed S [--mode photo|scan|lowres|both] [--diverse]

writes ``OUT_DIR/images/sktm-NNNN-<mode>.<jpg|png>`` and ``OUT_DIR/truth/<id>.json`` with
``document_type: "sktm"`` (both variants: the contract's "SKTM and other letters"), ``capture_mode``,
``variant`` (``sktm`` | ``domisili``) and the contract's fields as a perfect reader returns them:
``letter_number`` as printed after "Nomor", ``issuer`` (``DESA X`` / ``KELURAHAN X``), ``issue_date`` (ISO),
``subject_name``, ``subject_nik``, ``subject_address`` (the street address, then ``RT nnn/RW nnn``),
``purpose`` (what follows "untuk keperluan", upper case, without the final full stop) and ``valid_until``
(ISO) when the letter prints one.

Layouts vary: kop surat lines and their sizes, the label column, the paragraph wording and width, fonts,
margins and spacing. Persons and regions come from samples.people's PersonFactory (Kemendagri names).

`--diverse` adds what village offices print and the plain letters do not: other kop lines (`KANTOR KEPALA
DESA X`, `PEMERINTAH DESA X`, `KANTOR LURAH X`, a logo beside the kop), other number layouts (`No. …`,
`Nomor: 145/ 27 /Kel.ABC/2026`, `NOMOR : 470 / 88 / 2025`), other subject labels, the parents' rows (`Nama
Ayah`, `Nama Ibu`), an address whose value names the village, district and regency and wraps over 2-3 lines
(the truth: the whole value), values in coloured ink, and blank or half-filled forms (their truth: empty
values). Mode `lowres` is a scan at 100-130 dpi.
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

from primitives.regions import load_regions
from samples.capture import add_noise, capture_scan
from samples.ktp_render import Ink
from samples.labelled import capture_modes, labelled_folder, write_truth
from samples.people import REF_DATE, PersonFactory
from samples.render import draw_signature, typefaces

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
PURPOSES_SKTM = (
    "pengajuan beasiswa KIP Kuliah",
    "pendaftaran BPJS Kesehatan PBI",
    "keringanan biaya rumah sakit",
    "pengajuan bantuan Program Keluarga Harapan (PKH)",
    "persyaratan pendaftaran sekolah anak",
    "pengajuan keringanan biaya pendidikan",
    "pengajuan bantuan sosial tunai",
    "pengurusan Kartu Indonesia Sehat",
    "persyaratan bantuan pangan non tunai",
    "pengajuan bantuan bedah rumah",
)
PURPOSES_DOMISILI = (
    "pembukaan rekening bank",
    "persyaratan melamar pekerjaan",
    "pendaftaran sekolah",
    "pengurusan surat izin usaha",
    "persyaratan pendaftaran nikah",
    "pengajuan kredit usaha rakyat",
)


def id_date(d: date) -> str:
    return f"{d.day} {MONTHS_ID[d.month - 1]} {d.year}"


def letter_number(r: random.Random, issue: date, sktm: bool) -> str:
    code = r.choice(("474", "470", "145", "400", "460"))
    seq = f"{r.randint(1, 350):03d}"
    tag = r.choice(("SKTM", "DS", "Kesra", "Pem", "KEL")) if sktm else r.choice(("DOM", "Pem", "DS", "KEL"))
    month = ROMAN[issue.month - 1]
    forms = (
        f"{code}/{seq}/{tag}/{month}/{issue.year}",
        f"{code}/{seq}/{tag}/{issue.year}",
        f"{code}.{r.randint(1, 9)}/{seq}/{tag}/{issue.year}",
        f"{code}/{seq}/{month}/{issue.year}",
    )
    return r.choice(forms)


def diverse_number(r: random.Random, issue: date, sktm: bool) -> tuple[str, str]:
    """A letter number as printed (with the spaces some offices put around its slashes) and as read."""
    code = r.choice(("474", "470", "145", "400", "401", "460", "474.3"))
    seq = r.choice((f"{r.randint(1, 350):03d}", str(r.randint(1, 350))))
    tag = (
        r.choice(("SKTM", "Kel." + r.choice(("SKJ", "ABC", "CPT")), "Ds", "KESRA", "Pem/Ds"))
        if sktm
        else r.choice(("DOM", "SKD", "Kel.Pem", "Ds"))
    )
    month = ROMAN[issue.month - 1]
    parts = r.choice(
        (
            [code, seq, tag, month, str(issue.year)],
            [code, seq, tag, str(issue.year)],
            [code, seq, str(issue.year)],
            [code, seq, month, str(issue.year)],
        )
    )
    joined = "/".join(parts)
    printed = r.choice((joined, " / ".join(parts), joined.replace(f"/{seq}/", f"/ {seq} /")))
    return printed, joined


def diverse_style(r: random.Random, info: dict[str, Any], factory: PersonFactory) -> dict[str, Any]:
    """What `--diverse` varies on one letter (see the module docstring); changes `info`'s truth to match."""
    f = info["person"].fields
    kind = info["kind"]
    kop = r.choice(
        [
            f"{kind} {f['village']}",
            f"{kind} {f['village']}",
            f"KANTOR KEPALA DESA {f['village']}" if kind == "DESA" else f"KANTOR LURAH {f['village']}",
            f"PEMERINTAH DESA {f['village']}" if kind == "DESA" else f"KANTOR KELURAHAN {f['village']}",
        ]
    )
    printed, number = diverse_number(r, info["issue"], info["sktm"])
    info["number"] = number
    prefix = r.choice(("Nomor : ", "Nomor: ", "No. ", "NOMOR : ", "Nomor  :  "))
    fill = r.choices(["full", "half", "blank"], weights=[0.8, 0.1, 0.1])[0]
    if r.random() < 0.6:  # the address value names the village and district (and the regency): it wraps
        regency = f["regency"]
        place = f" {kind} {f['village']} KECAMATAN {f['district']}"
        if r.random() < 0.5:
            place += f" {regency if regency.startswith(('KABUPATEN', 'KOTA')) else 'KABUPATEN ' + regency}"
        info["address"] = info["address"] + (place if r.random() < 0.5 else place.title())
    return {
        "kop": kop,
        "logo": r.random() < 0.5,
        "number": prefix + printed,
        "labels": {
            "name": r.choice(("Nama", "Nama", "Nama Lengkap")),
            "nik": r.choice(("NIK", "NIK", "No. NIK", "Nomor NIK", "No. KTP")),
            "address": r.choice(("Alamat", "Alamat", "Alamat Rumah", "Tempat Tinggal")),
        },
        "parents": r.random() < 0.4,
        "father": factory.name(True),
        "mother": factory.name(False),
        "ink": r.choice(((25, 45, 160), (150, 30, 35))) if r.random() < 0.3 else None,
        "fill": fill,
        "half": set(r.sample(["number", "address", "date", "purpose"], r.randint(1, 3))),
    }


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
        "person": p,
        "sktm": sktm,
        "kind": "KELURAHAN" if kelurahan else "DESA",
        "issue": issue,
        "valid_until": valid_until,
        "number": letter_number(r, issue, sktm),
        "purpose": purpose,
        "address": f"{f['address']} RT {rt}/RW {rw}",
        "head": r.choice(("H. ", "", "", "Drs. ")) + factory.name(r.random() < 0.7).title(),
    }


class LetterRenderer:
    def __init__(self, info: dict[str, Any], r: random.Random, style: dict[str, Any] | None = None) -> None:
        self.info, self.r = info, r
        self.style = style
        self.W = r.randint(1200, 1300)  # ~150 dpi A4
        self.H = round(self.W * 297 / 210)
        self.s = self.W / 1240
        shade = r.randint(240, 253)
        self.img = Image.new("RGB", (self.W, self.H), (shade, shade, min(255, shade + r.randint(-3, 2))))
        self.draw = ImageDraw.Draw(self.img)
        ink = r.randint(0, 35)
        self.pen = Ink(self.draw, r.choice(typefaces()), (ink, ink, ink + r.randint(0, 10)))
        self.fs = round(r.uniform(21, 25) * self.s)
        value_ink: tuple[int, int, int] = style["ink"] if style and style["ink"] else self.pen.color
        self.vpen = Ink(self.draw, self.pen.face, value_ink)  # the filled-in values

    def blank(self, part: str) -> bool:
        """Whether this form leaves `part` unfilled (a blank form: every part)."""
        st = self.style
        return st is not None and (st["fill"] == "blank" or (st["fill"] == "half" and part in st["half"]))

    def wrap_value(self, text: str, x: float, y: float, width: float, lh: float) -> float:
        """A value wrapped under itself (a hanging indent at the value's column); returns the last baseline."""
        line = ""
        for word in text.split():
            trial = (line + " " + word).strip()
            if self.pen.width(trial, self.fs) > width and line:
                self.vpen.text((x, y), line, self.fs)
                y += lh
                line = word
            else:
                line = trial
        if line:
            self.vpen.text((x, y), line, self.fs)
        return y

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
        st = self.style
        kop = st["kop"] if st else f"{info['kind']} {f['village']}"
        kop_cx, kop_w = cx, right - margin
        if st and st["logo"]:  # the regency's emblem left of the kop, which centres in what remains
            lr = 70 * s
            self.draw.ellipse((margin, y - 30 * s, margin + 2 * lr, y - 30 * s + 2.3 * lr), outline=pen.color, width=3)
            kop_cx, kop_w = (margin + 2 * lr + right) / 2, right - margin - 2 * lr - 20 * s
        for text, size in (
            (f"PEMERINTAH {regency}", ks),
            (f"KECAMATAN {f['district']}", ks),
            (kop, round(ks * r.uniform(1.1, 1.3))),
        ):
            pen.text((kop_cx, y), text, pen.fit(text, size, kop_w, bold=True), bold=True, anchor="ms")
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
        if st is None:
            pen.text((cx, y), f"Nomor : {info['number']}", fs, anchor="ms")
        elif self.blank("number"):
            pen.text(
                (cx, y),
                st["number"].split(":")[0].split(".")[0] + " : ........../........../" + str(info["issue"].year),
                fs,
                anchor="ms",
            )
        else:
            pen.text((cx, y), st["number"], fs, anchor="ms")
        lh = fs * r.uniform(1.45, 1.75)
        y += lh * 1.8
        head_title = "Lurah" if info["kind"] == "KELURAHAN" else "Kepala Desa"
        opening = r.choice(
            (
                f"Yang bertanda tangan di bawah ini {head_title} {vil}, Kecamatan {f['district'].title()}, "
                f"{regency.title()}, menerangkan dengan sebenarnya bahwa:",
                f"Yang bertanda tangan di bawah ini, {head_title} {vil} Kecamatan {f['district'].title()}, "
                "dengan ini menerangkan bahwa:",
            )
        )
        y = self.wrap(opening, margin, y, right - margin, lh, indent=r.choice((0, 40 * s)))
        y += lh * 0.4
        # subject block
        birth = date.fromisoformat(f["birth_date"])
        labels = st["labels"] if st else {"name": "Nama", "nik": "NIK", "address": "Alamat"}
        rows = [
            (labels["name"], f["name"]),
            (labels["nik"], f["nik"]),
            (
                "Tempat, Tgl Lahir" if r.random() < 0.5 else "Tempat/Tanggal Lahir",
                f"{f['birth_place']}, {birth:%d-%m-%Y}",
            ),
            ("Jenis Kelamin", f["sex"]),
            ("Agama", f["religion"]),
            ("Pekerjaan", f["occupation"]),
            (labels["address"], info["address"]),
        ]
        if r.random() < 0.4:
            rows.insert(5, ("Status Perkawinan", f["marital_status"]))
        if st and st["parents"]:
            rows[-1:-1] = [("Nama Ayah", st["father"]), ("Nama Ibu", st["mother"])]
        if st and st["fill"] == "blank":
            rows = [(lbl, "") for lbl, _ in rows]
        elif self.blank("address"):
            rows[-1] = (rows[-1][0], "")
        lx = margin + r.uniform(30, 70) * s
        lw = max(pen.width(lbl, fs) for lbl, _ in rows)
        colon = lx + lw + r.uniform(20, 50) * s
        for lbl, val in rows:
            pen.text((lx, y), lbl, fs)
            pen.text((colon, y), ":", fs)
            vx = colon + r.uniform(14, 20) * s
            if st is None:
                pen.text((vx, y), val, pen.fit(val, fs, right - vx), bold=lbl == "Nama")
            elif not val:
                if r.random() < 0.5:
                    pen.text((vx, y), "." * 40, fs)  # a dotted line to write on
            elif lbl == labels["address"]:
                y = self.wrap_value(val, vx, y, right - vx, lh)
            else:
                self.vpen.text((vx, y), val, pen.fit(val, fs, right - vx), bold=lbl == labels["name"])
            y += lh
        y += lh * 0.4
        purpose = "......................................" if self.blank("purpose") else info["purpose"]
        if info["sktm"]:
            body = (
                f"Orang tersebut di atas adalah benar warga {info['kind'].title()} {vil} dan tergolong "
                f"keluarga {r.choice(('tidak mampu', 'kurang mampu', 'pra sejahtera'))}. Surat keterangan ini "
                f"dibuat untuk keperluan {purpose}."
            )
        else:
            body = (
                f"Orang tersebut di atas adalah benar penduduk yang berdomisili di alamat tersebut di atas. "
                f"Surat keterangan ini diberikan untuk keperluan {purpose}."
            )
        y = self.wrap(body, margin, y, right - margin, lh, indent=r.choice((0, 40 * s)))
        if info["valid_until"] is not None:
            y = self.wrap(
                f"Surat keterangan ini berlaku sampai dengan tanggal {id_date(info['valid_until'])}.",
                margin,
                y,
                right - margin,
                lh,
            )
        y = self.wrap(
            "Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.",
            margin,
            y + lh * 0.3,
            right - margin,
            lh,
            indent=r.choice((0, 40 * s)),
        )
        # place, date, signature
        sx = right - r.uniform(0.3, 0.38) * self.W
        y += lh * 1.2
        issued = "...................." if self.blank("date") else id_date(info["issue"])
        pen.text((sx, y), f"{vil}, {issued}", fs)
        y += lh
        pen.text((sx, y), f"{head_title} {vil}", fs)
        draw_signature(self.draw, (sx, y + lh * 0.6, sx + 220 * s, y + lh * 2.6), r)
        y += lh * 3.6
        pen.text((sx, y), info["head"], fs, bold=True)
        return self.img


def truth(info: dict[str, Any], mode: str, style: dict[str, Any] | None = None) -> dict[str, Any]:
    f = info["person"].fields
    out: dict[str, Any] = {
        "document_type": "sktm",
        "capture_mode": mode,
        "variant": "sktm" if info["sktm"] else "domisili",
        "letter_number": info["number"],
        "issuer": f"{info['kind']} {f['village']}",
        "issue_date": info["issue"].isoformat(),
        "subject_name": f["name"],
        "subject_nik": f["nik"],
        "subject_address": info["address"].upper(),
        "purpose": " ".join(info["purpose"].upper().split()),
    }
    if info["valid_until"] is not None:
        out["valid_until"] = info["valid_until"].isoformat()
    if style is not None and style["fill"] != "full":  # what the form leaves empty, a reader must too
        blank = {
            "number": ["letter_number"],
            "address": ["subject_address"],
            "date": ["issue_date"],
            "purpose": ["purpose"],
        }
        parts = list(blank) if style["fill"] == "blank" else sorted(style["half"])
        keys = [k for part in parts for k in blank[part]]
        if style["fill"] == "blank":
            keys += ["subject_name", "subject_nik", "subject_address"]
        out.update({k: "" for k in keys})
    return out


def capture(page: Image.Image, mode: str, r: random.Random, g: np.random.Generator) -> np.ndarray:
    rgb = np.asarray(page.convert("RGB"))
    if mode == "photo":
        from samples.kk import capture_page_photo  # 7B's photo of a whole sheet on a table

        shot = capture_page_photo(rgb, r, g)
        img = shot[0] if isinstance(shot, tuple) else shot  # (photo, sheet corners) in 7B's current version
        scale = 2000 / max(img.shape[:2])  # a phone photo as a messenger app sends it
        return cv2.resize(img, (round(img.shape[1] * scale), round(img.shape[0] * scale)), interpolation=cv2.INTER_AREA)
    if mode in ("scan", "lowres"):
        dpi = r.uniform(150, 200) if mode == "scan" else r.uniform(100, 130)
        w = round(210 / 25.4 * dpi)
        page_rgb = cv2.resize(
            rgb, (w, round(w * 297 / 210)), interpolation=cv2.INTER_AREA if w < rgb.shape[1] else cv2.INTER_CUBIC
        )
        rgba = np.dstack([page_rgb, np.full(page_rgb.shape[:2], 255, np.uint8)])
        img, _ = capture_scan(Image.fromarray(rgba, "RGBA"), r, g)
        return add_noise(img, r.uniform(0.5, 1.5), g)
    raise ValueError(f"unknown mode {mode!r}")


def save(img: np.ndarray, stem: Path, mode: str, r: random.Random) -> None:
    pil = Image.fromarray(img)
    if mode in ("scan", "lowres") and r.random() < 0.4:
        pil.save(stem.with_suffix(".png"), "PNG", compress_level=6)
    else:
        pil.save(stem.with_suffix(".jpg"), "JPEG", quality=r.randint(80, 90), optimize=True)


def generate(out_dir: Path, count: int, seed: int, mode: str = "both", diverse: bool = False) -> list[str]:
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
        style = diverse_style(random.Random(f"sktm:{seed}:{i}:style"), info, factory) if diverse else None
        save(capture(LetterRenderer(info, r, style).render(), m, r, g), out_dir / "images" / image_id, m, r)
        write_truth(out_dir, image_id, truth(info, m, style))
        ids.append(image_id)
    return ids


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m samples.sktm", description=__doc__.split("\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--count", type=int, default=4)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mode", choices=("photo", "scan", "lowres", "both"), default="both")
    ap.add_argument(
        "--diverse",
        action="store_true",
        help="other kop and number layouts, wrapped addresses, coloured ink, blank and half-filled forms",
    )
    a = ap.parse_args(argv)
    ids = generate(a.out_dir, a.count, a.seed, a.mode, a.diverse)
    print(f"wrote {len(ids)} letters to {a.out_dir}")


if __name__ == "__main__":
    main()
