"""Questionnaires in and out: CAIQ, HECVAT and mapped sheets to cited claims; follow-ups back out.

``sheets`` reads workbooks and CSV as grids of cached values (openpyxl; calamine for xls/xlsb/ods);
``pdf`` reads a CAIQ printed to PDF from poppler's layout text; ``layouts`` tells the template and
version from the sheets; ``read`` gives one item per question id; ``mapping`` holds the id →
control maps and answer words (data in ``auditor/data/questionnaires/``); ``convert`` turns answers
into cited claims and reads comments with the claims reader; ``dossier`` and ``importer`` write them
into the vendor's dossier; ``verify`` re-reads cited cells for ``vendor check``; ``findings`` is the
audit's finding source; ``export`` writes the follow-up sheet.
"""
