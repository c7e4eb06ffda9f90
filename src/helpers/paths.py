"""Where the project's files are: the data, the archive beside the project, the output folder."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
OUTPUT_DIR = PROJECT_ROOT / "output"
# The archived story texts live outside the project and are never copied into it.
DEFAULT_ARCHIVE_DIR = PROJECT_ROOT.parent / "shared" / "sources"
