"""The registry of document types (doctypes) is the one list: the Verification's field model, the contract's
type enum, the pipeline's readers, the API's and the CLI's choices, privacy and review all follow it, and its
lightweight half loads without an OCR engine."""

from __future__ import annotations

import subprocess
import sys
from typing import get_args

import doctypes
from service.verifications.model import FIELD_KEYS, DocumentType, Fields


def test_every_type_is_in_the_contracts_enum_and_has_its_fields_in_the_verification() -> None:
    assert set(doctypes.names()) <= set(get_args(DocumentType)) - {"unknown"}
    for doc in doctypes.TYPES:
        assert issubclass(Fields, doc.fields), f"service.verifications.model.Fields lacks {doc.fields.__name__}"
        assert FIELD_KEYS[doc.name] == doc.keys
        assert set(doc.review_form) <= set(doc.keys)
        assert set(doc.key_fields) <= set(doc.keys)


def test_every_type_has_its_reader_and_nothing_else_does() -> None:
    from workers.pipeline.reader import readers

    assert tuple(r.name for r in readers()) == doctypes.names()
    precedences = [r.precedence for r in readers()]
    assert len(set(precedences)) == len(precedences)


def test_the_choices_follow_the_registry() -> None:
    from docverify.cli import verify as cli
    from service.privacy import service as privacy
    from service.verifications import service

    assert ("auto", *doctypes.names()) == service.DOCUMENT_TYPES
    assert ("auto", *doctypes.names()) == cli.DOCUMENT_TYPES
    assert (*doctypes.names(), "unknown") == privacy.DOCUMENT_TYPES


def test_the_api_process_reads_the_registry_without_an_ocr_engine() -> None:
    code = (
        "import sys, doctypes, service.main, service.review.service, service.verifications.decision; "
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('paddle', 'paddleocr', 'openvino', "
        "'onnxruntime', 'rapidocr', 'workers')]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_registry_columns_are_the_cards_namesakes() -> None:
    """One list of the registry's columns (doctypes.REGISTRY_FIELDS, the contract's Registry CSV header): each a
    KTP-el field, so that a read field is compared with its namesake; the KK's header and member keys are its
    field model's."""
    from doctypes.fields import KkMember
    from doctypes.kk import HEADER_FIELDS, KK, MEMBER_FIELDS
    from doctypes.ktp import KTP

    assert set(doctypes.REGISTRY_FIELDS) == set(KTP.keys) - {"valid_until"}
    assert len(doctypes.REGISTRY_FIELDS) == 16 and doctypes.REGISTRY_FIELDS[:2] == ("nik", "name")
    assert (*HEADER_FIELDS, "members") == KK.keys and tuple(KkMember.model_fields) == MEMBER_FIELDS
