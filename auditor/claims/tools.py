"""A tool the vendor uses, named by the label of the paragraph that describes it.

Security FAQs list the vendor's own tools one paragraph each: "**Ticketly:** Acme uses Ticketly to
track support requests. Ticketly stores data in Ireland and holds an ISO 27001 certificate." The
sentences whose subject is the tool state the tool's standing, not the vendor's: another party. The
name is learnt from the paragraph itself (its bold or colon label, confirmed by the paragraph saying
the vendor uses it), so no list of products is needed.
"""

from __future__ import annotations

import re

from auditor.claims.tables import plain

_LABEL = re.compile(r"^[\s>]*(?:[-*+•]\s+)?(?:\([^)]{1,20}\)\s*)?([A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,2})\s*:\s")
_OPENERS = r"(?:(?:by default|in addition|also|additionally|furthermore|moreover),?\s+)?"


def tool_subject(text: str) -> re.Pattern[str] | None:
    """For a block that opens with a tool's name as its label and says it is used: a pattern matching
    a sentence unit whose subject is that tool ("Ticketly stores ...", "The security team at Ticketly
    ..."), not the one saying it is used. None otherwise."""
    head = plain(text[:300])
    label = _LABEL.match(head)
    if not label:
        return None
    name = re.escape(label.group(1))
    used = re.compile(rf"\b(?:uses?|using|use of|relies on|employs?) (?:the )?{name}\b|\b{name} (?:is|are) (?:used|utili[sz]ed)\b")
    if not used.search(plain(text)):
        return None
    return re.compile(rf"^{_OPENERS}(?:the [\w -]{{1,40}}? (?:at|of) )?{name}(?:['’]s)?\b(?!\s+(?:is|are) (?:used|utili[sz]ed)\b)",
                      re.IGNORECASE)
