"""Tag expressions as Cucumber writes them: ``@eu and not (@draft or @slow)``.

Evaluated here rather than handed to pytest's ``-m`` because pytest gives some mark names a
meaning of their own (a scenario tagged ``@skip`` would silently not run).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from auditor.errors import InputError

Predicate = Callable[[set[str]], bool]
_TOKEN = re.compile(r"\s*(\(|\)|[^\s()]+)")


def _tokens(text: str) -> list[str]:
    out, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            break
        out.append(match.group(1))
        pos = match.end()
    return out


def compile_tags(text: str) -> Predicate:
    """A predicate over a scenario's tags (without ``@``); ``InputError`` for a malformed expression."""
    tokens = _tokens(text)
    position = 0

    def fail(why: str) -> InputError:
        return InputError(f"--tags {text!r}: {why} (example: \"@eu and not @draft\")")

    def peek() -> str | None:
        return tokens[position] if position < len(tokens) else None

    def take() -> str:
        nonlocal position
        if position >= len(tokens):
            raise fail("the expression ends too early")
        position += 1
        return tokens[position - 1]

    def parse_or() -> Predicate:
        left = parse_and()
        while peek() == "or":
            take()
            right = parse_and()
            left = (lambda a, b: lambda tags: a(tags) or b(tags))(left, right)
        return left

    def parse_and() -> Predicate:
        left = parse_not()
        while peek() == "and":
            take()
            right = parse_not()
            left = (lambda a, b: lambda tags: a(tags) and b(tags))(left, right)
        return left

    def parse_not() -> Predicate:
        if peek() == "not":
            take()
            inner = parse_not()
            return lambda tags: not inner(tags)
        return parse_atom()

    def parse_atom() -> Predicate:
        token = take()
        if token == "(":
            inner = parse_or()
            if take() != ")":
                raise fail("a '(' is not closed")
            return inner
        if token in (")", "and", "or", "not"):
            raise fail(f"unexpected {token!r}")
        name = token[1:] if token.startswith("@") else token
        if not name:
            raise fail("an empty tag")
        return lambda tags: name in tags

    if not tokens:
        raise fail("empty expression")
    predicate = parse_or()
    if position != len(tokens):
        raise fail(f"unexpected {tokens[position]!r}")
    return predicate
