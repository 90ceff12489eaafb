"""poppler-utils for tests: run a tool, or skip the test cleanly where poppler is not installed.

On CI (``CI`` set) a missing tool fails instead, so the checks never silently stop running there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

_BIDI_MARKS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u200e\u200f"))


def require(tool: str) -> str:
    """The path of a poppler tool (pdftotext, pdftoppm, pdfsig), or skip the calling test."""
    exe = shutil.which(tool)
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} (poppler-utils) is required in CI")
        pytest.skip(f"{tool} (poppler-utils) is not installed")
    return exe


def pdftotext(path: Path, first: int | None = None, last: int | None = None, *, layout: bool = False) -> str:
    args = [require("pdftotext")] + (["-layout"] if layout else []) + (["-f", str(first)] if first else [])
    args += (["-l", str(last)] if last else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


def normalised(text: str) -> str:
    """Presentation forms back to letters (NFKC), bidi marks that pdftotext adds removed."""
    return unicodedata.normalize("NFKC", text).translate(_BIDI_MARKS)
