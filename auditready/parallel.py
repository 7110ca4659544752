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


@dataclass
class _Task:
    task_id: int
    payload: Any
    timeout: float | None


class _Worker:
    def __init__(self, context, handler: Handler, state: Any, dumps: Callable[[Any], bytes]):
        parent_end, child_end = context.Pipe(duplex=True)
        self.process = context.Process(target=_worker_main, args=(child_end, handler, state, dumps), daemon=True)
        self.process.start()
        child_end.close()  # so that the parent sees EOF when the worker dies
        self.connection = parent_end
        # Tasks sent and not finished, in the order the worker runs them; the first is running.
        self.queue: deque[_Task] = deque()
        self.deadline: float | None = None  # of the running task's guarded part

    def send(self, task: _Task) -> None:
        self.queue.append(task)
        if len(self.queue) == 1:
            self.start_clock()
        self.connection.send((task.task_id, task.payload))

    def start_clock(self) -> None:
        """The head task starts now (as far as the parent can tell)."""
        head = self.queue[0] if self.queue else None
        self.deadline = time.monotonic() + head.timeout if head is not None and head.timeout else None

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
    """`workers` processes, each running its tasks one at a time in the order given. Each worker
    is sent up to PIPELINE tasks ahead, so that it starts the next file as soon as it finishes
    one instead of waiting for the parent to be scheduled and answer (with thousands of
    one-note files that wait cost a sixth of the run). A task's time limit counts from when
    the parent sees the task before it finish. `dumps` serializes a result in the worker
    (pickle.dumps unless the caller has a faster one for its types); the parent unpickles it.
    """

    PIPELINE = 2

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
        """How many more tasks may be submitted now."""
        return sum(self.PIPELINE - len(worker.queue) for worker in self._workers)

    def busy(self) -> int:
        return sum(len(worker.queue) for worker in self._workers) + len(self._events)

    def submit(self, task_id: int, payload: Any, timeout: float | None = None) -> None:
        worker = min(self._workers, key=lambda w: len(w.queue))
        if len(worker.queue) >= self.PIPELINE:
            raise RuntimeError("no worker can take another task")
        try:
            worker.send(_Task(task_id, payload, timeout))
        except (OSError, ValueError):  # the worker died
            self._replace(worker, CRASHED)

    def next_event(self) -> Event:
        """The next finished, timed-out or crashed task (blocks until there is one)."""
        while not self._events:
            busy = [w for w in self._workers if w.queue]
            if not busy:
                raise RuntimeError("no task is running")
            deadlines = [w.deadline for w in busy if w.deadline is not None]
            wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            ready = wait([w.connection for w in busy], timeout=wait_for)
            for worker in busy:
                if worker.connection in ready:
                    self._receive(worker)
            now = time.monotonic()
            for worker in list(self._workers):
                if worker.queue and worker.deadline is not None and now >= worker.deadline:
                    self._replace(worker, TIMEOUT)
        return self._events.popleft()

    def _receive(self, worker: _Worker) -> None:
        try:
            kind, task_id, value = worker.connection.recv()
        except (EOFError, OSError):
            self._replace(worker, CRASHED)
            return
        except Exception as exc:  # noqa: BLE001 - a message that cannot be unpickled here
            kind, task_id, value = FAILED, worker.queue[0].task_id, type(exc).__name__
        if kind == _STARTED:
            worker.deadline = None
            return
        worker.queue.popleft()
        worker.start_clock()
        if kind == DONE:
            try:
                value = pickle.loads(value)
            except Exception as exc:  # noqa: BLE001 - reported by type, as a handler failure is
                kind, value = FAILED, type(exc).__name__
        self._events.append(Event(kind, task_id, value))

    def _replace(self, worker: _Worker, kind: str) -> None:
        """Kill `worker`; its running task ends with `kind`, the tasks queued behind it go to
        the worker that takes its place."""
        worker.stop(kill=True)
        waiting = list(worker.queue)
        replacement = self._new_worker()
        self._workers[self._workers.index(worker)] = replacement
        if not waiting:
            return
        self._events.append(Event(kind, waiting[0].task_id))
        for index, task in enumerate(waiting[1:], start=1):
            try:
                replacement.send(task)
            except (OSError, ValueError):  # a new worker that cannot be reached: give up on these
                replacement.queue.clear()
                self._events.extend(Event(CRASHED, lost.task_id) for lost in waiting[index:])
                return

    def close(self) -> None:
        """Stop every worker: idle ones are asked to exit, busy ones are killed."""
        for worker in self._workers:
            worker.stop(kill=bool(worker.queue))
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
