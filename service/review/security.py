"""Passwords, session tokens and CSRF tokens of the review UI. Small and pure, so it is easy to check.

- Passwords: argon2id (argon2-cffi's defaults, RFC 9106 low-memory profile); a hash made with older
  parameters is re-hashed at the next successful login.
- Session tokens: 32 random bytes in the cookie; the database keeps only HMAC-SHA256(secret, token), so a
  copy of the database alone opens no session.
- CSRF: one random token per session, compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()
# verified against when the username is unknown, so that a wrong name costs as long as a wrong password
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(secret: str, token: str) -> str:
    return hmac.new(secret.encode(), token.encode(), hashlib.sha256).hexdigest()


def same(a: str | None, b: str | None) -> bool:
    """Constant-time equality of two tokens; False when either is missing."""
    if not a or not b:
        return False
    return hmac.compare_digest(a.encode(), b.encode())
