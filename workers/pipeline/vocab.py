"""Closed vocabularies printed on a KTP-el, as Dukcapil writes them (upper case, single spaces).

The extractor snaps OCR output to these lists; the synthetic card generator (`samples/generate.py`)
draws its values from them.
"""

from __future__ import annotations

SEXES: tuple[str, ...] = ("LAKI-LAKI", "PEREMPUAN")

BLOOD_TYPES: tuple[str, ...] = ("A", "B", "AB", "O", "-")

RELIGIONS: tuple[str, ...] = (
    "ISLAM",
    "KRISTEN",
    "KATOLIK",
    "HINDU",
    "BUDHA",
    "KONGHUCU",
    "KEPERCAYAAN TERHADAP TUHAN YME",
)

MARITAL_STATUSES: tuple[str, ...] = ("BELUM KAWIN", "KAWIN", "CERAI HIDUP", "CERAI MATI")

OCCUPATIONS: tuple[str, ...] = (
    "BELUM/TIDAK BEKERJA",
    "MENGURUS RUMAH TANGGA",
    "PELAJAR/MAHASISWA",
    "PENSIUNAN",
    "PEGAWAI NEGERI SIPIL",
    "TENTARA NASIONAL INDONESIA",
    "KEPOLISIAN RI",
    "PERDAGANGAN",
    "PETANI/PEKEBUN",
    "PETERNAK",
    "NELAYAN/PERIKANAN",
    "INDUSTRI",
    "KONSTRUKSI",
    "TRANSPORTASI",
    "KARYAWAN SWASTA",
    "KARYAWAN BUMN",
    "KARYAWAN HONORER",
    "BURUH HARIAN LEPAS",
    "BURUH TANI/PERKEBUNAN",
    "PEMBANTU RUMAH TANGGA",
    "TUKANG BATU",
    "TUKANG KAYU",
    "GURU",
    "DOSEN",
    "DOKTER",
    "BIDAN",
    "PERAWAT",
    "SOPIR",
    "PEDAGANG",
    "WIRASWASTA",
)

NATIONALITIES: tuple[str, ...] = ("WNI", "WNA")

LIFETIME = "SEUMUR HIDUP"  # "Berlaku Hingga" of cards issued since 2016
