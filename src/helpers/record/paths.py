"""Where the project's files are: the data, the archive beside the project, the output folder.

NK_DATA_DIR and NK_ARCHIVE_DIR point the whole project (notebooks included) at another copy
of the record or archive, e.g. to check an edited copy or to build from a test fixture.
"""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]
DATA_DIR = Path(os.environ.get("NK_DATA_DIR") or PROJECT_ROOT / "data")
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
OUTPUT_DIR = PROJECT_ROOT / "output"
# The archived story texts live outside the project and are never copied into it.
DEFAULT_ARCHIVE_DIR = Path(os.environ.get("NK_ARCHIVE_DIR") or PROJECT_ROOT.parent / "shared" / "sources")
# Natural Earth's countries at 1:110m (public domain), as the npm package world-atlas ships them; `make`
# fetches it into the environment (see the Makefile), and the route map reads it from there.
WORLD_ATLAS = PROJECT_ROOT / ".venv" / "world-atlas" / "node_modules" / "world-atlas" / "countries-110m.json"
