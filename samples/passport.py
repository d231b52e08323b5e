"""Synthetic Indonesian-passport-like data pages (ICAO TD3) with ground truth.

    python -m samples.passport OUT_DIR --count N --seed S [--mode photo|scan|both]

writes ``OUT_DIR/images/passport-NNNN-<mode>.<jpg|png>`` and ``OUT_DIR/truth/<id>.json`` with
``document_type: "passport"`` (the contract's type for every MRZ document), ``capture_mode`` and the contract's
passport fields as a perfect reader
returns them (the MRZ's own values: ``sex`` ``M``/``F``, countries as ICAO codes, ISO dates, ``mrz_valid``).
The MRZ is computed with every check digit (workers.pipeline.mrz.compose_td3, tested against the ICAO 9303
specimen). Persons, fonts, the drawn portrait and the capture/degradation steps come from
samples.people, samples.render and samples.capture. About one page in twelve is expired (issued for 5 years,
long ago). ``--kind td1`` draws
the back of a KITAS-like residence-permit card (ICAO TD1, three MRZ lines of 30, a foreign nationality)
instead; ``--kind td2`` an ID-2 card (105 x 74 mm) of a permanent-stay permit (KITAP-like, ICAO TD2, two MRZ lines
of 36; its visual zone prints the name as ``Nama Keluarga / Surname`` and ``Nama Depan / Given Names``);
``--kind mix`` a TD1 as every fourth document and a TD2 as every fourth from the third; their ids start with
``td1-`` / ``td2-``. Names longer than the MRZ's name field are cut there (TD1 30, TD2 31 characters), and
the truth holds the MRZ's cut names, as a perfect reader returns them.
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from faker import Faker
from PIL import Image, ImageDraw

from primitives.regions import load_regions
from samples.capture import add_noise, capture_photo, capture_scan
from samples.ktp_render import Ink, load_font
from samples.labelled import capture_modes, labelled_folder, write_truth
from samples.people import REF_DATE, PersonFactory
from samples.render import draw_portrait, draw_signature, typefaces
from workers.pipeline.mrz import compose_td1, compose_td2, compose_td3, parse

MONO_FONTS = [
    p
    for p in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf",
    )
    if Path(p).exists()
]
MONTHS = ("JAN", "FEB", "MAR", "APR", "MEI", "JUN", "JUL", "AGU", "SEP", "OKT", "NOV", "DES")
OFFICES = (
    "JAKARTA SELATAN",
    "JAKARTA PUSAT",
    "BANDUNG",
    "SURABAYA",
    "MEDAN",
    "DENPASAR",
    "YOGYAKARTA",
    "MAKASSAR",
    "SEMARANG",
    "MALANG",
    "BATAM",
    "PALEMBANG",
)


def _dmy(d: date) -> str:
    return f"{d.day:02d} {MONTHS[d.month - 1]} {d.year}"


def split_name(full: str) -> tuple[str, str]:
    """Surname = the last word, given names = the rest; a one-word name is all surname (as Indonesian
    passports print it)."""
    words = full.split()
    if len(words) == 1:
        return words[0], ""
    return words[-1], " ".join(words[:-1])


def draw_person(factory: PersonFactory, r: random.Random) -> dict[str, Any]:
    while True:
        p = factory.person()
        name = re.sub(r"[^A-Z ]", " ", p.fields["name"].split(",")[0])
        name = " ".join(w for w in name.split() if len(w) > 1 or w.isalpha())
        if 3 <= len(name) <= 34:
            break
    surname, given = split_name(name)
    birth = date.fromisoformat(p.fields["birth_date"])
    if r.random() < 1 / 12:  # an old 5-year passport: expired
        issue = REF_DATE - timedelta(days=r.randint(6 * 365, 9 * 365))
        years = 5
    else:
        issue = REF_DATE - timedelta(days=r.randint(30, 4 * 365))
        years = 10 if issue >= date(2022, 10, 12) else 5
        if issue + timedelta(days=years * 365) < date(2027, 1, 1):
            years = 10
    expiry = date(issue.year + years, issue.month, min(issue.day, 28)) - timedelta(days=1)
    number = r.choice("ABCEX") + f"{r.randint(0, 9999999):07d}"
    sex = "M" if p.male else "F"
    lines = compose_td3("P", "IDN", surname, given, number, "IDN", birth, sex, expiry)
    return {
        "name": name,
        "surname": surname,
        "given_names": given,
        "birth": birth,
        "sex": sex,
        "issue": issue,
        "expiry": expiry,
        "number": number,
        "birth_place": p.fields["birth_place"],
        "lines": lines,
        "office": r.choice(OFFICES),
        "register": f"{r.choice('ABCDEFGH')}{r.randint(1000000, 9999999)}",
    }


def _guilloche(img: Image.Image, r: random.Random) -> None:
    d = ImageDraw.Draw(img)
    w, h = img.size
    tint = (r.randint(150, 200), r.randint(170, 215), r.randint(150, 205))
    for k in range(r.randint(10, 18)):
        amp, per, ph = r.uniform(10, 40), r.uniform(80, 220), r.uniform(0, 6.3)
        y0 = r.uniform(0, h)
        pts = [(x, y0 + amp * np.sin(x / per + ph + k)) for x in range(0, w, 6)]
        d.line(pts, fill=tint, width=1)


def _mrz_size(
    draw: ImageDraw.ImageDraw,
    font_path: str,
    chars: int,
    width: int,
    start: int,
    share: tuple[float, float],
    r: random.Random,
) -> int:
    """The largest monospace size (from `start` down) at which a zone line of `chars` fills at most a random
    share of the width."""
    size = start
    while size > 10 and draw.textlength("<" * chars, font=load_font(font_path, size)) > width * r.uniform(*share):
        size -= 1
    return size


def _rounded(img: Image.Image, radius: int) -> Image.Image:
    """The document as RGBA, its corners rounded off (transparent)."""
    rgba = img.convert("RGBA")
    mask = Image.new("L", img.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, img.size[0] - 1, img.size[1] - 1), radius=radius, fill=255)
    rgba.putalpha(mask)
    return rgba


def render_page(info: dict[str, Any], r: random.Random) -> Image.Image:
    """The data page as RGBA (opaque, slightly rounded)."""
    w = r.randint(1150, 1300)
    h = round(w * 88 / 125)
    s = w / 1250
    base = (r.randint(238, 250), r.randint(236, 248), r.randint(226, 242))
    img = Image.new("RGB", (w, h), base)
    _guilloche(img, r)
    draw = ImageDraw.Draw(img)
    dark = r.randint(10, 40)
    pen = Ink(draw, r.choice(typefaces()), (dark, dark, dark + r.randint(0, 20)))
    label_pen = Ink(draw, pen.face, (70, 70, 90))

    def jit(px: float) -> float:
        return r.uniform(-px, px) * s

    # header
    hy = 60 * s + jit(5)
    pen.text((w * 0.58 + jit(10), hy), "REPUBLIK INDONESIA", round(38 * s), bold=True, anchor="ms")
    pen.text((w * 0.58 + jit(10), hy + 40 * s), "REPUBLIC OF INDONESIA", round(24 * s), anchor="ms")
    pen.text((40 * s + jit(6), hy + 40 * s), r.choice(("PASPOR / PASSPORT", "PASPOR")), round(22 * s), bold=True)
    # photo
    pw = round(r.uniform(0.24, 0.27) * w)
    ph = round(pw * 4 / 3)
    px0, py0 = round(40 * s + jit(6)), round(130 * s + jit(6))
    img.paste(draw_portrait(pw, ph, r), (px0, py0))
    x0 = px0 + pw + 40 * s + jit(6)
    ls, vs = round(r.uniform(15, 17) * s), round(r.uniform(25, 29) * s)
    gap = r.uniform(62, 70) * s
    y = py0 + 22 * s

    def item(x: float, yy: float, label: str, value: str) -> None:
        label_pen.text((x, yy), label, ls)
        pen.text((x, yy + vs * 1.15), value, vs, bold=True)

    col2 = x0 + r.uniform(0.22, 0.26) * w
    col3 = x0 + r.uniform(0.45, 0.5) * w
    item(x0, y, "Jenis / Type", "P")
    item(col2, y, "Kode Negara / Country Code", "IDN")
    item(col3, y, "No. Paspor / Passport No.", info["number"])
    y += gap
    item(x0, y, "Nama Lengkap / Full Name", info["name"])
    y += gap
    item(x0, y, "Jenis Kelamin / Sex", "L/M" if info["sex"] == "M" else "P/F")
    item(col2, y, "Kewarganegaraan / Nationality", "INDONESIA")
    y += gap
    item(x0, y, "Tanggal Lahir / Date of Birth", _dmy(info["birth"]))
    item(col2, y, "Tempat Lahir / Place of Birth", info["birth_place"])
    y += gap
    item(x0, y, "Tgl. Pengeluaran / Date of Issue", _dmy(info["issue"]))
    item(col2, y, "Tgl. Habis Berlaku / Date of Expiry", _dmy(info["expiry"]))
    y += gap
    item(x0, y, "No. Register", info["register"])
    item(col2, y, "Kantor yang Mengeluarkan / Issuing Office", info["office"])
    draw_signature(draw, (px0 + 10 * s, py0 + ph + 12 * s, px0 + pw - 10 * s, py0 + ph + 50 * s), r)

    # the MRZ: monospace, 44 characters over ~92 % of the width
    font_path = r.choice(MONO_FONTS)
    size = _mrz_size(draw, font_path, 44, w, 40, (0.88, 0.93), r)
    mx = (w - draw.textlength("<" * 44, font=load_font(font_path, size))) / 2 + jit(6)
    my = h - 95 * s + jit(4)
    ink = (dark, dark, dark)
    for i, line in enumerate(info["lines"]):
        draw.text(
            (mx, my + i * size * r.uniform(1.35, 1.6)), line, font=load_font(font_path, size), fill=ink, anchor="ls"
        )
    return _rounded(img, round(18 * s))


FOREIGN = ("MYS", "SGP", "AUS", "JPN", "KOR", "NLD", "USA", "IND", "CHN", "PHL")
COUNTRY_NAMES = {
    "MYS": "MALAYSIA",
    "SGP": "SINGAPORE",
    "AUS": "AUSTRALIA",
    "JPN": "JAPAN",
    "KOR": "KOREA",
    "NLD": "NETHERLANDS",
    "USA": "UNITED STATES",
    "IND": "INDIA",
    "CHN": "CHINA",
    "PHL": "PHILIPPINES",
}


def mrz_names(lines: list[str]) -> tuple[str, str]:
    """(surname, given names) as the MRZ holds them: what a perfect reader returns, cut names included."""
    found = parse(lines)
    assert found is not None, "a composed MRZ always parses"
    return found.fields["surname"], found.fields["given_names"]


def with_permit_mrz(
    info: dict[str, Any], compose: Callable[..., list[str]], number: str, nationality: str, expiry: date
) -> dict[str, Any]:
    """`info` of a foreign resident's permit card (type IT, issued by IDN) with its number, nationality, expiry and
    the MRZ lines `compose` (compose_td1, compose_td2) makes of them, and the names as that MRZ holds them."""
    info.update(
        number=number,
        nationality=nationality,
        expiry=expiry,
        lines=compose(
            "IT", "IDN", info["surname"], info["given_names"], number, nationality, info["birth"], info["sex"], expiry
        ),
    )
    info["mrz_surname"], info["mrz_given_names"] = mrz_names(info["lines"])
    return info


def draw_td1(factory: PersonFactory, r: random.Random) -> dict[str, Any]:
    """A residence-permit card (KITAS-like, ICAO TD1) of a foreign resident: 3 MRZ lines of 30."""
    info = draw_person(factory, r)
    nationality = r.choice(FOREIGN)
    number = r.choice("ABCDE") + f"{r.randint(0, 99999999):08d}"
    expiry = info["issue"] + timedelta(days=r.choice((365, 730)))
    return with_permit_mrz(info, compose_td1, number, nationality, expiry)


def draw_td2(factory: PersonFactory, r: random.Random) -> dict[str, Any]:
    """A permanent-stay permit card (KITAP-like, ICAO TD2, ID-2 size) of a foreign resident: 2 MRZ lines of 36."""
    info = draw_person(factory, r)
    nationality = r.choice(FOREIGN)
    number = r.choice("DEFGH") + f"{r.randint(0, 99999999):08d}"
    expiry = date(info["issue"].year + 5, info["issue"].month, min(info["issue"].day, 28)) - timedelta(days=1)
    return with_permit_mrz(info, compose_td2, number, nationality, expiry)


def render_td2(info: dict[str, Any], r: random.Random) -> Image.Image:
    """The front of an ID-2 card: title, portrait, a labelled visual zone and the two-line MRZ at the bottom."""
    w = r.randint(1000, 1150)
    h = round(w * 74 / 105)
    s = w / 1050
    img = Image.new("RGB", (w, h), (r.randint(232, 248), r.randint(238, 250), r.randint(228, 246)))
    _guilloche(img, r)
    draw = ImageDraw.Draw(img)
    dark = r.randint(10, 40)
    pen = Ink(draw, r.choice(typefaces()), (dark, dark, dark + 10))
    label_pen = Ink(draw, pen.face, (70, 70, 90))

    def jit(px: float) -> float:
        return r.uniform(-px, px) * s

    pen.text((w * 0.58 + jit(8), 55 * s + jit(4)), "KARTU IZIN TINGGAL TETAP", round(32 * s), bold=True, anchor="ms")
    pen.text(
        (w * 0.58 + jit(8), 88 * s + jit(4)),
        "PERMANENT STAY PERMIT - REPUBLIC OF INDONESIA",
        round(18 * s),
        anchor="ms",
    )
    pw = round(r.uniform(0.23, 0.26) * w)
    ph = round(pw * 4 / 3)
    px0, py0 = round(36 * s + jit(5)), round(120 * s + jit(5))
    img.paste(draw_portrait(pw, ph, r), (px0, py0))
    x0 = px0 + pw + 34 * s + jit(5)
    col2 = x0 + r.uniform(0.3, 0.34) * w
    ls, vs = round(r.uniform(14, 16) * s), round(r.uniform(22, 25) * s)
    gap = r.uniform(56, 62) * s
    y = py0 + 4 * s

    def item(x: float, yy: float, label: str, value: str) -> None:
        label_pen.text((x, yy), label, ls)
        pen.text((x, yy + vs * 1.1), value, vs, bold=True)

    item(x0, y, "No. Dokumen / Document No.", info["number"])
    y += gap
    item(x0, y, "Nama Keluarga / Surname", info["surname"])
    y += gap
    item(x0, y, "Nama Depan / Given Names", info["given_names"] or "-")
    y += gap
    item(x0, y, "Kewarganegaraan / Nationality", COUNTRY_NAMES[info["nationality"]])
    item(col2, y, "Jenis Kelamin / Sex", "L/M" if info["sex"] == "M" else "P/F")
    y += gap
    item(x0, y, "Tanggal Lahir / Date of Birth", _dmy(info["birth"]))
    item(col2, y, "Berlaku Hingga / Date of Expiry", _dmy(info["expiry"]))
    font_path = r.choice(MONO_FONTS)
    size = _mrz_size(draw, font_path, 36, w, 50, (0.88, 0.93), r)
    mx = (w - draw.textlength("<" * 36, font=load_font(font_path, size))) / 2 + jit(5)
    step = size * r.uniform(1.35, 1.55)
    my = h - 36 * s - step + jit(3)
    for i, line in enumerate(info["lines"]):
        draw.text((mx, my + i * step), line, font=load_font(font_path, size), fill=(dark, dark, dark), anchor="ls")
    return _rounded(img, round(26 * s))


def render_td1(info: dict[str, Any], r: random.Random) -> Image.Image:
    """The back of an ID-1 card: a title, two lines of text and the three-line MRZ."""
    w = r.randint(950, 1100)
    h = round(w / 1.586)
    s = w / 1012
    img = Image.new("RGB", (w, h), (r.randint(230, 248), r.randint(236, 250), r.randint(236, 252)))
    _guilloche(img, r)
    draw = ImageDraw.Draw(img)
    dark = r.randint(10, 40)
    pen = Ink(draw, r.choice(typefaces()), (dark, dark, dark + 10))
    pen.text((w / 2, 60 * s), "KARTU IZIN TINGGAL TERBATAS", round(34 * s), bold=True, anchor="ms")
    pen.text((w / 2, 100 * s), "LIMITED STAY PERMIT - REPUBLIC OF INDONESIA", round(22 * s), anchor="ms")
    pen.text((40 * s, 160 * s), f"Kantor Imigrasi {info['office'].title()}", round(22 * s))
    font_path = r.choice(MONO_FONTS)
    size = _mrz_size(draw, font_path, 30, w, 60, (0.86, 0.92), r)
    mx = (w - draw.textlength("<" * 30, font=load_font(font_path, size))) / 2
    step = size * r.uniform(1.3, 1.5)
    my = h - 40 * s - 2 * step
    for i, line in enumerate(info["lines"]):
        draw.text((mx, my + i * step), line, font=load_font(font_path, size), fill=(dark, dark, dark), anchor="ls")
    return _rounded(img, round(30 * s))


def truth(info: dict[str, Any], mode: str) -> dict[str, Any]:
    return {
        "document_type": "passport",
        "capture_mode": mode,
        "document_number": info["number"],
        "surname": info.get("mrz_surname", info["surname"]),
        "given_names": info.get("mrz_given_names", info["given_names"]),
        "nationality": info.get("nationality", "IDN"),
        "birth_date": info["birth"].isoformat(),
        "sex": info["sex"],
        "expiry_date": info["expiry"].isoformat(),
        "issuing_country": "IDN",
        "personal_number": "",
        "mrz_lines": info["lines"],
        "mrz_valid": True,
    }


def capture(page: Image.Image, mode: str, r: random.Random, g: np.random.Generator) -> np.ndarray:
    if mode == "scan":
        img, _ = capture_scan(page, r, g)
    elif mode == "photo":
        img, _ = capture_photo(page, r, g)
        if r.random() < 0.3:
            img = cv2.GaussianBlur(img, (0, 0), sigmaX=r.uniform(0.5, 0.9))
            img = add_noise(img, r.uniform(2, 5), g)
    else:
        raise ValueError(f"unknown mode {mode!r}")
    return img


def save_image(img: np.ndarray, path_stem: Path, mode: str, r: random.Random) -> Path:
    pil = Image.fromarray(img)
    if mode == "scan" and r.random() < 0.5:
        path = path_stem.with_suffix(".png")
        pil.save(path, "PNG", compress_level=6)
    else:
        path = path_stem.with_suffix(".jpg")
        pil.save(path, "JPEG", quality=r.randint(80, 90), optimize=True)
    return path


def generate(out_dir: Path, count: int, seed: int, mode: str = "both", kind: str = "td3") -> list[str]:
    labelled_folder(out_dir)
    rng = random.Random(seed)
    fake = Faker("id_ID")
    fake.seed_instance(seed)
    factory = PersonFactory(rng, fake, load_regions())
    ids = []
    for i, m in enumerate(capture_modes(mode, count), start=1):
        if kind in ("td1", "td2"):
            doc = kind
        elif kind == "mix" and i % 4 in (0, 3):  # with --mode both: the TD1s scans, the TD2s photos
            doc = "td1" if i % 4 == 0 else "td2"
        else:
            doc = "td3"
        draw, render = {
            "td1": (draw_td1, render_td1),
            "td2": (draw_td2, render_td2),
            "td3": (draw_person, render_page),
        }[doc]
        info = draw(factory, rng)
        r = random.Random(f"passport:{seed}:{i}")
        g = np.random.default_rng([seed, i, 7])
        image_id = f"{'passport' if doc == 'td3' else doc}-{i:04d}-{m}"
        img = capture(render(info, r), m, r, g)
        save_image(img, out_dir / "images" / image_id, m, r)
        write_truth(out_dir, image_id, truth(info, m))
        ids.append(image_id)
    return ids


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m samples.passport", description=__doc__.split("\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--count", type=int, default=4)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mode", choices=("photo", "scan", "both"), default="both")
    ap.add_argument(
        "--kind",
        choices=("td3", "td1", "td2", "mix"),
        default="td3",
        help="passport data pages (TD3), residence-permit cards (TD1, ID-1), permanent-stay cards "
        "(TD2, ID-2), or a mix (every fourth a TD1, every fourth from the third a TD2)",
    )
    a = ap.parse_args(argv)
    ids = generate(a.out_dir, a.count, a.seed, a.mode, a.kind)
    print(f"wrote {len(ids)} passport pages to {a.out_dir}")


if __name__ == "__main__":
    main()
