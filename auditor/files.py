"""Reading and writing files safely: one place for size limits, special files and permissions.

Two kinds of output: files the user asked for (``--out`` reports and exports, dossiers) get the
permissions the umask gives, like any file a program writes; workspace state (``.auditor/``:
the evidence database, blobs, checkpoints, keys) is private whatever the umask (0700 folders,
0600 files). An output path that exists and is not a regular file (a device, FIFO, socket or
folder) is refused and left untouched: replacing ``/dev/full`` or a FIFO with a file is never
what was meant.
"""

from __future__ import annotations

import os
import secrets
import stat
import tempfile
from pathlib import Path

from auditor.errors import InputError

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


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


def current_umask() -> int:
    """The process umask, read without changing it where Linux allows (threads may be writing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def shareable_mode() -> int:
    """What ``open(..., 'w')`` would give a new file: 0666 less the umask (0644 under umask 022)."""
    return 0o666 & ~current_umask()


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents, also 0700) and make it 0700 whatever the umask;
    refuse a non-folder."""
    missing = []
    probe = path
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            pass
        os.chmod(folder, PRIVATE_DIR_MODE)
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        info = path.stat()
    if not stat.S_ISDIR(info.st_mode):
        raise InputError("exists and is not a folder", file=path)
    if stat.S_IMODE(info.st_mode) != PRIVATE_DIR_MODE:
        os.chmod(path, PRIVATE_DIR_MODE)
    return path


def ensure_private_file(path: Path, noun: str = "file") -> Path:
    """Create ``path`` empty if missing, 0600 whatever the umask (tightened if wider), in a private folder.

    Something else in its place (a folder, a FIFO, a device) is an IntegrityError (exit 1):
    state that is not what the tool wrote is damage, not bad input.
    """
    from auditor.errors import IntegrityError

    private_dir(path.parent)
    flags = os.O_RDONLY | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, PRIVATE_FILE_MODE)
    except IsADirectoryError:
        raise IntegrityError(f"the {noun} is not a regular file", file=path) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise IntegrityError(f"the {noun} is not a regular file", file=path)
        if stat.S_IMODE(info.st_mode) != PRIVATE_FILE_MODE:
            os.fchmod(fd, PRIVATE_FILE_MODE)
    finally:
        os.close(fd)
    return path


def refuse_special_output(path: Path) -> None:
    """An output path that exists must be a regular file: devices, FIFOs, sockets, folders are refused."""
    try:
        info = path.stat()  # follows a symlink: what would actually be written is what matters
    except FileNotFoundError:
        return
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror}", file=path) from None
    if stat.S_ISREG(info.st_mode):
        return
    what = ("a folder" if stat.S_ISDIR(info.st_mode) else "a FIFO" if stat.S_ISFIFO(info.st_mode)
            else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "a socket" if stat.S_ISSOCK(info.st_mode) else "not a regular file")
    raise InputError(f"is {what}, not a regular file: refusing to replace it", file=path)


def write_output(path: Path, content: str | bytes) -> None:
    """A report or export the user asked for: atomic, permissions from the umask."""
    write_atomic(Path(path), content, mode=shareable_mode())


def write_private(path: Path, content: str | bytes) -> None:
    """Workspace state: atomic, 0600 whatever the umask."""
    write_atomic(Path(path), content, mode=PRIVATE_FILE_MODE)


def write_atomic(path: Path, content: str | bytes, *, mode: int | None = None) -> None:
    """Write ``path`` so it is either the old file or the complete new one, never half of it.

    ``mode`` None means the umask decides (as for any file a program creates). An existing
    path that is not a regular file is refused and left as it is. Where the system allows
    (Linux ``O_TMPFILE``), the data goes to a file with no name that is named only once
    complete: a process killed mid-write leaves nothing behind, not even a temp file.
    """
    path = Path(path)
    refuse_special_output(path)
    if mode is None:
        mode = shareable_mode()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    if _write_unnamed(path, data, mode):
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _write_unnamed(path: Path, data: bytes, mode: int) -> bool:
    """Write through an unnamed ``O_TMPFILE``; False where there is none (then a named temp file is used)."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not os.path.isdir("/proc/self/fd"):
        return False
    try:
        fd = os.open(path.parent, flag | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:  # a filesystem without O_TMPFILE support
        return False
    name = None
    try:
        os.fchmod(fd, mode)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
        folder = os.open(path.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            candidate = f".{path.name}.{os.getpid()}-{secrets.token_hex(6)}.tmp"
            # linkat(AT_SYMLINK_FOLLOW) on /proc/self/fd/N gives the complete file its first name
            os.link(f"/proc/self/fd/{fd}", candidate, dst_dir_fd=folder, follow_symlinks=True)
            name = path.parent / candidate
        except OSError:
            return False
        finally:
            os.close(folder)
        os.replace(name, path)
        name = None
        return True
    finally:
        os.close(fd)
        if name is not None:
            try:
                os.unlink(name)
            except FileNotFoundError:
                pass
