from typing import Literal

VerificationExportStatus = Literal["completed", "failed", "processing", "queued"]

VERIFICATION_EXPORT_STATUS_VALUES: set[VerificationExportStatus] = {
    "completed",
    "failed",
    "processing",
    "queued",
}


def check_verification_export_status(value: str) -> VerificationExportStatus:
    if value in VERIFICATION_EXPORT_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VERIFICATION_EXPORT_STATUS_VALUES!r}"
    )
