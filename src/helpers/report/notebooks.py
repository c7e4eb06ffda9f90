"""Execute the notebooks with nbclient, on this environment's Python, a few at a time.

    python -m helpers.report.notebooks [--data DIR] [NOTEBOOK ...]

run as a command, re-executes the notebooks in place (all of notebooks/ by default) to rewrite
their committed outputs after a deliberate change to the data or the charts.
"""

import argparse
import asyncio
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
from jupyter_client import AsyncKernelManager
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient
from nbformat import NotebookNode

from helpers.record.changelog import content_hash
from helpers.record.paths import DATA_DIR, DEFAULT_ARCHIVE_DIR, NOTEBOOKS_DIR

CELL_TIMEOUT_SECONDS = 600
# Where an executed notebook records which record it shows (see record_of and helpers.record.changelog.content_hash).
RECORD_METADATA = "nk_record"
STARTUP_TIMEOUT_SECONDS = 120


class NotebookError(RuntimeError):
    """A notebook could not be executed; the message names the notebook, the cell and the error."""


@dataclass(frozen=True)
class ExecutedNotebook:
    path: Path
    notebook: NotebookNode


def find_notebooks(notebooks_dir: Path) -> list[Path]:
    return sorted(notebooks_dir.glob("*.ipynb"))


def kernel_environment(data_dir: Path) -> dict[str, str]:
    """The kernels read the record being built (see helpers.record.paths), with a fixed hash seed.

    Paths are made absolute because a kernel runs in its notebook's folder.
    """
    return {**os.environ, "NK_DATA_DIR": str(Path(data_dir).resolve()),
            "NK_ARCHIVE_DIR": str(DEFAULT_ARCHIVE_DIR.resolve()), "PYTHONHASHSEED": "0"}


def kernel_manager(sockets: Path) -> AsyncKernelManager:
    """A kernel on this very Python that talks over Unix sockets named from `sockets` (a unique path prefix).

    No kernel folders: only ipykernel's own spec is found, which runs sys.executable, so a python3
    kernel installed elsewhere on the machine is never picked. Over TCP, a kernel is told ports that
    were free a moment before it binds them; a kernel started meanwhile by another process (a test
    run beside a build) can take one, and the kernel dies with "Address already in use".
    """
    return AsyncKernelManager(kernel_name="python3", kernel_spec_manager=KernelSpecManager(kernel_dirs=[]),
                              transport="ipc", ip=str(sockets))


def failure_message(path: Path, notebook: NotebookNode, error: Exception) -> str:
    """Name the cell that stopped the run: the last one with an error (cells count from 1, Markdown included)."""
    for index, cell in reversed(list(enumerate(notebook.cells, start=1))):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return f"{path}: cell {index} raised {output['ename']}: {output['evalue']}"
    last_line = (str(error).strip().splitlines() or [""])[-1]
    return f"{path}: {type(error).__name__}: {last_line}"


async def execute_one(path: Path, env: dict[str, str], slots: asyncio.Semaphore, sockets: Path) -> ExecutedNotebook:
    """Execute a copy of the notebook read from `path` (the file is not changed), in its own folder."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, km=kernel_manager(sockets), timeout=CELL_TIMEOUT_SECONDS,
                            startup_timeout=STARTUP_TIMEOUT_SECONDS, record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}},
                            # Every output is in once the last cell ends. Stopped the way nbval stops its
                            # kernels: a graceful shutdown would spend 0.4-0.7 CPU-s tearing down the
                            # kernel's Python (pandas, matplotlib and plotly loaded) for nothing.
                            shutdown_kernel="immediate",
                            # Quiet the kernel's own log; cell output is unaffected.
                            extra_arguments=["--IPKernelApp.log_level=ERROR"])
    async with slots:
        try:
            await client.async_execute(env=env)
        except Exception as error:  # a cell's error, or a kernel that dies or never starts
            raise NotebookError(failure_message(path, notebook, error)) from error
    return ExecutedNotebook(path, notebook)


async def execute_all(paths: list[Path], env: dict[str, str], parallel: int) -> list[ExecutedNotebook]:
    slots = asyncio.Semaphore(parallel)
    # A short folder of our own: Unix socket paths are limited to about 100 bytes.
    with tempfile.TemporaryDirectory(prefix="nk-kernels-") as sockets:
        results = await asyncio.gather(*(execute_one(path, env, slots, Path(sockets) / f"kernel-{number}")
                                         for number, path in enumerate(paths)), return_exceptions=True)
    failures = [str(result) for result in results if isinstance(result, BaseException)]
    if failures:
        raise NotebookError("\n".join(failures))
    return results


def execute_notebooks(paths: list[Path], data_dir: Path, parallel: int | None = None) -> list[ExecutedNotebook]:
    """Execute every notebook (kernels read `data_dir`); NotebookError lists every one that failed.

    Each executed notebook's metadata names the record it was executed on (its content hash).
    """
    if not paths:
        return []
    parallel = parallel or min(len(paths), os.cpu_count() or 1)
    executed = asyncio.run(execute_all(paths, kernel_environment(data_dir), parallel))
    shown = {"sha256": content_hash(data_dir)}
    for result in executed:
        result.notebook.metadata[RECORD_METADATA] = shown
    return executed


def record_of(path: Path) -> str | None:
    """The content hash of the record the notebook at `path` was last executed on, if it says.

    Read as plain JSON: every test process asks, and nbformat would validate each notebook's outputs first.
    """
    metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
    return metadata.get(RECORD_METADATA, {}).get("sha256")


def executed_on_another_record(notebooks_dir: Path, data_dir: Path) -> list[Path]:
    """The notebooks whose outputs were made from another record than `data_dir` holds."""
    current = content_hash(data_dir)
    return [path for path in find_notebooks(notebooks_dir) if record_of(path) != current]


def write_in_place(executed: list[ExecutedNotebook]) -> None:
    for result in executed:
        nbformat.write(result.notebook, result.path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.report.notebooks", description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help=f"notebooks to rewrite (default: all in {NOTEBOOKS_DIR})")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the record's folder (default: data/)")
    args = parser.parse_args(argv)
    paths = args.notebooks or find_notebooks(NOTEBOOKS_DIR)
    try:
        executed = execute_notebooks(paths, args.data)
    except NotebookError as error:
        print(f"Nothing rewritten; failed:\n{error}", file=sys.stderr)
        return 1
    write_in_place(executed)
    for result in executed:
        print(f"rewrote {result.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
