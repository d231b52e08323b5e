from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="CreateVerificationBody")


@_attrs_define
class CreateVerificationBody:
    """
    Attributes:
        file (list[File]): JPEG, PNG, WebP, TIFF or PDF; repeat for more pages.
        document_type (None | str | Unset): auto | ktp | kk | passport | sktm | sim
        claim (None | str | Unset): JSON object: what the applicant says (nik, name, …)
        registry (None | str | Unset): Registry to match against
        callback_url (None | str | Unset): Where to POST the signed events of this verification:
            `verification.completed` or `verification.failed` when processing ends, then `verification.reviewed` when a
            clerk decides (and `verification.reassessed` after a re-assessment) (http or https; must resolve to a public
            address unless allow-listed). Without it nothing is sent: the events are listed with delivery status `skipped`.
        program (None | str | Unset): Eligibility program to assess (its rules and registry)
        operator (None | str | Unset): Who at the front office submits it: a short id of your choosing (1-64 printable
            characters; an employee number or a counter, no personal data needed). Fraud bursts are counted per operator.
        channel (None | str | Unset): Where it was submitted: a short id of your choosing (1-64 printable characters),
            e.g. counter, mobile-unit, kiosk.
    """

    file: list[File]
    document_type: None | str | Unset = UNSET
    claim: None | str | Unset = UNSET
    registry: None | str | Unset = UNSET
    callback_url: None | str | Unset = UNSET
    program: None | str | Unset = UNSET
    operator: None | str | Unset = UNSET
    channel: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file = []
        for file_item_data in self.file:
            file_item = file_item_data.to_tuple()

            file.append(file_item)

        document_type: None | str | Unset
        if isinstance(self.document_type, Unset):
            document_type = UNSET
        else:
            document_type = self.document_type

        claim: None | str | Unset
        if isinstance(self.claim, Unset):
            claim = UNSET
        else:
            claim = self.claim

        registry: None | str | Unset
        if isinstance(self.registry, Unset):
            registry = UNSET
        else:
            registry = self.registry

        callback_url: None | str | Unset
        if isinstance(self.callback_url, Unset):
            callback_url = UNSET
        else:
            callback_url = self.callback_url

        program: None | str | Unset
        if isinstance(self.program, Unset):
            program = UNSET
        else:
            program = self.program

        operator: None | str | Unset
        if isinstance(self.operator, Unset):
            operator = UNSET
        else:
            operator = self.operator

        channel: None | str | Unset
        if isinstance(self.channel, Unset):
            channel = UNSET
        else:
            channel = self.channel

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
            }
        )
        if document_type is not UNSET:
            field_dict["document_type"] = document_type
        if claim is not UNSET:
            field_dict["claim"] = claim
        if registry is not UNSET:
            field_dict["registry"] = registry
        if callback_url is not UNSET:
            field_dict["callback_url"] = callback_url
        if program is not UNSET:
            field_dict["program"] = program
        if operator is not UNSET:
            field_dict["operator"] = operator
        if channel is not UNSET:
            field_dict["channel"] = channel

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        for file_item_element in self.file:
            files.append(("file", file_item_element.to_tuple()))

        if not isinstance(self.document_type, Unset):
            if isinstance(self.document_type, str):
                files.append(
                    (
                        "document_type",
                        (None, str(self.document_type).encode(), "text/plain"),
                    )
                )
            else:
                files.append(
                    (
                        "document_type",
                        (None, str(self.document_type).encode(), "text/plain"),
                    )
                )

        if not isinstance(self.claim, Unset):
            if isinstance(self.claim, str):
                files.append(("claim", (None, str(self.claim).encode(), "text/plain")))
            else:
                files.append(("claim", (None, str(self.claim).encode(), "text/plain")))

        if not isinstance(self.registry, Unset):
            if isinstance(self.registry, str):
                files.append(
                    ("registry", (None, str(self.registry).encode(), "text/plain"))
                )
            else:
                files.append(
                    ("registry", (None, str(self.registry).encode(), "text/plain"))
                )

        if not isinstance(self.callback_url, Unset):
            if isinstance(self.callback_url, str):
                files.append(
                    (
                        "callback_url",
                        (None, str(self.callback_url).encode(), "text/plain"),
                    )
                )
            else:
                files.append(
                    (
                        "callback_url",
                        (None, str(self.callback_url).encode(), "text/plain"),
                    )
                )

        if not isinstance(self.program, Unset):
            if isinstance(self.program, str):
                files.append(
                    ("program", (None, str(self.program).encode(), "text/plain"))
                )
            else:
                files.append(
                    ("program", (None, str(self.program).encode(), "text/plain"))
                )

        if not isinstance(self.operator, Unset):
            if isinstance(self.operator, str):
                files.append(
                    ("operator", (None, str(self.operator).encode(), "text/plain"))
                )
            else:
                files.append(
                    ("operator", (None, str(self.operator).encode(), "text/plain"))
                )

        if not isinstance(self.channel, Unset):
            if isinstance(self.channel, str):
                files.append(
                    ("channel", (None, str(self.channel).encode(), "text/plain"))
                )
            else:
                files.append(
                    ("channel", (None, str(self.channel).encode(), "text/plain"))
                )

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = []
        _file = d.pop("file")
        for file_item_data in _file:
            file_item = File(payload=BytesIO(file_item_data))

            file.append(file_item)

        def _parse_document_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        document_type = _parse_document_type(d.pop("document_type", UNSET))

        def _parse_claim(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        claim = _parse_claim(d.pop("claim", UNSET))

        def _parse_registry(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        registry = _parse_registry(d.pop("registry", UNSET))

        def _parse_callback_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        callback_url = _parse_callback_url(d.pop("callback_url", UNSET))

        def _parse_program(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        program = _parse_program(d.pop("program", UNSET))

        def _parse_operator(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        operator = _parse_operator(d.pop("operator", UNSET))

        def _parse_channel(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        channel = _parse_channel(d.pop("channel", UNSET))

        create_verification_body = cls(
            file=file,
            document_type=document_type,
            claim=claim,
            registry=registry,
            callback_url=callback_url,
            program=program,
            operator=operator,
            channel=channel,
        )

        create_verification_body.additional_properties = d
        return create_verification_body

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
