from typing import Literal

SubjectVerificationPersonalData = Literal["held", "purged"]

SUBJECT_VERIFICATION_PERSONAL_DATA_VALUES: set[SubjectVerificationPersonalData] = {
    "held",
    "purged",
}


def check_subject_verification_personal_data(
    value: str,
) -> SubjectVerificationPersonalData:
    if value in SUBJECT_VERIFICATION_PERSONAL_DATA_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SUBJECT_VERIFICATION_PERSONAL_DATA_VALUES!r}"
    )
