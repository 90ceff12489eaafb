"""SOC 2 Type I / Type II reports: who, which period, which opinion, what failed, what is left to others."""

from __future__ import annotations

import re

from auditor.attestations.text import Doc
from auditor.attestations.vocab import (any_rx, clean_name, find_dates, find_periods, heading_offsets, labelled,
                                        legal_form_rx, rx, search, vocab)
from auditor.model.attestation import (ControlException, DocCitation, DocumentType, Issuer, IssuerRole, Opinion,
                                       Period, Subservice, SubserviceMethod)


def _section(doc: Doc, headings: list[str]) -> tuple[int, int] | None:
    """From a heading to the next 'Section …' heading (or the end)."""
    v = vocab()["soc2"]
    sections = heading_offsets(doc, v["section_heading"])
    spans = []
    for begin in heading_offsets(doc, headings):
        after = [o for o in sections if o > doc.line_span(doc.line_at(begin))[1]]
        spans.append((begin, after[0] if after else len(doc.text)))
    # the contents page names the section too: the section itself is the longest span
    return max(spans, key=lambda s: s[1] - s[0]) if spans else None


def _auditor_report(doc: Doc) -> tuple[int, int]:
    """The auditor's report: its heading (the one after the contents page) to the next section."""
    v = vocab()["soc2"]
    pattern = any_rx(v["auditor_report_heading"])
    hits = [m.start() for m in pattern.finditer(doc.text)]
    ends = heading_offsets(doc, v["assertion_heading"] + v["section_heading"] + v["tests_heading"])
    for begin in reversed(hits):  # the last mention is the section itself, not the contents page
        nxt = [e for e in ends if e > doc.line_span(doc.line_at(begin))[1]]
        end = nxt[0] if nxt else len(doc.text)
        if any_rx(vocab()["detect"]["opinion_section"]).search(doc.text, begin, end):
            return begin, end
    return 0, len(doc.text)


def read(doc: Doc, facts: dict, cites: dict[str, DocCitation]) -> None:
    v = vocab()["soc2"]
    text = doc.text
    org = labelled(doc, vocab()["organisation"]["labels"]) or search(doc, vocab()["organisation"]["soc2"], "org")
    if org:
        facts["organisation"], cites["organisation"] = org[0], doc.cite(org[1])
    system = search(doc, v["system"], "sys")
    if system:
        facts["system"], cites["system"] = system[0], doc.cite(system[1])
    report_start, report_end = _auditor_report(doc)

    periods = find_periods(text)
    as_of = next(((d, s) for d, s, _ in find_dates(text)
                  if rx(r"(?:" + "|".join(v["as_of"]) + r")$").search(text[max(0, s - 12):s])), None)
    type2 = any_rx(vocab()["detect"]["type2"]).search(text)
    type1 = any_rx(vocab()["detect"]["type1"]).search(text)
    if type2 and (not type1 or type2.start() < type1.start()):
        kind = DocumentType.SOC2_TYPE2
    elif type1:
        kind = DocumentType.SOC2_TYPE1
    else:  # no explicit type: a tested period means Type II, a point in time Type I
        kind = DocumentType.SOC2_TYPE2 if periods else DocumentType.SOC2_TYPE1
    facts["type"] = kind
    stated = type2 if kind is DocumentType.SOC2_TYPE2 else type1
    cites["type"] = doc.cite(stated.start() if stated else 0)
    if periods and kind is DocumentType.SOC2_TYPE2:  # a Type I speaks for one date, whatever ranges it mentions
        start, end, offset, _ = periods[0]
        facts["period"] = Period(start=start, end=end)
        cites["period"] = doc.cite(offset)
    if as_of and kind is DocumentType.SOC2_TYPE1:
        facts["as_of"], cites["as_of"] = as_of[0], doc.cite(as_of[1])

    _issuer_and_date(doc, facts, cites, report_start, report_end, org[0] if org else None)
    _categories(doc, facts, cites)
    _opinion(doc, facts, cites, report_start, report_end)
    _exceptions(doc, facts)
    _subservice(doc, facts)
    facts["cuecs"] = _items(doc, v["cuec_heading"])
    facts["csocs"] = _items(doc, v["csoc_heading"])
    if facts["cuecs"]:
        cites["cuecs"] = doc.cite(heading_offsets(doc, v["cuec_heading"])[0])


def _issuer_and_date(doc: Doc, facts: dict, cites: dict, start: int, end: int, org: str | None) -> None:
    v = vocab()["soc2"]
    text = doc.text
    label = labelled(doc, v["issuer_labels"])
    name_at = None
    if label:
        firm = legal_form_rx().match(label[0])
        name_at = ((firm.group("name") if firm else clean_name(label[0].split(",")[0])), label[1])
    else:  # the signature: the last line of the auditor's report naming a firm
        opinion = rx(r"\bin\s+our\s+opinion\b").search(text, start, end)
        form = legal_form_rx()
        for index in range(doc.line_at(opinion.start() if opinion else start), doc.line_at(end - 1) + 1):
            m = form.match(doc.lines[index].text)
            if m and (not org or org.lower() not in m.group("name").lower()):
                name_at = (clean_name(m.group("name")), doc.starts[index])
                break
    if name_at:
        facts["issuer"] = Issuer(name=name_at[0], role=IssuerRole.SERVICE_AUDITOR)
        cites["issuer"] = doc.cite(name_at[1])
    spans = _spans(find_periods(text, start, end))
    singles = [(d, s) for d, s, e in find_dates(text, start, end) if not any(a <= s < b for a, b in spans)]
    if singles:
        facts["report_date"], cites["report_date"] = singles[-1][0], doc.cite(singles[-1][1])


def _spans(periods) -> list[tuple[int, int]]:
    return [(s, e) for _, _, s, e in periods]


def _categories(doc: Doc, facts: dict, cites: dict) -> None:
    v = vocab()["soc2"]
    for m in any_rx(v["category_cues"]).finditer(doc.text):
        window = doc.text[m.end():m.end() + 220]
        stop = re.search(r"\.(?:\s|$)", window)
        window = window[:stop.start()] if stop else window
        found = [(hit.start(), name) for name, pattern in v["categories"].items()
                 if (hit := rx(pattern).search(window))]
        if found:
            facts["trust_services_categories"] = [name for _, name in sorted(found)]
            cites["trust_services_categories"] = doc.cite(m.start())
            return


def _opinion(doc: Doc, facts: dict, cites: dict, start: int, end: int) -> None:
    v = vocab()["soc2"]
    for kind in ("disclaimer", "adverse", "qualified", "unmodified"):
        m = any_rx(v["opinions"][kind]).search(doc.text, start, end)
        if m:
            facts["opinion"] = Opinion(kind)
            sentence = any_rx(v["opinion_sentence"]).search(doc.text, start, end)
            cites["opinion"] = doc.cite((sentence or m).start())
            break
    basis = any_rx(v["basis_heading"]).search(doc.text, start, end)
    if basis and facts.get("opinion") in (Opinion.QUALIFIED, Opinion.ADVERSE, Opinion.DISCLAIMER):
        stop = any_rx([p for k in ("qualified", "adverse", "disclaimer") for p in v["opinions"][k]])
        nxt = [m.start() for m in stop.finditer(doc.text, basis.end(), end)
               if doc.line_at(m.start()) != doc.line_at(basis.start())]
        stop_at = nxt[0] if nxt else end
        criteria = sorted(set(rx(r"\b" + v["criterion"] + r"\b").findall(doc.text, basis.end(), stop_at)),
                          key=_criterion_key)
        facts["qualified_criteria"] = criteria
        cites["qualified_criteria"] = doc.cite(basis.start())


def _criterion_key(value: str) -> tuple:
    m = re.match(r"([A-Z]+)(\d+)\.(\d+)", value)
    return (m.group(1), int(m.group(2)), int(m.group(3))) if m else (value, 0, 0)


def _exceptions(doc: Doc, facts: dict) -> None:
    v = vocab()["soc2"]
    section = _section(doc, v["tests_heading"])
    begin, end = section or (0, len(doc.text))
    # A row starts with ids: "CC6.1 | HP-03 | …" or "OL-12 | CC6.2 | …", one per line or one per cell.
    lead = rx(r"\s*\|?\s*(?:(?P<c>" + v["criterion"] + r")|(?P<id>" + v["control_id"] + r"))(?=\s|\||$)")
    rows: list[dict] = []
    current = None
    row = None
    for index in range(doc.line_at(begin), doc.line_at(max(begin, end - 1)) + 1) if section else ():
        line = doc.lines[index].text
        pos, body = 0, False
        while (m := lead.match(line, pos)) is not None:
            pos = m.end()
            if m.group("c"):
                if row is not None and row["fresh"] and not row["own"]:
                    row["criterion"], row["own"] = m.group("c"), True  # "OL-12 | CC6.2 | …": the row's own
                else:
                    current, row = m.group("c"), None
            else:
                row = {"control": m.group("id"), "criterion": current, "own": False, "fresh": True,
                       "start": doc.starts[index]}
                rows.append(row)
        if line[pos:].strip(" |"):
            body = True
        if row is not None:
            row["end"] = doc.starts[index] + len(line)
            if body:
                row["fresh"] = False
    yes = any_rx(v["exception_yes"])
    no = any_rx(v["exception_no"])
    sample = rx(v["sample"])
    words = v["number_words"]
    found = []
    for r in rows:
        body = doc.text[r["start"]:r.get("end", r["start"])]
        cleaned = no.sub(lambda m: " " * len(m.group(0)), body)
        m = yes.search(cleaned)
        if not m:
            continue
        exception = re.sub(r"\s+", " ", body[m.start():]).strip()
        s = sample.search(exception)
        dev = n = None
        if s:
            d = s.group("dev").lower()
            dev, n = (int(d) if d.isdigit() else words.get(d)), int(s.group("n"))
        found.append(ControlException(
            control=r["control"], criterion=r["criterion"], exception=exception, sample=n, deviations=dev,
            management_response=_response(doc, r["control"], end), citation=doc.cite(r["start"] + m.start())))
    flagged = {e.control for e in found}
    facts["controls_without_exceptions"] = list(dict.fromkeys(r["control"] for r in rows
                                                              if r["control"] not in flagged))
    found += _unplaced(doc, begin, end, found, rows)
    facts["controls_tested"] = len(rows) or None
    facts["controls_with_exceptions"] = found
    facts["criteria_with_exceptions"] = sorted({e.criterion for e in found if e.criterion}, key=_criterion_key)


def _unplaced(doc: Doc, begin: int, end: int, found: list[ControlException], rows: list[dict]
              ) -> list[ControlException]:
    """Exceptions the tests section states outside any row we could delimit: never dropped (a report must
    not read cleaner than it is), attributed to the nearest criterion and control id before them."""
    v = vocab()["soc2"]
    placed = [(r["start"], r.get("end", r["start"])) for r in rows]
    cleaned = any_rx(v["exception_no"]).sub(lambda m: " " * len(m.group(0)), doc.text[begin:end])
    criterion, control = rx(r"\b" + v["criterion"] + r"\b"), rx(r"^\s*(" + v["control_id"] + r")\b")
    out = []
    for m in any_rx(v["exception_yes"]).finditer(cleaned):
        at = begin + m.start()
        if any(a <= at <= b for a, b in placed):
            continue
        before = doc.text[begin:at]
        crit = [c.group(0) for c in criterion.finditer(before)]
        ids = [c.group(1) for c in control.finditer(before)]
        text = re.sub(r"\s+", " ", doc.text[at:at + 300].split("\n\n")[0])
        out.append(ControlException(control=ids[-1] if ids else "(not identified)",
                                    criterion=crit[-1] if crit else None, exception=text[:300].strip(),
                                    citation=doc.cite(at)))
    return out


def _response(doc: Doc, control: str, after: int) -> str | None:
    v = vocab()["soc2"]
    pattern = rx(r"(?<![\w.-])" + re.escape(control) + r"(?![\w.-]|\.\d)[^\n]{0,40}?" + v["management_response"]
                 + r"(?P<text>[^\n]+(?:\n[^\n]+){0,4})")
    m = pattern.search(doc.text, after)
    if not m:
        return None
    text = m.group("text")
    nxt = rx(v["control_id"] + r"\s+" + v["management_response"]).search(text)
    return re.sub(r"\s+", " ", text[:nxt.start()] if nxt else text).strip() or None


def _subservice(doc: Doc, facts: dict) -> None:
    v = vocab()["soc2"]
    found: dict[str, Subservice] = {}
    methods = {name: rx(p) for name, p in v["methods"].items()}
    only = rx(v["method_only_line"])
    for begin in heading_offsets(doc, v["subservice_heading"]):
        first = doc.line_at(begin) + 1
        block_end = _block_end(doc, first)
        lines = doc.lines[first:block_end]
        # rows of a table whose last cell is the method: the name is the first cell after the previous row
        marks = [i for i, line in enumerate(lines) if only.match(line.text)]
        if marks:
            header_end = next((i for i, line in enumerate(lines[:marks[0]])
                               if rx(r"^(?:method|treatment|approach|inclusive\s+or\s+carve-out)\b").match(line.text)),
                              None)
            prev = header_end if header_end is not None else -1
            for mark in marks:
                if prev + 1 < mark:
                    name_line = lines[prev + 1]
                    method = next(SubserviceMethod(n) for n, p in methods.items() if p.search(lines[mark].text))
                    _add(found, clean_name(name_line.text), method,
                         doc.cite(doc.starts[first + prev + 1]))
                prev = mark
        for offset, line in enumerate(lines):  # cells side by side: "Amazon Web Services, Inc. | Hosting | Carve-out"
            cells = [c.strip() for c in line.text.split("|") if c.strip()]
            if len(cells) >= 2:
                method = next((SubserviceMethod(n) for n, p in methods.items() if p.search(cells[-1])), None)
                if method is not None and not methods["carve-out"].search(cells[0]) \
                        and not methods["inclusive"].search(cells[0]):
                    _add(found, clean_name(cells[0]), method, doc.cite(doc.starts[first + offset]))
    for pattern in v["subservice_sentences"]:
        for m in rx(pattern).finditer(doc.text):
            method = SubserviceMethod("carve-out" if "carve" in m.group("method").lower() else "inclusive")
            _add(found, clean_name(m.group("name")), method, doc.cite(m.start("name")))
    facts["subservice_organisations"] = list(found.values())


def _key(name: str) -> str:
    forms = vocab()["legal_forms"]
    key = rx(r"\b(?:" + "|".join(forms) + r")(?=\s|$|,)").sub(" ", name)
    return re.sub(r"[^a-z0-9]+", " ", key.lower()).strip()


def _add(found: dict, name: str, method: SubserviceMethod, cite: DocCitation) -> None:
    if not name or len(name) > 80:
        return
    key = _key(name)
    if key and key not in found:
        found[key] = Subservice(name=name, method=method, citation=cite)


_HEADING_WORD = re.compile(r"^[A-Z][\w'’&/-]*$")


def _is_heading(text: str) -> bool:
    v = vocab()["soc2"]
    if any_rx(v["section_heading"] + v["tests_heading"] + v["cuec_heading"] + v["csoc_heading"]
              + v["subservice_heading"]).match(text):
        return True
    if rx(v["item_marker"]).match(text) or rx(r"^\s*" + v["control_id"] + r"\s*$").match(text):
        return False
    words = text.split()
    if not 1 <= len(words) <= 8 or text.endswith((".", ",", ";", ":")):
        return False
    long_words = [w for w in words if len(w) > 3]
    return bool(long_words) and all(_HEADING_WORD.match(w) for w in long_words) and words[0][0].isupper()


def _block_end(doc: Doc, first: int) -> int:
    for index in range(first, len(doc.lines)):
        text = doc.lines[index].text
        if any_rx(vocab()["soc2"]["section_heading"] + vocab()["soc2"]["cuec_heading"]
                  + vocab()["soc2"]["csoc_heading"] + vocab()["soc2"]["tests_heading"]).match(text):
            return index
        if _is_heading(text) and not rx(vocab()["soc2"]["method_only_line"]).match(text) \
                and index > first and doc.lines[index - 1].text.endswith((".", ":")) \
                and not rx(r"^(?:subservice|sub-service|services?|method|treatment)").match(text):
            return index
    return len(doc.lines)


def _items(doc: Doc, headings: list[str]) -> list[str]:
    """The list under a heading: bullets, numbered or CUEC-n items, or one sentence per item."""
    v = vocab()["soc2"]
    marker = rx(v["item_marker"])
    items: list[str] = []
    for begin in heading_offsets(doc, headings):
        first = doc.line_at(begin) + 1
        current: list[str] | None = None
        for index in range(first, len(doc.lines)):
            text = doc.lines[index].text
            if any_rx(v["section_heading"] + v["tests_heading"] + v["cuec_heading"] + v["csoc_heading"]
                      + v["subservice_heading"]).match(text) or (_is_heading(text) and current is None and index > first):
                break
            if _is_heading(text) and current and current[-1].endswith("."):
                break
            m = marker.match(text)
            ends_previous = bool(current) and current[-1].endswith(".")
            if m or ends_previous or current is None:
                body = text[m.end():].strip(" |") if m else text
                if current:
                    items.append(" ".join(current))
                if not body:
                    current = []
                    continue
                if not m and current is None and (body.endswith(":") or not body.endswith(".") and
                                                  not _continues(doc, index)):
                    current = None  # an introduction or a table header, not an item
                    continue
                current = [body]
            elif current is not None:
                current.append(text)
        if current:
            items.append(" ".join(current))
    return [re.sub(r"\s+", " ", i).strip() for i in items if len(i.split()) >= 4]


def _continues(doc: Doc, index: int) -> bool:
    """The line's sentence carries on to the next line (an item wrapped across lines)."""
    nxt = doc.lines[index + 1].text if index + 1 < len(doc.lines) else ""
    return bool(nxt) and nxt[:1].islower()
