"""The notebooks' nbval comparison bites: a one-figure change in the data makes it fail."""

import os
import subprocess
import sys

from helpers.record.paths import NOTEBOOKS_DIR, PROJECT_ROOT

from conftest import set_cell

NOTEBOOK = NOTEBOOKS_DIR / "1_how_the_estimates_grew.ipynb"


def run_nbval(data_dir, archive_dir) -> subprocess.CompletedProcess:
    env = {**os.environ, "NK_DATA_DIR": str(data_dir), "NK_ARCHIVE_DIR": str(archive_dir)}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "0", "-q", "--nbval",
         "--nbval-current-env", str(NOTEBOOK)],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300,
    )


def test_one_changed_figure_fails_the_notebook_with_the_new_figure_shown(record_copy):
    """The unchanged record passes this notebook in the main nbval run; a copy with one figure changed must not."""
    data_dir, archive_dir = record_copy
    # The NIS's "some 1,500" becomes 1,600, its interval following the qualifier.
    claims = data_dir / "claims.csv"
    for column, value in (("figure", "1600"), ("low", "1440"), ("high", "1760")):
        set_cell(claims, "claim_id", "c001", column, value)
    changed = run_nbval(data_dir, archive_dir)
    assert changed.returncode == 1, changed.stdout[-3000:]
    assert "Cell outputs differ" in changed.stdout and "1,600" in changed.stdout
    assert "Cell execution caused an exception" not in changed.stdout  # outputs differ; every cell ran
