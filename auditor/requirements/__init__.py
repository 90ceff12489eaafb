"""Vendor requirements written in Gherkin, checked against a vendor's audit.

``steps`` is the packaged step library (pytest-bdd step definitions over the Assessment),
``runner`` runs user feature files through pytest-bdd in isolation from the user's own pytest
configuration, ``features`` parses and checks feature files before anything runs.
"""
