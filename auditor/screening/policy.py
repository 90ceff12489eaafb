"""Screening thresholds and list freshness, as set in the workspace policy (``auditor.yaml``).

The workspace policy file holds them under the key ``screening:``::

    screening:
      match_threshold: 0.92   # a name scoring this or more against a listed name is a `match`
      review_threshold: 0.80  # from this score up to the match threshold: `review`
      max_list_age: P7D       # older cached lists are used, but flagged stale with a warning

Only that section is read here, so screening works whatever else the file holds.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pydantic import Field, model_validator

from auditor.model.base import Duration, Strict, parse_duration

POLICY_KEY = "screening"


class ScreeningPolicy(Strict):
    """How close a name must be to count, and how old a list may be."""

    match_threshold: float = Field(
        default=0.92, ge=0.5, le=1.0,
        description="score (0..1) from which a name similarity is a `match`")
    review_threshold: float = Field(
        default=0.80, ge=0.5, le=1.0,
        description="score from which a name similarity is reported for `review`")
    max_list_age: Duration = Field(
        default="P7D", description="ISO 8601 duration; an older list is used but flagged stale")

    @model_validator(mode="after")
    def _ordered(self) -> "ScreeningPolicy":
        if self.review_threshold > self.match_threshold:
            raise ValueError(f"review_threshold ({self.review_threshold}) must not exceed "
                             f"match_threshold ({self.match_threshold})")
        return self

    @property
    def max_age(self) -> timedelta:
        return parse_duration(self.max_list_age)


def load_screening_policy(policy_path: Path) -> ScreeningPolicy:
    """The ``screening:`` section of the workspace policy; defaults when the file or section is absent."""
    from pydantic import ValidationError

    from auditor.errors import InputError
    from auditor.yamlio import describe_validation_error, load_yaml

    if not policy_path.is_file():
        return ScreeningPolicy()
    data, lines = load_yaml(policy_path)
    if data is None:
        return ScreeningPolicy()
    if not isinstance(data, dict):
        raise InputError("the policy file must be a mapping", file=policy_path, line=1)
    section = data.get(POLICY_KEY)
    if section is None:
        return ScreeningPolicy()
    try:
        return ScreeningPolicy.model_validate(section)
    except ValidationError as exc:
        message, _ = describe_validation_error(exc, None)
        where = tuple(exc.errors(include_url=False)[0].get("loc", ()))
        raise InputError(f"{POLICY_KEY}.{message}" if where else f"{POLICY_KEY}: {message}",
                         file=policy_path, line=lines.line_of((POLICY_KEY, *where))) from None
