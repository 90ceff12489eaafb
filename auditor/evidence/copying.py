"""The pipelined copy behind large evidence files: read ahead, hash, write, all at once.

Three kinds of thread share the work so that hashing, the one step that cannot be split,
never waits: a read-ahead thread fills page-aligned buffers, the caller's thread hashes them
in order, and writer threads write them with ``O_DIRECT`` (no second copy in the page cache)
where the filesystem allows it. Memory stays bounded by the buffer pool, whatever the size.
"""

from __future__ import annotations

import contextlib
import errno
import mmap
import os
import queue
import threading

CHUNK = 1 << 20
_BUFFERS = 16  # 16 MiB in flight: slack for a disk that pauses now and then
_WRITERS = 2
_ALIGN = 4096


def pipelined_copy(reader, fd: int, consume=None, *, size_hint: int = 0, split_cpus: bool = True) -> int:
    """Copy ``reader`` to ``fd``, passing every chunk to ``consume`` in order; returns the size.

    A read-ahead thread fills buffers and writer threads write them out, so the caller's
    thread does nothing but ``consume`` (hash): on two cores an add runs at hashing speed
    whenever the disk keeps up. A chunk is consumed before it goes to a writer, and a writer
    hands it back only once written, so the reader never refills a buffer still in use. The
    target is first allocated to ``size_hint`` bytes: a full disk fails at once, not after a
    gigabyte, and the writes land in one reserved extent. ``split_cpus`` gives the hashing
    thread a CPU of its own for the copy (see ``_CpuSplit``); a caller that knows another copy
    is running passes False, so two hashing threads never queue for the same CPU.
    """
    if size_hint > 0:
        reserve_space(fd, size_hint)
    size = 0
    with contextlib.ExitStack() as cleanup:  # on the way out: stop reading, finish writing, give the CPUs back
        cpus = _CpuSplit.begin() if split_cpus else _CpuSplit()
        cleanup.callback(cpus.end)
        writer = _ParallelWriter(fd, cpus)
        cleanup.callback(writer.close)
        read_ahead = _ReadAhead(reader, writer, cpus)
        cleanup.callback(read_ahead.stop)
        for buffer, count, offset in read_ahead:
            if consume is not None:
                if count == CHUNK:
                    consume(buffer)
                else:
                    with memoryview(buffer) as view, view[:count] as part:
                        consume(part)
            writer.submit(buffer, count, offset)
            size = offset + count
    os.ftruncate(fd, size)  # the last O_DIRECT write was padded to a block boundary
    return size


def reserve_space(fd: int, size: int) -> None:
    """Allocate ``size`` bytes for ``fd`` with fallocate(2), where the filesystem can.

    Not ``os.posix_fallocate``: where a filesystem cannot reserve space, glibc emulates it by
    writing a byte into every block, which on a network share costs more than the copy. A
    full disk or quota is raised at once; anything else just means no reservation.
    """
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        fallocate = ctypes.CDLL(None, use_errno=True).fallocate
    except (OSError, AttributeError):
        return
    fallocate.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int64, ctypes.c_int64]
    fallocate.restype = ctypes.c_int
    if fallocate(fd, 0, 0, size) == 0:
        return
    code = ctypes.get_errno()
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        raise OSError(code, f"cannot store {size:,} bytes: {os.strerror(code)}")


class _CpuSplit:
    """The hashing thread on a CPU of its own, the I/O threads on the others, for one copy.

    Left to the scheduler, a woken writer often lands on the hashing thread's CPU (the one
    that woke it) and takes turns with it; on two cores that cost about a tenth of an add.
    Hashing takes the lowest-numbered CPU; the others are left to the I/O threads and to the
    disk's interrupts. Only done when the process may use two CPUs or more, and skipped while
    another add runs (``pipelined_copy(split_cpus=False)``), since that one's hashing thread
    would be pinned to the same CPU. The caller's own CPU set comes back when the copy ends.
    """

    def __init__(self, saved: set[int] | None = None, io_cpus: set[int] | None = None):
        self.saved = saved
        self.io_cpus = io_cpus

    @classmethod
    def begin(cls) -> "_CpuSplit":
        if not hasattr(os, "sched_setaffinity"):
            return cls()
        try:
            allowed = os.sched_getaffinity(0)
            if len(allowed) < 2:
                return cls()
            hashing = min(allowed)
            os.sched_setaffinity(0, {hashing})  # this thread only (Linux: 0 is the caller)
        except OSError:
            return cls()
        return cls(set(allowed), set(allowed) - {hashing})

    def enter_io_thread(self) -> None:
        _keep_to(self.io_cpus)

    def end(self) -> None:
        _keep_to(self.saved)


def _keep_to(cpus: set[int] | None) -> None:
    """Move the calling thread to ``cpus``; best effort, since it only ever costs speed."""
    if cpus:
        try:
            os.sched_setaffinity(0, cpus)
        except OSError:
            pass


class _ReadAhead:
    """A thread reading the source into free buffers, ahead of the hashing thread.

    It stops after the first short chunk (the end of the file), so every chunk but the last
    is full and every write offset stays block-aligned even if the file grows meanwhile.
    """

    def __init__(self, reader, writer: "_ParallelWriter", cpus: "_CpuSplit"):
        self.reader = reader
        self.writer = writer
        self.cpus = cpus
        self.filled: queue.Queue = queue.Queue()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True, name="blob-reader")
        self.thread.start()

    def __iter__(self):
        while True:
            item = self.filled.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item

    def _run(self) -> None:
        self.cpus.enter_io_thread()
        offset = 0
        try:
            while not self.stopping.is_set():
                buffer = self.writer.free_buffer()
                count = _fill(self.reader, buffer)
                if not count:
                    self.writer.give_back(buffer)
                    break
                self.filled.put((buffer, count, offset))
                offset += count
                if count < CHUNK:
                    break
        except BaseException as exc:  # handed to the hashing thread, which raises it
            self.filled.put(exc)
            return
        self.filled.put(None)

    def stop(self) -> None:
        """End the thread even when the hashing thread gave up early: hand back what it holds."""
        self.stopping.set()
        while self.thread.is_alive() or not self.filled.empty():
            try:
                item = self.filled.get(timeout=0.05)
            except queue.Empty:
                continue
            if isinstance(item, tuple):
                self.writer.give_back(item[0])
        self.thread.join()


def _fill(reader, buffer: mmap.mmap) -> int:
    """Read until the buffer is full or the file ends, so only the last chunk is short.

    A short chunk in the middle would leave the next write misaligned and, worse, its padding
    could overwrite the next chunk written by the other thread.
    """
    count = 0
    with memoryview(buffer) as view:
        while count < CHUNK:
            with view[count:] as rest:
                got = reader.readinto(rest)
            if not got:
                break
            count += got
    return count


class _ParallelWriter:
    """Writer threads taking page-aligned buffers from the reader; the pool bounds memory."""

    def __init__(self, fd: int, cpus: _CpuSplit):
        self.fd = fd
        self.cpus = cpus
        self.free: queue.Queue = queue.Queue()
        self.work: queue.Queue = queue.Queue()
        self.error: BaseException | None = None
        self.direct = False
        self._lock = threading.Lock()
        for _ in range(_BUFFERS):
            self.free.put(mmap.mmap(-1, CHUNK))
        import fcntl  # POSIX only, like O_DIRECT itself

        try:
            fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_DIRECT)
            self.direct = True
        except OSError:
            pass
        self.threads = [threading.Thread(target=self._run, daemon=True, name=f"blob-writer-{i}")
                        for i in range(_WRITERS)]
        for thread in self.threads:
            thread.start()

    def free_buffer(self) -> mmap.mmap:
        if self.error is not None:
            raise self.error
        return self.free.get()

    def give_back(self, buffer: mmap.mmap) -> None:
        self.free.put(buffer)

    def submit(self, buffer: mmap.mmap, count: int, offset: int) -> None:
        self.work.put((buffer, count, offset))

    def close(self) -> None:
        for _ in self.threads:
            self.work.put(None)
        for thread in self.threads:
            thread.join()
        if self.error is not None:
            raise self.error

    def _run(self) -> None:
        self.cpus.enter_io_thread()
        while True:
            item = self.work.get()
            if item is None:
                return
            buffer, count, offset = item
            try:
                if self.error is None:
                    self._write(buffer, count, offset)
            except BaseException as exc:  # reported to the reader at its next buffer
                self.error = exc
            finally:
                self.free.put(buffer)

    def _write(self, buffer: mmap.mmap, count: int, offset: int) -> None:
        if self.direct:
            padded = -(-count // _ALIGN) * _ALIGN
            try:
                self._write_all(buffer, padded, offset)
                return
            except OSError as exc:
                if exc.errno != errno.EINVAL:
                    raise
                self._leave_direct_mode()  # unaligned offset or a filesystem refusing O_DIRECT
        self._write_all(buffer, count, offset)

    def _write_all(self, buffer: mmap.mmap, count: int, offset: int) -> None:
        with memoryview(buffer) as view:
            done = 0
            while done < count:
                with view[done:count] as part:
                    done += os.pwrite(self.fd, part, offset + done)

    def _leave_direct_mode(self) -> None:
        import fcntl

        with self._lock:
            if self.direct:
                fcntl.fcntl(self.fd, fcntl.F_SETFL, fcntl.fcntl(self.fd, fcntl.F_GETFL) & ~os.O_DIRECT)
                self.direct = False

