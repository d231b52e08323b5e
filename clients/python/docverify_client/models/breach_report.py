from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.breach_records import BreachRecords
    from ..models.breach_report_by_kind import BreachReportByKind
    from ..models.breach_report_counts import BreachReportCounts


T = TypeVar("T", bound="BreachReport")


@_attrs_define
class BreachReport:
    """
    Attributes:
        client (None | str):
        from_ (str):
        to (str):
        subjects (int): Distinct people (by NIK hash; a verification without a NIK counts once).
        verifications (int):
        counts (BreachReportCounts): By kind of personal data: nik, name, address, birth_date, document_image,
            card_image, claim, webhook_payload, …
        records (BreachRecords):
        by_kind (BreachReportByKind): Verification ids per kind of personal data.
        generated_at (str):
    """

    client: None | str
    from_: str
    to: str
    subjects: int
    verifications: int
    counts: BreachReportCounts
    records: BreachRecords
    by_kind: BreachReportByKind
    generated_at: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        client: None | str
        client = self.client

        from_ = self.from_

        to = self.to

        subjects = self.subjects

        verifications = self.verifications

        counts = self.counts.to_dict()

        records = self.records.to_dict()

        by_kind = self.by_kind.to_dict()

        generated_at = self.generated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "client": client,
                "from": from_,
                "to": to,
                "subjects": subjects,
                "verifications": verifications,
                "counts": counts,
                "records": records,
                "by_kind": by_kind,
                "generated_at": generated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.breach_records import BreachRecords  # noqa: PLC0415
        from ..models.breach_report_by_kind import BreachReportByKind  # noqa: PLC0415
        from ..models.breach_report_counts import BreachReportCounts  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_client(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        client = _parse_client(d.pop("client"))

        from_ = d.pop("from")

        to = d.pop("to")

        subjects = d.pop("subjects")

        verifications = d.pop("verifications")

        counts = BreachReportCounts.from_dict(d.pop("counts"))

        records = BreachRecords.from_dict(d.pop("records"))

        by_kind = BreachReportByKind.from_dict(d.pop("by_kind"))

        generated_at = d.pop("generated_at")

        breach_report = cls(
            client=client,
            from_=from_,
            to=to,
            subjects=subjects,
            verifications=verifications,
            counts=counts,
            records=records,
            by_kind=by_kind,
            generated_at=generated_at,
        )

        breach_report.additional_properties = d
        return breach_report

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
