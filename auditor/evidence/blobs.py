"""Content-addressed blob storage: each piece of evidence kept once, under its sha256.

A blob is written to a temporary file while it is hashed, flushed to disk, then linked into
place under ``ab/cdef…``; a reader never sees half a blob, and a process killed mid-copy
leaves only a temporary file that the next writer removes. Blobs are write-once: an existing
blob is never overwritten, so a damaged one stays damaged until ``evidence verify`` says so.

Large files go through the pipelined copy of ``auditor.evidence.copying``, so the copy runs at
disk speed alongside hashing in constant memory.
"""

from __future__ import annotations

import errno
import hashlib
import os
import secrets
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from auditor.errors import EvidenceError, IntegrityError
from auditor.files import PRIVATE_FILE_MODE, private_dir
from auditor.evidence.copying import CHUNK, pipelined_copy

TEMP_DIR = ".tmp"
TEMP_SUFFIX = ".part"
STALE_AFTER_SECONDS = 24 * 3600
DIRECT_IO_MIN_BYTES = 16 << 20


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    created: bool  # False when an identical blob was already stored


@dataclass(frozen=True)
class BlobCheck:
    sha256: str
    status: str  # "ok", "missing" or "mismatch"
    actual: str | None = None
    size: int | None = None


def hash_file(path: Path) -> tuple[str, int]:
    """sha256 and size of a file, read in 1 MiB chunks into one reused buffer."""
    digest = hashlib.sha256()
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    size = 0
    with open(path, "rb", buffering=0) as handle:
        while True:
            count = handle.readinto(buffer)
            if not count:
                break
            digest.update(view[:count] if count < CHUNK else buffer)
            size += count
    return digest.hexdigest(), size


class BlobStore:
    """Blobs under ``root/ab/cdef…``; temporary files under ``root/.tmp/``."""

    def __init__(self, root: Path):
        self.root = root
        self.temp_dir = root / TEMP_DIR

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:]

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    # writing -----------------------------------------------------------------------------------

    def ingest(self, source: Path) -> StoredBlob:
        """Copy ``source`` into the store while hashing it; what is stored is what was hashed."""

        def copy(fd: int) -> tuple[str, int]:
            with open(source, "rb", buffering=0) as reader:
                info = os.fstat(reader.fileno())
                if stat.S_ISDIR(info.st_mode):
                    raise EvidenceError(f"{source}: is a folder, not a file")
                direct = stat.S_ISREG(info.st_mode) and info.st_size >= DIRECT_IO_MIN_BYTES
                return _copy_and_hash(reader, fd, direct=direct, size_hint=info.st_size if direct else 0,
                                      alone=not direct or not self.other_writers())

        return self._store_new(copy)

    def put_bytes(self, data: bytes) -> StoredBlob:
        """Store a small document held in memory (a collected observation)."""

        def write(fd: int) -> tuple[str, int]:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            return hashlib.sha256(data).hexdigest(), len(data)

        return self._store_new(write)

    def _store_new(self, write) -> StoredBlob:
        """Fill a fresh temp file with ``write(fd) -> (sha256, size)``, make it private (0600) and durable,
        then commit it under its hash; on any failure the temp file is removed."""
        self._prepare()
        temp_path, fd = self._new_temp()
        try:
            sha256, size = write(fd)
            os.fchmod(fd, PRIVATE_FILE_MODE)  # confidential vendor files: the owner only, whatever the umask
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            _unlink_quietly(temp_path)
            raise
        os.close(fd)
        return self._commit(temp_path, sha256, size)

    def _commit(self, temp_path: Path, sha256: str, size: int) -> StoredBlob:
        final = self.path_for(sha256)
        private_dir(final.parent)
        created = True
        try:
            try:
                os.link(temp_path, final)  # atomic create-if-absent: never replaces a stored blob
            except FileExistsError:
                created = False
            except OSError as exc:  # a filesystem without hard links
                if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
                    raise
                if final.exists():
                    created = False
                else:
                    os.replace(temp_path, final)
        finally:
            _unlink_quietly(temp_path)
        if created:
            _fsync_dir(final.parent)
        return StoredBlob(sha256, size, created)

    def _prepare(self) -> None:
        private_dir(self.root)
        private_dir(self.temp_dir)
        self.clean_stale_temps()

    def _new_temp(self) -> tuple[Path, int]:
        name = f"{os.getpid()}-{secrets.token_hex(6)}{TEMP_SUFFIX}"
        path = self.temp_dir / name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        return path, fd

    def clean_stale_temps(self) -> list[Path]:
        """Remove temporary files left by writers that died (killed mid-copy, power loss)."""
        removed: list[Path] = []
        if not self.temp_dir.is_dir():
            return removed
        now = time.time()
        for entry in self.temp_dir.iterdir():
            if not entry.name.endswith(TEMP_SUFFIX):
                continue
            owner = entry.name.split("-", 1)[0]
            try:
                age = now - entry.stat().st_mtime
            except FileNotFoundError:
                continue
            if age > STALE_AFTER_SECONDS or not (owner.isdigit() and _process_alive(int(owner))):
                _unlink_quietly(entry)
                removed.append(entry)
        return removed

    def other_writers(self) -> list[Path]:
        """Temporary files of other live processes: adds running now (dead writers' are cleaned first)."""
        mine = f"{os.getpid()}-"
        return [p for p in self.temp_files() if not p.name.startswith(mine)]

    def temp_files(self) -> list[Path]:
        if not self.temp_dir.is_dir():
            return []
        return sorted(p for p in self.temp_dir.iterdir() if p.name.endswith(TEMP_SUFFIX))

    # reading -----------------------------------------------------------------------------------

    def read(self, sha256: str) -> bytes:
        """The blob's bytes, after checking they still hash to ``sha256``."""
        path = self.path_for(sha256)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise IntegrityError(f"blob {sha256[:12]}…: missing from the store", file=path) from None
        actual = hashlib.sha256(data).hexdigest()
        if actual != sha256:
            raise IntegrityError(f"blob {sha256[:12]}…: content hash mismatch (now {actual[:12]}…)", file=path)
        return data

    def check(self, sha256: str) -> BlobCheck:
        path = self.path_for(sha256)
        if not path.is_file():
            return BlobCheck(sha256, "missing")
        actual, size = hash_file(path)
        return BlobCheck(sha256, "ok" if actual == sha256 else "mismatch", actual, size)

    def stored(self) -> list[str]:
        """Every blob id present on disk (for spotting blobs no record mentions)."""
        found: list[str] = []
        if not self.root.is_dir():
            return found
        for folder in self.root.iterdir():
            if len(folder.name) == 2 and folder.is_dir():
                found.extend(folder.name + p.name for p in folder.iterdir() if len(p.name) == 62)
        return sorted(found)


def _copy_and_hash(reader, fd: int, *, direct: bool, size_hint: int = 0, alone: bool = True) -> tuple[str, int]:
    """Large files go through the pipelined copy; small ones, or no ``O_DIRECT``, a plain loop."""
    if not direct or not hasattr(os, "O_DIRECT"):
        return _copy_and_hash_simple(reader, fd)
    digest = hashlib.sha256()
    size = pipelined_copy(reader, fd, digest.update, size_hint=size_hint, split_cpus=alone)
    return digest.hexdigest(), size


def _copy_and_hash_simple(reader, fd: int) -> tuple[str, int]:
    digest = hashlib.sha256()
    buffer = bytearray(CHUNK)
    size = 0
    with memoryview(buffer) as view:
        while True:
            count = reader.readinto(buffer)
            if not count:
                break
            part = view[:count]
            digest.update(part)
            while part:
                part = part[os.write(fd, part):]
            size += count
    return digest.hexdigest(), size


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
