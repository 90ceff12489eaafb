"""Bridge (gap) letters, ISO/IEC 27001 certificates and penetration-test letters."""

from __future__ import annotations

import re

from auditor.attestations.text import Doc
from auditor.attestations.vocab import (any_rx, clean_name, find_dates, find_periods, first_date, labelled,
                                        legal_form_rx, rx, search, vocab)
from auditor.model.attestation import DocCitation, Issuer, IssuerRole, Period, SeverityCounts


_ARABIC = re.compile("[\u0600-\u06ff]")


def _letter_date(doc: Doc, facts: dict, cites: dict) -> None:
    """The letter's date: a dated line near the top that is not part of a period."""
    spans = [(s, e) for _, _, s, e in find_periods(doc.text)]
    for d, s, _ in find_dates(doc.text):
        if not any(a <= s < b for a, b in spans):
            facts["report_date"], cites["report_date"] = d, doc.cite(s)
            return


def read_bridge(doc: Doc, facts: dict, cites: dict[str, DocCitation]) -> None:
    v = vocab()["bridge"]
    _letter_date(doc, facts, cites)
    org = search(doc, vocab()["organisation"]["bridge"], "org")
    if org:
        facts["organisation"], cites["organisation"] = org[0], doc.cite(org[1])
    letter = facts.get("report_date")
    periods = [p for p in find_periods(doc.text) if letter is None or p[1] <= letter]
    cue = any_rx(v["period_cues"])
    chosen = next((p for p in periods if cue.search(doc.text, max(0, p[2] - 120), p[2])), None)
    if chosen is None and periods:
        chosen = max(periods, key=lambda p: p[0])
    if chosen:
        facts["period"] = Period(start=chosen[0], end=chosen[1])
        cites["period"] = doc.cite(chosen[2])
    facts["management_assertion_only"] = True
    if org:
        facts["issuer"] = Issuer(name=org[0], role=IssuerRole.MANAGEMENT)


def read_iso(doc: Doc, facts: dict, cites: dict[str, DocCitation]) -> None:
    v = vocab()["iso"]
    labels = v["labels"]
    editions = list(rx(v["edition"]).finditer(doc.text))
    if editions:
        m = editions[0]
        facts["standard_edition"] = m.group("year") or m.group("year2")
        cites["standard_edition"] = doc.cite(m.start())
    org = search(doc, vocab()["organisation"]["iso"], "org")
    if org:
        facts["organisation"], cites["organisation"] = org[0], doc.cite(org[1])
    number = labelled(doc, labels["certificate_number"])
    if number and re.search(r"\d", number[0]):
        facts["certificate_number"] = number[0].split()[0].strip(".,;")
        cites["certificate_number"] = doc.cite(number[1])
    scope = _scope(doc, labels["scope"])
    if scope:
        facts["scope"], cites["scope"] = scope[0], doc.cite(scope[1])
    sites = _sites(doc, labels["sites"])
    if sites:
        facts["sites"] = [s for s, _ in sites]
        cites["sites"] = doc.cite(sites[0][1])
    for fact in ("initial_issue", "issued", "expires"):
        value = labelled(doc, labels[fact])
        if value:
            pair = find_periods(value[0])
            found = first_date(value[0])
            if pair and fact == "issued":  # "Valid from 1 January 2025 to 31 December 2027"
                facts["issued"], cites["issued"] = pair[0][0], doc.cite(value[1])
                if "expires" not in facts:
                    facts["expires"], cites["expires"] = pair[0][1], doc.cite(value[1])
            elif found:
                facts[fact], cites[fact] = found[0], doc.cite(value[1])
    latin = [p for p in labels["issuer"] if not _ARABIC.search(p)]
    issuer = labelled(doc, latin)
    name = search(doc, v["issuer_sentences"], "name") or _letterhead(doc, facts.get("organisation"))
    if issuer:
        name = (re.split(r",\s*accredited\b|\s+\(|;", issuer[0], maxsplit=1, flags=re.I)[0], issuer[1])
    elif not name:  # only an Arabic label names it
        issuer = labelled(doc, [p for p in labels["issuer"] if _ARABIC.search(p)])
        name = issuer
    if name and name[0]:
        firm = legal_form_rx().match(name[0])
        facts["issuer"] = Issuer(name=clean_name(firm.group("name") if firm else name[0]),
                                 role=IssuerRole.CERTIFICATION_BODY)
        cites["issuer"] = doc.cite(name[1])
    accreditation = rx(v["accreditation_sentence"]).search(doc.text)
    if accreditation:
        facts["accreditation_body"] = clean_name(accreditation.group("name"))
        cites["accreditation_body"] = doc.cite(accreditation.start("name"))
    else:
        label = labelled(doc, labels["accreditation"])
        if label:
            facts["accreditation_body"] = clean_name(label[0].split(",")[0])
            cites["accreditation_body"] = doc.cite(label[1])


def _letterhead(doc: Doc, organisation: str | None) -> tuple[str, int] | None:
    """The first line naming a firm that is not the certified organisation (the certification body's letterhead)."""
    form = legal_form_rx()
    for index, line in enumerate(doc.lines[:6]):
        m = form.match(line.text)
        if m and (not organisation or organisation.lower() not in m.group("name").lower()):
            return clean_name(m.group("name")), doc.starts[index]
    return None


def _scope(doc: Doc, labels: list[str]) -> tuple[str, int] | None:
    """The scope paragraph: from the label's value to the end of its sentence (lines joined)."""
    found = labelled(doc, labels)
    if not found:
        return None
    value, offset = found
    rest = doc.text[offset:offset + 600]
    stop = re.search(r"\.(?=\s*\n|\s*$)", rest)
    text = rest[:stop.end()] if stop else rest.split("\n")[0]
    return re.sub(r"\s+", " ", text).strip(), offset


def _sites(doc: Doc, labels: list[str]) -> list[tuple[str, int]]:
    label = rx(r"^\s*(?:" + "|".join(f"(?:{p})" for p in labels) + r")[ \t]*[:：][ \t]*(?P<v>.*)$")
    out: list[tuple[str, int]] = []
    arabic: list[tuple[str, int]] = []
    for m in label.finditer(doc.text):
        value = m.group("v").strip()
        target = arabic if re.search(r"[\u0600-\u06ff]", m.group(0)[:12]) else out
        if value:
            target.append((value, m.start("v")))
            continue
        index = doc.line_at(m.start()) + 1
        while index < len(doc.lines):  # the items listed under "Sites:"
            text = doc.lines[index].text
            if not re.search(r"\d|,", text) or re.match(r"^[A-Z][a-z]+(?: [a-z]+)*\s*:", text):
                break
            target.append((text.lstrip("•·-* ").strip(), doc.starts[index]))
            index += 1
    return out or arabic


def read_pentest(doc: Doc, facts: dict, cites: dict[str, DocCitation]) -> None:
    v = vocab()["pentest"]
    _letter_date(doc, facts, cites)
    tester = search(doc, v["tester"], "name")
    if tester:
        firm = legal_form_rx().match(tester[0])
        facts["issuer"] = Issuer(name=clean_name(firm.group("name") if firm else tester[0]), role=IssuerRole.TESTER)
        cites["issuer"] = doc.cite(tester[1])
    org = search(doc, vocab()["organisation"]["pentest"], "org")
    if org:
        facts["organisation"], cites["organisation"] = org[0], doc.cite(org[1])
    periods = find_periods(doc.text)
    if periods:
        facts["period"] = Period(start=periods[0][0], end=periods[0][1])
        cites["period"] = doc.cite(periods[0][2])
    scope = labelled(doc, v["scope_labels"])
    if scope:
        rest = doc.text[scope[1]:scope[1] + 600]
        stop = re.search(r"\.(?=\s*\n|\s*$)", rest)
        facts["scope"] = re.sub(r"\s+", " ", rest[:stop.end()] if stop else rest.split("\n")[0]).strip()
        cites["scope"] = doc.cite(scope[1])
    for m in any_rx(v["retest"]).finditer(doc.text):
        found = first_date(doc.text, m.start(), m.end() + 60)
        if found:
            facts["retest_date"], cites["retest_date"] = found[0], doc.cite(found[1])
            break
    _findings(doc, facts, cites)


def _findings(doc: Doc, facts: dict, cites: dict) -> None:
    """Counts by severity from a summary table (severity, found, remediated, open) or a list of findings
    (each with its severity and status), whether cells come one per line or side by side."""
    v = vocab()["pentest"]
    severity = {name: rx(p) for name, p in v["severities"].items()}
    columns = {name: rx(p) for name, p in v["columns"].items()}
    open_status, closed_status = rx(v["open_status"]), rx(v["closed_status"])
    found = dict.fromkeys(severity, 0)
    still_open = dict.fromkeys(severity, 0)
    header: list[str | None] = []
    first_at = None
    lines = [line.text for line in doc.lines]

    def column(cell: str) -> str | None:
        return next((n for n, p in columns.items() if p.match(cell)), None)

    def level(cell: str) -> str | None:
        return next((n for n, p in severity.items() if p.match(cell)), None)

    i = 0
    while i < len(lines):
        cells = [c.strip() for c in lines[i].split("|") if c.strip()]
        named = [column(c) for c in cells]
        if len(cells) > 1 and sum(1 for n in named if n) >= 2:
            header = named[1:]  # "Severity | Found | Remediated | Open"
            i += 1
            continue
        if len(cells) == 1 and named[0]:
            header.append(named[0])  # one header cell per line
            i += 1
            continue
        at = next((k for k, c in enumerate(cells) if level(c)), None)
        if at is None:
            i += 1
            continue
        sev = level(cells[at])
        rest = cells[at + 1:]
        j = i + 1
        if not rest:  # cells one per line: the counts or the status follow
            while j < len(lines) and re.fullmatch(r"\d+", lines[j].strip()):
                rest.append(lines[j].strip())
                j += 1
            if not rest and j < len(lines) and (open_status.match(lines[j].strip())
                                                or closed_status.match(lines[j].strip())):
                rest, j = [lines[j].strip()], j + 1
        if rest and all(c.isdigit() for c in rest):
            names = [n for n in header if n] if len(header) > len(rest) else header
            counts = dict(zip(names[-len(rest):] if len(names) >= len(rest) else ["found"], map(int, rest)))
            found[sev] += counts.get("found", 0)
            if "open" in counts:
                still_open[sev] += counts["open"]
            elif "closed" in counts:
                still_open[sev] += counts.get("found", 0) - counts["closed"]
            else:
                still_open[sev] += counts.get("found", 0)
        elif rest and (open_status.match(rest[0]) or closed_status.match(rest[0])):
            found[sev] += 1
            still_open[sev] += 1 if open_status.match(rest[0]) else 0
        else:
            i += 1
            continue
        first_at = first_at if first_at is not None else doc.starts[i]
        i = j
    if first_at is None:
        first_at = _prose_counts(doc, found, still_open)
    if first_at is not None:
        facts["findings_by_severity"] = SeverityCounts(**found)
        facts["open_findings_by_severity"] = SeverityCounts(**still_open)
        cites["findings_by_severity"] = doc.cite(first_at)


def _prose_counts(doc: Doc, found: dict, still_open: dict) -> int | None:
    """Counts written in a sentence: "Critical: 0, High: 2 (both remediated), Medium: 1 (open)".
    A count without a word on its status is taken as open: a letter that does not say it was fixed
    has not shown it."""
    v = vocab()["pentest"]
    opened, closed = rx(v["open_words"]), rx(v["closed_words"])
    first = None
    for m in rx(v["severity_prose"]).finditer(doc.text):
        sev = "medium" if m.group("sev").lower() == "moderate" else m.group("sev").lower()
        n, note = int(m.group("n")), m.group("note") or ""
        found[sev] += n
        numbers = [int(x) for x in re.findall(r"(\d+)\s+(?:are\s+|still\s+)?(?:open|outstanding|unresolved)", note)]
        if numbers:
            still_open[sev] += min(n, numbers[0])
        elif closed.search(note) and not opened.search(note):
            pass
        else:
            still_open[sev] += n
        first = m.start() if first is None else first
    return first

