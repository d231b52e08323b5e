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

# The rest of Dukcapil's list of occupations: a KTP-el can print any of them, so the reader snaps to all
# (ALL_OCCUPATIONS); the generators draw from OCCUPATIONS above.
OTHER_OCCUPATIONS: tuple[str, ...] = (
    "KARYAWAN BUMD",
    "BURUH NELAYAN/PERIKANAN",
    "BURUH PETERNAKAN",
    "TUKANG CUKUR",
    "TUKANG LISTRIK",
    "TUKANG SOL SEPATU",
    "TUKANG LAS/PANDAI BESI",
    "TUKANG JAHIT",
    "TUKANG GIGI",
    "PENATA RIAS",
    "PENATA BUSANA",
    "PENATA RAMBUT",
    "MEKANIK",
    "SENIMAN",
    "TABIB",
    "PARAJI",
    "PERANCANG BUSANA",
    "PENTERJEMAH",
    "IMAM MASJID",
    "PENDETA",
    "PASTOR",
    "WARTAWAN",
    "USTADZ/MUBALIGH",
    "JURU MASAK",
    "PROMOTOR ACARA",
    "ANGGOTA DPR-RI",
    "ANGGOTA DPD",
    "ANGGOTA BPK",
    "PRESIDEN",
    "WAKIL PRESIDEN",
    "ANGGOTA MAHKAMAH KONSTITUSI",
    "ANGGOTA KABINET/KEMENTERIAN",
    "DUTA BESAR",
    "GUBERNUR",
    "WAKIL GUBERNUR",
    "BUPATI",
    "WAKIL BUPATI",
    "WALIKOTA",
    "WAKIL WALIKOTA",
    "ANGGOTA DPRD PROVINSI",
    "ANGGOTA DPRD KABUPATEN/KOTA",
    "PILOT",
    "PENGACARA",
    "NOTARIS",
    "ARSITEK",
    "AKUNTAN",
    "KONSULTAN",
    "APOTEKER",
    "PSIKIATER/PSIKOLOG",
    "PENYIAR TELEVISI",
    "PENYIAR RADIO",
    "PELAUT",
    "PENELITI",
    "PIALANG",
    "PARANORMAL",
    "PERANGKAT DESA",
    "KEPALA DESA",
    "BIARAWATI",
    "LAINNYA",
)
ALL_OCCUPATIONS: tuple[str, ...] = OCCUPATIONS + OTHER_OCCUPATIONS

NATIONALITIES: tuple[str, ...] = ("WNI", "WNA")

LIFETIME = "SEUMUR HIDUP"  # "Berlaku Hingga" of cards issued since 2016
