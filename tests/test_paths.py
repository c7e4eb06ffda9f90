"""The environment overrides of helpers.record.paths, read when the package is first imported."""

import os
import subprocess
import sys

from helpers.record.paths import PROJECT_ROOT


def paths_seen_with(**environment: str) -> list[str]:
    code = "from helpers.record import paths; print(paths.DATA_DIR); print(paths.DEFAULT_ARCHIVE_DIR)"
    env = {key: value for key, value in os.environ.items() if not key.startswith("NK_")}
    result = subprocess.run([sys.executable, "-c", code], env={**env, **environment}, capture_output=True,
                            text=True, check=True)
    return result.stdout.splitlines()


def test_defaults_are_the_project_data_and_the_shared_archive():
    assert paths_seen_with() == [str(PROJECT_ROOT / "data"), str(PROJECT_ROOT.parent / "shared" / "sources")]


def test_environment_variables_point_elsewhere(tmp_path):
    seen = paths_seen_with(NK_DATA_DIR=str(tmp_path / "d"), NK_ARCHIVE_DIR=str(tmp_path / "a"))
    assert seen == [str(tmp_path / "d"), str(tmp_path / "a")]
