"""Where a command's processor time goes: its processes' CPU time by kind, sampled while it runs.

A test run starts some forty processes (test workers, notebook kernels, report builds, the
browser and its helpers), and not all of them are waited for by their parents, so the run's
own child accounting misses some. Here the run's process tree is read every `interval`
seconds (psutil) and each process's last reading is kept: the time a process spends after
its last reading is not counted, so the sums are a little short of the truth.
"""

import subprocess
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psutil

# A process's kind, by the words of its command line; the first kind that matches wins.
KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("notebook kernels", ("ipykernel_launcher",)),
    ("report builds", ("helpers.report",)),
    ("Chromium", ("chromium", "chrome")),
)
OTHER = "pytest, its workers and the rest"


def kind_of(command_line: Sequence[str]) -> str:
    words = " ".join(command_line)
    for kind, markers in KINDS:
        if any(marker in words for marker in markers):
            return kind
    return OTHER


@dataclass
class Census:
    """CPU seconds and process counts by kind."""

    cpu_seconds: dict[str, float] = field(default_factory=dict)
    processes: dict[str, int] = field(default_factory=dict)

    def by_kind(self) -> list[tuple[str, float, int]]:
        """(kind, CPU seconds, processes), the most CPU first."""
        return sorted(((kind, seconds, self.processes[kind]) for kind, seconds in self.cpu_seconds.items()),
                      key=lambda row: -row[1])

    @property
    def total(self) -> float:
        return sum(self.cpu_seconds.values())


def _read(process: psutil.Process, seen: dict[tuple[int, float], tuple[str, float]]) -> None:
    try:
        with process.oneshot():
            key = (process.pid, process.create_time())
            times = process.cpu_times()
            kind = seen[key][0] if key in seen else kind_of(process.cmdline())
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return
    seen[key] = (kind, times.user + times.system)


def run_with_census(command: Sequence[str], cwd: Path, interval: float = 0.2) -> tuple[subprocess.CompletedProcess,
                                                                                     Census]:
    """Run `command` to its end (output captured as text) and count its process tree's CPU time by kind."""
    seen: dict[tuple[int, float], tuple[str, float]] = {}
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(process.pid)  # found even once it has ended: nothing waits for it before communicate()
    # The pipes are drained by a thread of communicate(); the tree is read meanwhile.
    outputs: dict[str, str] = {}
    reader = threading.Thread(target=lambda: outputs.update(zip(("out", "err"), process.communicate())))
    reader.start()
    while reader.is_alive():
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            tree = []
        for member in tree:
            _read(member, seen)
        reader.join(interval)
    reader.join()
    census = Census()
    for kind, seconds in seen.values():
        census.cpu_seconds[kind] = census.cpu_seconds.get(kind, 0.0) + seconds
        census.processes[kind] = census.processes.get(kind, 0) + 1
    return subprocess.CompletedProcess(list(command), process.returncode, outputs.get("out", ""),
                                       outputs.get("err", "")), census
