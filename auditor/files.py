"""Reading a whole input file safely: one place for the size limit and the errors users hit."""

from __future__ import annotations

import stat
from pathlib import Path

from auditor.errors import InputError


def read_bounded(path: Path, *, max_bytes: int, noun: str = "file",
                 error: type[InputError] = InputError) -> bytes:
    """The file's bytes, or one-line ``error`` naming it: missing, a folder, a FIFO or device
    (which would block or never end), too large, unreadable."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
            raise error("not a regular file (a FIFO or device would block or never end)", file=path)
        if info.st_size > max_bytes:
            raise error(f"{noun} is too large ({info.st_size:,} bytes; limit {max_bytes:,})", file=path)
        return path.read_bytes()
    except FileNotFoundError:
        raise error("file not found", file=path) from None
    except IsADirectoryError:
        raise error(f"is a folder, not a {noun}", file=path) from None
    except PermissionError:
        raise error("permission denied", file=path) from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", file=path) from None
