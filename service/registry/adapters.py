"""Wire formats of remote registries (issue 24, docs/registry-protocol.md): how a verdict request is written
for an owner and how its answer maps onto `VerdictAnswer`.

- `docverify`: docverify's own verdict endpoint (`POST /v1/registries/{name}/verifications`): the request is
  `VerdictRequest`, the answer `VerdictAnswer`, as they are.
- `dukcapil`: a Dukcapil-style NIK verification service: camelCase field names, the answer a flat object of
  per-field booleans (`true` / `false`, or the words `"Sesuai"` / `"Tidak Sesuai"`), possibly wrapped in
  `data` or `content` (an object or a one-element list). No scores: each
  verdict scores 100 or 0 and the asker's policy decides from those. `rt` and `rw` are two verdicts on the wire
  and one field (`rt_rw`) here: it matches when both do. `nik: false` (or no `nik` verdict) is "not found".

Pure: no I/O. An answer that cannot be read raises `BadAnswer`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from pydantic import ValidationError

from service.registry.verdicts import VERDICT_FIELDS, FieldVerdict, VerdictAnswer, VerdictRequest

# A request body on the wire: flat names and values (Dukcapil-style), or the NIK and an object of fields (docverify)
WireBody = dict[str, str | dict[str, str | None]]


class BadAnswer(ValueError):
    """The owner's answer is not in the format its adapter expects (said without echoing the answer)."""


class Adapter(Protocol):
    name: str

    def request(self, nik: str, fields: Mapping[str, str | None]) -> WireBody: ...

    def answer(self, body: Any, registry: str) -> VerdictAnswer: ...


def _sendable(fields: Mapping[str, str | None]) -> dict[str, str]:
    return {
        k: str(v).replace("\x00", "")[:200] for k, v in fields.items() if k in VERDICT_FIELDS and v not in (None, "")
    }


class DocverifyAdapter:
    name = "docverify"

    def request(self, nik: str, fields: Mapping[str, str | None]) -> WireBody:
        sent = VerdictRequest(nik=nik, fields=dict(_sendable(fields)))
        return {"nik": sent.nik, "fields": sent.fields}

    def answer(self, body: Any, registry: str) -> VerdictAnswer:
        try:
            return VerdictAnswer.model_validate(body)
        except ValidationError as exc:
            raise BadAnswer(f"not a verdict answer ({exc.error_count()} problem(s))") from None


# Dukcapil-style names: contract field → wire name (requests and answers alike)
DUKCAPIL_NAMES: dict[str, str] = {
    "nik": "nik",
    "name": "name",
    "birth_place": "birthPlace",
    "birth_date": "birthDate",
    "sex": "gender",
    "address": "address",
    "village": "village",
    "district": "district",
    "regency": "regency",
    "province": "province",
    "religion": "religion",
    "marital_status": "maritalStatus",
    "occupation": "occupation",
    "blood_type": "bloodType",
    "nationality": "nationality",
}
_YES = frozenset({"true", "sesuai", "match", "ya", "y", "1", "cocok"})
_NO = frozenset({"false", "tidak sesuai", "tidak", "no_match", "no match", "n", "0", "tidak cocok"})


def _flag(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = " ".join(value.strip().lower().replace("_", " ").split())
        if text in _YES:
            return True
        if text in _NO or text.replace(" ", "_") in _NO:
            return False
    return None


def _unwrap(body: Any) -> Mapping[str, Any]:
    for key in ("data", "content"):
        if isinstance(body, Mapping) and key in body:
            inner = body[key]
            if isinstance(inner, list) and len(inner) == 1:
                inner = inner[0]
            if isinstance(inner, Mapping):
                return inner
    if isinstance(body, Mapping):
        return body
    raise BadAnswer("the answer is not a JSON object")


class DukcapilAdapter:
    name = "dukcapil"

    def request(self, nik: str, fields: Mapping[str, str | None]) -> WireBody:
        sendable = _sendable(fields)
        out: WireBody = {"nik": nik}
        for key, value in sendable.items():
            if key == "rt_rw":
                rt, _, rw = value.partition("/")
                out["rt"], out["rw"] = rt.strip(), rw.strip()
            elif key in DUKCAPIL_NAMES:
                out[DUKCAPIL_NAMES[key]] = value
        return out

    def answer(self, body: Any, registry: str) -> VerdictAnswer:
        flat = _unwrap(body)
        if _flag(flat.get("nik")) is not True:
            return VerdictAnswer(registry=registry, found=False)
        fields: dict[str, FieldVerdict] = {}
        for key, wire in DUKCAPIL_NAMES.items():
            if key == "nik":
                continue
            flag = _flag(flat.get(wire))
            if flag is not None:
                fields[key] = FieldVerdict(match=flag)
        rt, rw = _flag(flat.get("rt")), _flag(flat.get("rw"))
        if rt is not None or rw is not None:
            fields["rt_rw"] = FieldVerdict(match=bool(rt is not False and rw is not False))
        return VerdictAnswer(registry=registry, found=True, fields=fields)


ADAPTERS: dict[str, Adapter] = {"docverify": DocverifyAdapter(), "dukcapil": DukcapilAdapter()}
