from typing import Literal

ListVerificationsStatusType0 = Literal["completed", "failed", "processing", "queued"]

LIST_VERIFICATIONS_STATUS_TYPE_0_VALUES: set[ListVerificationsStatusType0] = {
    "completed",
    "failed",
    "processing",
    "queued",
}


def check_list_verifications_status_type_0(value: str) -> ListVerificationsStatusType0:
    if value in LIST_VERIFICATIONS_STATUS_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_VERIFICATIONS_STATUS_TYPE_0_VALUES!r}"
    )
