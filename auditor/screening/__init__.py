"""EAR/OFAC screening: denied-party lists, name matching, sanctioned jurisdictions.

Modules: ``lists`` (parsing), ``normalize`` and ``matcher`` (names), ``jurisdictions``
(places), ``policy`` (thresholds), ``cache`` and ``update`` (the local copy of the official
lists), ``screen`` (putting it together). Nothing is imported here, so importing one part
does not load the others.
"""
