"""Shared-responsibility tables: who does each row.

A responsibility matrix has a column for the customer ("Customer", "Cloud customer", "You") and
one for the provider, with a tick where each side acts: "| Encrypt data at rest | ✓ | |". Its
rows are written as bare verbs, which read as advice, but a tick under the provider makes the row
the vendor's own practice, and a tick under the customer alone makes it the customer's duty.
"""

from __future__ import annotations

from enum import StrEnum

from auditor.documents.model import Block


class Side(StrEnum):
    VENDOR = "vendor"
    CUSTOMER = "customer"


class Responsibility:
    def __init__(self, customer_column, tick):
        self._customer = customer_column  # compiled: a header cell naming the customer side
        self._tick = tick  # compiled: a cell that marks its side as acting
        self._sides: dict[tuple[str, ...], tuple[list[int], list[int]] | None] = {}

    def clear(self) -> None:
        """Forget the headers seen (per document: a long-lived extractor keeps none)."""
        self._sides.clear()

    def side(self, block: Block) -> Side | None:
        """Which side the row says acts (the vendor's tick wins), None outside a responsibility matrix."""
        columns = self._columns(block.header)
        if columns is None:
            return None
        vendor, customer = columns
        ticked = [i < len(block.cells) and bool(self._tick.search(block.cells[i].strip().lower()))
                  for i in range(len(block.header))]
        if any(ticked[i] for i in vendor):
            return Side.VENDOR
        if any(ticked[i] for i in customer):
            return Side.CUSTOMER
        return None

    def _columns(self, header: tuple[str, ...]) -> tuple[list[int], list[int]] | None:
        """(provider columns, customer columns) past the row label, when the header has both."""
        if self._customer is None or self._tick is None or len(header) < 3:
            return None
        if header not in self._sides:
            customer = [i for i in range(1, len(header)) if self._customer.search(header[i].strip().lower())]
            vendor = [i for i in range(1, len(header)) if i not in customer and header[i].strip()]
            self._sides[header] = (vendor, customer) if customer and len(vendor) == 1 else None
        return self._sides[header]
