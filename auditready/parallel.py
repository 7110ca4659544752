"""Run tasks in worker processes that can be killed one at a time, or in this process.

A scan reads each input file in a worker so that a file which hangs its parser (a damaged PDF,
a pathological workbook) can be stopped without stopping the run: the worker is killed, a new
one takes its place, and the caller is told which task timed out. `concurrent.futures` and
`multiprocessing.Pool` cannot kill one busy worker, hence this small pool.

    pool = WorkerPool(workers=2, handler=handle, state=context)
    pool.submit(task_id, payload, timeout=120)      # when pool.idle() > 0
    event = pool.next_event()                       # Event("done", task_id, result), ...
    pool.close()

`handler(state, payload, started)` runs in the worker; it calls `started()` when the part of
the task the timeout guards is over (reading a file: the scoring that follows may take as
long as the file has notes). Events: "done" (the handler's return value), "timeout" (the
guarded part took longer than its timeout; the worker was killed), "crashed" (the worker died:
a segfault in a native library, the OOM killer), "failed" (the handler raised; the value is
the exception's type name only, since its message may quote file content).

InProcess runs the same handler synchronously in this process (no time limit): `--jobs 1`
without a file timeout, for debugging and for tests.

Workers are forked where the platform allows it (Linux), so the rule pack and lexicons loaded
by the parent are shared rather than loaded again; elsewhere they are spawned and `state` is
pickled to them.
"""

from __future__ import annotations

import multiprocessing
import pickle
import signal
import sys
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

DONE, TIMEOUT, CRASHED, FAILED = "done", "timeout", "crashed", "failed"
_STARTED = "started"

Handler = Callable[[Any, Any, Callable[[], None]], Any]


@dataclass(frozen=True, slots=True)
class Event:
    kind: str  # done | timeout | crashed | failed
    task_id: int
    value: Any = None


def _context():
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def _worker_main(connection: Connection, handler: Handler, state: Any,
                 dumps: Callable[[Any], bytes] = pickle.dumps) -> None:
    # Ctrl-C reaches the whole process group; the parent stops the workers itself, so a worker
    # ignores it instead of printing a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        task_id, payload = message

        def started(task_id: int = task_id) -> None:
            connection.send((_STARTED, task_id, None))

        try:
            result = handler(state, payload, started)
        except BaseException as exc:  # noqa: BLE001 - reported by type; the message may hold content
            connection.send((FAILED, task_id, type(exc).__name__))
            continue
        try:
            connection.send((DONE, task_id, dumps(result)))
        except Exception as exc:  # noqa: BLE001 - an unpicklable result
            connection.send((FAILED, task_id, type(exc).__name__))


class _Worker:
    def __init__(self, context, handler: Handler, state: Any, dumps: Callable[[Any], bytes]):
        parent_end, child_end = context.Pipe(duplex=True)
        self.process = context.Process(target=_worker_main, args=(child_end, handler, state, dumps), daemon=True)
        self.process.start()
        child_end.close()  # so that the parent sees EOF when the worker dies
        self.connection = parent_end
        self.task_id: int | None = None
        self.deadline: float | None = None

    def stop(self, kill: bool) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.connection.send(None)
            except (OSError, ValueError):
                self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


class WorkerPool:
    """`workers` processes, each running one task at a time. `dumps` serializes a result in the
    worker (pickle.dumps unless the caller has a faster one for its types); the parent
    unpickles it."""

    def __init__(self, workers: int, handler: Handler, state: Any, dumps: Callable[[Any], bytes] = pickle.dumps):
        if workers < 1:
            raise ValueError("a pool needs at least one worker")
        self._context = _context()
        self._handler = handler
        self._state = state
        self._dumps = dumps
        self._workers = [self._new_worker() for _ in range(workers)]
        self._events: deque[Event] = deque()

    def _new_worker(self) -> _Worker:
        return _Worker(self._context, self._handler, self._state, self._dumps)

    def idle(self) -> int:
        return sum(1 for worker in self._workers if worker.task_id is None)

    def busy(self) -> int:
        return len(self._workers) - self.idle() + len(self._events)

    def submit(self, task_id: int, payload: Any, timeout: float | None = None) -> None:
        worker = next(w for w in self._workers if w.task_id is None)
        worker.task_id = task_id
        worker.deadline = time.monotonic() + timeout if timeout else None
        try:
            worker.connection.send((task_id, payload))
        except (OSError, ValueError):  # the worker died while idle
            self._replace(worker, CRASHED)

    def next_event(self) -> Event:
        """The next finished, timed-out or crashed task (blocks until there is one)."""
        while not self._events:
            busy = [w for w in self._workers if w.task_id is not None]
            if not busy:
                raise RuntimeError("no task is running")
            deadlines = [w.deadline for w in busy if w.deadline is not None]
            wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            ready = wait([w.connection for w in busy], timeout=wait_for)
            for worker in busy:
                if worker.connection in ready:
                    self._receive(worker)
            now = time.monotonic()
            for worker in busy:
                if worker.task_id is not None and worker.deadline is not None and now >= worker.deadline:
                    self._replace(worker, TIMEOUT)
        return self._events.popleft()

    def _receive(self, worker: _Worker) -> None:
        try:
            kind, task_id, value = worker.connection.recv()
        except (EOFError, OSError):
            self._replace(worker, CRASHED)
            return
        except Exception as exc:  # noqa: BLE001 - a result that cannot be unpickled here
            self._events.append(Event(FAILED, worker.task_id, type(exc).__name__))
            worker.task_id, worker.deadline = None, None
            return
        if kind == _STARTED:
            worker.deadline = None
            return
        worker.task_id, worker.deadline = None, None
        if kind == DONE:
            try:
                value = pickle.loads(value)
            except Exception as exc:  # noqa: BLE001 - reported by type, as a handler failure is
                kind, value = FAILED, type(exc).__name__
        self._events.append(Event(kind, task_id, value))

    def _replace(self, worker: _Worker, kind: str) -> None:
        task_id = worker.task_id
        worker.stop(kill=True)
        index = self._workers.index(worker)
        self._workers[index] = self._new_worker()
        if task_id is not None:
            self._events.append(Event(kind, task_id))

    def close(self) -> None:
        """Stop every worker: idle ones are asked to exit, busy ones are killed."""
        for worker in self._workers:
            worker.stop(kill=worker.task_id is not None)
        self._workers = []

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class InProcess:
    """The same interface, running each task in this process when its event is asked for."""

    def __init__(self, handler: Handler, state: Any):
        self._handler = handler
        self._state = state
        self._queued: deque[tuple[int, Any]] = deque()

    def idle(self) -> int:
        return 0 if self._queued else 1

    def busy(self) -> int:
        return len(self._queued)

    def submit(self, task_id: int, payload: Any, timeout: float | None = None) -> None:
        self._queued.append((task_id, payload))

    def next_event(self) -> Event:
        if not self._queued:
            raise RuntimeError("no task is running")
        task_id, payload = self._queued.popleft()
        try:
            return Event(DONE, task_id, self._handler(self._state, payload, lambda: None))
        except Exception as exc:  # noqa: BLE001 - same contract as a worker: the type only
            return Event(FAILED, task_id, type(exc).__name__)

    def close(self) -> None:
        self._queued.clear()

    def __enter__(self) -> InProcess:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
