"""Clean-room SKTM letters (Surat Keterangan Tidak Mampu), drawn from a description of real letters only.

`python -m samples.cleanroom.sktm OUT --count N --seed S [--modes scan,lowres,web,photo] [--blank-share 0.1]`
writes a labelled folder with ids `crsk-0001-scan` …; output depends only on the arguments. Variants: kop with
or without an emblem, DESA / KELURAHAN / KANTOR KEPALA DESA, five number layouts, extra label rows, the purpose
as a label row or in the prose (upper, title or lower case), an optional "berlaku sampai dengan" date, a
camat's countersignature, a stamp over the signature, serif or sans type. Blank forms keep the printed kop
(so `issuer` stays) and leave every value empty or dotted; their other truth values are `""`.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageFont

from samples.cleanroom import pages
from samples.cleanroom.family import Household, Person, indonesian_date, make_household, random_date
from samples.cleanroom.pages import INK_BLACK, Canvas, mm, pt

PAGE_MM = (210.0, 297.0)
PURPOSES = [
    "PENGAJUAN BEASISWA",
    "BANTUAN BIAYA PENGOBATAN",
    "PENDAFTARAN KIS",
    "PENGAJUAN KIP KULIAH",
    "KERINGANAN BIAYA SEKOLAH",
    "PERSYARATAN BANTUAN PANGAN (BPNT)",
    "PENDAFTARAN PROGRAM KELUARGA HARAPAN",
    "PENGAJUAN BPJS KESEHATAN PBI",
    "KERINGANAN BIAYA RUMAH SAKIT",
    "PENGAJUAN BANTUAN BEDAH RUMAH",
    "PERSYARATAN MASUK SEKOLAH",
    "PENGAJUAN BANTUAN HUKUM",
    "PENDAFTARAN JAMKESDA",
]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
OFFICIALS = [
    "SUPARDI",
    "H. MUHAMAD SOLEH",
    "ASEP SUNANDAR",
    "NI MADE SUARNI",
    "YOHANIS RUMBEWAS",
    "SAMSUDIN",
    "DEDE KURNIA, S.IP",
    "HJ. ROHAYATI",
    "MARTINUS SINAGA",
    "ABDUL HALIM",
    "I NENGAH SUDANA",
    "KASMINI",
    "SURYA DARMA, S.SOS",
    "SITI MAEMUNAH",
    "HENDRA GUNAWAN, SE",
]
DOTS = "." * 40


@dataclass
class Letter:
    household: Household
    subject: Person
    issuer: str  # DESA Z / KELURAHAN Z
    number_printed: str  # after "Nomor :"
    number_label: str
    issue_date: dt.date
    purpose: str
    valid_until: dt.date | None
    address: str  # the printed address value, one string


def title(s: str) -> str:
    """Title case as clerks type it: `Kabupaten Bandung Barat`, keeping `RT`/`RW` and dotted abbreviations."""
    out = []
    for w in s.split():
        out.append(w if w in ("RT", "RW", "RT.", "RW.") or ("/" in w and w.startswith("RT")) else w.capitalize())
    return " ".join(out)


def letter_number(rng: random.Random, village: str, issued: dt.date) -> tuple[str, str, str]:
    """(label as printed, number as printed, number for the truth: spaces around the slashes dropped)."""
    code = rng.choice(["474", "470", "401", "145", "460", "400", "474.3", "460"])
    seq = rng.randrange(1, 400)
    roman = ROMAN[issued.month - 1]
    abbr = "".join(w[0] for w in village.split())[:3] if len(village.split()) > 1 else village[:3]
    kind = rng.randrange(5)
    if kind == 0:
        label, printed = "Nomor :", f"{code}/{seq:03d}/{rng.choice(['DS', 'Pem', 'KESRA', 'Ds'])}/{issued.year}"
    elif kind == 1:
        label, printed = "No.", f"{code}/{seq:03d}/SKTM/{roman}/{issued.year}"
    elif kind == 2:
        label, printed = "Nomor:", f"{code}/ {seq} /Kel.{abbr.title()}/{issued.year}"
    elif kind == 3:
        label, printed = "NOMOR :", f"{code} / {seq} / {issued.year}"
    else:
        label, printed = "Nomor :", f"{code}/{seq}/{rng.choice(['DS', 'KEL', 'SKTM'])}/{roman}/{issued.year}"
    return label, printed, re.sub(r"\s*/\s*", "/", printed)


def rt_rw_text(rng: random.Random, rt_rw: str) -> str:
    rt, rw = rt_rw.split("/")
    return rng.choice(
        [f"RT {rt}/RW {rw}", f"RT. {rt[1:]} RW. {rw[1:]}", f"RT.{rt}/RW.{rw}", f"RT {rt[1:]} / RW {rw[1:]}"]
    )


def make_letter(rng: random.Random) -> Letter:
    h = make_household(rng, issue_from=2008, issue_to=2024)
    adults = [m for m in h.members if m.relationship in ("KEPALA KELUARGA", "ISTRI") or m.birth_date.year < 2006]
    subject = rng.choice(adults)
    kel = h.place.village_is_kelurahan
    issuer = f"{'KELURAHAN' if kel else 'DESA'} {h.place.village}"
    issued = random_date(rng, dt.date(2024, 1, 1), dt.date(2026, 11, 30))
    label, printed, _ = letter_number(rng, h.place.village, issued)
    parts = [h.address, rt_rw_text(rng, h.rt_rw)]
    if rng.random() < 0.9:
        parts.append(issuer)
    if rng.random() < 0.8:
        parts.append(f"KECAMATAN {h.place.district}")
    if rng.random() < 0.35:
        parts.append(h.place.regency_region)
    valid = issued + dt.timedelta(days=rng.choice([30, 90, 180])) if rng.random() < 0.4 else None
    return Letter(h, subject, issuer, printed, label, issued, rng.choice(PURPOSES), valid, " ".join(parts))


@dataclass
class Style:
    family: str
    body: int  # px
    emblem: bool
    kop_kind: str  # desa | kantor
    case_values: str  # upper | title (for agama, pekerjaan, sex, birth place)
    address_case: str
    purpose_mode: str  # row | prose
    purpose_case: str  # upper | title | lower
    bold_name: bool
    camat: bool
    stamp: bool
    an_sekdes: bool
    extra_rows: bool
    date_style: str  # line | dikeluarkan
    dotted: bool  # blank forms: dotted leaders after the colons


def pick_style(rng: random.Random) -> Style:
    return Style(
        family=rng.choice(pages.SERIF + pages.SERIF + pages.SANS),
        body=pt(rng.choice([11, 11.5, 12])),
        emblem=rng.random() < 0.6,
        kop_kind=rng.choice(["desa", "desa", "kantor"]),
        case_values=rng.choice(["upper", "title"]),
        address_case=rng.choice(["upper"] * 4 + ["title"]),
        purpose_mode=rng.choice(["row", "prose", "prose", "prose"]),
        purpose_case=rng.choice(["upper", "title", "lower"]),
        bold_name=rng.random() < 0.5,
        camat=rng.random() < 0.3,
        stamp=rng.random() < 0.6,
        an_sekdes=rng.random() < 0.15,
        extra_rows=rng.random() < 0.5,
        date_style=rng.choice(["line", "line", "line", "dikeluarkan"]),
        dotted=rng.random() < 0.5,
    )


def _wrap(c: Canvas, text: str, f: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines: list[str] = []
    cur = ""
    for word in text.split():
        trial = f"{cur} {word}".strip()
        if cur and c.draw.textlength(trial, font=f) > width:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    if cur:
        lines.append(cur)
    return lines


def _paragraph(
    c: Canvas, x: float, y: float, text: str, f: ImageFont.FreeTypeFont, width: float, leading: float, indent: float = 0
) -> float:
    """Left-aligned wrapped prose with a first-line indent; returns the y below it."""
    lines = _wrap(c, text, f, width - indent)
    for k, s in enumerate(lines):
        c.text((x + (indent if k == 0 else 0), y), s, f)
        y += leading
    return y


def _case(s: str, how: str) -> str:
    """Upper, lower or title case; an abbreviation in brackets stays upper, as typists leave `(BPNT)`."""
    out = s.upper() if how == "upper" else s.lower() if how == "lower" else title(s)
    return re.sub(r"\(([^)]*)\)", lambda m: f"({m.group(1).upper()})", out)


def render(letter: Letter, style: Style, rng: random.Random, blank: bool) -> Image.Image:
    w, h = mm(PAGE_MM[0]), mm(PAGE_MM[1])
    c = Canvas.new(
        pages.plain_paper(
            w,
            h,
            np.random.default_rng(rng.randrange(1 << 31)),
            rng.choice([(251, 251, 248), (248, 247, 240), (252, 252, 252)]),
        )
    )
    hh = letter.household
    place = hh.place
    fam = style.family
    left, right = mm(rng.uniform(22, 28)), w - mm(rng.uniform(18, 22))
    width = right - left
    # kop
    cx = (left + right) / 2 + (mm(8) if style.emblem else 0)
    y: float = mm(16)
    if style.emblem:
        pages.emblem(c.draw, left + mm(12), y + mm(13), mm(12), INK_BLACK, width=5)
    regency_word = place.regency_region
    desa_word = "KELURAHAN" if place.village_is_kelurahan else "DESA"
    lines = [(f"PEMERINTAH {regency_word}", pt(14), True), (f"KECAMATAN {place.district}", pt(14), True)]
    if style.kop_kind == "kantor":
        office = f"KANTOR {'LURAH' if place.village_is_kelurahan else 'KEPALA DESA'} {place.village}"
    else:
        office = f"{desa_word} {place.village}"
    lines.append((office, pt(16), True))
    street = (
        rng.choice(["Jl. Raya", "Jalan", "Jl."])
        + " "
        + title(rng.choice(["Desa", "Merdeka", "Pemuda", "Pendidikan", "Veteran"]))
    )
    lines.append(
        (
            f"Alamat : {street} No. {rng.randrange(1, 99)} {title(place.village)} Kode Pos {place.postal_code}",
            pt(10),
            False,
        )
    )
    for text, size, heavy in lines:
        c.fit((cx, y), text, fam, size, right - left - (mm(30) if style.emblem else 0), bold=heavy, anchor="mt")
        y += size * 1.22
    y += mm(1.5)
    c.draw.line([(left - mm(4), y), (right + mm(2), y)], fill=INK_BLACK, width=mm(0.9))
    c.draw.line([(left - mm(4), y + mm(1.4)), (right + mm(2), y + mm(1.4))], fill=INK_BLACK, width=mm(0.25))
    y += mm(10)
    # title and number
    tf = pages.font(fam, pt(13), True)
    ttl = "SURAT KETERANGAN TIDAK MAMPU"
    tw = c.draw.textlength(ttl, font=tf)
    c.text(((left + right) / 2, y), ttl, tf, anchor="mt")
    c.draw.line(
        [((left + right - tw) / 2, y + pt(13) * 1.08), ((left + right + tw) / 2, y + pt(13) * 1.08)],
        fill=INK_BLACK,
        width=mm(0.3),
    )
    y += pt(13) * 1.45
    body = pages.font(fam, style.body)
    bold = pages.font(fam, style.body, True)
    number = DOTS[:28] if blank and style.dotted else ("" if blank else letter.number_printed)
    c.text(((left + right) / 2, y), f"{letter.number_label} {number}".rstrip(), body, anchor="mt")
    y += style.body * 2.6
    lead = style.body * 1.5
    # opening
    regency_t = title(place.regency_region)
    who = f"{'Lurah' if place.village_is_kelurahan else 'Kepala Desa'} {title(place.village)}"
    opening = (
        f"Yang bertanda tangan di bawah ini {who}, Kecamatan {title(place.district)}, {regency_t}, menerangkan bahwa:"
    )
    y = _paragraph(c, left, y, opening, body, width, lead, indent=mm(10))
    y += lead * 0.4
    # label table
    s = letter.subject
    cv = style.case_values
    birth = f"{_case(s.birth_place, cv)}, " + (
        s.birth_date.strftime("%d-%m-%Y") if rng.random() < 0.5 else indonesian_date(s.birth_date)
    )
    rows: list[tuple[str, str]] = [
        ("Nama", s.name),
        ("NIK", s.nik),
        ("Tempat/Tgl Lahir", birth),
        ("Jenis Kelamin", _case(s.sex, cv)),
        ("Agama", _case(s.religion, cv)),
    ]
    if style.extra_rows:
        rows.append(("Status Perkawinan", _case(s.marital_status, cv)))
    rows.append(("Pekerjaan", _case(s.occupation, cv)))
    if style.extra_rows:
        rows.append(("Kewarganegaraan", "WNI" if rng.random() < 0.5 else "Indonesia"))
    address = letter.address if style.address_case == "upper" else title(letter.address)
    rows.append(("Alamat", address))
    if style.purpose_mode == "row":
        rows.append(("Keperluan", letter.purpose))
    lx, colon = left + mm(10), left + mm(rng.uniform(48, 55))
    vx = colon + mm(3)
    vwidth = right - vx - mm(rng.uniform(0, 25))
    for label, value in rows:
        c.text((lx, y), label, body)
        c.text((colon, y), ":", body)
        if blank:
            if style.dotted:
                c.text((vx, y), DOTS * 2, body)
            y += lead
            continue
        vf = bold if label == "Nama" and style.bold_name else body
        limit: float = vwidth
        if label == "Alamat":  # real letters give the address a narrow column: it always runs onto 2-3 lines
            limit = min(vwidth, c.draw.textlength(value, font=vf) * rng.uniform(0.45, 0.75))
        parts = _wrap(c, value, vf, limit) or [""]
        for k, part in enumerate(parts):
            c.text((vx, y), part, vf)
            y += lead if k == 0 else style.body * 1.25
        if len(parts) > 1:
            y += lead - style.body * 1.25
    y += lead * 0.4
    village_t = title(place.village)
    para = (
        f"Berdasarkan keterangan Ketua RT/RW setempat, orang tersebut di atas adalah benar warga "
        f"{'Kelurahan' if place.village_is_kelurahan else 'Desa'} {village_t} dan termasuk keluarga tidak mampu "
        f"(miskin)."
    )
    y = _paragraph(c, left, y, para, body, width, lead, indent=mm(10))
    if style.purpose_mode == "prose":
        purpose = DOTS if blank else _case(letter.purpose, style.purpose_case) + "."
        y = _paragraph(
            c, left, y, f"Surat keterangan ini dibuat untuk keperluan: {purpose}", body, width, lead, indent=mm(10)
        )
    if letter.valid_until and not blank:
        until = indonesian_date(letter.valid_until) if rng.random() < 0.7 else letter.valid_until.strftime("%d-%m-%Y")
        y = _paragraph(
            c, left, y, f"Surat keterangan ini berlaku sampai dengan {until}.", body, width, lead, indent=mm(10)
        )
    y = _paragraph(
        c,
        left,
        y,
        "Demikian surat keterangan ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.",
        body,
        width,
        lead,
        indent=mm(10),
    )
    # place, date and signature
    y += lead
    sx = left + width * rng.uniform(0.52, 0.6)
    when = "" if blank else indonesian_date(letter.issue_date, rng.choice(["title", "title", "upper"]))
    if style.date_style == "line":
        c.text((sx, y), f"{village_t}, {when or DOTS[:20]}", body)
        y += lead
    else:
        c.text((sx, y), f"Dikeluarkan di : {village_t}", body)
        c.text((sx, y + lead), f"Pada tanggal  : {when}", body)
        y += lead * 2
    sign_top = y
    if style.an_sekdes and not place.village_is_kelurahan:
        c.text((sx, y), f"a.n. Kepala Desa {village_t}", body)
        c.text((sx, y + lead), "Sekretaris Desa,", body)
        y += lead * 2
    else:
        c.text((sx, y), f"{who},", body)
        y += lead
    official = rng.choice(OFFICIALS)
    if not blank:
        pages.signature(c.draw, (sx + mm(5), y + mm(2), sx + mm(50), y + mm(18)), rng)
        if style.stamp:
            pages.stamp(c.image, (sx - mm(2), y + mm(8)), mm(17), f"PEMERINTAH {desa_word} {place.village}", rng)
    y += mm(22)
    name_font = pages.font(fam, style.body, True)
    if blank:
        c.text((sx, y), "(" + DOTS[:30] + ")", body)
    else:
        c.text((sx, y), official, name_font)
        nw = c.draw.textlength(official, font=name_font)
        c.draw.line([(sx, y + style.body * 1.1), (sx + nw, y + style.body * 1.1)], fill=INK_BLACK, width=3)
        if place.village_is_kelurahan:
            c.text((sx, y + lead), f"NIP. {rng.randrange(10**17, 10**18)}", body)
    if style.camat:
        cx0 = left
        c.text((cx0, sign_top), "Mengetahui,", body)
        c.text((cx0, sign_top + lead), f"Camat {title(place.district)}", body)
        if not blank:
            pages.signature(c.draw, (cx0 + mm(5), sign_top + lead + mm(4), cx0 + mm(45), sign_top + lead + mm(18)), rng)
            cam = rng.choice(OFFICIALS)
            c.text((cx0, y), cam, name_font)
            c.text((cx0, y + lead), f"NIP. {rng.randrange(10**17, 10**18)}", body)
    return c.image


def truth(letter: Letter, blank: bool, mode: str) -> dict[str, Any]:
    """What a perfect reader returns: the kop's issuer always, every other value `""` on a blank form."""
    out: dict[str, Any] = {"document_type": "sktm", "capture_mode": mode, "variant": "sktm"}
    if blank:
        out.update(
            letter_number="",
            issuer=letter.issuer,
            issue_date="",
            subject_name="",
            subject_nik="",
            subject_address="",
            purpose="",
        )
        return out
    out.update(
        letter_number=re.sub(r"\s*/\s*", "/", letter.number_printed),
        issuer=letter.issuer,
        issue_date=letter.issue_date.isoformat(),
        subject_name=letter.subject.name,
        subject_nik=letter.subject.nik,
        subject_address=" ".join(letter.address.upper().split()),
        purpose=letter.purpose.rstrip("."),
    )
    if letter.valid_until:
        out["valid_until"] = letter.valid_until.isoformat()
    return out


def make_sample(seed: int, index: int, mode: str, blank_share: float) -> tuple[str, bytes, str, dict[str, Any]]:
    rng = random.Random(f"crsk:{seed}:{index}")
    blank = rng.random() < blank_share
    letter = make_letter(rng)
    style = pick_style(rng)
    page = render(letter, style, rng, blank)
    shot = pages.capture(page, mode, rng, PAGE_MM)
    image_id = f"crsk-{index:04d}-{mode}"
    return image_id, shot.data, shot.ext, truth(letter, blank, mode)


def generate(out_dir: Path, count: int, seed: int, modes: list[str], blank_share: float = 0.1) -> list[str]:
    return pages.write_pages(out_dir, count, seed, modes, blank_share, make_sample)


def main(argv: list[str] | None = None) -> int:
    return pages.main_for("samples.cleanroom.sktm", __doc__, make_sample, "letters", argv)


if __name__ == "__main__":
    raise SystemExit(main())
