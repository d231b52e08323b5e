from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BreachRecords")


@_attrs_define
class BreachRecords:
    """
    Attributes:
        verification_jobs (list[str]):
        verification_events (list[str]):
        review_corrections (list[int]):
        review_audit (list[int]):
        files (list[str]): Storage folders, `<verification id>/`.
    """

    verification_jobs: list[str]
    verification_events: list[str]
    review_corrections: list[int]
    review_audit: list[int]
    files: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        verification_jobs = self.verification_jobs

        verification_events = self.verification_events

        review_corrections = self.review_corrections

        review_audit = self.review_audit

        files = self.files

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "verification_jobs": verification_jobs,
                "verification_events": verification_events,
                "review_corrections": review_corrections,
                "review_audit": review_audit,
                "files": files,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        verification_jobs = cast(list[str], d.pop("verification_jobs"))

        verification_events = cast(list[str], d.pop("verification_events"))

        review_corrections = cast(list[int], d.pop("review_corrections"))

        review_audit = cast(list[int], d.pop("review_audit"))

        files = cast(list[str], d.pop("files"))

        breach_records = cls(
            verification_jobs=verification_jobs,
            verification_events=verification_events,
            review_corrections=review_corrections,
            review_audit=review_audit,
            files=files,
        )

        breach_records.additional_properties = d
        return breach_records

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
