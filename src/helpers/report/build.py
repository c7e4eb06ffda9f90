"""Build the report into the output folder, all or nothing.

Validate the record, execute every notebook, export every chart (PNG, SVG, HTML), render the
notebook pages and the index, all into a temporary folder beside the output folder; swap it in
only when every step succeeded. Two builds of the same record are byte-identical.

    python -m helpers.report [--out DIR] [--data DIR] [--notebooks DIR] [--charts NAME ...]

--charts builds a report with only the charts named (a quicker build while working on one).
"""

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from helpers.charts import CHARTS
from helpers.record.errors import RecordError
from helpers.report.export import (FORMATS, PLOTLY_JS, TABLE_FILE, add_charts_option, charts_asked, describe_size,
                            export_charts)
from helpers.report.table import write_table
from helpers.record.paths import DATA_DIR, NOTEBOOKS_DIR, OUTPUT_DIR
from helpers.record import Record, load_record
from helpers.report.index import INDEX_PAGE, NotebookPage, render_index
from helpers.report.notebooks import ExecutedNotebook, NotebookError, execute_notebooks, find_notebooks
from helpers.report.pages import notebook_title, render_notebook

Report = Callable[[str], None]


class BuildError(RuntimeError):
    """The build stopped; the message says which file and why."""


def validated_record(data_dir: Path) -> Record:
    try:
        return load_record(data_dir)
    except RecordError as error:
        raise BuildError(f"the record in {data_dir} is not valid:\n{error}") from error


def write_text(path: Path, text: str, report: Report) -> None:
    path.write_text(text, encoding="utf-8")
    report(f"  wrote {path.name} ({describe_size(path.stat().st_size)})")


def write_notebook_pages(executed: list[ExecutedNotebook], folder: Path, report: Report) -> list[NotebookPage]:
    pages = []
    for result in executed:
        page = NotebookPage(file=result.path.name, title=notebook_title(result.notebook, result.path.stem),
                            href=f"{result.path.stem}.html")
        write_text(folder / page.href, render_notebook(result.notebook, result.path.stem, PLOTLY_JS, INDEX_PAGE), report)
        pages.append(page)
    return pages


def check_names_distinct(notebooks: list[Path]) -> None:
    """Charts and notebook pages share one folder, so no notebook may be named like a chart."""
    clashes = sorted({path.stem for path in notebooks} & set(CHARTS))
    if clashes:
        raise BuildError(f"notebooks named like charts would overwrite each other's pages: {', '.join(clashes)}")


def build_into(folder: Path, record: Record, notebooks: list[Path], data_dir: Path, chart_names: list[str],
               report: Report) -> list[ExecutedNotebook]:
    report(f"executing {len(notebooks)} notebook{'s' if len(notebooks) != 1 else ''}")
    try:
        executed = execute_notebooks(notebooks, data_dir)
    except NotebookError as error:
        raise BuildError(f"a notebook failed:\n{error}") from error
    export_charts(record, chart_names, FORMATS, folder, report)
    report("spreadsheet table")
    table = write_table(record, folder / TABLE_FILE)
    report(f"  wrote {table.name} ({describe_size(table.stat().st_size)})")
    report("notebook pages")
    pages = write_notebook_pages(executed, folder, report)
    report("index")
    write_text(folder / INDEX_PAGE, render_index(record, [CHARTS[name] for name in chart_names], list(FORMATS), pages),
               report)
    return executed


def swap_in(new: Path, out_dir: Path) -> None:
    """Replace out_dir by new; the old folder is removed only once the new one is in place."""
    new.chmod(0o755)  # mkdtemp made it private
    old = new.with_name(new.name + "-previous")
    if out_dir.exists():
        out_dir.rename(old)
    try:
        new.rename(out_dir)
    except OSError:
        if old.exists():
            old.rename(out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def build(out_dir: Path = OUTPUT_DIR, data_dir: Path = DATA_DIR, notebooks_dir: Path = NOTEBOOKS_DIR,
          report: Report = print, chart_names: list[str] | None = None) -> list[ExecutedNotebook]:
    """Build the whole report (or one with only the charts named) into out_dir; on any failure raise
    BuildError and leave out_dir untouched. Returns the notebooks as executed for the report."""
    record = validated_record(data_dir)
    notebooks = find_notebooks(notebooks_dir)
    check_names_distinct(notebooks)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-building-", dir=out_dir.parent))
    try:
        executed = build_into(staging, record, notebooks, data_dir, charts_asked(chart_names), report)
        swap_in(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return executed


def folder_summary(folder: Path) -> str:
    files = [path for path in folder.rglob("*") if path.is_file()]
    return f"{len(files)} files, {describe_size(sum(path.stat().st_size for path in files))}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.report", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUTPUT_DIR, help=f"the report's folder (default: {OUTPUT_DIR})")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the record's folder (default: data/)")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS_DIR, help="the notebooks' folder")
    add_charts_option(parser, f"only these charts (default: all: {', '.join(CHARTS)})")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        build(args.out, args.data, args.notebooks, chart_names=args.charts)
    except BuildError as error:
        print(f"Build failed: {error}\n{args.out} was left as it was.", file=sys.stderr)
        return 1
    print(f"Built the report in {time.monotonic() - started:.0f} s: {args.out} ({folder_summary(args.out)}); "
          f"open {args.out / INDEX_PAGE}")
    return 0
