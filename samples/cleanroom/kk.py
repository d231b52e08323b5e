"""Clean-room Kartu Keluarga pages: drawn from a description of the real form only, to measure the reader.

`python -m samples.cleanroom.kk OUT --count N --seed S [--modes scan,lowres,web,photo] [--blank-share 0.1]`
writes a labelled folder (`samples/labelled.py`) with ids `crkk-0001-scan` …; output depends only on the
arguments. Layout variants: old (signed, head of family's signature box) and 2020+ (QR block, electronic
signature note, blood group column); Kecamatan left or right; A4 or F4; greenish or bluish security paper;
some pages print the NIK column or one re-printed row in blue or red ink. A share of pages are blank forms
(printed table only) or half-filled (header, no members): their truth has `""` and `members: []`.
"""

from __future__ import annotations

import datetime as dt
import random
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from samples.cleanroom import pages
from samples.cleanroom.family import Household, Person, make_household
from samples.cleanroom.pages import INK_BLACK, INK_BLUE, INK_RED, Canvas, mm, pt

TABLE1 = [
    ("No", 6),
    ("Nama Lengkap", 50),
    ("NIK", 33),
    ("Jenis Kelamin", 19),
    ("Tempat Lahir", 27),
    ("Tanggal Lahir", 19),
    ("Agama", 16),
    ("Pendidikan", 40),
    ("Jenis Pekerjaan", 40),
    ("Golongan Darah", 14),
]
TABLE2 = [
    ("No", 6),
    ("Status Perkawinan", 22),
    ("Tanggal Perkawinan", 22),
    ("Status Hubungan Dalam Keluarga", 30),
    ("Kewarganegaraan", 22),
    ("No. Paspor", 21),
    ("No. KITAP", 21),
    ("Ayah", 52),
    ("Ibu", 52),
]
ROWS = 10


@dataclass
class Layout:
    page_mm: tuple[float, float]
    new: bool  # 2020+ form: QR block, electronic signature note
    blood_column: bool
    kecamatan_right: bool
    label_font: str
    value_font: str
    paper: str  # green | blue
    value_shift: tuple[float, float]  # mm: a form printer never lines up exactly with the pre-printed grid
    nik_ink: tuple[int, int, int]
    red_row: int | None  # index of a member row re-printed in another ink
    row_ink: tuple[int, int, int]
    printed_emblem: bool


def pick_layout(rng: random.Random, issue: dt.date | None) -> Layout:
    new = issue.year >= 2020 if issue else rng.random() < 0.5
    ink_roll = rng.random()
    return Layout(
        page_mm=rng.choice([(297.0, 210.0), (297.0, 210.0), (330.0, 215.0)]),
        new=new,
        blood_column=new or rng.random() < 0.4,
        kecamatan_right=rng.random() < 0.4,
        label_font=rng.choice(pages.SANS),
        value_font=rng.choice(pages.SANS),
        paper=rng.choice(["green", "blue"]),
        value_shift=(rng.uniform(-0.8, 0.8), rng.uniform(-0.5, 0.4)),
        nik_ink=INK_BLUE if 0.8 <= ink_roll < 0.9 else INK_BLACK,
        red_row=0 if ink_roll >= 0.9 else None,
        row_ink=rng.choice([INK_RED, INK_BLUE]),
        printed_emblem=rng.random() < 0.6,
    )


def ddmmyyyy(day: dt.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else ""


def _wrap_cell(c: Canvas, label: str, family: str, size: int, width: float) -> list[str]:
    for chars in range(40, 4, -1):
        lines = textwrap.wrap(label, chars)
        f = pages.font(family, size, False)
        if all(c.draw.textlength(s, font=f) <= width for s in lines):
            return lines
    return [label]


def _cell_text(c: Canvas, box: tuple[float, float, float, float], label: str, family: str, size: int) -> None:
    """Centred, wrapped header text in a ruled cell."""
    x0, y0, x1, y1 = box
    lines = _wrap_cell(c, label, family, size, x1 - x0 - mm(1.2))
    lh = size * 1.1
    top = (y0 + y1) / 2 - lh * len(lines) / 2 + lh / 2
    for k, s in enumerate(lines):
        c.text(((x0 + x1) / 2, top + k * lh), s, pages.font(family, size), INK_BLACK, anchor="mm")


def _columns(spec: Sequence[tuple[str, float]], x0: float, width: float) -> list[tuple[str, float, float]]:
    total = sum(w for _, w in spec)
    out, x = [], x0
    for name, w in spec:
        wpx = width * w / total
        out.append((name, x, x + wpx))
        x += wpx
    return out


def _grid(c: Canvas, cols: list[tuple[str, float, float]], ys: Sequence[float], line: int) -> None:
    x0, x1 = cols[0][1], cols[-1][2]
    for y in ys:
        c.draw.line([(x0, y), (x1, y)], fill=INK_BLACK, width=line)
    for _, xa, _ in cols:
        c.draw.line([(xa, ys[0]), (xa, ys[-1])], fill=INK_BLACK, width=line)
    c.draw.line([(x1, ys[0]), (x1, ys[-1])], fill=INK_BLACK, width=line)


def member_row1(m: Person, n: int, blood: bool) -> list[str]:
    row = [str(n), m.name, m.nik, m.sex, m.birth_place, ddmmyyyy(m.birth_date), m.religion, m.education, m.occupation]
    return [*row, m.blood_type] if blood else row


def member_row2(m: Person, n: int) -> list[str]:
    return [
        str(n),
        m.marital_status,
        ddmmyyyy(m.marriage_date) if m.marital_status == "KAWIN" else "-",
        m.relationship,
        m.nationality,
        "-",
        "-",
        m.father_name,
        m.mother_name,
    ]


def render(h: Household | None, layout: Layout, rng: random.Random, fill: str = "full") -> Image.Image:
    """The page at 300 dpi. `fill`: `full`, `header` (header values only) or `blank` (the printed form)."""
    wmm, hmm = layout.page_mm
    w, hgt = mm(wmm), mm(hmm)
    nrng = np.random.default_rng(rng.randrange(1 << 31))
    if layout.paper == "green":
        paper = pages.security_paper(w, hgt, nrng, (232, 243, 232), (190, 220, 195))
    else:
        paper = pages.security_paper(w, hgt, nrng, (230, 239, 247), (188, 208, 230))
    c = Canvas.new(paper)
    pages.emblem(
        c.draw,
        w / 2,
        hgt * 0.52,
        mm(55),
        (205, 222, 210) if layout.paper == "green" else (203, 215, 232),
        width=mm(1.1),
    )
    lf, vf = layout.label_font, layout.value_font
    show_header = fill in ("full", "header") and h is not None
    show_members = fill == "full" and h is not None
    sx, sy = mm(layout.value_shift[0]), mm(layout.value_shift[1])
    margin = mm(10)
    width = w - 2 * margin
    if layout.printed_emblem:
        pages.emblem(c.draw, margin + mm(10), mm(14), mm(8), (40, 40, 40), width=3)
    c.text((w / 2, mm(13)), "KARTU KELUARGA", pages.font(lf, pt(17), True), anchor="mm")
    no_font = pages.font(lf, pt(12), True)
    number = h.kk_number if show_header and h else ""
    c.text((w / 2, mm(20)), f"No. {number}".rstrip() if number else "No.", no_font, anchor="mm")

    # header block
    head = h.head.name if h and h.members else ""
    values = {
        "Nama Kepala Keluarga": head,
        "Alamat": h.address if h else "",
        "RT/RW": h.rt_rw if h else "",
        "Desa/Kelurahan": h.place.village if h else "",
        "Kecamatan": h.place.district if h else "",
        "Kabupaten/Kota": h.place.regency if h else "",
        "Kode Pos": h.place.postal_code if h else "",
        "Provinsi": h.place.province if h else "",
    }
    left = ["Nama Kepala Keluarga", "Alamat", "RT/RW", "Desa/Kelurahan"]
    right = ["Kabupaten/Kota", "Kode Pos", "Provinsi"]
    (right if layout.kecamatan_right else left).insert(0 if layout.kecamatan_right else len(left), "Kecamatan")
    y0, step = mm(27), mm(4.6)
    lsize, vsize = pt(8.5), pt(8.5)
    blocks = (
        (left, margin, margin + mm(36), width * 0.5),
        (right, margin + width * 0.62, margin + width * 0.62 + mm(27), width * 0.3),
    )
    for labels, lx, colon_x, vmax in blocks:
        for k, label in enumerate(labels):
            y = y0 + k * step
            c.text((lx, y), label, pages.font(lf, lsize), anchor="lm")
            c.text((colon_x, y), ":", pages.font(lf, lsize), anchor="lm")
            if show_header and values[label]:
                c.fit((colon_x + mm(3) + sx, y + sy), values[label], vf, vsize, vmax - mm(40), anchor="lm")

    # table 1
    line = max(2, mm(0.2))
    spec1 = TABLE1 if layout.blood_column else TABLE1[:-1]
    cols1 = _columns(spec1, margin, width)
    top1 = y0 + len(max(left, right, key=len)) * step + mm(1.5)
    hh, nh, rh = mm(7.5), mm(3.6), mm(4.7)
    ys = [top1, top1 + hh, top1 + hh + nh] + [top1 + hh + nh + rh * (k + 1) for k in range(ROWS)]
    _grid(c, cols1, ys, line)
    hsize, nsize, tsize = pt(7.5), pt(6), pt(7.5)
    for k, (name, xa, xb) in enumerate(cols1):
        _cell_text(c, (xa, ys[0], xb, ys[1]), name, lf, hsize)
        if k:
            c.text(((xa + xb) / 2, (ys[1] + ys[2]) / 2), f"({k})", pages.font(lf, nsize), anchor="mm")
    members = h.members if show_members and h else []

    def row_values(cols: list[tuple[str, float, float]], row_top: float, vals: list[str], idx: int) -> None:
        for (name, xa, xb), v in zip(cols, vals, strict=True):
            ink = INK_BLACK
            if name == "NIK":
                ink = layout.nik_ink
            if layout.red_row == idx:
                ink = layout.row_ink
            centred = name in (
                "No",
                "NIK",
                "Jenis Kelamin",
                "Tanggal Lahir",
                "Golongan Darah",
                "Tanggal Perkawinan",
                "Kewarganegaraan",
                "No. Paspor",
                "No. KITAP",
            )
            x = (xa + xb) / 2 if centred else xa + mm(1)
            c.fit(
                (x + sx, row_top + rh / 2 + sy),
                v,
                vf,
                tsize,
                xb - xa - mm(1.5),
                fill=ink,
                anchor="mm" if centred else "lm",
            )

    for i, m in enumerate(members):
        row_values(cols1, ys[2 + i], member_row1(m, i + 1, layout.blood_column), i)

    # table 2: two-level header
    cols2 = _columns(TABLE2, margin, width)
    top2 = ys[-1] + mm(3)
    hh2 = mm(9)
    ys2 = [top2, top2 + hh2, top2 + hh2 + nh] + [top2 + hh2 + nh + rh * (k + 1) for k in range(ROWS)]
    _grid(c, cols2, ys2[1:], line)
    c.draw.line([(cols2[0][1], ys2[0]), (cols2[-1][2], ys2[0])], fill=INK_BLACK, width=line)
    mid = ys2[0] + hh2 * 0.45
    groups = {"Dokumen Imigrasi": (5, 6), "Nama Orang Tua": (7, 8)}
    grouped = {i for a, b in groups.values() for i in (a, b)}
    for k, (name, xa, xb) in enumerate(cols2):
        if k in grouped:
            _cell_text(c, (xa, mid, xb, ys2[1]), name, lf, hsize)
        else:
            _cell_text(c, (xa, ys2[0], xb, ys2[1]), name, lf, hsize)
        if k not in (6, 8):  # the second column of a group shares the group's top cell
            c.draw.line([(xa, ys2[0]), (xa, ys2[1])], fill=INK_BLACK, width=line)
        if k:
            c.text(
                ((xa + xb) / 2, (ys2[1] + ys2[2]) / 2), f"({len(cols1) - 1 + k})", pages.font(lf, nsize), anchor="mm"
            )
    c.draw.line([(cols2[-1][2], ys2[0]), (cols2[-1][2], ys2[1])], fill=INK_BLACK, width=line)
    for group, (a, b) in groups.items():
        xa, xb = cols2[a][1], cols2[b][2]
        c.draw.line([(xa, mid), (xb, mid)], fill=INK_BLACK, width=line)
        _cell_text(c, (xa, ys2[0], xb, mid), group, lf, hsize)
    for i, m in enumerate(members):
        row_values(cols2, ys2[2 + i], member_row2(m, i + 1), i)

    # footer
    fy = ys2[-1] + mm(4)
    fsize = pt(8.5)
    issued = ddmmyyyy(h.issue_date) if show_header and h else ""
    c.text((margin, fy), "Dikeluarkan Tanggal", pages.font(lf, fsize), anchor="lm")
    c.text((margin + mm(33), fy), ":", pages.font(lf, fsize), anchor="lm")
    if issued:
        c.text((margin + mm(36) + sx, fy + sy), issued, pages.font(vf, fsize), anchor="lm")
    sig_x = margin + width * (0.62 if layout.new else 0.7)
    regency = h.place.regency if h else ""
    office = "KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL"
    c.text((sig_x, fy), office, pages.font(lf, pt(7.5), True), anchor="lm")
    if show_header and h:
        c.text((sig_x, fy + mm(3.6)), regency, pages.font(lf, pt(7.5), True), anchor="lm")
        official = f"{rng.choice(['DRS. ', 'H. ', 'IR. ', ''])}{_official_name(rng)}"
        if layout.new:
            pages.qr_like(c.draw, int(margin + width - mm(21)), int(fy - mm(1)), mm(20), rng)
            note = (
                "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang "
                "diterbitkan oleh Balai Sertifikasi Elektronik (BSrE), BSSN"
            )
            c.text((margin, hgt - mm(6)), note, pages.font(lf, pt(6.5)), anchor="lm")
            c.text((sig_x, fy + mm(14)), official, pages.font(lf, pt(8), True), anchor="lm")
        else:
            pages.signature(c.draw, (sig_x + mm(5), fy + mm(5), sig_x + mm(45), fy + mm(14)), rng)
            c.text((sig_x, fy + mm(17)), official, pages.font(lf, pt(8), True), anchor="lm")
            c.text((sig_x, fy + mm(20.5)), f"NIP. {rng.randrange(10**17, 10**18)}", pages.font(lf, pt(7)), anchor="lm")
            kx = margin + width * 0.33
            c.text((kx, fy), "KEPALA KELUARGA", pages.font(lf, pt(7.5), True), anchor="lm")
            if show_members and head:
                pages.signature(c.draw, (kx, fy + mm(5), kx + mm(35), fy + mm(14)), rng, INK_BLACK)
                c.text((kx, fy + mm(17)), head, pages.font(vf, pt(8)), anchor="lm")
    return c.image


_OFFICIAL_GIVEN = [
    "SUHARTONO",
    "AGUS RIYADI",
    "MARLINA SARI",
    "BUDIYANTO",
    "RATNA DEWI",
    "HENDRIK TUMEWU",
    "YUSRIZAL",
    "I KETUT ARSANA",
    "LUKAS MANDACAN",
    "DEDI SUPRIADI",
    "NURLAELA",
    "FIRMANSYAH",
]


def _official_name(rng: random.Random) -> str:
    return rng.choice(_OFFICIAL_GIVEN) + rng.choice(["", ", S.SOS", ", SH", ", M.SI", ", SE, MM"])


def truth(h: Household | None, fill: str, mode: str) -> dict[str, Any]:
    """The contract's KK fields as a perfect reader returns them; `""` and `[]` for what the page leaves blank."""
    header = fill in ("full", "header") and h is not None
    out: dict[str, Any] = {"document_type": "kk", "capture_mode": mode}
    keys = ("kk_number", "head_name", "address", "rt_rw", "village", "district", "regency", "province", "issue_date")
    if header and h:
        vals = [
            h.kk_number,
            h.head.name,
            h.address,
            h.rt_rw,
            h.place.village,
            h.place.district,
            h.place.regency,
            h.place.province,
            h.issue_date.isoformat(),
        ]
    else:
        vals = [""] * len(keys)
    out.update(zip(keys, vals, strict=True))
    out["members"] = [m.truth() for m in h.members] if fill == "full" and h else []
    return out


def make_sample(seed: int, index: int, mode: str, blank_share: float) -> tuple[str, bytes, str, dict[str, Any]]:
    """One page: id, encoded image, extension, truth. Depends only on (seed, index, mode, blank_share)."""
    rng = random.Random(f"crkk:{seed}:{index}")
    roll = rng.random()
    fill = "full" if roll >= blank_share else ("blank" if roll < blank_share / 2 else "header")
    household = make_household(rng)
    layout = pick_layout(rng, household.issue_date if fill != "blank" else None)
    page = render(household if fill != "blank" else None, layout, rng, fill)
    shot = pages.capture(page, mode, rng, layout.page_mm)
    image_id = f"crkk-{index:04d}-{mode}"
    return image_id, shot.data, shot.ext, truth(household if fill != "blank" else None, fill, mode)


def generate(out_dir: Path, count: int, seed: int, modes: list[str], blank_share: float = 0.1) -> list[str]:
    return pages.write_pages(out_dir, count, seed, modes, blank_share, make_sample)


def main(argv: list[str] | None = None) -> int:
    return pages.main_for("samples.cleanroom.kk", __doc__, make_sample, "pages", argv)


if __name__ == "__main__":
    raise SystemExit(main())
