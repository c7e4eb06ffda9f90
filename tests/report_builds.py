"""Report builds shared by the build, safety and browser tests (each build runs once per session).

Builds run `python -m helpers.report` in a subprocess, as `make reports` does, so the
environment overrides of helpers.paths apply to the build and to the notebooks it executes.
"""

import fcntl
import hashlib
import os
import pickle
import shutil
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from conftest import copy_record, make_matching_archive, set_cell
from helpers.paths import DATA_DIR, NOTEBOOKS_DIR

BUILD_TIMEOUT_SECONDS = 900
FIXTURE_NOTEBOOK = "fixture_quotes_and_charts.ipynb"

SCRIPT_PAYLOAD = "<script>alert(1)</script>"
ATTRIBUTE_PAYLOAD = '"><img src=x onerror=alert(1)>'
HOSTILE_QUOTE = f"As many as 3,000 troops {SCRIPT_PAYLOAD} {ATTRIBUTE_PAYLOAD}"
HOSTILE_OUTLET = f"ABC {SCRIPT_PAYLOAD} {ATTRIBUTE_PAYLOAD}"
HOSTILE_CLAIM, HOSTILE_SOURCE = "c002", "abc_au_2024-10-24"  # a headline claim, so every chart shows it


def write_fixture_notebook(folder: Path) -> Path:
    """A small notebook shaped like the project's: a table of quotes, a static and an interactive chart."""
    folder.mkdir(parents=True, exist_ok=True)
    notebook = new_notebook(cells=[
        new_markdown_cell("# Fixture: quotes and charts\n\nA table from the data, then one chart drawn both ways."),
        new_code_cell("%matplotlib inline\n"
                      "%config InlineBackend.figure_formats = ['svg']\n"
                      "%config InlineBackend.print_figure_kwargs = {'metadata': {'Date': None, 'Creator': None}}\n"
                      "import pandas as pd\n"
                      "from helpers import charts, load_record\n"
                      "pd.set_option('display.max_colwidth', None)\n"
                      "record = load_record()"),
        new_code_cell("record.claims[['claim_id', 'outlet', 'quote']].head(4)"),
        new_code_cell("charts.static('headline_growth', record)"),
        new_code_cell("charts.interactive('headline_growth', record)"),
    ])
    path = folder / FIXTURE_NOTEBOOK
    nbformat.write(notebook, path)
    return path


def run_build(out_dir: Path, data_dir: Path, notebooks_dir: Path, **environment: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "helpers.report", "--out", str(out_dir), "--data", str(data_dir),
               "--notebooks", str(notebooks_dir)]
    return subprocess.run(command, env={**os.environ, **environment}, capture_output=True, text=True,
                          timeout=BUILD_TIMEOUT_SECONDS)


def file_hashes(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def project_notebooks(folder: Path) -> Path:
    """The project's notebooks if there are any yet, else a folder holding the fixture notebook."""
    if list(NOTEBOOKS_DIR.glob("*.ipynb")):
        return NOTEBOOKS_DIR
    write_fixture_notebook(folder)
    return folder


@dataclass(frozen=True)
class Build:
    out_dir: Path
    data_dir: Path
    notebooks_dir: Path
    notebook_hashes: dict[str, str]  # taken before the build
    result: subprocess.CompletedProcess


def build_or_fail(root: Path, data_dir: Path, notebooks_dir: Path, **environment: str) -> Build:
    hashes = file_hashes(notebooks_dir)
    result = run_build(root / "output", data_dir, notebooks_dir, **environment)
    if result.returncode != 0:
        pytest.fail(f"the build failed:\n{result.stdout}\n{result.stderr}")
    return Build(root / "output", data_dir, notebooks_dir, hashes, result)


@contextmanager
def shared_folder(tmp_path_factory, name: str):
    """One folder for every pytest-xdist worker, locked while a worker fills it."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the workers' temporary folders are siblings
    folder = base / f"shared-{name}"
    folder.mkdir(exist_ok=True)
    with open(base / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield folder


def shared_build(tmp_path_factory, name: str, make_build) -> Build:
    """Build once for the whole run, even with several workers; later callers reuse the first build."""
    with shared_folder(tmp_path_factory, name) as folder:
        saved = folder / "build.pickle"
        if saved.is_file():
            return pickle.loads(saved.read_bytes())
        build = make_build(folder)
        saved.write_bytes(pickle.dumps(build))
        return build


@pytest.fixture(scope="session")
def built_report(tmp_path_factory) -> Build:
    """The report built from the project's record and notebooks."""
    return shared_build(tmp_path_factory, "report",
                        lambda root: build_or_fail(root, DATA_DIR, project_notebooks(root / "notebooks")))


@pytest.fixture(scope="session")
def hostile_report(tmp_path_factory) -> Build:
    """The report built from a record whose quote, outlet and headline carry markup, with a matching archive."""
    return shared_build(tmp_path_factory, "hostile", build_hostile_report)


def build_hostile_report(root: Path) -> Build:
    data_dir = copy_record(root)
    set_cell(data_dir / "claims.csv", "claim_id", HOSTILE_CLAIM, "quote", HOSTILE_QUOTE)
    for column, value in (("outlet", HOSTILE_OUTLET), ("headline", HOSTILE_OUTLET)):
        set_cell(data_dir / "sources.csv", "source_id", HOSTILE_SOURCE, column, value)
    archive_dir = make_matching_archive(data_dir, root / "archive")
    notebooks_dir = root / "notebooks"
    notebooks_dir.mkdir()
    for path in NOTEBOOKS_DIR.glob("*.ipynb"):
        shutil.copy(path, notebooks_dir)
    write_fixture_notebook(notebooks_dir)
    return build_or_fail(root, data_dir, notebooks_dir, NK_ARCHIVE_DIR=str(archive_dir))
