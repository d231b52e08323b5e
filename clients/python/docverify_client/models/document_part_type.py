from typing import Literal

DocumentPartType = Literal["kk", "ktp", "passport", "sim", "sktm", "unknown"]

DOCUMENT_PART_TYPE_VALUES: set[DocumentPartType] = {
    "kk",
    "ktp",
    "passport",
    "sim",
    "sktm",
    "unknown",
}


def check_document_part_type(value: str) -> DocumentPartType:
    if value in DOCUMENT_PART_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {DOCUMENT_PART_TYPE_VALUES!r}"
    )
