"""Synthetic Indonesian card holders for the clean-room renderers: names from our own word lists, real
Kemendagri region codes (village in district in regency in province), and a NIK that python-stdnum accepts.

Nobody here is a real person: names are drawn word by word, dates and serials at random.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from stdnum.id import nik as stdnik

from doctypes import REGISTRY_FIELDS

WILAYAH = Path(__file__).resolve().parents[2] / "primitives" / "data" / "wilayah.csv"

# ---- names ---------------------------------------------------------------------------------------------------
# Per naming tradition: (male given, female given, family names or () when the tradition uses none)
JAVANESE = (
    [
        "BUDI",
        "SANTOSO",
        "SUGENG",
        "HARYANTO",
        "BAMBANG",
        "JOKO",
        "SLAMET",
        "WAHYU",
        "AGUS",
        "TRI",
        "EKO",
        "DWI",
        "PRIYO",
        "SUTRISNO",
        "SUPRIYADI",
        "HADI",
        "WIDODO",
        "SETYO",
        "PURNOMO",
        "NUGROHO",
        "YULIANTO",
        "KUSUMO",
        "HARTONO",
        "SUHARTO",
        "DARMADI",
        "TEGUH",
        "RAHARJO",
        "PRASETYO",
        "ARIF",
        "ADI",
        "SUWARNO",
        "GITO",
        "PAIMAN",
        "SUKIMAN",
        "WAGIMIN",
        "SARDJONO",
        "TRIYONO",
        "HERU",
        "BAGUS",
        "GALIH",
        "ANTON",
        "DJOKO",
        "SOEBANDI",
    ],
    [
        "SRI",
        "WAHYUNI",
        "LESTARI",
        "RAHAYU",
        "SUSILOWATI",
        "ENDANG",
        "SUMARNI",
        "KARTINI",
        "TUMINAH",
        "DEWI",
        "RATNA",
        "NINGSIH",
        "PURWANTI",
        "SETYOWATI",
        "WULANDARI",
        "INDAH",
        "PUJI",
        "ASTUTI",
        "YULIANI",
        "ANDRIANI",
        "HANDAYANI",
        "MURNI",
        "PARTINAH",
        "SUPARMI",
        "WIJI",
        "SUNARSIH",
        "TRI",
        "DWI",
        "UTAMI",
        "KUSUMAWATI",
    ],
    (),
)
SUNDANESE = (
    [
        "ASEP",
        "UJANG",
        "DADANG",
        "CECEP",
        "DEDE",
        "YAYAT",
        "JAJANG",
        "AEP",
        "ENTIS",
        "OMAN",
        "KOMAR",
        "SUNARYA",
        "SUHENDAR",
        "HERMAWAN",
        "KURNIA",
        "PERMANA",
        "SAEPUDIN",
        "RUSTANDI",
        "HIDAYAT",
        "SUPRIATNA",
        "NURJAMAN",
        "MULYANA",
        "DENI",
        "ENDANG",
        "ACENG",
        "ODING",
        "IWAN",
        "DUDI",
        "YANA",
        "RUHIYAT",
        "SOLIHIN",
        "GUGUN",
    ],
    [
        "IMAS",
        "NENG",
        "EUIS",
        "CUCU",
        "ENOK",
        "TITIN",
        "YATI",
        "IIS",
        "NINING",
        "LILIS",
        "NURHAYATI",
        "YULIA",
        "ROSMIATI",
        "KOKOM",
        "ENTIN",
        "SUMIATI",
        "RINA",
        "ELIS",
        "EUTIK",
        "DEDEH",
        "ANI",
        "NENENG",
        "TETI",
        "OOM",
        "RATNASARI",
        "NURLELA",
        "SITI",
    ],
    (),
)
BATAK = (
    [
        "ROBERT",
        "MARTINUS",
        "JOHANNES",
        "HOTMAN",
        "MANGASI",
        "PARLINDUNGAN",
        "RUDOLF",
        "TIGOR",
        "POLTAK",
        "SAHAT",
        "BINSAR",
        "JANSEN",
        "MARULI",
        "TUMPAL",
        "GOMGOM",
        "BONAR",
        "DAVID",
        "DANIEL",
        "RICARDO",
        "HENDRIK",
    ],
    [
        "DAME",
        "ROSMA",
        "MARIANA",
        "LAMRIA",
        "TIURMA",
        "HOTMARIA",
        "RUMONDANG",
        "SONDANG",
        "ERNITA",
        "MAGDALENA",
        "ROSLINA",
        "DUMA",
        "SRIWATI",
        "NURMALA",
        "ELFRIDA",
        "LASTIAR",
        "TIOMINAR",
    ],
    [
        "SIMANJUNTAK",
        "SIREGAR",
        "NASUTION",
        "HUTAGALUNG",
        "SIHOMBING",
        "PANJAITAN",
        "SITUMORANG",
        "MANURUNG",
        "SINAGA",
        "LUBIS",
        "HARAHAP",
        "SITOMPUL",
        "PARDEDE",
        "TAMPUBOLON",
        "SIMATUPANG",
        "NAINGGOLAN",
        "SILALAHI",
        "GINTING",
        "TARIGAN",
        "SEMBIRING",
        "PERANGIN-ANGIN",
        "HUTAPEA",
        "PASARIBU",
        "SIAHAAN",
        "MARPAUNG",
    ],
)
MALAY = (
    [
        "ZULKIFLI",
        "RIDWAN",
        "AZHAR",
        "FAUZI",
        "HENDRA",
        "SYAHRIAL",
        "IRWAN",
        "RIZAL",
        "DARMAWAN",
        "ERWIN",
        "SYAMSUL",
        "FIRDAUS",
        "YUSRI",
        "AZWAR",
        "HAMDAN",
        "ROSLAN",
        "KHAIRUL",
        "SAFRUDIN",
        "MARZUKI",
        "TAUFIK",
        "EFENDI",
        "JUNAIDI",
        "MUSLIM",
        "RAJA",
    ],
    [
        "NURAINI",
        "ROSNANI",
        "YUSNIDAR",
        "MASITAH",
        "ZURAIDA",
        "SALMAH",
        "ROSMAWATI",
        "NORMA",
        "FITRIANI",
        "AISYAH",
        "WATI",
        "ROHANI",
        "JULIANA",
        "SURYANI",
        "ERNAWATI",
        "DESI",
        "MARLINA",
        "YUSNIATI",
        "RAHMAH",
    ],
    (),
)
ARABIC = (
    [
        "MUHAMMAD",
        "AHMAD",
        "ABDUL",
        "RAHMAN",
        "HASAN",
        "HUSEIN",
        "IBRAHIM",
        "YUSUF",
        "ALI",
        "UMAR",
        "SYAIFUL",
        "RAHMAT",
        "HIDAYATULLAH",
        "FAISAL",
        "ABDULLAH",
        "ISMAIL",
        "IQBAL",
        "HAMZAH",
        "ZAINAL",
        "MAHMUD",
        "SALIM",
        "FIKRI",
        "ARIFIN",
        "LUTHFI",
        "NURDIN",
        "SYARIF",
        "FADLI",
        "MUHAMAD",
        "MOCHAMAD",
        "ACHMAD",
        "AZIS",
        "HANIF",
    ],
    [
        "SITI",
        "NUR",
        "FATIMAH",
        "AISYAH",
        "KHADIJAH",
        "ZAHRA",
        "NURUL",
        "AMINAH",
        "HALIMAH",
        "MARYAM",
        "ZAINAB",
        "RAHMAWATI",
        "HUSNA",
        "SALSABILA",
        "NAJWA",
        "AZIZAH",
        "KHAIRUNNISA",
        "HAFSAH",
        "ULFAH",
        "MUNAWAROH",
        "SA'ADAH",
        "LATIFAH",
        "ZULAIKHA",
    ],
    (),
)
CHINESE = (
    [
        "HENDRA",
        "SUSANTO",
        "WILLIAM",
        "KEVIN",
        "VINCENT",
        "STEVEN",
        "MICHAEL",
        "FELIX",
        "BUDIMAN",
        "HARYONO",
        "JIMMY",
        "ANTONIUS",
        "YOHANES",
        "ALBERT",
        "RICHARD",
        "JONATHAN",
        "EDWIN",
        "FRANKY",
        "DJOHAN",
    ],
    [
        "JESSICA",
        "MELINDA",
        "VERONICA",
        "CHRISTINE",
        "LILY",
        "MEILANI",
        "SUSANTI",
        "FELICIA",
        "LINDA",
        "YENNY",
        "MEI",
        "LIANA",
        "WINDA",
        "CYNTHIA",
        "GRACE",
        "MONICA",
        "SHERLY",
        "LILIANA",
    ],
    [
        "TAN",
        "LIM",
        "WIJAYA",
        "TANUWIDJAJA",
        "SANTOSO",
        "HALIM",
        "KUSUMA",
        "GUNAWAN",
        "HARTONO",
        "SALIM",
        "LIE",
        "GO",
        "ONG",
        "TJAHJADI",
        "SUTANTO",
        "HADINATA",
        "LIEM",
        "KURNIAWAN",
        "SETIAWAN",
        "TANOTO",
        "SUGIHARTO",
    ],
)
BALINESE_GIVEN = (
    [
        "SUDARSANA",
        "ARTAWAN",
        "SUARDANA",
        "WIRAWAN",
        "ASTAWA",
        "MERTAYASA",
        "SUDIARTA",
        "ARSANA",
        "YUDIANTARA",
        "SUARJANA",
        "DARMAWAN",
        "SUKADANA",
        "ANTARA",
        "WIDIANA",
        "ADNYANA",
        "PARWATA",
        "SUPARTA",
    ],
    [
        "ARIANI",
        "SUASTINI",
        "PUSPAWATI",
        "DARMAYANTI",
        "SUKERTI",
        "SRIASIH",
        "ARIASIH",
        "WIDIASTUTI",
        "SUARTINI",
        "ARTINI",
        "SUDARMINI",
        "RATNADEWI",
        "KARIASIH",
        "SUWENI",
    ],
)
BALI_ORDER = ["WAYAN", "MADE", "NYOMAN", "KETUT", "PUTU", "KADEK", "KOMANG", "GEDE", "LUH", "GUSTI"]
PAPUAN = (
    [
        "YOHANES",
        "MARTHEN",
        "PETRUS",
        "ALBERTUS",
        "NIKOLAS",
        "YULIANUS",
        "FRANS",
        "DOMINGGUS",
        "YOSIAS",
        "MARKUS",
        "OKTOVIANUS",
        "SEMUEL",
        "YAKOB",
        "NATALIS",
        "PAULUS",
        "DEMIANUS",
        "ELIEZER",
    ],
    [
        "MARIA",
        "YOSINA",
        "DORKAS",
        "MARTHA",
        "ROSALINA",
        "AGUSTINA",
        "NOVITA",
        "ELISABETH",
        "OKTOVINA",
        "YUBELINA",
        "SELFINA",
        "FERDINA",
        "MARLINA",
        "DEBORA",
    ],
    [
        "WENDA",
        "KOGOYA",
        "TABUNI",
        "WONDA",
        "RUMBIAK",
        "MANDOWEN",
        "KAFIAR",
        "KARUBABA",
        "YOMAN",
        "MANSOBEN",
        "MOFU",
        "RUMBEWAS",
        "WANIMBO",
        "MAGAI",
        "IYAI",
        "PIGAI",
        "DOUW",
        "RUMAINUM",
        "MAYOR",
        "AWOM",
        "SAWAKI",
    ],
)
MODERN = (
    [
        "RIZKY",
        "PRATAMA",
        "SAPUTRA",
        "ADITYA",
        "NANDA",
        "DIMAS",
        "BAYU",
        "FAJAR",
        "REZA",
        "ANDIKA",
        "KURNIAWAN",
        "SETIAWAN",
        "RAMADHAN",
        "FIRMANSYAH",
        "ILHAM",
        "YOGA",
        "ARYA",
        "DANU",
        "GILANG",
        "RAFI",
        "AKBAR",
        "PUTRA",
        "WICAKSONO",
        "SYAHPUTRA",
        "ALFARIZI",
        "MAULANA",
        "HIDAYAT",
        "FEBRIAN",
        "NOVAL",
        "ERLANGGA",
    ],
    [
        "PUTRI",
        "AYU",
        "ANGGRAINI",
        "PERMATASARI",
        "PUSPITASARI",
        "AULIA",
        "FEBRIANTI",
        "NABILA",
        "AMELIA",
        "RAHMADANI",
        "SALSA",
        "CITRA",
        "INTAN",
        "MAHARANI",
        "KARTIKA",
        "NOVITASARI",
        "OKTAVIANI",
        "SAFITRI",
        "LARASATI",
        "ANINDITA",
        "NURFADILLAH",
        "KIRANA",
        "MAULIDA",
        "DWI",
        "RISKA",
        "YUNITA",
        "DIAH",
    ],
    (),
)

TRADITIONS = ("javanese", "sundanese", "batak", "malay", "arabic", "chinese", "balinese", "papuan", "modern")
LISTS = {
    "javanese": JAVANESE,
    "sundanese": SUNDANESE,
    "batak": BATAK,
    "malay": MALAY,
    "arabic": ARABIC,
    "chinese": CHINESE,
    "papuan": PAPUAN,
    "modern": MODERN,
}

# the tradition most common in a province (by the province code), drawn 65 % of the time
HOME_TRADITION = {
    "11": "malay",
    "12": "batak",
    "13": "malay",
    "14": "malay",
    "15": "malay",
    "16": "malay",
    "17": "malay",
    "18": "javanese",
    "19": "malay",
    "21": "malay",
    "31": "modern",
    "32": "sundanese",
    "33": "javanese",
    "34": "javanese",
    "35": "javanese",
    "36": "sundanese",
    "51": "balinese",
    "61": "malay",
    "64": "modern",
    "91": "papuan",
    "92": "papuan",
    "94": "papuan",
}


def make_name(rng: random.Random, tradition: str, female: bool) -> str:
    """One to four words, in the order and with the particles the tradition uses."""
    if tradition == "balinese":
        given = BALINESE_GIVEN[int(female)]
        words = ["NI" if female else "I", rng.choice(BALI_ORDER)] if rng.random() < 0.85 else [rng.choice(BALI_ORDER)]
        words.append(rng.choice(given))
        if len(words) < 4 and rng.random() < 0.3:
            words.append(rng.choice(given))
        return " ".join(words[:4])
    male, fem, family = LISTS[tradition]
    pool = fem if female else male
    if family:
        n_given = rng.choice((1, 1, 2, 2, 3)) if tradition != "chinese" else rng.choice((1, 1, 2))
        words = [*_distinct(rng, pool, n_given), rng.choice(family)]
    elif tradition == "malay" and rng.random() < 0.2:
        words = [*_distinct(rng, pool, rng.choice((1, 2))), "BINTI" if female else "BIN", rng.choice(MALAY[0])]
    elif tradition == "arabic" and not female and rng.random() < 0.4:
        words = [rng.choice(("MUHAMMAD", "AHMAD", "MOHAMMAD", "ABDUL")), *_distinct(rng, pool, rng.choice((1, 2)))]
    else:
        words = _distinct(rng, pool, rng.choices((1, 2, 3, 4), weights=(2, 5, 4, 1))[0])
    words = [w for i, w in enumerate(words) if i == 0 or w != words[i - 1]]
    return " ".join(words[:4])


def _distinct(rng: random.Random, pool: list[str], n: int) -> list[str]:
    return rng.sample(pool, min(n, len(pool)))


# ---- regions ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Place:
    code: str  # dotted, e.g. 32.04.11.2001 for a village
    name: str  # upper case, single spaces, as a card prints it


@dataclass(frozen=True)
class Wilayah:
    provinces: dict[str, Place]
    regencies: dict[str, Place]
    districts: dict[str, list[Place]]  # regency code -> its districts that have villages
    villages: dict[str, list[Place]]  # district code -> villages
    regency_codes: tuple[str, ...]  # regencies with districts and a NIK prefix stdnum knows


def _clean(name: str) -> str:
    return " ".join(name.upper().split())


@lru_cache(maxsize=2)
def load_wilayah(path: Path = WILAYAH) -> Wilayah:
    """Read `code,level,name` once; keep regencies whose NIK prefix python-stdnum knows, so every NIK passes it."""
    provinces: dict[str, Place] = {}
    regencies: dict[str, Place] = {}
    districts: dict[str, list[Place]] = {}
    villages: dict[str, list[Place]] = {}
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code, level, name = row["code"].strip(), row["level"].strip(), _clean(row["name"])
            place = Place(code, name)
            if level == "province":
                provinces[code] = place
            elif level == "regency":
                regencies[code] = place
            elif level == "district":
                districts.setdefault(code.rpartition(".")[0], []).append(place)
            elif level == "village":
                villages.setdefault(code.rpartition(".")[0], []).append(place)
    districts = {r: [d for d in ds if villages.get(d.code)] for r, ds in districts.items()}
    usable = tuple(
        sorted(
            r
            for r in regencies
            if districts.get(r)
            and r[:2] in provinces
            and stdnik.is_valid(r.replace(".", "") + "01" + "010190" + "0001")
        )
    )
    return Wilayah(provinces, regencies, districts, villages, usable)


def header_province(name: str) -> str:
    """The province line of the card header, without PROVINSI."""
    return "DKI JAKARTA" if name == "DAERAH KHUSUS IBUKOTA JAKARTA" else name


def header_regency(name: str) -> str:
    """The second header line: KABUPATEN X / KOTA X, but Jakarta's administrative cities and regency bare."""
    for prefix in ("KOTA ADMINISTRASI ", "KABUPATEN ADMINISTRASI ", "KOTA ADM. ", "KAB. ADM. "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def bare_place(name: str) -> str:
    """A regency as a town name (birth place): without KABUPATEN / KOTA."""
    name = header_regency(name)
    for prefix in ("KABUPATEN ", "KOTA "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


# ---- the rest of the card ------------------------------------------------------------------------------------
RELIGIONS = ("ISLAM", "KRISTEN", "KATOLIK", "HINDU", "BUDHA", "KONGHUCU", "KEPERCAYAAN TERHADAP TUHAN YME")
RELIGION_WEIGHTS = {
    "balinese": (3, 2, 2, 90, 2, 0, 1),
    "batak": (35, 50, 14, 0, 0, 0, 1),
    "papuan": (8, 62, 29, 0, 0, 0, 1),
    "chinese": (6, 34, 20, 0, 30, 10, 0),
    "modern": (80, 9, 6, 2, 2, 1, 0),
}
DEFAULT_RELIGION = (93, 3, 2, 0, 1, 0, 1)
OCCUPATIONS = (
    "PEGAWAI NEGERI SIPIL (PNS)",
    "KARYAWAN SWASTA",
    "MENGURUS RUMAH TANGGA",
    "PELAJAR/MAHASISWA",
    "WIRASWASTA",
    "PETANI/PEKEBUN",
    "BELUM/TIDAK BEKERJA",
    "BURUH HARIAN LEPAS",
    "PEDAGANG",
    "NELAYAN/PERIKANAN",
    "GURU",
    "KARYAWAN BUMN",
    "PENSIUNAN",
    "SOPIR",
    "TENTARA NASIONAL INDONESIA (TNI)",
    "KEPOLISIAN RI (POLRI)",
    "BURUH TANI/PERKEBUNAN",
    "PERANGKAT DESA",
    "TUKANG BATU",
    "TUKANG KAYU",
    "PERAWAT",
    "BIDAN",
    "DOKTER",
    "KARYAWAN HONORER",
    "MEKANIK",
    "PETERNAK",
    "DOSEN",
    "TRANSPORTASI",
    "PENATA RAMBUT",
    "USAHA MIKRO",
)
STREETS = (
    "MERDEKA",
    "SUDIRMAN",
    "DIPONEGORO",
    "GATOT SUBROTO",
    "AHMAD YANI",
    "SISINGAMANGARAJA",
    "PATTIMURA",
    "KARTINI",
    "MAWAR",
    "MELATI",
    "ANGGREK",
    "KENANGA",
    "CEMPAKA",
    "FLAMBOYAN",
    "NANGKA",
    "PEMUDA",
    "PAHLAWAN",
    "SILIWANGI",
    "SETIABUDI",
    "SUKAMAJU",
    "IMAM BONJOL",
    "HASANUDDIN",
    "TEUKU UMAR",
    "CUT NYAK DIEN",
    "SAM RATULANGI",
    "DEWI SARTIKA",
    "RAYA BOGOR",
    "PERINTIS KEMERDEKAAN",
    "SETIAWAN KADIR",
    "KH. AHMAD DAHLAN",
    "BUDI UTOMO",
    "MANGGA DUA",
    "KEBON JERUK",
    "PASIR KALIKI",
    "LINTAS TIMUR",
    "TRANS SULAWESI",
    "BATU TULIS",
    "SIMPANG LIMA",
    "CEMARA",
    "BERINGIN",
    "KELAPA GADING",
    "DURIAN",
    "RAMBUTAN",
    "TERATAI",
    "SERUNI",
    "DAHLIA",
    "PURI INDAH",
)
HOUSING = (
    "GRIYA ASRI",
    "BUMI INDAH",
    "TAMAN SARI",
    "PERMATA HIJAU",
    "CITRA RAYA",
    "GRAHA MANDIRI",
    "BUKIT HIJAU",
    "PONDOK PERMAI",
    "VILLA MUTIARA",
    "KORPRI",
)


def make_address(rng: random.Random, village: str) -> str:
    """Street, alley, hamlet, kampung or housing estate, with or without the abbreviating dots."""
    dots = rng.random() < 0.7
    no = "NO." if dots else "NO"
    n = rng.choice((rng.randint(1, 30), rng.randint(1, 150), rng.randint(1, 399)))
    kind = rng.choices(("jl", "jlgg", "gg", "dusun", "kp", "perum", "lrg"), weights=(40, 12, 12, 12, 10, 9, 5))[0]
    street = rng.choice(STREETS)
    if kind == "jl":
        return f"{'JL.' if dots else 'JL'} {street} {no} {n}" if rng.random() < 0.85 else f"JL. {street}"
    if kind == "jlgg":
        return f"{'JL.' if dots else 'JL'} {street} {'GG.' if dots else 'GG'} {rng.choice(STREETS)} {no} {n}"
    if kind == "gg":
        return f"{'GG.' if dots else 'GG'} {street} {no} {n}"
    if kind == "dusun":
        hamlet = rng.choice((village, rng.choice(STREETS), f"{village} {rng.choice(('I', 'II', 'III', 'IV'))}"))
        return f"DUSUN {hamlet}"
    if kind == "kp":
        return f"{'KP.' if dots else 'KP'} {rng.choice((village, rng.choice(STREETS)))}"
    if kind == "lrg":
        return f"LORONG {street} {no} {n}"
    block = f"{rng.choice('ABCDEFGH')}{rng.randint(1, 12)}"
    return f"PERUM {rng.choice(HOUSING)} BLOK {block} {no} {rng.randint(1, 40)}"


@dataclass(frozen=True)
class Person:
    """One card holder: every KTP-el truth field, plus the codes and dates the card needs to be drawn."""

    nik: str
    name: str
    birth_place: str
    birth_date: dt.date
    sex: str
    blood_type: str
    address: str
    rt_rw: str
    village: str
    district: str
    religion: str
    marital_status: str
    occupation: str
    nationality: str
    valid_until: str  # SEUMUR HIDUP or ISO date
    province: str
    regency: str
    issue_place: str
    issue_date: dt.date
    tradition: str = "modern"
    codes: dict[str, str] = field(default_factory=dict)

    def truth(self) -> dict[str, str]:
        """The contract's 17 KTP-el fields, as printed."""
        return {
            "nik": self.nik,
            "name": self.name,
            "birth_place": self.birth_place,
            "birth_date": self.birth_date.isoformat(),
            "sex": self.sex,
            "blood_type": self.blood_type,
            "address": self.address,
            "rt_rw": self.rt_rw,
            "village": self.village,
            "district": self.district,
            "religion": self.religion,
            "marital_status": self.marital_status,
            "occupation": self.occupation,
            "nationality": self.nationality,
            "valid_until": self.valid_until,
            "province": self.province,
            "regency": self.regency,
        }


def make_nik(district_code: str, birth: dt.date, female: bool, serial: int) -> str:
    day = birth.day + (40 if female else 0)
    return f"{district_code.replace('.', '')}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def birth_place_for(rng: random.Random, w: Wilayah, regency_code: str) -> str:
    """Mostly the home regency's town; sometimes another; multi-word towns now and then printed as one word."""
    code = regency_code if rng.random() < 0.65 else rng.choice(w.regency_codes)
    place = bare_place(w.regencies[code].name)
    if place.startswith("JAKARTA ") and rng.random() < 0.5:
        place = "JAKARTA"
    if " " in place and rng.random() < 0.15:
        place = place.replace(" ", "")
    return place


def in_year(day: dt.date, year: int) -> dt.date:
    """The same day and month in `year`; 29 February falls back to the 28th in a common year."""
    try:
        return day.replace(year=year)
    except ValueError:
        return dt.date(year, 2, 28)


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier (a card issued on 29 February 2024 holds someone born by 28 February
    2007)."""
    return in_year(day, day.year - years)


def make_person(
    rng: random.Random,
    w: Wilayah | None = None,
    *,
    female: bool | None = None,
    regency_code: str | None = None,
    taken: set[str] | None = None,
) -> Person:
    """A consistent holder: NIK from district, birth date and sex; card dates after the 17th birthday."""
    w = w or load_wilayah()
    regency_code = regency_code or rng.choice(w.regency_codes)
    province_code = regency_code[:2]
    district = rng.choice(w.districts[regency_code])
    village = rng.choice(w.villages[district.code])
    female = rng.random() < 0.5 if female is None else female
    home = HOME_TRADITION.get(province_code)
    tradition = home if home and rng.random() < 0.65 else rng.choice(TRADITIONS)
    today = dt.date(2026, 6, 30)
    issue = today - dt.timedelta(days=rng.randint(30, 14 * 365))
    earliest, latest = dt.date(1938, 1, 1), years_before(issue, 17) - dt.timedelta(days=1)
    birth = earliest + dt.timedelta(days=rng.randint(0, (latest - earliest).days))
    age = (issue - birth).days // 365
    if issue.year < 2016 and rng.random() < 0.7:  # the first e-KTPs ran five years, to the holder's birthday
        try:
            valid = birth.replace(year=issue.year + 5).isoformat()
        except ValueError:  # 29 February
            valid = dt.date(issue.year + 5, 3, 1).isoformat()
    else:
        valid = "SEUMUR HIDUP"
    taken = taken if taken is not None else set()
    while True:
        nik = make_nik(district.code, birth, female, rng.randint(1, 9999))
        if nik not in taken and stdnik.is_valid(nik):
            taken.add(nik)
            break
    if age < 22:
        marital = rng.choices(("BELUM KAWIN", "KAWIN"), weights=(85, 15))[0]
    elif age < 60:
        marital = rng.choices(("BELUM KAWIN", "KAWIN", "CERAI HIDUP", "CERAI MATI"), weights=(18, 70, 8, 4))[0]
    else:
        marital = rng.choices(("KAWIN", "CERAI HIDUP", "CERAI MATI"), weights=(60, 8, 32))[0]
    if age < 23 and rng.random() < 0.6:
        occupation = "PELAJAR/MAHASISWA"
    elif age > 62 and rng.random() < 0.4:
        occupation = rng.choice(("PENSIUNAN", "BELUM/TIDAK BEKERJA", "PETANI/PEKEBUN"))
    elif female and rng.random() < 0.3:
        occupation = "MENGURUS RUMAH TANGGA"
    else:
        occupation = rng.choice(OCCUPATIONS)
    religion = rng.choices(RELIGIONS, weights=RELIGION_WEIGHTS.get(tradition, DEFAULT_RELIGION))[0]
    regency_name = w.regencies[regency_code].name
    return Person(
        nik=nik,
        name=make_name(rng, tradition, female),
        birth_place=birth_place_for(rng, w, regency_code),
        birth_date=birth,
        sex="PEREMPUAN" if female else "LAKI-LAKI",
        blood_type=rng.choices(("-", "O", "A", "B", "AB"), weights=(35, 25, 18, 16, 6))[0],
        address=make_address(rng, village.name),
        rt_rw=f"{rng.randint(1, 25):03d}/{rng.randint(1, 15):03d}",
        village=village.name,
        district=district.name,
        religion=religion,
        marital_status=marital,
        occupation=occupation,
        nationality="WNI",
        valid_until=valid,
        province=header_province(w.provinces[province_code].name),
        regency=header_regency(regency_name),
        issue_place=header_regency(regency_name),
        issue_date=issue,
        tradition=tradition,
        codes={"province": province_code, "regency": regency_code, "district": district.code, "village": village.code},
    )


def impostor_card(victim: Person, other: Person) -> Person:
    """The victim's NIK (and the birth date and sex it encodes) under another person's name, birthplace, home."""
    return replace(
        victim,
        name=other.name,
        birth_place=other.birth_place,
        address=other.address,
        rt_rw=other.rt_rw,
        tradition=other.tradition,
    )


# ---- clerical differences between the registry and the card -----------------------------------------------------
SPELLINGS = {
    "MUHAMMAD": ("MUHAMAD", "MOHAMMAD", "MUHAMMAD"),
    "MUHAMAD": ("MUHAMMAD",),
    "MOHAMMAD": ("MUHAMMAD", "MOHAMAD"),
    "AHMAD": ("ACHMAD",),
    "ACHMAD": ("AHMAD",),
    "SITI": ("SITTI",),
    "YUSUF": ("YUSUP", "JUSUF"),
    "SYAIFUL": ("SAIFUL",),
    "RAHMAT": ("RACHMAT",),
    "JOKO": ("DJOKO",),
    "DJOKO": ("JOKO",),
    "SUHARTO": ("SOEHARTO",),
    "NURUL": ("NURUL",),
    "FATIMAH": ("FATIMA",),
    "KHADIJAH": ("HADIJAH",),
    "ABDULLAH": ("ABDULAH",),
    "HIDAYAT": ("HIDAYAT",),
    "TJAHJADI": ("CAHYADI",),
    "SOEBANDI": ("SUBANDI",),
    "ZAINAL": ("ZAENAL",),
    "LUTHFI": ("LUTFI",),
    "TAUFIK": ("TAUFIQ",),
    "EFENDI": ("EFFENDI",),
    "MOCHAMAD": ("MOCHAMMAD",),
    "YULIANTO": ("JULIANTO",),
    "ERNAWATI": ("ERNA WATI",),
    "NOVITASARI": ("NOVITA SARI",),
}
SPELLING_RULES = (
    ("OE", "U"),
    ("DJ", "J"),
    ("TJ", "C"),
    ("KH", "H"),
    ("SY", "S"),
    ("TH", "T"),
    ("NN", "N"),
    ("MM", "M"),
    ("LL", "L"),
    ("FF", "F"),
    ("$I", "Y"),
)


def spelling_variant(name: str) -> str | None:
    """A clerk's other spelling of one word of the name (MUHAMMAD / MUHAMAD), or None when we know none."""
    words = name.split()
    for i, word in enumerate(words):
        for alt in SPELLINGS.get(word, ()):
            if alt != word:
                return " ".join([*words[:i], alt, *words[i + 1 :]])
    for i, word in enumerate(words):  # old and new spelling, doubled letters, a final I written Y
        for old, new in SPELLING_RULES:
            alt = word.replace(old, new, 1) if old != "$I" else (word[:-1] + "Y" if word.endswith("I") else word)
            if alt != word and len(word) > 3:
                return " ".join([*words[:i], alt, *words[i + 1 :]])
    return None


def registry_row(p: Person, rng: random.Random, variant_rate: float = 0.35) -> tuple[dict[str, str], list[str]]:
    """The holder as the civil registry lists them, with a small clerical difference on some rows."""
    row = p.truth()
    row.pop("valid_until")
    variants: list[str] = []
    if rng.random() < variant_rate:
        alt = spelling_variant(p.name)
        if alt and rng.random() < 0.7:
            row["name"] = alt
            variants.append("name_spelling")
        addr = row["address"]
        if rng.random() < 0.5 and (addr.startswith(("JL. ", "JL ")) or " GG. " in addr or addr.startswith("GG. ")):
            addr = addr.replace("JL. ", "JALAN ", 1) if addr.startswith("JL. ") else addr
            addr = "JALAN " + addr[3:] if addr.startswith("JL ") else addr
            addr = addr.replace("GG. ", "GANG ")
            if addr != row["address"]:
                row["address"] = addr
                variants.append("address_abbrev")
        if rng.random() < 0.5 or not variants:
            rt, rw = row["rt_rw"].split("/")
            row["rt_rw"] = rng.choice(
                (f"{int(rt)}/{int(rw)}", f"RT.{rt[1:]}/RW.{rw[1:]}", f"{int(rt):02d}/{int(rw):02d}")
            )
            variants.append("rt_rw_format")
    return row, variants


# The contract's registry columns: the public contract (doctypes), nothing of the reader's or the generators'.
REGISTRY_COLUMNS = REGISTRY_FIELDS
