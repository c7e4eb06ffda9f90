"""Shared fixtures: an editable copy of the record with an archive made to match it."""

import csv
import hashlib
import os
import shutil
from pathlib import Path

import pytest

from helpers.record.paths import DATA_DIR, DEFAULT_ARCHIVE_DIR, NOTEBOOKS_DIR
from helpers.report.notebooks import executed_on_another_record


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: list[dict[str, str]], fieldnames: list[str] | None = None) -> None:
    fieldnames = fieldnames or list(rows[0].keys())
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def set_cell(path: Path, key_column: str, key: str, column: str, value: str) -> int:
    """Set one cell; returns the CSV line of the edited row (header = line 1)."""
    rows = read_rows(path)
    for index, row in enumerate(rows):
        if row[key_column] == key:
            row[column] = value
            write_rows(path, rows)
            return index + 2
    raise KeyError(key)


def copy_record(folder: Path) -> Path:
    """A copy of data/ in `folder`; returns its path."""
    data_dir = folder / "data"
    shutil.copytree(DATA_DIR, data_dir)
    return data_dir


def make_matching_archive(data_dir: Path, archive_dir: Path) -> Path:
    """Write an archive holding exactly the record's quotes, and rewrite sources.csv's hashes to match it."""
    archive_dir.mkdir(exist_ok=True)
    claims = read_rows(data_dir / "claims.csv")
    exclusions = read_rows(data_dir / "exclusions.csv")
    sources = read_rows(data_dir / "sources.csv")
    for source in sources:
        if not source["archive_file"]:
            continue
        words = [c["quote"] for c in claims if c["source_id"] == source["source_id"]]
        words += [e["context"] for e in exclusions if e["source_id"] == source["source_id"]]
        text = ("Story text.\n" + "\n".join(words) + "\n").encode("utf-8")
        (archive_dir / source["archive_file"]).write_bytes(text)
        source["archive_sha256"] = hashlib.sha256(text).hexdigest()
    write_rows(data_dir / "sources.csv", sources)
    return archive_dir


def make_record_copy(folder: Path) -> tuple[Path, Path]:
    """(data_dir, archive_dir) in `folder`: a copy of data/ and a made-up archive holding exactly its quotes.

    The archive is built from the record itself so tests using it run with or without
    ../shared/sources; the hashes in the copied sources.csv are rewritten to match it.
    """
    data_dir = copy_record(folder)
    return data_dir, make_matching_archive(data_dir, folder / "archive")


@pytest.fixture
def record_copy(tmp_path: Path) -> tuple[Path, Path]:
    """(data_dir, archive_dir): an editable copy of data/ and a made-up archive matching it."""
    return make_record_copy(tmp_path)


@pytest.fixture
def shared_archive() -> Path:
    """The archived stories at ../shared/sources; CI (CI set) must have them, elsewhere tests skip."""
    if not DEFAULT_ARCHIVE_DIR.is_dir():
        message = f"the archived stories are not at {DEFAULT_ARCHIVE_DIR}"
        if os.environ.get("CI"):
            pytest.fail(f"{message}, and CI must check against them")
        pytest.skip(message)
    return DEFAULT_ARCHIVE_DIR


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (Debian's chromium): skipped where it is missing, except in CI (CI set), where that fails."""
    from chromium import Chromium, find_chromium

    binary = find_chromium()
    if binary is None:
        message = "no Chromium here: install Debian's chromium (apt-get install chromium) to run the browser checks"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with Chromium(binary) as running:
        yield running


# --- Notebooks executed on another record than data/ holds -----------------------------------------------
# Their every changed cell would fail under nbval for a reason that is no bug: they are not run, and the run says
# once, first and last, which command brings them up to date.

def _stale_notebooks_line() -> str | None:
    stale = executed_on_another_record(NOTEBOOKS_DIR, DATA_DIR)
    if not stale:
        return None
    names = ", ".join(path.name for path in stale)
    return (f"The committed notebooks ({names}) were executed on another record than {DATA_DIR} holds: "
            f"run `make update` and commit the notebooks; their nbval checks are left out of this run.")


def pytest_configure(config):
    config.stale_notebooks_line = _stale_notebooks_line()


def pytest_sessionstart(session):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if session.config.stale_notebooks_line and reporter and not hasattr(session.config, "workerinput"):
        reporter.write_line(session.config.stale_notebooks_line, red=True, bold=True)


def pytest_collection_modifyitems(config, items):
    if config.stale_notebooks_line:
        notebooks = [item for item in items if item.path.suffix == ".ipynb"]
        config.hook.pytest_deselected(items=notebooks)
        items[:] = [item for item in items if item.path.suffix != ".ipynb"]


def pytest_sessionfinish(session):
    if session.config.stale_notebooks_line and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# Session-wide report builds, shared by the build, safety and browser tests.
from report_builds import built_report, rebuilt_report, report_builds_started  # noqa: E402,F401
