"""Make untrusted text safe to show: no control characters, no bidi overrides.

Vendor names and document lines come from outside; a right-to-left override or an
escape sequence in them must not reorder or recolour a terminal or a report.
"""

from __future__ import annotations

import unicodedata

# Explicit bidi embeddings/overrides/isolates and marks. Letters keep their natural
# direction; only the invisible formatting characters that can reorder text are escaped.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """Return ``text`` with control and bidi-formatting characters shown as ``\\uXXXX``."""
    if text.isprintable() and not any(ch in _BIDI_CONTROLS for ch in text):
        return text
    out = []
    for ch in text:
        if ch in _BIDI_CONTROLS:
            out.append(f"\\u{ord(ch):04x}")
        elif ch == "\n" and keep_newlines:
            out.append(ch)
        elif ch == "\t":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cs") or ch in ("\u2028", "\u2029"):
            out.append(f"\\u{ord(ch):04x}" if ord(ch) > 0xFF else f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return "".join(out)


def has_unsafe_characters(text: str) -> bool:
    """True when ``text`` holds characters :func:`visible` would escape."""
    return visible(text) != text
