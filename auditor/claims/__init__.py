"""Claim extraction: vendor documents in English and Arabic to cited claims.

``reading`` turns text, Markdown, HTML and PDF into numbered lines; ``normalise`` folds Arabic
and digit variants; ``phrases`` finds vocabulary hits fast; ``cues`` decides negation and
hedging per clause; ``durations``, ``support``, ``places`` and ``terms`` read SLAs, support
hours, locations, contract terms and prices; ``extract`` puts it together.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from auditor.model.catalog import Control


def data_dir() -> Path:
    from auditor.workspace import package_data

    return package_data("language.yaml").parent


def build_extractor(controls: Mapping[str, Control], lexicon_dir: Path | None = None, sources=None):
    """An :class:`~auditor.claims.extract.Extractor` for these controls and the packaged language
    data; ``sources`` (a catalog's) lets a bad vocabulary pattern name the file it is in."""
    from auditor.claims.extract import Extractor
    from auditor.claims.lexicon import load_lexicon

    return Extractor(controls, load_lexicon(lexicon_dir or data_dir()), sources)
