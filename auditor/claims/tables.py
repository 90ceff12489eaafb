"""Tables read by their header cells, and statuses stated under a heading.

- A sub-processor table (a name column and a location column, under a header, section or lead-in
  about sub-processors) gives one sub-processor per row and country, each also a location with
  the role ``subprocessor``.
- A status table ("SOC 2 | Compliant", "ISO 27001 | Planned", "HIPAA | Not supported") gives the
  attestation or regulation named in the row's first cell, with the polarity its status cell says.
- A line "Status: Compliant" in a section whose heading names a standard says the same of it.
- A list or quotation introduced by a lead-in that gives a role ("Your data is stored in the EU:",
  "our sub-processors:") lends that role to the places its items name.

Header vocabulary and status words are in ``auditor/data/tables.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from auditor.claims.lexicon import ByLanguage, compile_any
from auditor.claims.literals import gated
from auditor.claims.normalise import normalise
from auditor.claims.phrases import PhraseIndex
from auditor.claims.places import PLACE_KINDS, longest_places, redundant_vague
from auditor.claims.spread_rows import cell_line, cell_span, is_spread
from auditor.documents.model import Block, BlockKind, Layout
from auditor.model.base import Strict
from auditor.model.enums import LocationRole, Polarity, Regulation
from auditor.model.vendor import Attestation, Citation, Claim, Location, RegulationClaim, Subprocessor
from auditor.yamlio import load_yaml, validate


class Columns(Strict):
    name: ByLanguage
    purpose: ByLanguage
    location: ByLanguage
    status: ByLanguage
    hosting: ByLanguage = Field(default_factory=ByLanguage)
    hosting_unit: ByLanguage = Field(default_factory=ByLanguage)
    contact: ByLanguage = Field(default_factory=ByLanguage)


class StatusWords(Strict):
    denied: ByLanguage
    hedged: ByLanguage
    affirmed: ByLanguage


class TableData(Strict):
    columns: Columns
    subprocessor_context: ByLanguage
    subprocessor_row_controls: frozenset[str] = frozenset()
    status: StatusWords
    status_label: ByLanguage = Field(default_factory=ByLanguage)
    column_controls: dict[str, ByLanguage] = Field(default_factory=dict)
    yes_no_columns: dict[str, ByLanguage] = Field(default_factory=dict)
    held_in_section: ByLanguage = Field(default_factory=ByLanguage)
    held_unless: ByLanguage = Field(default_factory=ByLanguage)


_VALUE = re.compile(r"\w")  # a cell that says something (not empty, "-" or "—")
_NOTHING = re.compile(r"(?:none|n/?a|nil|no|not applicable|لا يوجد|لا)\.?", re.IGNORECASE)  # ... nor "None"
_MARKUP = re.compile(r"\*\*|__|`|\[([^\]]*)\]\([^)]*\)|<[^>]+>")
_COMPANY_CUT = re.compile(r"\s*(?:,|\(| - | – | d/b/a ).*$")
_ITEM_STATUS = re.compile(r"^\s*(?:[-*+•]|\d+[.)])?\s*([^:—–]{2,60}?)\s*(?:\s[—–-]\s|:\s)\s*(.+)$")


_DECORATION = re.compile(r"^[^\w\s]+\s*")
_NOT_A_STATUS = re.compile(r"^\s*(?:#|[-*+•]\s|\d+[.)]\s|\|)")


def _label(cell: str) -> str:
    """A header, status or row-label cell as its patterns read it: plain, normalised, lower-cased."""
    return normalise(plain(cell)).strip().rstrip(":：").strip().lower()


def plain(cell: str) -> str:
    """A cell's text without Markdown emphasis, links (their text stays) or tags."""
    return " ".join(_MARKUP.sub(lambda m: m.group(1) or "", cell).split())


@dataclass(frozen=True)
class StatusItem:
    kind: str  # attestation | regulation
    key: str


class TableReader:
    def __init__(self, data: TableData, file: Path | str, index: PhraseIndex, attestation_of, place_excluded=None):
        def any_of(words: ByLanguage, where: str):
            return compile_any(words.all(), file=file, where=where)

        self._columns = {name: any_of(getattr(data.columns, name), f"columns.{name}")
                         for name in ("name", "purpose", "location", "status", "hosting", "hosting_unit", "contact")}
        self._context = gated(any_of(data.subprocessor_context, "subprocessor_context"))
        self.subprocessor_context = self._context
        self.subprocessor_row_controls = data.subprocessor_row_controls
        self._status = [(Polarity.DENIED, False, any_of(data.status.denied, "status.denied")),
                        (Polarity.AFFIRMED, True, any_of(data.status.hedged, "status.hedged")),
                        (Polarity.AFFIRMED, False, any_of(data.status.affirmed, "status.affirmed"))]
        self._label = any_of(data.status_label, "status_label")
        self._held = any_of(data.held_in_section, "held_in_section")
        self._held_unless = any_of(data.held_unless, "held_unless")
        self._column_controls = {control: any_of(words, f"column_controls.{control}")
                                 for control, words in data.column_controls.items()}
        self._yes_no = {control: compile_any([rf"(?:{p})\.?" for p in words.all()], file=file,
                                             where=f"yes_no_columns.{control}")
                        for control, words in data.yes_no_columns.items()}
        self._index = index
        self._place_excluded = place_excluded  # (text, start, end) -> the words around keep it from being a place
        self._header_standards: dict[tuple[str, ...], list[tuple[int, list[StatusItem]]]] = {}
        self._attestation_of = attestation_of
        self._ids = {kind: frozenset(i for i, e in enumerate(index.entries) if e.kind == kind)
                     for kind in ("attestation", "regulation", *PLACE_KINDS)}

    # ------------------------------------------------------------------------------------------
    def status_of(self, text: str) -> tuple[Polarity, bool] | None:
        """(polarity, hedged) of a status cell or value, or None when it states no status. A symbol before
        the words ("🚧 In progress", "🟢 Compliant") is decoration when the words say the status."""
        value = _label(text)
        attempts = (value,) if not value or value[0].isalnum() else (value, _DECORATION.sub("", value))
        for attempt in attempts:
            for polarity, hedged, regex in self._status:
                if regex is not None and regex.search(attempt):
                    return polarity, hedged
        return None

    def _named(self, text: str) -> list[StatusItem]:
        line = normalise(plain(text))
        found: dict[tuple[str, str], None] = {}
        for kind in ("attestation", "regulation"):
            for entry, _m in self._index.match_among(line, self._ids[kind]):
                found.setdefault((kind, entry.key), None)
        return [StatusItem(k, key) for k, key in found]

    def places(self, text: str) -> list[str]:
        """Country and region codes a cell names, in order, longest name first where they overlap."""
        line = normalise(plain(text))
        spans = [(m.start(), m.end(), entry) for kind in PLACE_KINDS
                 for entry, m in self._index.match_among(line, self._ids[kind])
                 if self._place_excluded is None or not self._place_excluded(line, m.start(), m.end())]
        codes: list[str] = []
        for code, _city, _start, _end in longest_places(spans):
            if code not in codes:
                codes.append(code)
        return [c for c in codes if not redundant_vague(c, codes)]  # "Europe (Ireland)" is IE

    def column(self, header: tuple[str, ...], name: str) -> int | None:
        regex = self._columns[name]
        if regex is None:
            return None
        for i, cell in enumerate(header):
            if regex.search(_label(cell)):
                return i
        return None

    def is_location_label(self, label: str) -> bool:
        """Does a field label name a place ("Location", "Regions used", "Data storage country")?"""
        return self.column((label,), "location") == 0

    def _about_subprocessors(self, layout: Layout, index: int, block: Block, norm_lines: list[str]) -> bool:
        if self._context is None:
            return False
        texts = [" ".join(block.header), *block.section]
        # the paragraph just before the table (its lead-in)
        j = index - 1
        while j >= 0 and layout.blocks[j].kind in (BlockKind.TABLE_ROW, BlockKind.TABLE_HEADER, BlockKind.TABLE_RULE,
                                                   BlockKind.MARKUP):  # an HTML table opens with a <table> line
            j -= 1
        if j >= 0 and layout.blocks[j].kind is BlockKind.PARAGRAPH:
            texts.append(" ".join(norm_lines[n - 1] for n in range(layout.blocks[j].first, layout.blocks[j].last + 1)))
        return any(self._context.search(normalise(t)) for t in texts)

    # ------------------------------------------------------------------------------------------
    def read(self, layout: Layout, lines: tuple[str, ...], norm_lines: list[str], document: str,
             silent: dict[int, str], result, named: set[int] | None = None) -> set[int]:
        """Add what tables and status lines state to ``result``; the lines read as status rows.

        ``named``: the 1-based lines that hit the vocabulary. A row or list item names its standard
        or place itself, so only those are read; a status line takes its standard from the
        heading, so every one is."""
        handled: set[int] = set()
        self._header_standards.clear()  # per document: a long-lived extractor keeps no headers
        held: set[tuple[str, ...]] = set()  # the sections whose standard a sentence already held
        for index, block in enumerate(layout.blocks):
            if block.first in silent:
                continue
            if block.kind is BlockKind.TABLE_ROW and block.cells:
                standards = self._standard_columns(block.header)
                if standards:
                    self._standard_cells(block, standards, lines, document, result, handled)
                if named is None or any(n in named for n in range(block.first, block.last + 1)):
                    self._row(layout, index, block, lines, norm_lines, document, result, handled)
            elif block.kind is BlockKind.LIST_ITEM and (named is None or block.first in named):
                self._status_item(block.first, lines, document, result, handled)
            elif block.kind is BlockKind.PARAGRAPH and self._label is not None and block.section:
                for n in range(block.first, block.last + 1):
                    if n not in silent and ":" in norm_lines[n - 1] and self._label.search(norm_lines[n - 1]):
                        self._status_line(n, block, lines, document, result, handled)
                if block.first not in handled and block.first not in silent:
                    self._titled_status(block, lines, norm_lines, document, result, handled)
                if block.first not in handled and self._held is not None:
                    self._held_under_title(block, lines, norm_lines, silent, document, result, held)
        for n in sorted(named) if named is not None else ():
            if n not in handled:
                self._badge(n, layout, lines, norm_lines, silent, document, result, handled)
        return handled

    def _title_items(self, block: Block) -> list[StatusItem]:
        """The standards named by the block's section title when the title is short enough to be only
        their name ("SOC 2 Type II", "## ISO 27001"), else none."""
        title = plain(block.section[-1])
        if not title or len(title.split()) > 6:
            return []
        return self._named(title)

    def _titled_status(self, block: Block, lines, norm_lines: list[str], document, result, handled) -> None:
        """A short paragraph opening with a status under a title that is only a standard's name (a card or an
        accordion titled "SOC 2 Type II" holding "Audited annually by an independent firm.")."""
        if block.last - block.first > 1:
            return
        text = plain(norm_lines[block.first - 1])
        if len(text.split()) > 12:
            return
        reading = self.status_of(text)
        items = self._title_items(block) if reading else []
        if items and not self._named(text):  # a paragraph naming a standard of its own speaks for itself
            self._state(items, reading, document, block.first, lines, result, handled)

    def _held_under_title(self, block: Block, lines, norm_lines: list[str], silent, document, result,
                          held: set[tuple[str, ...]]) -> None:
        """In a section titled only with a standard's name ("## ISO 27001"), the first sentence saying the
        vendor holds a certificate or report without naming it ("Our certification was issued in 2023")
        speaks of the title's standard (``held``: the sections where one already did)."""
        if block.section in held:
            return
        for n in range(block.first, block.last + 1):
            text = _label(norm_lines[n - 1])
            if n in silent or not self._held.search(text):
                continue
            if self._named(text) or (self._held_unless is not None and self._held_unless.search(text)):
                return  # a line naming its own standard speaks for itself; a denial or a plan is not this
            items = self._title_items(block)
            if items:
                held.add(block.section)
                citation = self._cite(document, n, lines)  # the rest of the line is read as usual
                for item in items:
                    self._emit(item, (Polarity.AFFIRMED, False), citation, result)
            return

    def _badge(self, n: int, layout: Layout, lines, norm_lines: list[str], silent, document, result, handled) -> None:
        """A standard's name alone on its line (a heading, a badge on a trust page) with its status alone on
        the next ("SOC 2 Type II" / "Audited annually", "HIPAA" / "Coming soon"): a status row in two lines."""
        text = plain(norm_lines[n - 1])
        if not text or len(text.split()) > 6 or "|" in text:
            return
        block = layout.at(n)
        if block is not None and block.kind in (BlockKind.TABLE_ROW, BlockKind.TABLE_HEADER):
            return
        m = next((k for k in range(n + 1, min(n + 3, len(norm_lines) + 1)) if norm_lines[k - 1].strip()), None)
        if m is None or m in silent or m in handled:
            return
        if _NOT_A_STATUS.match(norm_lines[m - 1]):
            return  # a status is a short line of its own, not the next heading, list item or table
        status = plain(norm_lines[m - 1])
        if len(status.split()) > 4 or "|" in status:
            return
        reading = self.status_of(status)
        items = self._named(text) if reading else []
        if items:  # cited on the name's line; under a heading (set aside itself) on the status line
            self._state(items, reading, document, m if n in silent else n, lines, result, handled)

    def column_claims(self, layout: Layout, lines: tuple[str, ...], document: str,
                      silent: dict[int, str]) -> list[Claim]:
        """A table with a column that states one control for each row ("Retention" on a list of data
        kinds, "Channel" on a support table), or a row labelled by it ("| Retention | 30 days |"):
        every such row with a value states the control on its own line, whether or not its words are
        in the control's vocabulary."""
        out: list[Claim] = []
        columns: dict[tuple[str, ...], list[tuple[str, int]]] = {}
        for block in layout.blocks:
            if block.kind is not BlockKind.TABLE_ROW or not block.cells or not block.header or block.first in silent:
                continue
            found = columns.get(block.header)
            if found is None:
                found = columns[block.header] = [
                    (control, i) for control, regex in self._column_controls.items() if regex is not None
                    for i, cell in enumerate(block.header) if regex.search(_label(cell))][:2]
            if not found and len(block.cells) >= 2:  # "| Retention | 30 days |": the row's own label names it
                label = _label(block.cells[0])
                found = [(control, 1) for control, regex in self._column_controls.items()
                         if regex is not None and regex.search(label)][:1]
            for control, i in found:
                if i >= len(block.cells) or not _VALUE.search(value := plain(block.cells[i])):
                    continue
                nothing = _NOTHING.fullmatch(value.strip()) is not None
                if control in self._yes_no:   # "Encrypted: No" (or "Not encrypted") denies it for this row
                    said_no = self._yes_no[control]
                    nothing = nothing or (said_no is not None and said_no.fullmatch(_label(block.cells[i])) is not None)
                elif nothing:
                    continue  # "None" owes no credit, keeps nothing: it states no control
                # a row spread over lines ("<td>90 days</td>" on its own) is cited where its value stands
                at = cell_line(block, i, lines) if i < len(block.cell_lines) else block.first
                out.append(Claim(control=control, polarity=Polarity.DENIED if nothing else Polarity.AFFIRMED,
                                 citation=self._cite(document, at, lines)))
        return out

    def _standard_columns(self, header: tuple[str, ...]) -> list[tuple[int, list[StatusItem]]]:
        """The columns past the first whose header names a standard ("ISO 27001 certified?", "SOC 2"):
        each row's cell there says whether that row holds it."""
        if len(header) < 2:
            return []
        found = self._header_standards.get(header)
        if found is None:
            found = self._header_standards[header] = [
                (i, items) for i in range(1, len(header)) if (items := self._named(header[i]))]
        return found

    def _standard_cells(self, block: Block, standards, lines, document, result, handled) -> None:
        for i, items in standards:
            reading = self.status_of(block.cells[i]) if i < len(block.cells) else None
            if reading is None:
                continue
            self._state(items, reading, document, block.first, lines, result, handled)

    def _cite(self, document: str, n: int, lines: tuple[str, ...]) -> Citation:
        return Citation(document=document, line=n, text=lines[n - 1])

    def _emit(self, item: StatusItem, reading: tuple[Polarity, bool], citation: Citation, result) -> None:
        polarity, hedged = reading
        if item.kind == "attestation":
            kind, stated = self._attestation_of(item.key)
            result.attestations.append(Attestation(type=kind, polarity=polarity, hedged=hedged, type_stated=stated,
                                                   citation=citation))
        else:
            result.regulations.append(RegulationClaim(id=Regulation(item.key), polarity=polarity, hedged=hedged,
                                                      citation=citation))

    def _state(self, items: list[StatusItem], reading: tuple[Polarity, bool], document: str, n: int, lines, result,
               handled: set[int]) -> None:
        """Each standard or law in ``items`` read with ``reading`` on line ``n``, which is then handled."""
        citation = self._cite(document, n, lines)
        for item in items:
            self._emit(item, reading, citation, result)
        handled.add(n)

    def _row(self, layout, index, block, lines, norm_lines, document, result, handled) -> None:
        cells = block.cells
        header = block.header
        status_col = self.column(header, "status") if header else None
        if status_col is not None and status_col > 0 and status_col < len(cells):
            reading = self.status_of(cells[status_col])
            items = self._named(cells[0]) if reading else []
            if items:
                self._state(items, reading, document, block.first, lines, result, handled)
                return
        name_col = self.column(header, "name") if header else None
        place_col = self.column(header, "location") if header else None
        if name_col is None and header and self.column(header, "contact") is not None:
            return  # "Region | Phone": where to call support, not where anything is hosted
        if name_col is None and place_col is not None and place_col < len(cells) and \
                (self.column(header[place_col:place_col + 1], "hosting") is not None
                 or (place_col > 0 and self.column(header[:1], "hosting_unit") is not None)):
            # every place column of the row: "European Union (EU) | EU | Frankfurt, Germany"
            cols = [i for i in self._place_columns(header, len(cells)) if i >= place_col]
            self._hosting_row(" | ".join(cells[i] for i in cols), block, norm_lines, lines, document, result, handled)
            return
        if name_col is None and place_col is None and len(cells) >= 2 and self._columns["hosting"] is not None \
                and self._columns["hosting"].search(_label(cells[0])):
            # a row labelled by its first cell ("| Data residency | EU by default |"): its value says where
            self._hosting_row(" | ".join(cells[1:]), block, norm_lines, lines, document, result, handled)
            return
        if name_col is None or place_col is None or max(name_col, place_col) >= len(cells):
            return
        if not self._about_subprocessors(layout, index, block, norm_lines):
            if self.column(header[:1], "hosting_unit") is not None:  # "Region code | Name | ...": the regions offered
                standards = {i for i, _ in self._standard_columns(header)}
                self._hosting_row(" | ".join(c for i, c in enumerate(cells) if i not in standards), block, norm_lines,
                                  lines, document, result, handled)
            return
        named = cells[name_col].split("\n", 1)[0]  # an HTML cell's first line: "Convex<br>Privacy terms"
        name = _COMPANY_CUT.sub("", plain(named)).strip() or plain(named)
        purpose_col = self.column(header, "purpose")
        purpose = plain(cells[purpose_col]) if purpose_col is not None and purpose_col < len(cells) else None
        column_of: dict[str, int] = {}  # each country and the place column naming it
        for i in self._place_columns(header, len(cells)):  # "Provider location | Processing location": both
            column_of.update((c, i) for c in self.places(cells[i]) if c not in column_of)
        if not name or not column_of:
            return
        # a row spread over lines cites each country on its own cell's line, any other row on its place's line
        spread = is_spread(block)
        row_line = None if spread else self._line_naming(block, norm_lines)
        for code, i in column_of.items():
            citation = self._cite(document, self._line_naming(block, norm_lines, i) if spread else row_line, lines)
            result.subprocessors.append(Subprocessor(name=name, country=code, purpose=purpose or None,
                                                     citation=citation))
            result.locations.append(Location(country=code, role=LocationRole.SUBPROCESSOR, citation=citation))
        handled.add(block.first)

    def _place_columns(self, header: tuple[str, ...], width: int) -> list[int]:
        """Every location column of a row: where the data is processed often stands beside where
        the provider is based, and a reviewer needs both."""
        return [i for i in range(min(len(header), width)) if self.column(header[i:i + 1], "location") is not None]

    def _line_naming(self, block: Block, norm_lines: list[str], cell: int | None = None) -> int:
        """The line of a row spread over several (an HTML ``<tr>``) that names its place, within the cell
        ``cell`` when the row's cells are known: the last one, as an address ends in its country ("San
        Francisco, CA" then "United States")."""
        first, last = (block.first, block.last) if cell is None else cell_span(block, cell)
        for n in range(min(last, len(norm_lines)), first - 1, -1):
            if self.places(norm_lines[n - 1]):
                return n
        return first

    def _row_line(self, block: Block, norm_lines: list[str], lines: tuple[str, ...]) -> int:
        """The line to cite for a row: an HTML row over several lines (a ``<tr>`` line, a cell a line) is cited
        where it names its place; any other row (a grid table's) on its first line."""
        html = block.last > block.first and lines[block.first - 1].lstrip().lower().startswith("<tr")
        return self._line_naming(block, norm_lines) if html else block.first

    def _hosting_row(self, cell: str, block: Block, norm_lines: list[str], lines, document, result, handled) -> None:
        """A row of a table whose only place column says where the service is hosted ("Data center location"),
        cited where it names the place (an HTML row over several lines: the cell's line, not its ``<tr>``)."""
        codes = self.places(cell)
        if codes:
            citation = self._cite(document, self._row_line(block, norm_lines, lines), lines)
            result.locations.extend(Location(country=code, role=LocationRole.HOSTING, citation=citation)
                                    for code in codes)
            handled.update({block.first, citation.line})

    def _status_item(self, n: int, lines, document, result, handled) -> None:
        """A list item "ISO/IEC 27001 — planned for Q4 2026", "HIPAA: not supported": a status row."""
        m = _ITEM_STATUS.match(plain(lines[n - 1]))
        if not m or len(m.group(1).split()) > 6:
            return
        reading = self.status_of(m.group(2))
        items = self._named(m.group(1)) if reading else []
        if not items:
            return
        self._state(items, reading, document, n, lines, result, handled)

    def _status_line(self, n: int, block: Block, lines, document, result, handled) -> None:
        text = normalise(plain(lines[n - 1]))
        m = self._label.search(text)
        if not m:
            return
        reading = self.status_of(text[m.end():])
        if reading is None:
            return
        items = self._named(block.section[-1])
        if not items:
            return
        self._state(items, reading, document, n, lines, result, handled)


def load_table_reader(data_dir: Path, index: PhraseIndex, attestation_of, place_excluded=None) -> TableReader:
    path = data_dir / "tables.yaml"
    data, lines = load_yaml(path)
    return TableReader(validate(TableData, data, file=path, lines=lines), path, index, attestation_of, place_excluded)


__all__ = ["TableReader", "load_table_reader", "plain"]
