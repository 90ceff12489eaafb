"""The bad-input corpus and the one check every entry point must pass on it.

Each case is a file a user could plausibly hand the tool by mistake or by malice. Small
ones are generated here (so each one is visible next to its name); the 100 MB ones are
made sparse at test time, so they cost no disk and no time to write.

The check (:func:`assert_refused`): exit code 2, exactly one line on stderr starting with
``auditor: error:``, no traceback anywhere, nothing on stdout, and the workspace exactly as
it was: no file created, changed or removed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

HUGE_BYTES = 100 * 1024 * 1024
RLO = "\u202e"


@dataclass(frozen=True)
class Case:
    name: str
    content: bytes
    needle: str = ""  # a word the one-line message must contain (lower-cased comparison)


def _bomb() -> str:
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        text += f"{cur}: &{cur} [{', '.join([f'*{prev}'] * 10)}]\n"
    return text


# Files every YAML entry point (catalogs, policy, vendor.yaml) must refuse, in any position.
YAML_CASES: list[Case] = [
    Case("syntax", b"id: x\nname: [unclosed\nversion: 1\n", "yaml syntax"),
    Case("tab-indent", b"id: x\nrequirements:\n\t- id: 1\n", "yaml"),
    Case("duplicate-key", b"id: x\nname: A\nname: B\n", "duplicate key"),
    Case("duplicate-key-via-merge", b"base: &b {id: x}\nmerged: {<<: *b, id: y}\n", "duplicate key"),
    Case("alias-bomb", _bomb().encode(), "too many values"),
    Case("recursive-alias", b"id: &a [*a]\n", "alias"),
    Case("recursive-alias-map", b"id: &a {b: *a}\n", "alias"),
    Case("nested-200", ("id: " + "[" * 300 + "]" * 300 + "\n").encode(), "nested"),
    Case("bad-merge", b"id: x\nname: {<<: 1}\n", "merg"),
    Case("bad-merge-list", b"b: &b {x: 1}\nid: {<<: [*b, 3]}\n", "merg"),
    Case("python-tag", b"id: !!python/name:os.system\n", "tag"),
    Case("python-object", b"!!python/object/apply:os.system [echo pwned]\n", ""),
    Case("bad-int-tag", b"id: !!int nope\n", "int"),
    Case("bad-float-tag", b"id: !!float nope\n", "float"),
    Case("bad-timestamp-tag", b"id: !!timestamp nope\n", "timestamp"),
    Case("impossible-date", b"id: x\nissued: 2026-13-45\n", "2026-13-45"),
    Case("huge-int", b"id: " + b"9" * 5000 + b"\n", "int"),
    Case("multi-document", b"id: x\n---\nid: y\n", "document"),
    Case("top-level-list", b"- id: x\n- id: y\n", ""),
    Case("top-level-scalar", b"just words\n", ""),
    Case("top-level-null", b"~\n", ""),
    Case("empty", b"", "empty"),
    Case("comments-only", b"# nothing here\n# at all\n", "empty"),
    Case("binary", bytes(range(256)) * 4, "binary"),
    Case("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, "binary"),
    Case("utf16", "id: x\nname: y\n".encode("utf-16"), "binary"),
    Case("invalid-utf8", b"id: x\nname: caf\xe9\n", "utf-8"),
    Case("overlong-utf8", b"id: x\nname: \xc0\xaf\n", "utf-8"),
    Case("surrogate-utf8", b"id: x\nname: \xed\xa0\x80\n", "utf-8"),
    Case("control-char", b"id: x\nname: bell\x07\n", "control"),
    Case("escape-sequence", b"id: x\nname: \x1b[31mred\n", "control"),
    Case("surrogate-escape", b'id: x\nname: "\\ud800"\n', "yaml"),
    Case("key-is-list", b"[a, b]: 1\n", "key"),
    Case("key-is-map", b"? {a: 1}\n: 1\n", "key"),
    Case("wrong-types", b"id: [1, 2]\nname: {a: 1}\nrequirements: text\n", ""),
    Case("unknown-field", b"id: x\ncolour: blue\n", ""),
]

DEEP_YAML_CASES: list[Case] = [
    # libyaml's composer recurses in C: ~30,000 levels overflowed the stack (a segfault, not an error).
    Case("nested-flow-100k", ("id: " + "[" * 100_000 + "]" * 100_000 + "\n").encode(), "nested"),
    Case("nested-block-100k", ("id:\n" + "- " * 100_000 + "1\n").encode(), "nested"),
]


def make_huge(path: Path, head: bytes = b"id: huge\nname: Huge\n", size: int = HUGE_BYTES) -> Path:
    """A ``size``-byte file that starts like a real document; sparse, so instant and free."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        fh.write(head)
        fh.truncate(size)
    return path


def tree(root: Path) -> dict[str, tuple]:
    """Every entry under ``root`` (links not followed) with what would show a write."""
    entries: dict[str, tuple] = {}
    if not root.exists():
        return entries
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            st = path.lstat()
            kind = "link" if path.is_symlink() else "dir" if path.is_dir() else "file"
            entries[str(path.relative_to(root))] = (kind, 0 if kind == "dir" else st.st_size,
                                                    0 if kind == "dir" else st.st_mtime_ns, st.st_mode)
    return entries


def error_line(result) -> str:
    """The one stderr line of a refused command (asserts there is exactly one)."""
    err = result.stderr
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one error line, got {len(lines)}:\n{err}"
    return lines[0]


def assert_refused(result, *needles: str, root: Path | None = None, before: dict | None = None,
                   code: int = 2) -> str:
    """Exit 2, one ``auditor: error:`` line, no traceback, empty stdout, workspace untouched."""
    out, err = result.stdout, result.stderr
    assert "Traceback" not in out + err, out + err
    assert result.exit_code == code, \
        f"exit {result.exit_code}, expected {code}\nstdout: {out[:2000]}\nstderr: {err[:2000]}"
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    line = error_line(result)
    assert line.startswith("auditor: error: "), line
    assert "internal error" not in line, line
    assert out.strip() == "", f"stdout not empty on error: {out[:2000]}"
    for needle in needles:
        assert needle.lower() in line.lower(), f"{needle!r} not in: {line}"
    if root is not None and before is not None:
        after = tree(root)
        created = sorted(set(after) - set(before))
        removed = sorted(set(before) - set(after))
        changed = sorted(k for k in set(after) & set(before) if after[k] != before[k])
        assert not (created or removed or changed), f"workspace changed: created {created}, " \
                                                    f"removed {removed}, changed {changed}"
    return line


def assert_refused_proc(proc, *needles: str, code: int = 2) -> str:
    """:func:`assert_refused` for a ``subprocess.CompletedProcess`` of the real entry point."""
    out, err = proc.stdout, proc.stderr
    assert "Traceback" not in out + err, out + err
    assert proc.returncode == code, f"exit {proc.returncode}\nstdout: {out[:2000]}\nstderr: {err[:2000]}"
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("auditor: error: "), err
    assert "internal error" not in lines[0], lines[0]
    assert out.strip() == "", out[:2000]
    for needle in needles:
        assert needle.lower() in lines[0].lower(), f"{needle!r} not in: {lines[0]}"
    return lines[0]
