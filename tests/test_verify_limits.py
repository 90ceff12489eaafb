"""`verify` refuses a file far larger than any report instead of parsing it for minutes."""

from __future__ import annotations

import time


def test_huge_pdf_is_refused_quickly(cli, tmp_path):
    big = tmp_path / "huge.pdf"
    with big.open("wb") as fh:
        fh.write(b"%PDF-1.7\n")
        fh.truncate(100 * 1024 * 1024)  # sparse: costs no disk
    started = time.monotonic()
    result = cli("verify", str(big))
    assert result.exit_code == 2
    assert "too large to be an audit report" in result.stderr and "\n" not in result.stderr.strip()
    assert time.monotonic() - started < 10  # a guard against hanging, not a benchmark
