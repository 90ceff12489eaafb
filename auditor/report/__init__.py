"""The report object and its renderers (JSON, Markdown, CSV, OSCAL, SoA, PDF)."""
