"""Typed data of the tool: catalogs, vendors, evidence, screening and assessments.

Import from the submodules (``auditor.model.catalog``...); this package imports nothing
so that loading one model does not load them all.
"""
