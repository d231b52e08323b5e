"""Synthetic households for the clean-room KK and SKTM renderers.

Written from a description of the real documents only (no code of the project's own generators), with its own
name lists, so that the reader is measured on people and layouts nobody tuned it on. Every person is invented:
names are drawn from short per-culture lists and combined at random; places are real Kemendagri codes
(`primitives/data/wilayah.csv`) because a NIK must encode a real district; NIKs pass `stdnum.id.nik`.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from functools import lru_cache

from stdnum.id import nik as stdnik

from primitives.regions import Region, card_province, card_regency, load_regions, place_name

# --- names ------------------------------------------------------------------------------------------------------
# (male given, female given, family names or "" when the culture mostly has none)
NAMES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "javanese": (
        [
            "SUTRISNO",
            "BAMBANG",
            "JOKO",
            "SLAMET",
            "WAHYU",
            "SUGENG",
            "TRIYONO",
            "AGUS",
            "HERU",
            "PRASETYO",
            "WIDODO",
            "SURYADI",
            "DWI",
            "BAYU",
            "EKO",
            "PURNOMO",
            "SANTOSO",
            "HARYANTO",
            "GUNAWAN",
            "TEGUH",
            "RAHMAT",
            "NUGROHO",
            "SETIAWAN",
            "KUSNADI",
            "MARDI",
        ],
        [
            "SRI",
            "SITI",
            "ENDANG",
            "RAHAYU",
            "WULANDARI",
            "SUMIATI",
            "PURWANTI",
            "TRI",
            "NINGSIH",
            "LESTARI",
            "DEWI",
            "SUPARMI",
            "WAHYUNI",
            "KARTINI",
            "RATNA",
            "YULIANI",
            "SETYANINGSIH",
            "HARTINI",
            "MURNI",
            "SUKARTI",
            "INDAH",
            "ANGGRAENI",
        ],
        ["", "", "", "SANTOSO", "WIBOWO", "HARTONO", "KUSUMA", "SAPUTRO", "PRAKOSO", "UTOMO"],
    ),
    "sundanese": (
        [
            "ASEP",
            "DEDE",
            "UJANG",
            "CECEP",
            "DADANG",
            "ENCEP",
            "JAJANG",
            "AGUS",
            "YAYAN",
            "DEDI",
            "ENDANG",
            "HENDRA",
            "IWAN",
            "OMAN",
            "ADE",
            "DODI",
            "WAWAN",
            "RUDI",
            "ANDRI",
            "ENJANG",
        ],
        [
            "EUIS",
            "NENG",
            "IMAS",
            "CUCU",
            "ENI",
            "TITIN",
            "YENI",
            "NURHAYATI",
            "IIS",
            "LILIS",
            "ENTIN",
            "YAYAH",
            "NINING",
            "ROSITA",
            "DEWI",
            "SRI",
            "ELIS",
            "POPON",
        ],
        ["", "", "", "SUHENDAR", "HIDAYAT", "SOBARI", "SUPRIATNA", "KURNIAWAN", "RUSTANDI", "SUNARYA"],
    ),
    "batak": (
        [
            "TUMPAL",
            "PARLINDUNGAN",
            "HOTMAN",
            "BONAR",
            "JANSEN",
            "MARULI",
            "HORAS",
            "TIGOR",
            "RAJA",
            "SAHAT",
            "DANIEL",
            "SAMUEL",
            "JOSUA",
            "RICARDO",
            "FERDINAN",
            "POLTAK",
            "BINSAR",
        ],
        [
            "RUTH",
            "MARIA",
            "ROSLINA",
            "TIURMA",
            "SARMAULI",
            "DELIMA",
            "HOTNIDA",
            "LAMRIA",
            "ROMAULI",
            "ELFRIDA",
            "YOLANDA",
            "MERIATI",
            "DORA",
            "NURMALA",
        ],
        [
            "SIMANJUNTAK",
            "SIREGAR",
            "NASUTION",
            "HUTAGALUNG",
            "SITOMPUL",
            "PANJAITAN",
            "SINAGA",
            "MANURUNG",
            "TAMPUBOLON",
            "SIAHAAN",
            "SIHOMBING",
            "LUBIS",
            "HARAHAP",
            "GINTING",
            "TARIGAN",
            "SEMBIRING",
            "NAINGGOLAN",
            "SIMATUPANG",
        ],
    ),
    "malay": (
        [
            "ZULKIFLI",
            "AZHAR",
            "SYAMSUL",
            "RAZALI",
            "HAMDAN",
            "ISKANDAR",
            "FAUZI",
            "MUSLIM",
            "IDRIS",
            "KAMARUDDIN",
            "ZAINAL",
            "RIDWAN",
            "AMRAN",
            "TAUFIK",
            "HASAN",
        ],
        [
            "ROSNAH",
            "ZAINAB",
            "NORMA",
            "AZIZAH",
            "HALIMAH",
            "SALMAH",
            "MASNAH",
            "RUSMINI",
            "JULIANA",
            "NURAINI",
            "ROHANI",
            "ASMAH",
            "MARIANI",
            "ZUBAIDAH",
        ],
        ["", "", "", "EFFENDI", "SYAHPUTRA", "HAMID", "RAHMAN", "YUSUF"],
    ),
    "arabic": (
        [
            "MUHAMMAD",
            "AHMAD",
            "ABDULLAH",
            "ABDUL RAHMAN",
            "UMAR",
            "ALI",
            "HUSAIN",
            "FAISAL",
            "SALIM",
            "HAMZAH",
            "ILYAS",
            "MUSTAFA",
            "YUSUF",
            "SYARIF",
            "FIKRI",
            "RIZKI",
            "FARHAN",
            "NAUFAL",
        ],
        [
            "FATIMAH",
            "AISYAH",
            "KHADIJAH",
            "MARYAM",
            "NUR AINI",
            "SALSABILA",
            "ZAHRA",
            "NAJWA",
            "LAILA",
            "SYIFA",
            "HAFSAH",
            "RAHMA",
            "NABILA",
            "ULFA",
        ],
        ["", "", "ALATAS", "ASSEGAF", "BAHASYIM", "ALHABSYI", "BAWAZIER", "SHAHAB", "AL KATIRI"],
    ),
    "chinese": (
        [
            "HENDRA",
            "WILLIAM",
            "KEVIN",
            "SUWANDI",
            "HARTONO",
            "BUDI",
            "JOHAN",
            "FELIX",
            "ANTONI",
            "SUNARDI",
            "TJAHJADI",
            "HANS",
            "RUDY",
            "VINCENT",
        ],
        [
            "LINDA",
            "MEILANI",
            "SUSANTI",
            "LILIANA",
            "JESSICA",
            "FELICIA",
            "MEGAWATI",
            "LANNY",
            "NATALIA",
            "YENNY",
            "CINDY",
            "SHERLY",
            "VERONIKA",
        ],
        [
            "TAN",
            "LIM",
            "GUNAWAN",
            "SANTOSA",
            "WIJAYA",
            "HALIM",
            "TANOTO",
            "SALIM",
            "KUSUMA",
            "SETIADI",
            "LIEM",
            "GO",
            "TJANDRA",
            "HALIMAWAN",
        ],
    ),
    "balinese": (
        [
            "I WAYAN",
            "I MADE",
            "I NYOMAN",
            "I KETUT",
            "I GEDE",
            "I PUTU",
            "I KOMANG",
            "IDA BAGUS",
            "ANAK AGUNG GDE",
            "I GUSTI NGURAH",
        ],
        [
            "NI WAYAN",
            "NI MADE",
            "NI NYOMAN",
            "NI KETUT",
            "NI PUTU",
            "NI LUH",
            "NI KOMANG",
            "IDA AYU",
            "ANAK AGUNG ISTRI",
            "DESAK MADE",
        ],
        [
            "SUDARMA",
            "ARTANA",
            "SUARDANA",
            "WIRAWAN",
            "SUKADANA",
            "ASTITI",
            "ARIANI",
            "SUCIPTA",
            "WIDIASTUTI",
            "PARWATA",
            "SUDIRTA",
            "MERTAYASA",
            "SUASTIKA",
        ],
    ),
    "papuan": (
        [
            "YOHANES",
            "MARKUS",
            "YAKOBUS",
            "PETRUS",
            "AGUSTINUS",
            "NIKOLAS",
            "OKTOVIANUS",
            "YULIUS",
            "SEMUEL",
            "DOMINGGUS",
            "FRANS",
            "ELIA",
            "NATAN",
        ],
        [
            "MARTHA",
            "YOHANA",
            "DORKAS",
            "AGUSTINA",
            "ELISABETH",
            "SELVINA",
            "DEBORA",
            "YULIANA",
            "MARIA",
            "FERONIKA",
            "LEA",
            "NOVITA",
        ],
        [
            "WENDA",
            "KOGOYA",
            "TABUNI",
            "WONDA",
            "MAYOR",
            "RUMBIAK",
            "KARUBABA",
            "WANIMBO",
            "YIKWA",
            "MURIB",
            "RUMAKIEK",
            "KAFIAR",
            "WOMSIWOR",
            "ANSANAY",
        ],
    ),
}
FAMILY_NAME_ALWAYS = {"batak", "chinese", "papuan"}  # surname or personal name always written
ALWAYS_TWO_WORDS = {"balinese"}

# Where each culture mostly lives (province codes); one in five households lives anywhere.
HOMES: dict[str, list[str]] = {
    "javanese": ["33", "34", "35"],
    "sundanese": ["32", "36"],
    "batak": ["12"],
    "malay": ["14", "21", "16", "61"],
    "arabic": ["31", "35", "63", "73"],
    "chinese": ["31", "12", "61", "35", "32"],
    "balinese": ["51"],
    "papuan": ["91", "92", "94", "95", "96", "97"],
}
RELIGIONS: dict[str, list[str]] = {
    "javanese": ["ISLAM"] * 8 + ["KRISTEN", "KATOLIK"],
    "sundanese": ["ISLAM"] * 9 + ["KRISTEN"],
    "batak": ["KRISTEN", "KRISTEN", "KATOLIK", "ISLAM"],
    "malay": ["ISLAM"],
    "arabic": ["ISLAM"],
    "chinese": ["BUDHA", "KRISTEN", "KATOLIK", "KONGHUCU"],
    "balinese": ["HINDU"] * 6 + ["KRISTEN"],
    "papuan": ["KRISTEN", "KRISTEN", "KATOLIK"],
}
CULTURES = list(NAMES)

EDUCATION = [
    "TIDAK/BELUM SEKOLAH",
    "BELUM TAMAT SD/SEDERAJAT",
    "TAMAT SD/SEDERAJAT",
    "SLTP/SEDERAJAT",
    "SLTA/SEDERAJAT",
    "DIPLOMA I/II",
    "AKADEMI/DIPLOMA III/S. MUDA",
    "DIPLOMA IV/STRATA I",
    "STRATA II",
]
ADULT_JOBS_MALE = [
    "WIRASWASTA",
    "PETANI/PEKEBUN",
    "KARYAWAN SWASTA",
    "BURUH HARIAN LEPAS",
    "PEDAGANG",
    "NELAYAN/PERIKANAN",
    "SOPIR",
    "TUKANG BATU",
    "TUKANG KAYU",
    "PEGAWAI NEGERI SIPIL (PNS)",
    "BURUH TANI/PERKEBUNAN",
    "KARYAWAN BUMN",
    "GURU",
    "PERANGKAT DESA",
    "TENTARA NASIONAL INDONESIA",
    "BELUM/TIDAK BEKERJA",
    "MEKANIK",
    "PETERNAK",
]
ADULT_JOBS_FEMALE = ["MENGURUS RUMAH TANGGA"] * 6 + [
    "WIRASWASTA",
    "PEDAGANG",
    "GURU",
    "KARYAWAN SWASTA",
    "BIDAN",
    "PERAWAT",
    "BURUH HARIAN LEPAS",
    "PEGAWAI NEGERI SIPIL (PNS)",
    "PETANI/PEKEBUN",
]
STREETS = [
    "MAWAR",
    "MELATI",
    "KENANGA",
    "ANGGREK",
    "CEMPAKA",
    "DAHLIA",
    "FLAMBOYAN",
    "BERINGIN",
    "MERDEKA",
    "PAHLAWAN",
    "SUDIRMAN",
    "DIPONEGORO",
    "GAJAH MADA",
    "KARTINI",
    "PEMUDA",
    "PERINTIS",
    "SWADAYA",
    "SAWO",
    "DURIAN",
    "NANGKA",
    "RAMBUTAN",
    "KELAPA GADING",
    "SUKAMAJU",
    "HARAPAN",
    "BUKIT INDAH",
    "CENDRAWASIH",
    "NURI",
    "KASUARI",
    "RAJAWALI",
    "SEROJA",
]
HAMLETS = [
    "KRAJAN",
    "SUKAMULYA",
    "MEKARSARI",
    "SIDOREJO",
    "TANJUNG",
    "BATU AMPAR",
    "KAMPUNG BARU",
    "SUMBERSARI",
    "CIBODAS",
    "PAGERAN",
    "LEMBAH HIJAU",
    "SIMPANG TIGA",
]
MONTHS_ID = [
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
]


@dataclass
class Place:
    """A household's registered place: real region names, and the district code its NIKs carry."""

    province: str
    regency: str  # as the KK prints it: KABUPATEN X / KOTA X / JAKARTA SELATAN
    regency_place: str  # X, as a birth place or a letter's place of issue
    regency_region: str  # as published, upper: KABUPATEN X, KOTA ADMINISTRASI JAKARTA SELATAN
    district: str
    village: str
    village_is_kelurahan: bool
    district_code: str  # six digits
    postal_code: str


@dataclass
class Person:
    name: str
    sex: str  # LAKI-LAKI | PEREMPUAN
    birth_place: str
    birth_date: dt.date
    nik: str
    religion: str
    education: str
    occupation: str
    marital_status: str
    relationship: str
    father_name: str
    mother_name: str
    blood_type: str = "-"
    marriage_date: dt.date | None = None
    nationality: str = "WNI"

    def truth(self) -> dict[str, str]:
        """The contract's member keys, in the order of the committed truth files."""
        return {
            "nik": self.nik,
            "name": self.name,
            "sex": self.sex,
            "birth_place": self.birth_place,
            "birth_date": self.birth_date.isoformat(),
            "religion": self.religion,
            "education": self.education,
            "occupation": self.occupation,
            "marital_status": self.marital_status,
            "relationship": self.relationship,
            "nationality": self.nationality,
            "father_name": self.father_name,
            "mother_name": self.mother_name,
        }


@dataclass
class Household:
    place: Place
    address: str  # street line without RT/RW
    rt_rw: str  # NNN/NNN
    kk_number: str
    issue_date: dt.date
    culture: str
    members: list[Person] = field(default_factory=list)

    @property
    def head(self) -> Person:
        return self.members[0]


@lru_cache(maxsize=1)
def _district_codes() -> dict[str, list[str]]:
    """Dotted district codes per province, only those whose regency `stdnum.id.nik` knows (else no valid NIK)."""
    regions = load_regions()
    out: dict[str, list[str]] = {}
    for r in regions.by_code.values():
        if r.level != "district" or not regions.children_of(r.code):
            continue
        code6 = r.code.replace(".", "")
        if len(code6) == 6 and stdnik.is_valid(code6 + "0101800001"):
            out.setdefault(r.code[:2], []).append(r.code)
    for codes in out.values():
        codes.sort()
    return out


def postal_code(rng: random.Random, province_code: str) -> str:
    """A five-digit code whose first digit follows the island, as real ones do (Sumatra 2, Java 1/4/5/6 …)."""
    first = {"31": "1", "32": "4", "36": "4", "33": "5", "34": "5", "35": "6"}.get(province_code)
    if first is None:
        first = {"1": "2", "2": "2", "5": "8", "6": "7", "7": "9", "8": "9", "9": "9"}[province_code[0]]
    return first + f"{rng.randrange(0, 10000):04d}"


def pick_place(rng: random.Random, culture: str | None = None) -> Place:
    codes = _district_codes()
    provinces = [p for p in HOMES.get(culture or "", []) if p in codes]
    if not provinces or rng.random() < 0.2:
        provinces = sorted(codes)
    dcode = rng.choice(codes[rng.choice(provinces)])
    regions = load_regions()
    district = regions.get(dcode)
    regency = regions.get(dcode.rpartition(".")[0])
    province = regions.get(dcode[:2])
    assert district and regency and province
    village: Region = rng.choice(regions.children_of(dcode))
    return Place(
        province=card_province(province),
        regency=card_regency(regency),
        regency_place=place_name(regency),
        regency_region=regency.upper,
        district=district.upper,
        village=village.upper,
        village_is_kelurahan=village.code.rpartition(".")[2].startswith("1"),
        district_code=dcode.replace(".", ""),
        postal_code=postal_code(rng, dcode[:2]),
    )


def make_nik(rng: random.Random, district_code: str, birth: dt.date, sex: str) -> str:
    day = birth.day + (40 if sex == "PEREMPUAN" else 0)
    nik = f"{district_code}{day:02d}{birth.month:02d}{birth.year % 100:02d}{rng.randrange(1, 10000):04d}"
    stdnik.validate(nik)
    return nik


def make_name(rng: random.Random, culture: str, sex: str, family: str | None = None) -> str:
    male, female, families = NAMES[culture]
    given = rng.choice(male if sex == "LAKI-LAKI" else female)
    words = [given]
    if rng.random() < 0.45 and culture not in ("balinese",):
        second = rng.choice(male if sex == "LAKI-LAKI" else female)
        if second not in given:
            words.append(second)
    surname = family if family is not None else rng.choice(families)
    if culture == "balinese":
        surname = rng.choice(families)
    if surname and (culture in FAMILY_NAME_ALWAYS | ALWAYS_TWO_WORDS or rng.random() < 0.6):
        words.append(surname)
    return " ".join(words)


def surname_of(name: str, culture: str) -> str | None:
    """The family name children inherit (Batak marga, Chinese-Indonesian and Papuan clan names)."""
    if culture in FAMILY_NAME_ALWAYS:
        return name.split()[-1]
    return None


def make_address(rng: random.Random) -> str:
    kind = rng.random()
    no = rng.randrange(1, 150)
    if kind < 0.45:
        return f"JL. {rng.choice(STREETS)} NO. {no}"
    if kind < 0.6:
        return f"GG. {rng.choice(STREETS)} NO. {no}"
    if kind < 0.72:
        return (
            f"PERUM {rng.choice(STREETS)} {rng.choice(['INDAH', 'ASRI', 'PERMAI', 'RESIDENCE'])} "
            f"BLOK {rng.choice('ABCDEFGH')}{rng.randrange(1, 20)} NO. {no}"
        )
    if kind < 0.86:
        return f"DUSUN {rng.choice(HAMLETS)}"
    return f"KP. {rng.choice(HAMLETS)}"


def random_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange(0, max(1, (end - start).days)))


def adult_education(rng: random.Random) -> str:
    return rng.choices(EDUCATION[2:], weights=[20, 20, 30, 4, 6, 14, 2])[0]


def child_education(age: int, rng: random.Random) -> str:
    if age < 6:
        return "TIDAK/BELUM SEKOLAH"
    if age < 13:
        return "BELUM TAMAT SD/SEDERAJAT"
    if age < 16:
        return "TAMAT SD/SEDERAJAT"
    if age < 19:
        return "SLTP/SEDERAJAT"
    return rng.choice(["SLTA/SEDERAJAT", "SLTA/SEDERAJAT", "DIPLOMA IV/STRATA I", "AKADEMI/DIPLOMA III/S. MUDA"])


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def make_household(rng: random.Random, issue_from: int = 2010, issue_to: int = 2026) -> Household:
    """A head, usually a spouse, 0-5 children and now and then a parent or another relative, born to fit."""
    culture = rng.choice(CULTURES)
    place = pick_place(rng, culture)
    issue = random_date(rng, dt.date(issue_from, 1, 1), dt.date(issue_to, 11, 30))
    religion = rng.choice(RELIGIONS[culture])
    head_sex = "LAKI-LAKI" if rng.random() < 0.85 else "PEREMPUAN"
    head_birth = random_date(rng, dt.date(issue.year - 70, 1, 1), dt.date(issue.year - 22, 1, 1))
    married = rng.random() < (0.85 if head_sex == "LAKI-LAKI" else 0.0)
    head_name = make_name(rng, culture, head_sex)
    surname = surname_of(head_name, culture)

    def blood() -> str:
        return rng.choice(["A", "B", "AB", "O", "-", "-", "-"])

    def parents(family: str | None = None) -> tuple[str, str]:
        return make_name(rng, culture, "LAKI-LAKI", family), make_name(rng, culture, "PEREMPUAN")

    def nik_for(birth: dt.date, sex: str) -> str:
        code = place.district_code
        if rng.random() < 0.15:  # moved in from another district: the NIK keeps the old code
            code = pick_place(rng, culture).district_code
        return make_nik(rng, code, birth, sex)

    members: list[Person] = []
    marriage = random_date(
        rng, dt.date(head_birth.year + 20, 1, 1), dt.date(min(issue.year, head_birth.year + 35), 1, 2)
    )
    widowed = head_sex == "PEREMPUAN" or rng.random() < 0.4
    head_status = "KAWIN" if married else ("CERAI MATI" if widowed else "BELUM KAWIN")
    hf, hm = parents(surname)
    head_job = rng.choice(ADULT_JOBS_MALE if head_sex == "LAKI-LAKI" else ADULT_JOBS_FEMALE[6:])
    birth_place = rng.choice([place.regency_place, pick_place(rng, culture).regency_place])
    members.append(
        Person(
            head_name,
            head_sex,
            birth_place,
            head_birth,
            nik_for(head_birth, head_sex),
            religion,
            adult_education(rng),
            head_job,
            head_status,
            "KEPALA KELUARGA",
            hf,
            hm,
            blood(),
            marriage if head_status != "BELUM KAWIN" else None,
        )
    )
    father, mother = (head_name, "") if head_sex == "LAKI-LAKI" else ("", head_name)
    if married:
        wife_birth = random_date(rng, dt.date(head_birth.year - 2, 1, 1), dt.date(head_birth.year + 9, 1, 1))
        wife_culture = culture if rng.random() < 0.8 else rng.choice(CULTURES)
        wife = make_name(rng, wife_culture, "PEREMPUAN")
        wf, wm = make_name(rng, wife_culture, "LAKI-LAKI"), make_name(rng, wife_culture, "PEREMPUAN")
        members.append(
            Person(
                wife,
                "PEREMPUAN",
                pick_place(rng, wife_culture).regency_place,
                wife_birth,
                nik_for(wife_birth, "PEREMPUAN"),
                religion,
                adult_education(rng),
                rng.choice(ADULT_JOBS_FEMALE),
                "KAWIN",
                "ISTRI",
                wf,
                wm,
                blood(),
                marriage,
            )
        )
        mother = wife
    elif head_status != "BELUM KAWIN":
        other = "PEREMPUAN" if head_sex == "LAKI-LAKI" else "LAKI-LAKI"
        if other == "LAKI-LAKI":
            father = make_name(rng, culture, other)
        else:
            mother = make_name(rng, culture, other)
    if head_status != "BELUM KAWIN":
        start = max(marriage + dt.timedelta(days=300), dt.date(1950, 1, 1))
        births: list[dt.date] = []
        for _ in range(rng.choice([0, 1, 2, 2, 3, 3, 4, 5])):
            if start >= issue - dt.timedelta(days=30):
                break
            b = random_date(rng, start, min(issue - dt.timedelta(days=20), start + dt.timedelta(days=2500)))
            births.append(b)
            start = b + dt.timedelta(days=400)
        for b in births:
            sex = rng.choice(["LAKI-LAKI", "PEREMPUAN"])
            age = age_on(b, issue)
            name = make_name(rng, culture, sex, surname)
            child_married = age >= 24 and rng.random() < 0.3
            if age < 18:
                job = "PELAJAR/MAHASISWA" if age >= 6 else "BELUM/TIDAK BEKERJA"
            else:
                job = rng.choice(["PELAJAR/MAHASISWA", "BELUM/TIDAK BEKERJA", "KARYAWAN SWASTA", "WIRASWASTA"])
            members.append(
                Person(
                    name,
                    sex,
                    place.regency_place,
                    b,
                    nik_for(b, sex),
                    religion,
                    child_education(age, rng),
                    job,
                    "KAWIN" if child_married else "BELUM KAWIN",
                    "ANAK",
                    father or make_name(rng, culture, "LAKI-LAKI", surname),
                    mother or make_name(rng, culture, "PEREMPUAN"),
                    blood(),
                    random_date(rng, dt.date(b.year + 22, 1, 1), issue) if child_married else None,
                )
            )
    extra = rng.random()
    if extra < 0.12 and head_birth.year > issue.year - 60:
        pb = random_date(rng, dt.date(head_birth.year - 35, 1, 1), dt.date(head_birth.year - 20, 1, 1))
        members.append(
            Person(
                hm,
                "PEREMPUAN",
                pick_place(rng, culture).regency_place,
                pb,
                nik_for(pb, "PEREMPUAN"),
                religion,
                "TIDAK/BELUM SEKOLAH",
                "MENGURUS RUMAH TANGGA",
                "CERAI MATI",
                "ORANG TUA",
                make_name(rng, culture, "LAKI-LAKI"),
                make_name(rng, culture, "PEREMPUAN"),
                "-",
            )
        )
    elif extra < 0.22:
        sex = rng.choice(["LAKI-LAKI", "PEREMPUAN"])
        fb = random_date(rng, dt.date(issue.year - 40, 1, 1), dt.date(issue.year - 8, 1, 1))
        f_, m_ = parents()
        members.append(
            Person(
                make_name(rng, culture, sex),
                sex,
                pick_place(rng, culture).regency_place,
                fb,
                nik_for(fb, sex),
                religion,
                child_education(age_on(fb, issue), rng),
                rng.choice(["PELAJAR/MAHASISWA", "BURUH HARIAN LEPAS", "BELUM/TIDAK BEKERJA"]),
                "BELUM KAWIN",
                "FAMILI LAIN",
                f_,
                m_,
                blood(),
            )
        )
    members = members[:10]
    kk_number = (
        f"{place.district_code}{issue.day:02d}{issue.month:02d}{issue.year % 100:02d}{rng.randrange(1, 10000):04d}"
    )
    rt_rw = f"{rng.randrange(1, 25):03d}/{rng.randrange(1, 16):03d}"
    return Household(place, make_address(rng), rt_rw, kk_number, issue, culture, members)


def indonesian_date(day: dt.date, month_case: str = "title") -> str:
    """`12 Mei 2026`, as letters print the place-and-date line."""
    month = MONTHS_ID[day.month - 1]
    return f"{day.day} {month.upper() if month_case == 'upper' else month} {day.year}"
