"""Report builds shared by the build, safety, browser and reproducibility tests (each runs once per session).

Builds run `python -m helpers.report` in a subprocess, as `make reports` does, so the
environment overrides of helpers.record.paths apply to the build and to the notebooks it executes.
"""

import fcntl
import hashlib
import os
import pickle
import shutil
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from conftest import copy_record, make_matching_archive, set_cell
from helpers.record.paths import NOTEBOOKS_DIR

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
        new_code_cell("import pandas as pd\n"
                      "from helpers import charts, notebook\n"
                      "record = notebook.setup()\n"
                      "pd.set_option('display.max_colwidth', None)"),
        new_code_cell("notebook.table(record, record.claims[['claim_id', 'outlet', 'quote']].head(4))"),
        new_code_cell("charts.static('headline_growth', record)"),
        new_code_cell("charts.interactive('headline_growth', record)"),
    ])
    path = folder / FIXTURE_NOTEBOOK
    nbformat.write(notebook, path)
    return path


def file_hashes(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@dataclass(frozen=True)
class BuildInputs:
    data_dir: Path
    archive_dir: Path
    notebooks_dir: Path  # the project's notebooks and the fixture notebook
    fixture_notebook_dir: Path  # the fixture notebook alone


@dataclass(frozen=True)
class Build:
    out_dir: Path
    inputs: BuildInputs
    notebooks_dir: Path
    notebook_hashes: dict[str, str]  # taken before the build
    result: subprocess.CompletedProcess


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


def made_once(tmp_path_factory, name: str, make):
    """make(folder) once for the whole run, even with several workers; later callers get the first result."""
    with shared_folder(tmp_path_factory, name) as folder:
        saved = folder / "made.pickle"
        if saved.is_file():
            return pickle.loads(saved.read_bytes())
        made = make(folder)
        saved.write_bytes(pickle.dumps(made))
        return made


def hostile_inputs(root: Path) -> BuildInputs:
    """The project's record with markup in a headline claim's quote and in its story's outlet and headline,
    an archive made to match it, and the project's notebooks plus the fixture notebook that shows quotes."""
    data_dir = copy_record(root)
    set_cell(data_dir / "claims.csv", "claim_id", HOSTILE_CLAIM, "quote", HOSTILE_QUOTE)
    for column, value in (("outlet", HOSTILE_OUTLET), ("headline", HOSTILE_OUTLET)):
        set_cell(data_dir / "sources.csv", "source_id", HOSTILE_SOURCE, column, value)
    archive_dir = make_matching_archive(data_dir, root / "archive")
    notebooks_dir = root / "notebooks"
    notebooks_dir.mkdir()
    for path in NOTEBOOKS_DIR.glob("*.ipynb"):
        shutil.copy(path, notebooks_dir)
    fixture = write_fixture_notebook(notebooks_dir)
    fixture_notebook_dir = root / "fixture-notebook"
    fixture_notebook_dir.mkdir()
    shutil.copy(fixture, fixture_notebook_dir)  # a copy, not a second writing: new cells get new ids
    return BuildInputs(data_dir, archive_dir, notebooks_dir, fixture_notebook_dir)


class BackgroundBuild:
    """A report build running in a subprocess while other tests run; any worker can wait for its result.

    The build writes its output, printed text and exit status into `folder`; the status file appears
    last, so its presence means the build has ended.
    """

    def __init__(self, folder: Path, inputs: BuildInputs, notebooks_dir: Path, charts: tuple[str, ...] = ()):
        self.folder, self.inputs, self.notebooks_dir, self.charts = folder, inputs, notebooks_dir, charts
        self.status = folder / "status"

    def start(self) -> threading.Thread:
        hashes = file_hashes(self.notebooks_dir)
        (self.folder / "notebook_hashes.pickle").write_bytes(pickle.dumps(hashes))
        command = [sys.executable, "-m", "helpers.report", "--out", str(self.folder / "output"),
                   "--data", str(self.inputs.data_dir), "--notebooks", str(self.notebooks_dir)]
        if self.charts:
            command += ["--charts", *self.charts]
        environment = {**os.environ, "NK_ARCHIVE_DIR": str(self.inputs.archive_dir)}
        with open(self.folder / "stdout", "w") as stdout, open(self.folder / "stderr", "w") as stderr:
            process = subprocess.Popen(command, env=environment, stdout=stdout, stderr=stderr, text=True)

        def wait_and_record():
            try:
                returncode = process.wait(timeout=BUILD_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                returncode = process.wait()
            written = self.status.with_suffix(".writing")
            written.write_text(str(returncode))
            written.rename(self.status)

        waiter = threading.Thread(target=wait_and_record, name=f"build {self.folder.name}")
        waiter.start()
        return waiter

    def result(self) -> Build:
        deadline = time.monotonic() + BUILD_TIMEOUT_SECONDS
        while not self.status.is_file():
            if time.monotonic() > deadline:
                pytest.fail(f"the build in {self.folder} did not end within {BUILD_TIMEOUT_SECONDS} s")
            time.sleep(0.2)
        result = subprocess.CompletedProcess(["helpers.report"], int(self.status.read_text()),
                                             (self.folder / "stdout").read_text(), (self.folder / "stderr").read_text())
        if result.returncode != 0:
            pytest.fail(f"the build failed:\n{result.stdout}\n{result.stderr}")
        hashes = pickle.loads((self.folder / "notebook_hashes.pickle").read_bytes())
        return Build(self.folder / "output", self.inputs, self.notebooks_dir, hashes, result)


# One record serves every report test: the project's own, carrying markup where a story's words land,
# so one build shows both that the report is complete and that the data stays text. A second build of
# the same record, with the fixture notebook alone and two charts, shows that exports, table and pages
# repeat to the byte; strict nbval shows the same of every chart's SVG and plotly figure and of the
# project's notebooks. Both start as soon as the run starts, when any selected test needs them, and
# run beside the other tests.
BUILDS = {"built_report": "report", "rebuilt_report": "report-again"}
REBUILT_CHARTS = ("headline_growth", "claimants_side_by_side")


def background_builds(tmp_path_factory) -> dict[str, BackgroundBuild]:
    inputs = made_once(tmp_path_factory, "inputs", hostile_inputs)
    notebooks = {"built_report": inputs.notebooks_dir, "rebuilt_report": inputs.fixture_notebook_dir}
    charts = {"built_report": (), "rebuilt_report": REBUILT_CHARTS}
    builds = {}
    for fixture, name in BUILDS.items():
        with shared_folder(tmp_path_factory, name) as folder:
            builds[fixture] = BackgroundBuild(folder, inputs, notebooks[fixture], charts[fixture])
    return builds


@pytest.fixture(scope="session", autouse=True)
def report_builds_started(request, tmp_path_factory):
    """Start the builds the selected tests need (once for all workers); wait at the end for those started here."""
    needed = {name for item in request.session.items for name in getattr(item, "fixturenames", ()) if name in BUILDS}
    started = []
    if needed:
        for fixture, build in background_builds(tmp_path_factory).items():
            if fixture not in needed:
                continue
            with shared_folder(tmp_path_factory, BUILDS[fixture]) as folder:
                marker = folder / "started"
                if not marker.exists():
                    marker.touch()
                    started.append(build.start())
    yield
    for waiter in started:
        waiter.join()


@pytest.fixture(scope="session")
def built_report(tmp_path_factory) -> Build:
    return background_builds(tmp_path_factory)["built_report"].result()


@pytest.fixture(scope="session")
def rebuilt_report(tmp_path_factory) -> Build:
    return background_builds(tmp_path_factory)["rebuilt_report"].result()
