from typing import Literal

ListWebhookDeliveriesStatusType0 = Literal["dead", "delivered", "pending", "skipped"]

LIST_WEBHOOK_DELIVERIES_STATUS_TYPE_0_VALUES: set[ListWebhookDeliveriesStatusType0] = {
    "dead",
    "delivered",
    "pending",
    "skipped",
}


def check_list_webhook_deliveries_status_type_0(
    value: str,
) -> ListWebhookDeliveriesStatusType0:
    if value in LIST_WEBHOOK_DELIVERIES_STATUS_TYPE_0_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LIST_WEBHOOK_DELIVERIES_STATUS_TYPE_0_VALUES!r}"
    )
