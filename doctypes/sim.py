"""SIM (Surat Izin Mengemudi, the driving licence): its field model and its place in the house (reader:
workers.pipeline.extract.sim; generator: samples.sim).

A SIM prints no NIK. It is matched with a registry by the NIK the applicant claims, when one is sent (the record
found is compared on the fields a registry keeps in the same form: name, birth place and date, sex, blood type,
occupation; the SIM's address joins street, RT/RW, village, district and regency in one value, the registry's
keeps them apart, so it is not compared). Without a claimed NIK the registry's candidate search by name and
birth date runs and a clerk chooses (`REGISTRY_NOT_FOUND`, with the candidates); without a registry the block is
`not_checked`. A clerk always decides a SIM (`automatic` is off): the card ties no NIK to its holder.
"""

from __future__ import annotations

from doctypes.fields import Model, TextField, optional
from doctypes.spec import DocType, RegistryMatch


class SimFields(Model):
    # keys other types have too (name, sex, address, issuer …) carry no description of their own here: the
    # Verification's field model is one, and the first type's description would stand for all
    sim_number: TextField | None = optional("12 or 14 digits, without dashes or spaces (MMYY, area, serial).")
    sim_class: TextField | None = optional("A, B1, B2, C, C1, C2, D, D1, A UMUM, B1 UMUM or B2 UMUM.")
    name: TextField | None = optional()
    birth_place: TextField | None = optional()
    birth_date: TextField | None = optional()
    sex: TextField | None = optional()
    blood_type: TextField | None = optional()
    address: TextField | None = optional()
    occupation: TextField | None = optional()
    issuer: TextField | None = optional()
    valid_until: TextField | None = optional()


SIM = DocType(
    name="sim",
    fields=SimFields,
    title={"id": "SIM", "en": "Driving licence (SIM)"},
    page_name="SIM",
    reader="workers.pipeline.extract.sim:READER",
    generator="samples.sim",
    key_fields=("sim_number", "name", "birth_date"),
    read_failure_codes=("SIM_NUMBER_INVALID",),
    review_form=tuple(SimFields.model_fields),
    labels={
        "sim_number": {"id": "Nomor SIM", "en": "SIM number"},
        "sim_class": {"id": "Golongan SIM", "en": "SIM class"},
    },
    reasons={
        "SIM_NUMBER_DOB_MISMATCH": {
            "id": "Bulan dan tahun di nomor SIM berbeda dengan tanggal lahir yang tercetak.",
            "en": "The month and year in the SIM number differ from the printed birth date.",
        },
        "SIM_VALIDITY_NOT_BIRTHDAY": {
            "id": "Masa berlaku SIM tidak berakhir pada hari ulang tahun pemegangnya.",
            "en": "The SIM's validity does not end on its holder's birthday.",
        },
        "SIM_NUMBER_INVALID": {"id": "Nomor SIM harus 12 atau 14 angka.", "en": "A SIM number has 12 or 14 digits."},
        "SIM_CLASS_UNKNOWN": {"id": "Golongan SIM tidak dikenal.", "en": "The SIM class is not one that exists."},
    },
    registry=RegistryMatch(
        claimed_nik=True, fields=("name", "birth_place", "birth_date", "sex", "blood_type", "occupation")
    ),
)
