"""Signing keys, PAdES signatures on reports, and their verification (separate modules)."""
