"""Questionnaires in and out: CAIQ, HECVAT and mapped sheets to cited claims; follow-ups back out."""
