"""Value forms more than one reader prints the same way (an RT/RW on a KTP-el and on a KK's header)."""

from __future__ import annotations

import re

from workers.pipeline.digits import digits_only
from workers.pipeline.extract.layout import Value, strip_colon
from workers.pipeline.types import Field


def rt_rw(v: Value) -> Field:
    """`003/007` from an RT/RW value as read (a lost or misread slash, digits read as letters); the text as
    read, at a low confidence, when it does not read as two numbers of up to three digits."""
    text = strip_colon(v.text)
    parts = re.split(r"\s*[/\\]\s*", text)
    if len(parts) == 2:
        a, b = digits_only(parts[0]), digits_only(parts[1])
    else:
        digits = digits_only(text)
        if len(digits) == 7:  # the slash read as a 1 or an l
            digits = digits[:3] + digits[4:]
        a, b = digits[: len(digits) // 2], digits[len(digits) // 2 :]
    if not a or not b or len(a) > 3 or len(b) > 3:
        return Field(text, v.confidence * 0.3, v.bbox)
    return Field(f"{int(a):03d}/{int(b):03d}", v.confidence, v.bbox)
