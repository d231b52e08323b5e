"""Column types that encrypt personal data on the way into the database and decrypt it on the way out, so that
repositories and services keep handling plain dicts and strings while a dump of the database shows none.

Ciphertexts carry their key id (`service.crypto`); a value written before encryption was on (a JSON object,
or text without the `dv1:` prefix) still reads back as it is, until `docverify privacy reencrypt` seals it.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import JSON, Dialect, Text, TypeDecorator
from sqlalchemy.dialects.postgresql import JSONB

from service import crypto

JsonType = JSON().with_variant(JSONB(), "postgresql")
# None is SQL NULL (not JSON null) in encrypted columns, so that "holds personal data" is `IS NOT NULL`
_NullableJson = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")


class EncryptedJson(TypeDecorator[Any]):
    """Any JSON value, stored as one JSON string holding its AES-GCM ciphertext (the column stays JSON/JSONB,
    so no type change is needed for existing rows)."""

    impl = _NullableJson
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        return crypto.keyring().encrypt_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")))

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if isinstance(value, str) and value.startswith(crypto.TEXT_PREFIX):
            return json.loads(crypto.keyring().decrypt_text(value))
        return value


class EncryptedText(TypeDecorator[str]):
    """Free text that may hold personal data (an error message, a corrected field value)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else crypto.keyring().encrypt_text(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else crypto.keyring().decrypt_text(value)
