"""Keyed hashes and encryption at rest of personal data (UU 27/2022 Pasal 35). Standard library, `cryptography`
and settings only: no database, no web framework.

- `nik_hash` / `blind_index`: HMAC-SHA256 with `nik_hash_key`, so that a NIK (or a registry's blocking key:
  birth date, first name word) can be looked up and matched without being stored in clear.
- `Keyring`: AES-256-GCM with keys from `DOCVERIFY_ENCRYPTION_KEYS` ("id:base64key,…"). The first key
  encrypts, every key decrypts; each ciphertext names its key id, so keys rotate without a flag day
  (`docverify privacy reencrypt` then moves old data to the new key, after which the old key can go).

Formats (both carry the key id, the 96-bit random nonce and the GCM tag):
- text (database columns): ``dv1:<key id>:<urlsafe base64 of nonce + ciphertext>``
- bytes (files in storage): ``DVE1`` + one byte key id length + key id + nonce + ciphertext
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

if TYPE_CHECKING:
    from service.config import Settings

TEXT_PREFIX = "dv1:"
BLOB_MAGIC = b"DVE1"
_KEY_ID = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
_NONCE = 12


class KeyringError(ValueError):
    """A keyring setting that cannot be used, or a ciphertext whose key is not in the keyring."""


class DecryptionError(ValueError):
    """The ciphertext is damaged or was made with another key of the same id. Never carries the data."""


def nik_hash(nik: str, key: str | bytes) -> str:
    """HMAC-SHA256 of the NIK's digits, hex: equal NIKs give equal hashes, and a dump without the key gives
    no NIK back (a bare SHA-256 of a 16-digit number with known structure is reversible by enumeration)."""
    raw = key.encode() if isinstance(key, str) else key
    return hmac.new(raw, "".join(c for c in nik if c.isdigit()).encode(), hashlib.sha256).hexdigest()


def keyed_hash(value: str, key: str | bytes) -> str:
    """HMAC-SHA256 of a normalised text (e.g. an address key), hex: links equal values across verifications
    without storing them (issue 10's clusters). Callers prefix a purpose tag so hashes of different kinds
    never collide."""
    raw = key.encode() if isinstance(key, str) else key
    return hmac.new(raw, value.encode(), hashlib.sha256).hexdigest()


def blind_index(label: str, value: str, key: str | bytes) -> str:
    """A keyed hash of a lookup value other than the NIK (a birth date, a name's first word), domain-separated
    by `label` so that equal strings of different kinds never collide."""
    raw = key.encode() if isinstance(key, str) else key
    return hmac.new(raw, f"{label}\x00{value}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Keyring:
    """Ordered keys: `keys[0]` encrypts, all decrypt. Built from the setting, never from code."""

    keys: tuple[tuple[str, bytes], ...]

    def __post_init__(self) -> None:
        if not self.keys:
            raise KeyringError("the keyring is empty: DOCVERIFY_ENCRYPTION_KEYS names no key")
        seen = set()
        for key_id, key in self.keys:
            if not _KEY_ID.match(key_id):
                raise KeyringError(f"key id {key_id!r}: letters, digits, '.', '_' or '-', at most 32")
            if len(key) != 32:
                raise KeyringError(f"key {key_id}: an AES-256 key is 32 bytes (base64 of 32 random bytes)")
            if key_id in seen:
                raise KeyringError(f"key id {key_id} appears twice")
            seen.add(key_id)

    @classmethod
    def parse(cls, spec: str) -> Keyring:
        """ "id:base64key,id2:base64key2" (first encrypts). Errors name the key id, never the key."""
        keys = []
        for i, part in enumerate(p.strip() for p in spec.split(",") if p.strip()):
            key_id, sep, b64 = part.partition(":")
            if not sep:
                raise KeyringError(f"entry {i + 1} of the keyring is not 'id:base64key'")
            b64 = b64.strip().replace("-", "+").replace("_", "/")
            try:
                raw = base64.b64decode(b64 + "=" * (-len(b64) % 4), validate=True)
            except (binascii.Error, ValueError) as exc:
                raise KeyringError(f"key {key_id.strip()}: not base64") from exc
            keys.append((key_id.strip(), raw))
        return cls(tuple(keys))

    @staticmethod
    def generate_key() -> str:
        """A fresh key for the setting (base64 of 32 random bytes)."""
        return base64.b64encode(os.urandom(32)).decode()

    @property
    def primary(self) -> str:
        return self.keys[0][0]

    def _aead(self, key_id: str) -> AESGCM:
        for kid, key in self.keys:
            if kid == key_id:
                return _aead_cache(key)
        raise KeyringError(
            f"no key {key_id} in the keyring (DOCVERIFY_ENCRYPTION_KEYS): data encrypted with a key "
            "that was dropped too early"
        )

    def spec(self) -> str:
        return ",".join(f"{kid}:{base64.b64encode(key).decode()}" for kid, key in self.keys)

    # bytes (files)

    def encrypt(self, data: bytes) -> bytes:
        kid = self.primary.encode()
        nonce = os.urandom(_NONCE)
        return BLOB_MAGIC + bytes([len(kid)]) + kid + nonce + self._aead(self.primary).encrypt(nonce, data, kid)

    def decrypt(self, blob: bytes) -> bytes:
        """Plain bytes of an encrypted blob; a blob without the header is returned as is (written before
        encryption was on: `docverify privacy reencrypt` encrypts it)."""
        if not blob.startswith(BLOB_MAGIC):
            return blob
        n = blob[4]
        kid = blob[5 : 5 + n]
        nonce = blob[5 + n : 5 + n + _NONCE]
        try:
            return self._aead(kid.decode()).decrypt(nonce, blob[5 + n + _NONCE :], kid)
        except InvalidTag as exc:
            raise DecryptionError(f"stored file does not decrypt with key {kid.decode()}") from exc

    @staticmethod
    def blob_key_id(blob: bytes) -> str | None:
        """The key id of an encrypted blob, None for plaintext."""
        if not blob.startswith(BLOB_MAGIC):
            return None
        return blob[5 : 5 + blob[4]].decode()

    # text (database columns)

    def encrypt_text(self, text: str) -> str:
        kid = self.primary
        nonce = os.urandom(_NONCE)
        sealed = self._aead(kid).encrypt(nonce, text.encode(), kid.encode())
        return f"{TEXT_PREFIX}{kid}:{base64.urlsafe_b64encode(nonce + sealed).decode()}"

    def decrypt_text(self, value: str) -> str:
        """The plaintext of `encrypt_text`; a value without the prefix is legacy plaintext, returned as is."""
        if not value.startswith(TEXT_PREFIX):
            return value
        kid, _, body = value[len(TEXT_PREFIX) :].partition(":")
        try:
            raw = base64.urlsafe_b64decode(body)
            return self._aead(kid).decrypt(raw[:_NONCE], raw[_NONCE:], kid.encode()).decode()
        except KeyringError:
            raise
        except (InvalidTag, binascii.Error, ValueError) as exc:
            raise DecryptionError(f"stored value does not decrypt with key {kid}") from exc

    @staticmethod
    def text_key_id(value: object) -> str | None:
        """The key id of an encrypted text value, None for anything else (plaintext, NULL, a JSON object)."""
        if isinstance(value, str) and value.startswith(TEXT_PREFIX):
            return value[len(TEXT_PREFIX) :].partition(":")[0]
        return None


_aead_lock = threading.Lock()
_aeads: dict[bytes, AESGCM] = {}


def _aead_cache(key: bytes) -> AESGCM:
    found = _aeads.get(key)
    if found is None:
        with _aead_lock:
            found = _aeads.setdefault(key, AESGCM(key))
    return found


# The process keyring: configured from the settings by the API, the workers and the CLI at start.

_keyring: Keyring | None = None
_hash_key: bytes | None = None


def configure(settings: Settings) -> None:
    """Use these settings' keys in this process (idempotent; the API, each worker and the CLI call it)."""
    global _keyring, _hash_key
    _keyring = Keyring.parse(settings.encryption_keys.get_secret_value())
    _hash_key = settings.nik_hash_key.get_secret_value().encode()


def _ensure() -> tuple[Keyring, bytes]:
    if _keyring is None or _hash_key is None:
        from service.config import get_settings

        configure(get_settings())
    assert _keyring is not None and _hash_key is not None
    return _keyring, _hash_key


def keyring() -> Keyring:
    return _ensure()[0]


def subject_hash(nik: str) -> str:
    """`nik_hash` with this process's key: what verifications, processing records and registry rows store."""
    return nik_hash(nik, _ensure()[1])


def lookup_hash(label: str, value: str) -> str:
    return blind_index(label, value, _ensure()[1])


@contextmanager
def using(ring: Keyring, hash_key: str | None = None) -> Iterator[None]:
    """Another keyring (and hash key) for the block: tests of rotation, and the re-encrypt command."""
    global _keyring, _hash_key
    old = _ensure()
    _keyring = ring
    if hash_key is not None:
        _hash_key = hash_key.encode()
    try:
        yield
    finally:
        _keyring, _hash_key = old
