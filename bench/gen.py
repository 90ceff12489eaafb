"""Generated vendor dossiers for benchmarks and robustness tests: varied, valid, reproducible."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

COUNTRIES = ["US", "DE", "IE", "FR", "GB", "IN", "SG", "AE", "SA", "JP", "NL", "CA", "AU", "BR", "IR"]
ATTESTATIONS = ["iso27001", "iso27017", "iso27018", "soc2-type1", "soc2-type2", "pci-dss-aoc", "hipaa-baa",
                "gdpr-dpa", "csa-star"]
SCOPES = ["personal data", "health data", "cardholder data", "export-controlled technology"]
DOC = "0" * 64


def make_vendor(index: int, controls: list[str], rng: random.Random) -> dict:
    def cite(line: int) -> dict:
        return {"document": DOC, "line": line, "text": f"generated statement {line}"}

    claims = []
    for line, control in enumerate(rng.sample(controls, k=rng.randint(5, min(40, len(controls)))), 1):
        claim = {"control": control, "citation": cite(line)}
        roll = rng.random()
        if roll < 0.08:
            claim["polarity"] = "denied"
        elif roll < 0.25:
            claim["hedged"] = True
        claims.append(claim)
    hosting = [{"country": c, "role": "hosting"} for c in rng.sample(COUNTRIES[:-1], k=rng.randint(1, 3))]
    if rng.random() < 0.02:
        hosting.append({"country": "IR", "role": "hosting"})
    sla = []
    for severity, hours in (("critical", [1, 2, 4]), ("high", [4, 8]), ("medium", [12, 24]), ("low", [24, 72])):
        if rng.random() < 0.8:
            sla.append({"severity": severity, "response": f"PT{rng.choice(hours)}H",
                        "business_time": rng.random() < 0.5, "coverage": rng.choice(["24x7", "24x5", "8x5"])})
    return {
        "id": f"vendor-{index:05d}", "name": f"Generated Vendor {index}", "legal_name": f"Generated Vendor {index} Ltd",
        "headquarters": {"country": rng.choice(COUNTRIES[:-1]), "role": "headquarters"},
        "hosting": hosting,
        "subprocessors": [{"name": f"Sub {index}-{j}", "country": rng.choice(COUNTRIES[:-1]), "purpose": "hosting"}
                          for j in range(rng.randint(0, 4))],
        "claims": claims,
        "attestations": [{"type": t, "citation": cite(100 + i)}
                         for i, t in enumerate(rng.sample(ATTESTATIONS, k=rng.randint(0, 3)))],
        "support": {"sla": sla, "hours": {"days": [1, 2, 3, 4, 5], "start": "08:00", "end": "17:00"}},
        "contract": {"auto_renewal": {"value": rng.random() < 0.7},
                     "refunds": {"value": rng.random() < 0.5},
                     "deletion_at_termination": {"value": rng.random() < 0.3}},
        "engagement": {"data": rng.sample(SCOPES, k=rng.randint(1, 3))},
    }


def make_dossiers(root: Path, count: int, controls: list[str], seed: int = 7) -> list[str]:
    """Write ``count`` dossiers under ``root/evidence`` and return their ids."""
    rng = random.Random(seed)
    ids = []
    for i in range(count):
        vendor = make_vendor(i, controls, rng)
        folder = root / "evidence" / vendor["id"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "vendor.yaml").write_text(yaml.safe_dump(vendor, sort_keys=False), encoding="utf-8")
        ids.append(vendor["id"])
    return ids
