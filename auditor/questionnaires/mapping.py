"""Question ids to common controls, and answer words to yes/no/na: both read from data files.

``auditor/data/questionnaires/<family>-<major>.yaml`` maps the ids of one template version;
``answers.yaml`` holds the answer vocabulary. An id means something only within its version
(CAIQ v3 AIS-01.1 is not v4 AIS-01.1), so a mapping is chosen by family and version together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from auditor.errors import CatalogError
from auditor.model.questionnaire import AnswerValue, Ownership


def data_dir() -> Path:
    from auditor.workspace import package_data

    return package_data("questionnaires")


@dataclass(frozen=True)
class Mapping:
    """One template version's ids -> common controls; ``inverted`` ids are worded so Yes means absent."""

    family: str
    versions: tuple[str, ...]
    id_pattern: re.Pattern[str]
    by_control: dict[str, tuple[str, ...]] = field(default_factory=dict)
    by_question: dict[str, tuple[str, ...]] = field(default_factory=dict)
    inverted: frozenset[str] = frozenset()
    file: str = ""

    def controls(self, question_id: str) -> tuple[str, ...]:
        if question_id in self.by_question:
            return self.by_question[question_id]
        return self.by_control.get(question_id.split(".", 1)[0], ())

    def covers(self, version: str | None) -> bool:
        if version is None:
            return False
        parts = version.split(".")
        return any(parts[: len(v.split("."))] == v.split(".") for v in self.versions)


EMPTY = Mapping(family="custom", versions=(), id_pattern=re.compile(r".+"))


def _ids(value, file: Path, key: str) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise CatalogError(f"{key}: expected a mapping of id -> [controls]", file=file)
    out = {}
    for qid, controls in value.items():
        if not isinstance(controls, list) or not all(isinstance(c, str) for c in controls):
            raise CatalogError(f"{key}.{qid}: expected a list of control ids", file=file)
        out[str(qid)] = tuple(controls)
    return out


@lru_cache(maxsize=1)
def load_mappings(folder: Path | None = None) -> tuple[Mapping, ...]:
    from auditor.yamlio import load_yaml

    folder = folder or data_dir()
    out = []
    for file in sorted(folder.glob("*.yaml")):
        if file.name in ("answers.yaml", "export.yaml"):  # vocabulary, not id mappings
            continue
        data, _ = load_yaml(file)
        if not isinstance(data, dict) or "family" not in data or "versions" not in data:
            raise CatalogError("a questionnaire mapping needs `family` and `versions`", file=file)
        try:
            pattern = re.compile(data.get("id_pattern") or r".+")
        except re.error as exc:
            raise CatalogError(f"id_pattern: {exc}", file=file) from None
        out.append(Mapping(family=str(data["family"]), versions=tuple(str(v) for v in data["versions"]),
                           id_pattern=pattern, by_control=_ids(data.get("controls"), file, "controls"),
                           by_question=_ids(data.get("questions"), file, "questions"),
                           inverted=frozenset(str(i) for i in data.get("inverted") or ()), file=str(file)))
    return tuple(out)


def mapping_for(family: str, version: str | None) -> Mapping:
    """The mapping of this family and version; an unmapped template maps nothing (ids still read)."""
    for m in load_mappings():
        if m.family == family and m.covers(version):
            return m
    return EMPTY


@dataclass(frozen=True)
class Vocabulary:
    words: dict[str, AnswerValue]
    ownership: dict[str, Ownership]


_NUMBERED = re.compile(r"^\(?\d{1,2}[).:]\s*")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    from auditor.yamlio import load_yaml

    file = data_dir() / "answers.yaml"
    data, _ = load_yaml(file)
    words: dict[str, AnswerValue] = {}
    for value in (AnswerValue.YES, AnswerValue.NO, AnswerValue.NA):
        for word in data.get(value.value) or ():
            words[_fold(str(word))] = value
    ownership = {_fold(str(k)): Ownership(v) for k, v in (data.get("ownership") or {}).items()}
    return Vocabulary(words=words, ownership=ownership)


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text.strip()).casefold().rstrip(".")


def normalise_answer(raw: str) -> AnswerValue:
    """``Yes``, ``1) Yes``, ``N/A``, ``NA`` -> yes/no/na; '' -> blank; anything else -> other."""
    text = raw.strip()
    if not text:
        return AnswerValue.BLANK
    words = vocabulary().words
    folded = _fold(text)
    if folded in words:
        return words[folded]
    unnumbered = _fold(_NUMBERED.sub("", text))
    return words.get(unnumbered, AnswerValue.OTHER)


def normalise_ownership(raw: str) -> Ownership | None:
    return vocabulary().ownership.get(_fold(raw)) if raw.strip() else None
