"""HQ's /metrics: counters that add up across worker processes (issue 22, defect 7).

`pos-hq serve --workers N` runs N processes; a scrape lands on any one of them. The counters are
prometheus_client's, and in multiprocess mode (`PROMETHEUS_MULTIPROC_DIR` set, which `serve`
does for its workers: `multiproc_dir()`) each process writes its values to a file there and a
scrape adds up every process's files, so every scrape shows the whole HQ. One process alone
(the embedded demo, tests) keeps its counters in its own registry.

`Metrics.requests[route] += 1`, `.errors[status] += 1` and `.events += n` are how the routes
count (the shape the app used before); each increment goes to the counter.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from prometheus_client import CollectorRegistry, Counter, generate_latest, multiprocess

ENV = "PROMETHEUS_MULTIPROC_DIR"


class _Labelled:
    """A counter by one label, used as `counts[label] += 1`."""

    def __init__(self, counter: Counter):
        self.counter = counter

    def __getitem__(self, label: str) -> float:
        return self.counter.labels(label)._value.get()  # this process's share: only used to add to

    def __setitem__(self, label: str, value: float) -> None:
        child = self.counter.labels(label)
        delta = value - child._value.get()
        if delta > 0:
            child.inc(delta)


class Metrics:
    def __init__(self, multiprocess_dir: str = ""):
        self.multiprocess_dir = multiprocess_dir
        self.registry = CollectorRegistry(auto_describe=True)
        self._requests = Counter("hq_requests", "HTTP requests by route", ["route"], registry=self.registry)
        self._errors = Counter("hq_errors", "HTTP error answers by status", ["status"], registry=self.registry)
        self._events = Counter("hq_events", "Till events stored (each once)", registry=self.registry)
        self.requests, self.errors = _Labelled(self._requests), _Labelled(self._errors)

    @property
    def events(self) -> float:
        return self._events._value.get()

    @events.setter
    def events(self, value: float) -> None:
        delta = value - self._events._value.get()
        if delta > 0:
            self._events.inc(delta)

    def text(self) -> str:
        """The exposition text: every worker's counters added up in multiprocess mode."""
        if self.multiprocess_dir:
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)
            return generate_latest(registry).decode()
        return generate_latest(self.registry).decode()


def multiproc_dir() -> Path:
    """A fresh folder for the workers' counter files (set as PROMETHEUS_MULTIPROC_DIR before they
    start; files of an earlier run would be added in, so it is always new)."""
    return Path(tempfile.mkdtemp(prefix="membertill-hq-metrics-"))


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
