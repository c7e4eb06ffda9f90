"""After an edit to the record, one command: validate it, re-execute the notebooks in place, rebuild the report,
and say what changed and what to commit.

    python -m helpers.report.update        (make update)

Each notebook is executed once: the same run gives the committed outputs and the report's pages.
"""

import argparse
import json
import sys
import time
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from helpers.record import audit, verify
from helpers.record.errors import RecordError
from helpers.record.paths import DATA_DIR, DEFAULT_ARCHIVE_DIR, NOTEBOOKS_DIR, OUTPUT_DIR
from helpers.record import load_record
from helpers.report.build import BuildError, build
from helpers.report.index import INDEX_PAGE
from helpers.report.notebooks import ExecutedNotebook, find_notebooks, write_in_place


def validate(data_dir: Path) -> bool:
    """What `make check` does: every rule of the loader, the quotes against the archive, the coverage audit."""
    try:
        load_record(data_dir)
    except RecordError as error:
        print(error, file=sys.stderr)
        return False
    print("The record is valid.")
    if verify.main(["--data", str(data_dir)]) != 0:
        return False
    if not DEFAULT_ARCHIVE_DIR.is_dir():
        print(f"The archive folder {DEFAULT_ARCHIVE_DIR} is not here: nothing was audited.")
        return True
    return audit.main(["--data", str(data_dir)]) == 0


def _outputs(cell: NotebookNode) -> str:
    return json.dumps(cell.get("outputs", []), sort_keys=True)


def changed_cells(before: NotebookNode, after: NotebookNode) -> list[NotebookNode]:
    """The code cells of `after` whose outputs differ from the same cell's in `before`."""
    old = {cell.source: _outputs(cell) for cell in before.cells if cell.cell_type == "code"}
    return [cell for cell in after.cells if cell.cell_type == "code" and old.get(cell.source) != _outputs(cell)]


def finding_name(cell: NotebookNode) -> str | None:
    """"findings.growth" for a cell that shows a finding."""
    source = cell.source.strip()
    return source.split("(", 1)[0] if source.startswith("findings.") else None


def describe_changes(before: dict[Path, NotebookNode], executed: list[ExecutedNotebook]) -> list[str]:
    lines, total, notebooks = [], 0, 0
    for result in executed:
        changed = changed_cells(before[result.path], result.notebook)
        total += len(changed)
        notebooks += bool(changed)
        findings = [name for name in map(finding_name, changed) if name]
        if changed:
            lines.append(f"  {result.path.name}: {len(changed)} cell{'s' if len(changed) != 1 else ''} changed"
                         + (f"; findings whose sentences changed: {', '.join(findings)}" if findings else ""))
    heading = (f"{total} cell{'s' if total != 1 else ''} changed in {notebooks} of {len(executed)} notebooks:"
               if total else f"No cell's output changed in the {len(executed)} notebooks.")
    return [heading, *lines]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.report.update", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUTPUT_DIR, help=f"the report's folder (default: {OUTPUT_DIR})")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the record's folder (default: data/)")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS_DIR, help="the notebooks to rewrite")
    args = parser.parse_args(argv)
    started = time.monotonic()
    if not validate(args.data):
        print("Nothing was re-executed: fix the record first (make check lists every problem).", file=sys.stderr)
        return 1
    before = {path: nbformat.read(path, as_version=4) for path in find_notebooks(args.notebooks)}
    try:
        executed = build(args.out, args.data, args.notebooks, report=lambda line: None)
    except BuildError as error:
        print(f"Nothing was rewritten: {error}", file=sys.stderr)
        return 1
    write_in_place(executed)
    index = args.out / INDEX_PAGE
    shown = index.relative_to(Path.cwd()) if index.is_relative_to(Path.cwd()) else index
    print(f"Re-executed the notebooks in place and rebuilt {shown} in {time.monotonic() - started:.0f} s.")
    print("\n".join(describe_changes(before, executed)))
    print("Review the change (git diff data/ notebooks/), then commit the record and the notebooks together:\n"
          "  git add data/ notebooks/ && git commit")
    return 0


if __name__ == "__main__":
    sys.exit(main())
