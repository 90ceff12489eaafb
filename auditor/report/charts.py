"""Executive-summary charts drawn with reportlab's graphics: vector, so they stay sharp when printed."""

from __future__ import annotations

from collections import Counter

from auditor.model.assessment import Finding, FrameworkResult
from auditor.model.enums import Severity, Status

STATUS_COLOURS = {
    Status.SATISFIED: "#2e7d32",
    Status.UNVERIFIED: "#f2c14e",
    Status.STALE: "#ef8a17",
    Status.CONTRADICTED: "#c62828",
    Status.GAP: "#6d4c41",
    Status.NOT_APPLICABLE: "#b0bec5",
}
SEVERITY_COLOURS = {
    Severity.CRITICAL: "#8e0000",
    Severity.HIGH: "#d32f2f",
    Severity.MEDIUM: "#ef8a17",
    Severity.LOW: "#f2c14e",
    Severity.INFO: "#78909c",
}
STATUS_LABELS = {
    Status.SATISFIED: "satisfied", Status.UNVERIFIED: "unverified", Status.STALE: "stale",
    Status.CONTRADICTED: "contradicted", Status.GAP: "gap", Status.NOT_APPLICABLE: "not applicable",
}


def _colour(hex_code: str):
    from reportlab.lib.colors import HexColor

    return HexColor(hex_code)


def _legend(x: float, y: float, items: list[tuple[str, str]], font: str, width: float = 330):
    from reportlab.graphics.charts.legends import Legend

    legend = Legend()
    legend.x, legend.y = x, y
    legend.alignment = "right"
    legend.fontName, legend.fontSize = font, 8
    legend.columnMaximum = 1  # one row, items spread evenly across the chart's width
    legend.dx = legend.dy = 7
    legend.deltax = width / max(1, len(items))
    legend.autoXPadding = 4
    legend.dxTextSpace = 4
    legend.colorNamePairs = [(_colour(c), label) for c, label in items]
    return legend


def coverage_chart(frameworks: list[FrameworkResult], font: str, width: float = 480):
    """Per framework: claimed coverage beside verified coverage, in percent."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, String

    shown = [f for f in frameworks if f.applicable]
    bar_space = 26
    height = max(90, 50 + bar_space * len(shown))
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 120, 34
    chart.width, chart.height = width - 150, height - 50
    # reportlab draws the first category at the bottom: reverse so the list reads top-down
    ordered = list(reversed(shown))
    # within a group the first series is drawn lowest: verified first puts coverage on top
    chart.data = [[round(f.verified, 1) for f in ordered], [round(f.coverage, 1) for f in ordered]]
    chart.categoryAxis.categoryNames = [f.id for f in ordered]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = font, 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = font, 8
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = _colour("#dddddd")
    chart.bars[0].fillColor = _colour("#2e7d32")
    chart.bars[1].fillColor = _colour("#5c8dd6")
    chart.bars.strokeColor = None
    chart.barLabelFormat = "%.0f%%"
    chart.barLabels.fontName, chart.barLabels.fontSize = font, 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.groupSpacing = 6
    drawing.add(chart)
    drawing.add(_legend(120, 14, [("#5c8dd6", "coverage (claimed)"), ("#2e7d32", "verified (evidence)")], font,
                        chart.width))
    if not shown:
        drawing.add(String(width / 2, height / 2, "no framework in scope", fontName=font, fontSize=9,
                           textAnchor="middle"))
    return drawing


def status_chart(frameworks: list[FrameworkResult], font: str, width: float = 480):
    """Per framework, how its requirements split across the six statuses (stacked to 100 %)."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing

    statuses = list(STATUS_COLOURS)
    ordered = list(reversed(frameworks))
    height = max(90, 62 + 20 * len(ordered))
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 120, 44
    chart.width, chart.height = width - 150, height - 56
    totals = [max(1, len(f.requirements) or sum(f.counts.model_dump().values())) for f in ordered]
    chart.data = [
        [round(100.0 * getattr(f.counts, s.value) / t, 2) for f, t in zip(ordered, totals)] for s in statuses
    ]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = [f"{f.id} ({t})" for f, t in zip(ordered, totals)]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = font, 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 20
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = font, 8
    chart.valueAxis.labelTextFormat = "%d%%"
    for i, status in enumerate(statuses):
        chart.bars[i].fillColor = _colour(STATUS_COLOURS[status])
        chart.bars[i].strokeColor = None
    chart.barWidth = 12
    drawing.add(chart)
    drawing.add(_legend(40, 16, [(STATUS_COLOURS[s], STATUS_LABELS[s]) for s in statuses], font, width - 50))
    return drawing


def count_axis(largest: int, ticks: int = 6) -> tuple[int, int]:
    """(axis top, tick step) for counts up to ``largest``: steps of 1, 2 or 5 times a power of ten,
    at most ``ticks`` intervals, and room above the tallest bar for its label (0, 10, 20 … 60, not 0, 9, 18 …)."""
    need = max(1, largest) + max(1, largest) / 10  # the bar's label sits just above it
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            top = -(-need // step) * step
            if top / step <= ticks:
                return int(top), int(step)
        magnitude *= 10


def severity_chart(findings: list[Finding], font: str, width: float = 480):
    """How many findings of each severity: the shape of the risk at a glance."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing

    counts = Counter(f.severity for f in findings)
    severities = list(SEVERITY_COLOURS)
    height = 150
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 60, 28
    chart.width, chart.height = width - 90, height - 44
    chart.data = [[counts.get(s, 0) for s in severities]]
    chart.categoryAxis.categoryNames = [s.value for s in severities]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = font, 9
    top, step = count_axis(max([0, *counts.values()]))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, top, step
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = font, 8
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = _colour("#dddddd")
    chart.bars.strokeColor = None
    for i, severity in enumerate(severities):
        chart.bars[(0, i)].fillColor = _colour(SEVERITY_COLOURS[severity])
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName, chart.barLabels.fontSize = font, 9
    chart.barLabels.nudge = 7
    chart.barWidth = 30
    drawing.add(chart)
    return drawing
