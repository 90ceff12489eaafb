"""Classes of misreading named at stop 33 and built at stop 35, each written in our own words after
shapes met on public vendor pages: a reStructuredText (or pandoc) grid table drawn with ``+---+``
borders, and a table whose column headers name a standard ("ISO 27001 certified?") with a yes/no
or status cell per row.
"""

from __future__ import annotations

import pytest

import claimskit
from claimskit import items, read


@pytest.fixture(scope="module")
def extractor():
    return claimskit.build_extractor()


GRID = """Where your servers live
=======================

Every region runs its own control plane, so an outage in one leaves the others up.

+-------------+------------------+---------------------+-----------------------+
| Region Code | Name             | SOC 2 audited?      | ISO 27001 certified?  |
+=============+==================+=====================+=======================+
| de-fra-1    | Frankfurt,       | Yes                 | Yes                   |
|             | Germany          |                     |                       |
+-------------+------------------+---------------------+-----------------------+
| nl-ams-2    | Amsterdam        | In progress         | Yes                   |
+-------------+------------------+---------------------+-----------------------+
| se-sto-1    | Stockholm        | No                  | Yes                   |
+-------------+------------------+---------------------+-----------------------+

Choosing a region
=================

Pick the region closest to your users.
"""


def test_a_grid_table_of_regions_gives_each_row_its_place_and_the_standards_its_columns_name(extractor):
    found = items(read(extractor, GRID, suffix=".rst"))
    assert {("soc2-type1*", 9, "affirmed"), ("iso27001", 9, "affirmed"),
            ("soc2-type1*", 12, "affirmed?"), ("iso27001", 12, "affirmed"),
            ("soc2-type1*", 14, "denied"), ("iso27001", 14, "affirmed"),
            ("hosting:DE", 9, "affirmed"), ("hosting:NL", 12, "affirmed"),
            ("hosting:SE", 14, "affirmed")} <= found, found
    # the header row and the borders state nothing; a wrapped cell's second line is part of its row
    assert not {f for f in found if f[1] in (6, 7, 8, 10, 11, 13, 15)}, found


def test_a_grid_table_row_is_one_block_with_its_header_cells():
    from auditor.documents.markdown import markdown_layout

    layout = markdown_layout(GRID.split("\n"))
    row = layout.at(10)
    assert (row.kind.value, row.first, row.last) == ("table-row", 9, 10)
    assert row.cells == ("de-fra-1", "Frankfurt, Germany", "Yes", "Yes")
    assert row.header == ("Region Code", "Name", "SOC 2 audited?", "ISO 27001 certified?")
    assert layout.at(7).kind.value == "table-header" and layout.at(8).kind.value == "table-rule"


def test_a_grid_table_without_a_header_border_has_no_header_and_names_no_standard(extractor):
    text = ("+------------+-----+\n"
            "| ISO 27001  | Yes |\n"
            "+------------+-----+\n"
            "| Remarks    | Ask |\n"
            "+------------+-----+\n")
    from auditor.documents.markdown import markdown_layout

    layout = markdown_layout(text.split("\n"))
    assert layout.at(2).cells == ("ISO 27001", "Yes") and layout.at(2).header == ()
    assert layout.at(4).cells == ("Remarks", "Ask")


PIPE_STANDARDS = """## Certifications by data centre

| Data centre | SOC 2 Type II | PCI DSS | HIPAA |
|---|---|---|---|
| Toronto | ✓ | ✓ | Not supported |
| Montreal | ✓ | Planned | Not supported |
"""


def test_columns_named_after_standards_give_each_row_the_status_in_its_cell(extractor):
    found = items(read(extractor, PIPE_STANDARDS))
    assert {("soc2-type2", 5, "affirmed"), ("soc2-type2", 6, "affirmed"),
            ("hipaa", 5, "denied"), ("hipaa", 6, "denied")} <= found, found
    assert any(f[0].startswith("pci") and f[1] == 5 and f[2] == "affirmed" for f in found), found
    assert any(f[0].startswith("pci") and f[1] == 6 and f[2] == "affirmed?" for f in found), found


def test_a_standard_named_in_a_header_over_cells_that_state_no_status_gives_nothing(extractor):
    text = ("| Our control | ISO 27001 clause |\n"
            "|---|---|\n"
            "| Access reviews each quarter | A.5.18 |\n")
    found = items(read(extractor, text))
    assert not {f for f in found if f[0].startswith("iso")}, found
