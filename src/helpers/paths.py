"""Where the project's files are: the data, the archive beside the project, the output folder.

Two environment variables point everything, including the notebooks a build executes, at
another copy (read once, when `helpers` is first imported):

    NK_DATA_DIR     the record's folder (default: data/)
    NK_ARCHIVE_DIR  the archived stories (default: ../shared/sources beside the project)
"""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
OUTPUT_DIR = PROJECT_ROOT / "output"


def _from_environment(variable: str, default: Path) -> Path:
    value = os.environ.get(variable, "")
    return Path(value).resolve() if value else default


DATA_DIR = _from_environment("NK_DATA_DIR", PROJECT_ROOT / "data")
# The archived story texts live outside the project and are never copied into it.
DEFAULT_ARCHIVE_DIR = _from_environment("NK_ARCHIVE_DIR", PROJECT_ROOT.parent / "shared" / "sources")
