from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.registry_status import RegistryStatus, check_registry_status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.candidate import Candidate
    from ..models.registry_fields import RegistryFields


T = TypeVar("T", bound="Registry")


@_attrs_define
class Registry:
    """
    Attributes:
        status (RegistryStatus):
        source (None | str | Unset):
        record_id (None | str | Unset):
        score (float | None | Unset):
        fields (RegistryFields | Unset):
        candidates (list[Candidate] | None | Unset): Without a record found by NIK: the best records by name and birth
            date, for a clerk.
        lookup_ms (float | None | Unset):
        remote (bool | None | Unset): True when a remote registry answered (verdicts, no record values).
        error (None | str | Unset): Why a remote registry is unavailable.
        attempts (int | None | Unset): How often an unavailable remote registry was asked.
    """

    status: RegistryStatus
    source: None | str | Unset = UNSET
    record_id: None | str | Unset = UNSET
    score: float | None | Unset = UNSET
    fields: RegistryFields | Unset = UNSET
    candidates: list[Candidate] | None | Unset = UNSET
    lookup_ms: float | None | Unset = UNSET
    remote: bool | None | Unset = UNSET
    error: None | str | Unset = UNSET
    attempts: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: str = self.status

        source: None | str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        else:
            source = self.source

        record_id: None | str | Unset
        if isinstance(self.record_id, Unset):
            record_id = UNSET
        else:
            record_id = self.record_id

        score: float | None | Unset
        if isinstance(self.score, Unset):
            score = UNSET
        else:
            score = self.score

        fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.fields, Unset):
            fields = self.fields.to_dict()

        candidates: list[dict[str, Any]] | None | Unset
        if isinstance(self.candidates, Unset):
            candidates = UNSET
        elif isinstance(self.candidates, list):
            candidates = []
            for candidates_type_0_item_data in self.candidates:
                candidates_type_0_item = candidates_type_0_item_data.to_dict()
                candidates.append(candidates_type_0_item)

        else:
            candidates = self.candidates

        lookup_ms: float | None | Unset
        if isinstance(self.lookup_ms, Unset):
            lookup_ms = UNSET
        else:
            lookup_ms = self.lookup_ms

        remote: bool | None | Unset
        if isinstance(self.remote, Unset):
            remote = UNSET
        else:
            remote = self.remote

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        attempts: int | None | Unset
        if isinstance(self.attempts, Unset):
            attempts = UNSET
        else:
            attempts = self.attempts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if source is not UNSET:
            field_dict["source"] = source
        if record_id is not UNSET:
            field_dict["record_id"] = record_id
        if score is not UNSET:
            field_dict["score"] = score
        if fields is not UNSET:
            field_dict["fields"] = fields
        if candidates is not UNSET:
            field_dict["candidates"] = candidates
        if lookup_ms is not UNSET:
            field_dict["lookup_ms"] = lookup_ms
        if remote is not UNSET:
            field_dict["remote"] = remote
        if error is not UNSET:
            field_dict["error"] = error
        if attempts is not UNSET:
            field_dict["attempts"] = attempts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.candidate import Candidate  # noqa: PLC0415
        from ..models.registry_fields import RegistryFields  # noqa: PLC0415

        d = dict(src_dict)
        status = check_registry_status(d.pop("status"))

        def _parse_source(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        def _parse_record_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        record_id = _parse_record_id(d.pop("record_id", UNSET))

        def _parse_score(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        score = _parse_score(d.pop("score", UNSET))

        _fields = d.pop("fields", UNSET)
        fields: RegistryFields | Unset
        if isinstance(_fields, Unset):
            fields = UNSET
        else:
            fields = RegistryFields.from_dict(_fields)

        def _parse_candidates(data: object) -> list[Candidate] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                candidates_type_0 = []
                _candidates_type_0 = data
                for candidates_type_0_item_data in _candidates_type_0:
                    candidates_type_0_item = Candidate.from_dict(
                        candidates_type_0_item_data
                    )

                    candidates_type_0.append(candidates_type_0_item)

                return candidates_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Candidate] | None | Unset, data)

        candidates = _parse_candidates(d.pop("candidates", UNSET))

        def _parse_lookup_ms(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        lookup_ms = _parse_lookup_ms(d.pop("lookup_ms", UNSET))

        def _parse_remote(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        remote = _parse_remote(d.pop("remote", UNSET))

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_attempts(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        attempts = _parse_attempts(d.pop("attempts", UNSET))

        registry = cls(
            status=status,
            source=source,
            record_id=record_id,
            score=score,
            fields=fields,
            candidates=candidates,
            lookup_ms=lookup_ms,
            remote=remote,
            error=error,
            attempts=attempts,
        )

        registry.additional_properties = d
        return registry

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
