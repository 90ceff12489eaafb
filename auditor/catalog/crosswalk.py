"""Framework to framework through common controls: assess once, read against every framework."""

from __future__ import annotations

from typing import Any

from auditor.catalog.loader import Catalog


def crosswalk(catalog: Catalog, source_id: str, target_id: str) -> dict[str, Any]:
    """Which requirements of ``target_id`` the requirements of ``source_id`` cover.

    ``full``: every control the target requirement maps to is mapped in the source framework;
    ``partial``: some are; ``none``: no shared control.
    """
    source = catalog.framework(source_id)
    target = catalog.framework(target_id)
    order = {req.id: i for i, req in enumerate(source.requirements)}
    via: dict[str, list[str]] = {}
    for req in source.requirements:
        for control in req.control_ids:
            via.setdefault(control, []).append(req.id)
    rows = []
    counts = {"full": 0, "partial": 0, "none": 0, "total": len(target.requirements)}
    for req in target.requirements:
        shared = [c for c in req.control_ids if c in via]
        if shared and len(shared) == len(req.control_ids):
            coverage = "full"
        elif shared:
            coverage = "partial"
        else:
            coverage = "none"
        counts[coverage] += 1
        source_reqs = sorted({r for c in shared for r in via[c]}, key=order.__getitem__)
        rows.append({"requirement": req.id, "title": req.title, "coverage": coverage,
                     "shared_controls": shared, "via": source_reqs})
    return {"from": source.id, "to": target.id, "counts": counts, "requirements": rows}

