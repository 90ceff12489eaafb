"""The audit report as a PDF, drawn with reportlab from one ReportData and nothing else.

Long requirement tables are cut into blocks of a few dozen rows: reportlab re-lays a table
each time it splits it across a page, so one 1,000-row table costs far more than 25 small ones.
The last page is always the signature page, with an empty box where a signature goes.
"""

from __future__ import annotations

import io

from auditor.durations import durations_in_text
from auditor.model.assessment import Finding, FrameworkResult
from auditor.model.enums import Status
from auditor.questions import attestation_name
from auditor.report import arabic
from auditor.report.charts import SEVERITY_COLOURS, coverage_chart, severity_chart, status_chart
from auditor.report.formats import percent, sla_cells
from auditor.report.model import ReportData
from auditor.report.pdf_text import (
    _as_status,
    _cited,
    _date,
    _decision_colour,
    _finding_counts,
    _meets,
    _polarity,
    _reason_text,
    _requirement_reason,
    _when,
    signer_name,
)
from auditor.report.pdf_text import label as _label

PAGE_WIDTH, PAGE_HEIGHT = 595.2756, 841.8898  # A4 in points
MARGIN = 50
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
# Where the visible signature goes on the last page (x1, y1, x2, y2 in points from bottom left).
SIGNATURE_BOX = (MARGIN, 110, MARGIN + 300, 200)
SIGNATURE_PAGE = -1  # the signature page is always the last one (pyHanko counts -1 as the last page)
ROWS_PER_TABLE = 40
FIRST_ROWS = 1  # a heading kept with a short first block: no page left mostly empty before it
CELL_SIZE = 7.5
KEY_FINDINGS_IN_FULL = 40
_LIGHT = {Status.SATISFIED: "#dcedc8", Status.UNVERIFIED: "#fff3c4", Status.STALE: "#ffe0b2",
          Status.CONTRADICTED: "#ffcdd2", Status.GAP: "#d7ccc8", Status.NOT_APPLICABLE: "#eceff1"}


def manifest_entries(data: ReportData) -> list[dict]:
    """The evidence manifest as embedded in the PDF, in the order its digest is computed."""
    return [e.model_dump(mode="json") for e in sorted(data.evidence, key=lambda e: e.sha256)]


def render_pdf(data: ReportData, *, signed: bool = False, signer: str | None = None, language: str = "en") -> bytes:
    """The whole report as PDF bytes.

    `signed` and `signer` (the certificate subject that will sign) only change the signature
    page: what the box says, and the signer's name in full (the stamp's own font is Latin-1).
    """
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    fonts = arabic.load_fonts()
    builder = _Builder(data, fonts, signer, language)
    story = builder.build()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=MARGIN, rightMargin=MARGIN,
        topMargin=MARGIN + 10, bottomMargin=MARGIN, title=f"Vendor audit report: {data.vendor.name}",
        author=data.reviewer or "auditor", subject=f"{data.title} ({data.vendor.id})",
        keywords=f"evidence-manifest-sha256={data.evidence_manifest_digest}",
        creator=f"auditor {data.tool_version}",
    )
    pads = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    body = Frame(MARGIN, MARGIN, FRAME_WIDTH, PAGE_HEIGHT - 2 * MARGIN - 10, id="body", **pads)
    sig_bottom = SIGNATURE_BOX[3] + 30
    sig_frame = Frame(MARGIN, sig_bottom, FRAME_WIDTH, PAGE_HEIGHT - MARGIN - 10 - sig_bottom, id="sig", **pads)
    doc.addPageTemplates([
        PageTemplate(id="cover", frames=[body], onPage=builder.decorate_cover),
        PageTemplate(id="body", frames=[body], onPage=builder.decorate),
        PageTemplate(id="signature", frames=[sig_frame],
                     onPage=lambda c, d: builder.decorate_signature(c, d, signed)),
    ])
    from reportlab import rl_config

    saved, rl_config.useA85 = rl_config.useA85, 0  # binary streams: smaller, no pure-Python base-85 pass
    try:
        doc.build(story)
    finally:
        rl_config.useA85 = saved
    return buffer.getvalue()


class _Builder:
    """Turns the report data into reportlab flowables, one section at a time."""

    def __init__(self, data: ReportData, fonts: arabic.Fonts, signer: str | None = None, language: str = "en"):
        from reportlab.lib.enums import TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        self.language = language
        self.t = lambda text: _label(text, language)  # a fixed label in the report's language
        self.say = lambda template, **kw: _label(template, language).format(**kw)  # a fixed sentence
        self.data = data
        self.signer = signer
        self.a = data.assessment
        self.fonts = fonts
        self.layout = arabic.TextLayout(fonts)
        body = ParagraphStyle("body", fontName=fonts.body, fontSize=9, leading=12, spaceAfter=4)
        cell = ParagraphStyle("cell", parent=body, fontSize=7.5, leading=9.5, spaceAfter=0)
        self.styles = {
            "body": body,
            "cell": cell,
            "cell_rtl": ParagraphStyle("cell_rtl", parent=cell, alignment=TA_RIGHT),
            "body_rtl": ParagraphStyle("body_rtl", parent=body, alignment=TA_RIGHT),
            "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10),
            "lead": ParagraphStyle("lead", parent=body, fontSize=8, leading=10, keepWithNext=1),
            "h1": ParagraphStyle("h1", parent=body, fontName=fonts.bold, fontSize=16, leading=20,
                                 spaceBefore=4, spaceAfter=8, keepWithNext=1),
            "h2": ParagraphStyle("h2", parent=body, fontName=fonts.bold, fontSize=11.5, leading=14,
                                 spaceBefore=10, spaceAfter=4, keepWithNext=1),
            "h3": ParagraphStyle("h3", parent=body, fontName=fonts.bold, fontSize=9.5, leading=12,
                                 spaceBefore=6, spaceAfter=2, keepWithNext=1),
            "title": ParagraphStyle("title", parent=body, fontName=fonts.bold, fontSize=26, leading=32),
            "vendor": ParagraphStyle("vendor", parent=body, fontName=fonts.bold, fontSize=20, leading=26,
                                     textColor="#1a4d8f"),
            "verdict": ParagraphStyle("verdict", parent=body, fontName=fonts.bold, fontSize=12, leading=16,
                                      textColor="#ffffff"),
        }

    # ---- text and tables -------------------------------------------------------------------------
    def para(self, text: str, style: str = "body", width: float = FRAME_WIDTH):
        """A paragraph; Arabic is wrapped by us in logical order, then each line reordered for display."""
        from reportlab.platypus import Paragraph

        text = "" if text is None else durations_in_text(str(text), self.language)
        st = self.styles[style]
        if not arabic.has_arabic(text):
            return Paragraph("<br/>".join(arabic.inline(line, self.fonts) for line in text.split("\n")), st)
        block = self.layout.block(text, st.fontSize, st.leading, width - 2, st.textColor)
        block.spaceAfter, block.spaceBefore = st.spaceAfter, st.spaceBefore
        block.keepWithNext = getattr(st, "keepWithNext", 0)
        return block

    def table(self, headers: list[str], rows: list[list], widths: list[float], *,
              status_col: int | None = None, wrap: tuple[int, ...] = ()) -> list:
        """Rows in blocks of ROWS_PER_TABLE, each with its header; `wrap` columns are wrapped to fit.

        Cells are multi-line strings or TextBlocks drawn directly: a reportlab Paragraph per
        cell would cost most of the rendering time of a large report.
        """
        from reportlab.lib.colors import HexColor
        from reportlab.platypus import Spacer, Table, TableStyle

        out = []
        headers = [self.t(h) for h in headers]
        head = [self.layout.plain(h, CELL_SIZE, widths[i] - 6)
                or self.layout.block(h, CELL_SIZE, CELL_SIZE + 2, widths[i] - 6) for i, h in enumerate(headers)]
        # a short first block, so a heading kept with it does not push a whole block to the next page
        starts = [0, *range(FIRST_ROWS, len(rows), ROWS_PER_TABLE)] if len(rows) > ROWS_PER_TABLE else [0]
        for i, start in enumerate(starts):
            block = rows[start:starts[i + 1] if i + 1 < len(starts) else None]
            cells = [head]
            style = [
                ("FONT", (0, 0), (-1, -1), self.fonts.body, CELL_SIZE, CELL_SIZE + 2),
                ("FONT", (0, 0), (-1, 0), self.fonts.bold, CELL_SIZE, CELL_SIZE + 2),
                ("BACKGROUND", (0, 0), (-1, 0), HexColor("#e3e8ef")),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, HexColor("#c5ccd6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
            for r, row in enumerate(block, start=1):
                line = []
                for c, value in enumerate(row):
                    text = "" if value is None else durations_in_text(str(value), self.language)
                    if arabic.has_arabic(text):
                        line.append(self.layout.block(text, CELL_SIZE, CELL_SIZE + 2, widths[c] - 6))
                    elif c in wrap:
                        line.append(self.layout.plain(text, CELL_SIZE, widths[c] - 6))
                    else:
                        line.append(arabic.clean(text))
                cells.append(line)
                if status_col is not None:
                    colour = _LIGHT.get(_as_status(row[status_col]))
                    if colour:
                        style.append(("BACKGROUND", (status_col, r), (status_col, r), HexColor(colour)))
            if not block:
                cells.append(["(none)"] + [""] * (len(headers) - 1))
            out.append(Table(cells, colWidths=widths, repeatRows=1, style=TableStyle(style)))
        out.append(Spacer(1, 6))
        return out

    def facts(self, pairs: list[tuple[str, str]], label_width: float = 130) -> list:
        from reportlab.platypus import Table, TableStyle

        rows = [[self.para(k, "small"), self.para(v, "small", FRAME_WIDTH - label_width)] for k, v in pairs]
        return [Table(rows, colWidths=[label_width, FRAME_WIDTH - label_width], style=TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (0, -1), self.fonts.bold, 8),
            ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ("LEFTPADDING", (0, 0), (-1, -1), 0)]))]

    # ---- page decoration -------------------------------------------------------------------------
    def decorate(self, canvas, doc) -> None:
        canvas.saveState()
        canvas.setStrokeColorRGB(0.75, 0.78, 0.82)
        canvas.line(MARGIN, PAGE_HEIGHT - MARGIN + 4, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN + 4)
        arabic.draw_text(canvas, MARGIN, PAGE_HEIGHT - MARGIN + 8, self.data.title, self.layout, 8)
        arabic.draw_text(canvas, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN + 8, self.data.vendor.name,
                         self.layout, 8, anchor="end")
        footer = f"evidence manifest sha256 {self.data.evidence_manifest_digest[:16]}…  ·  " \
                 f"auditor {self.data.tool_version}"
        arabic.draw_text(canvas, MARGIN, MARGIN - 22, footer, self.layout, 7)
        arabic.draw_text(canvas, PAGE_WIDTH - MARGIN, MARGIN - 22, f"{self.t('page')} {doc.page}", self.layout, 7,
                         anchor="end")
        canvas.restoreState()

    def decorate_cover(self, canvas, doc) -> None:
        canvas.saveState()
        canvas.setFillColorRGB(0.10, 0.30, 0.56)
        canvas.rect(0, PAGE_HEIGHT - 18, PAGE_WIDTH, 18, stroke=0, fill=1)
        canvas.restoreState()

    def decorate_signature(self, canvas, doc, signed: bool) -> None:
        self.decorate(canvas, doc)
        x1, y1, x2, y2 = SIGNATURE_BOX
        canvas.saveState()
        arabic.draw_text(canvas, x1, y2 + 8, self.t("Digital signature (PAdES)"), self.layout, 8, font=self.fonts.bold)
        canvas.setStrokeColorRGB(0.55, 0.6, 0.68)
        canvas.setDash(3, 2)
        canvas.rect(x1 - 2, y1 - 2, x2 - x1 + 4, y2 - y1 + 4, stroke=1, fill=0)
        if not signed:
            arabic.draw_text(canvas, x1 + 10, (y1 + y2) / 2,
                             self.t("Not signed: this copy carries no digital signature."), self.layout, 8)
        canvas.restoreState()

    # ---- sections --------------------------------------------------------------------------------
    def build(self) -> list:
        from reportlab.platypus import NextPageTemplate, PageBreak

        story = [NextPageTemplate("body"), *self.cover(), PageBreak(), *self.summary(), *self.findings()]
        for fw in self.a.frameworks:
            story += self.framework(fw)
        story += self.sla_and_contract() + self.responsibilities() + self.screening() + self.requirements_run()
        story += self.attestation_standings() + self.statements() + self.manifest() + self.method()
        story += [NextPageTemplate("signature"), PageBreak(), *self.signature()]
        return story

    def cover(self) -> list:
        from reportlab.platypus import Spacer, Table, TableStyle

        d, a, v = self.data, self.a, self.data.vendor
        scope = ", ".join(str(s) for s in a.scope) or "not stated"
        in_scope = [f.id for f in a.frameworks if f.applicable]
        out_scope = [f.id for f in a.frameworks if not f.applicable]
        verdict = Table([[self.para(d.verdict, "verdict", FRAME_WIDTH - 20)]], colWidths=[FRAME_WIDTH],
                        style=TableStyle([("BACKGROUND", (0, 0), (-1, -1), _decision_colour(d)),
                                          ("LEFTPADDING", (0, 0), (-1, -1), 10),
                                          ("TOPPADDING", (0, 0), (-1, -1), 8),
                                          ("BOTTOMPADDING", (0, 0), (-1, -1), 10)]))
        signer = signer_name(self.signer)
        pairs = [
            (self.t("Date of assessment"), a.as_of.isoformat()),
            (self.t("Generated"), _when(a.generated_at)),
            (self.t("Reviewer"), d.reviewer or signer or self.t("not named")),
            *([(self.t("Signed by"), signer)] if signer else []),
            (self.t("Engagement scope"), scope),
            (self.t("Frameworks assessed"), ", ".join(in_scope) or "none"),
            (self.t("Out of scope"), ", ".join(out_scope) or "none"),
            *([(self.t("Verdict rule"), d.decision.rule)] if d.decision else []),
            (self.t("Findings"), _finding_counts(a.findings, self.language)),
            (self.t("Evidence items"), str(len(d.evidence))),
            (self.t("Evidence manifest (sha256)"), d.evidence_manifest_digest),
            (self.t("Tool"), f"auditor {d.tool_version}"),
        ]
        identity = [(self.t("Vendor id"), v.id)] + ([(self.t("Legal name"), v.legal_name)] if v.legal_name else []) + \
            ([(self.t("Website"), v.website)] if v.website else []) + \
            ([(self.t("Parent"), v.parent)] if v.parent else [])
        return [Spacer(1, 70), self.para(d.title, "title"), Spacer(1, 10), self.para(v.name, "vendor"),
                Spacer(1, 14), *self.facts(identity), Spacer(1, 18), self.para(self.t("Overall verdict"), "h2"),
                verdict, Spacer(1, 18), *self.facts(pairs, 150)]

    def summary(self) -> list:
        from reportlab.platypus import KeepTogether

        a = self.a
        total = sum(len(f.requirements) for f in a.frameworks if f.applicable)
        counts = {s: sum(getattr(f.counts, s.value) for f in a.frameworks if f.applicable) for s in Status}
        text = self.say(
            "{vendor} was assessed against {frameworks} frameworks in scope ({total} requirements): {satisfied} "
            "satisfied by evidence, {unverified} claimed without evidence, {stale} with stale evidence, "
            "{contradicted} contradicted and {gap} gaps. {findings}. Coverage counts what the vendor claims "
            "(satisfied or unverified); verified counts what evidence shows (satisfied only).",
            vendor=a.vendor_name, frameworks=sum(f.applicable for f in a.frameworks), total=total,
            satisfied=counts[Status.SATISFIED], unverified=counts[Status.UNVERIFIED], stale=counts[Status.STALE],
            contradicted=counts[Status.CONTRADICTED], gap=counts[Status.GAP],
            findings=_finding_counts(a.findings, self.language))
        out = [self.para(self.t("Executive summary"), "h1"), self.para(text)]
        out.append(KeepTogether([self.para(self.t("Coverage per framework"), "h3"),
                                 coverage_chart(a.frameworks, self.fonts.body, FRAME_WIDTH)]))
        out.append(KeepTogether([self.para(self.t("Requirement status per framework"), "h3"),
                                 status_chart(a.frameworks, self.fonts.body, FRAME_WIDTH)]))
        out.append(KeepTogether([self.para(self.t("Findings by severity"), "h3"),
                                 severity_chart(a.findings, self.fonts.body, FRAME_WIDTH)]))
        rows = [[f.id, f.name, percent(f.coverage, f.applicable), percent(f.verified, f.applicable),
                 *(getattr(f.counts, s.value) for s in Status)] for f in a.frameworks]
        w = [92, FRAME_WIDTH - 92 - 84 - 204, 42, 42] + [34] * 6
        heads = ["framework", "name", "coverage", "verified", "satis-\nfied", "unveri-\nfied", "stale",
                 "contra-\ndicted", "gap", "n/a"]
        return out + [self.para(self.t("Frameworks at a glance"), "h3"), *self.table(heads, rows, w, wrap=(1,))]

    def findings(self) -> list:
        from reportlab.platypus import KeepTogether, Spacer

        ordered = sorted(self.a.findings, key=lambda f: (f.severity.rank, f.framework, f.requirement))
        out = [self.para(self.t("Key findings"), "h1")]
        if not ordered:
            return out + [self.para(self.t("No findings."))]
        for f in ordered[:KEY_FINDINGS_IN_FULL]:
            out.append(KeepTogether(self.finding_block(f) + [Spacer(1, 6)]))
        rest = ordered[KEY_FINDINGS_IN_FULL:]
        if rest:
            out.append(self.para(self.say("Further findings ({count})", count=len(rest)), "h2"))
            rows = [[f.severity.value, f"{f.framework} {f.requirement}", f.title, f.question or ""] for f in rest]
            out += self.table(["severity", "where", "finding", "question for the vendor"], rows,
                              [52, 100, 170, FRAME_WIDTH - 322], wrap=(1, 2, 3))
        return out

    def finding_block(self, f: Finding) -> list:
        from reportlab.lib.colors import HexColor
        from reportlab.platypus import Table, TableStyle

        where = " · ".join(x for x in (f.framework, f.requirement, f.control) if x)
        label = Table([[f.severity.value.upper()]], colWidths=[62], style=TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), HexColor(SEVERITY_COLOURS[f.severity])),
            ("TEXTCOLOR", (0, 0), (-1, -1), HexColor("#ffffff")), ("FONT", (0, 0), (-1, -1), self.fonts.bold, 7.5),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
        head = Table([[label, self.para(f.title, "h3", FRAME_WIDTH - 70)]], colWidths=[70, FRAME_WIDTH - 70],
                     style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        out = [head, self.para(f"{where}  ({f.kind})", "small")]
        if f.detail:
            out.append(self.para(f.detail))
        if f.question:
            out.append(self.para(f"{self.t('Ask the vendor:')} {f.question}"))
        for reason in f.basis[:4]:
            out.append(self.para(_reason_text(reason, limit=600), "small"))
        return out

    def framework(self, fw: FrameworkResult) -> list:
        out = [self.para(f"{fw.name} ({fw.id}, version {fw.version})", "h2")]
        if not fw.applicable:
            return out + [self.para(self.say("Out of scope: {reason}.",
                                             reason=fw.scope_reason or self.t("not applicable to this engagement")))]
        c = fw.counts
        out.append(self.para(self.say(
            "Coverage {coverage:.1f}% · verified {verified:.1f}% · {satisfied} satisfied, {unverified} unverified, "
            "{stale} stale, {contradicted} contradicted, {gap} gap, {na} not applicable", coverage=fw.coverage,
            verified=fw.verified, satisfied=c.satisfied, unverified=c.unverified, stale=c.stale,
            contradicted=c.contradicted, gap=c.gap, na=c.not_applicable), "lead"))
        rows = [[r.id, r.title, r.status.value, _requirement_reason(r.reasons, r.claims)] for r in fw.requirements]
        return out + self.table(["id", "title", "status", "reason"], rows, [62, 150, 58, FRAME_WIDTH - 270],
                                status_col=2, wrap=(0, 1, 3))

    def sla_and_contract(self) -> list:
        out = [self.para(self.t("Support SLA and contract"), "h1")]
        if self.a.sla:
            rows = [[s.severity, *sla_cells(s, self.language), _meets(s.meets), s.reason] for s in self.a.sla]
            out += [self.para(self.t("Support response times"), "h2"), *self.table(
                ["severity", "required", "promised", "worst case (calendar)", "meets", "reason"], rows,
                [48, 80, 80, 64, 38, FRAME_WIDTH - 310], wrap=(1, 2, 3, 5))]
        else:
            out.append(self.para(self.t("The vendor's documents state no support response times.")))
        if self.a.contract:
            rows = [[c.term, _meets(c.meets), c.severity.value if c.severity else "-", c.reason]
                    for c in self.a.contract]
            out += [self.para(self.t("Contract terms"), "h2"), *self.table(
                ["term", "meets", "severity", "reason"], rows, [110, 40, 50, FRAME_WIDTH - 200], wrap=(0, 3))]
        return out

    def responsibilities(self) -> list:
        """CUECs of the vendor's SOC 2 reports (the customer's part) and the fourth parties they carve out."""
        out = []
        if self.a.responsibilities:
            rows = [[r.text, f"{r.evidence[:12]}" + (f", p. {r.citation.page}" if r.citation else "")]
                    for r in self.a.responsibilities]
            out += [self.para(self.t("Your responsibilities"), "h1"),
                    self.para(self.t("Controls the vendor's SOC 2 report expects you (the user entity) to operate.")),
                    *self.table(["control", "report"], rows, [FRAME_WIDTH - 100, 100], wrap=(0,))]
        if self.a.fourth_parties:
            rows = [[p.name, p.method.value, p.note, p.evidence[:12]] for p in self.a.fourth_parties]
            out += [self.para(self.t("Fourth parties"), "h2"), *self.table(
                ["organisation", "method", "note", "report"], rows, [130, 60, FRAME_WIDTH - 270, 80], wrap=(0, 2))]
        return out

    def screening(self) -> list:
        s = self.a.screening
        out = [self.para(self.t("Export controls and sanctions screening (EAR/OFAC)"), "h1")]
        if s is None:
            return out + [self.para(self.t("Screening was not run for this report."))]
        out += self.facts([(self.t("Result"), s.status.value.upper()),
                           (self.t("Screened"), "; ".join(s.screened) or "-"),
                           (self.t("Denied-party lists"), "used" if s.lists_available else "none available: names were "
                            "not checked against SDN or the Consolidated Screening List")])
        if s.lists:
            rows = [[li.name, li.source, li.date.isoformat() if li.date else "-", str(li.entries),
                     "stale" if li.stale else "current"] for li in s.lists]
            out += [self.para(self.t("Lists"), "h3"), *self.table(["list", "source", "date", "entries", "state"], rows,
                                                          [90, FRAME_WIDTH - 280, 70, 60, 60], wrap=(1,))]
        rows = [[h.status.value, h.list, h.query or "-", h.name, f"{h.score:.2f}", h.reason] for h in s.hits]
        out += [self.para(self.t("Hits"), "h3"),
                *self.table(["status", "list", "screened", "listed name", "score", "reason"],
                            rows, [44, 70, 80, 90, 32, FRAME_WIDTH - 316], wrap=(1, 2, 3, 5))]
        out += [self.para(f"Warning: {w}", "small") for w in s.warnings]
        return out

    def requirements_run(self) -> list:
        run = self.a.requirements_run
        if run is None:
            return []
        rows = [[str(sc.get("feature", "")), str(sc.get("name", "")), str(sc.get("status", "")),
                 str(sc.get("message", "") or "")] for sc in run.scenarios]
        return [self.para(self.t("Requirements (Gherkin) results"), "h1"),
                self.para(self.say("{passed} scenario(s) passed, {failed} failed.", passed=run.passed,
                                   failed=run.failed)),
                *self.table(["feature", "scenario", "status", "message"], rows,
                            [100, 140, 44, FRAME_WIDTH - 284], wrap=(0, 1, 3))]

    def attestation_standings(self) -> list:
        """The one attestation standing (assess/standing.py): what the verdict and the steps read."""
        held = [st for st in self.a.attestations if st.state.value != "absent"]
        if not held:
            return []
        rows = [[attestation_name(st.type, self.language), st.state.value, st.reason] for st in held]
        return [self.para(self.t("Attestations on the audit date"), "h1"),
                *self.table(["attestation", "standing", "why"], rows, [110, 60, FRAME_WIDTH - 170], wrap=(0, 2))]

    def statements(self) -> list:
        v = self.data.vendor
        rows = []
        for c in v.claims:
            rows.append([c.control, _polarity(c.polarity.value, c.hedged), *_cited(c.citation)])
        for t in v.attestations:
            rows.append([attestation_name(t.type, self.language), _polarity(t.polarity.value, t.hedged),
                         *_cited(t.citation)])
        for r in v.regulations:
            rows.append([f"regulation {r.id.value}", _polarity(r.polarity.value, r.hedged), *_cited(r.citation)])
        if not rows:
            return []
        return [self.para(self.t("Vendor statements relied on"), "h1"),
                self.para(self.t("Each statement as the vendor wrote it, with the document (sha256 prefix) and "
                                 "line it was read from. A statement is a claim, not evidence.")),
                *self.table(["about", "stance", "the vendor's words", "source"], rows,
                            [96, 50, FRAME_WIDTH - 226, 80], wrap=(0, 2))]

    def manifest(self) -> list:
        d = self.data
        out = [self.para(self.t("Evidence manifest"), "h1")]
        if d.evidence:
            rows = [[e.sha256, e.kind, ", ".join(e.covers) or "-", _date(e.effective), _date(e.valid_until),
                     _when(e.added_at) if e.added_at else "-"] for e in sorted(d.evidence, key=lambda e: e.sha256)]
            out += self.table(["sha256", "kind", "covers", "effective", "valid until", "added"], rows,
                              [150, 56, FRAME_WIDTH - 406, 50, 50, 100], wrap=(0, 2, 5))
        else:
            out.append(self.para(self.t("No evidence was collected: every statement in this report rests on "
                                        "the vendor's own words.")))
        out.append(self.para(self.say("Manifest digest (sha256 over the canonical JSON of the entries above, also "
                                      "embedded in this file as evidence-manifest.json): {digest}",
                                      digest=d.evidence_manifest_digest)))
        return out

    def method(self) -> list:
        out = [self.para(self.t("Method"), "h1")]
        out += [self.para(p) for p in self.data.method] or [self.para(self.t("Not stated."))]
        out.append(self.para(self.t("Limitations"), "h1"))
        out += [self.para(p) for p in self.data.limitations] or [self.para(self.t("Not stated."))]
        out += [self.para(f"Note: {w}", "small") for w in self.a.warnings]
        return out

    def signature(self) -> list:
        d = self.data
        return [
            self.para(self.t("Signature"), "h1"),
            self.para(self.say("This report on {vendor} was produced by auditor {version} on {when} for reviewer "
                               "{reviewer}.", vendor=d.vendor.name, version=d.tool_version,
                               when=_when(self.a.generated_at),
                               reviewer=d.reviewer or signer_name(self.signer) or self.t("(not named)"))),
            self.para(self.t("When signed, the PAdES signature covers every byte of this file, including the "
                             "embedded evidence-manifest.json. Any later change, even to the document information "
                             "or bytes appended at the end, breaks it. Check it with:")),
            self.para("auditor verify REPORT.pdf [--trust CERT] [--dossier VENDOR]", "small"),
            *self.facts([(self.t("Evidence manifest"), d.evidence_manifest_digest),
                         (self.t("Evidence items"), str(len(d.evidence))),
                         *([(self.t("Signer"), self.signer)] if self.signer else [])]),
        ]

