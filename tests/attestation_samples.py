"""Sample attestation documents for tests: built once per session from tests/data/attestations/*.txt."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data" / "attestations"


def _builder():
    spec = importlib.util.spec_from_file_location("attestation_build", DATA / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def attestation_pdfs(tmp_path_factory) -> Path:
    """Folder with samples/*.pdf and heldout/*.pdf rendered by reportlab."""
    out = tmp_path_factory.mktemp("attestations")
    _builder().build_all(out)
    return out


def build_long_report(path: Path, pages: int = 80) -> Path:
    builder = _builder()
    return builder.render(builder.long_soc2_text(pages), path)
