"""Write every registered chart as PNG and SVG (matplotlib) and as interactive HTML (plotly).

    python -m helpers.report.export [--charts [NAME ...]] [--formats png svg html] [--out DIR] [--data DIR]
    python -m helpers.report.export --table [--charts [NAME ...]] [--out DIR] [--data DIR]

With --table it writes the record as a spreadsheet-safe table (claims_table.csv, see
helpers.report.table) instead of the charts; add --charts to write the charts too (all of them
unless some are named).

Files are named after the chart (`headline_growth.png`, …). The HTML pages load plotly.js
from `plotly.min.js` beside them, written once per folder, so they work offline. Two runs on
the same record write byte-identical files.
"""

import argparse
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import matplotlib

from helpers import style
from helpers.charts import CHARTS, Chart
from helpers.record.errors import RecordError
from helpers.record.paths import OUTPUT_DIR
from helpers.record import Record, load_record
from helpers.report.table import write_table

FORMATS = ("png", "svg", "html")
STATIC_METADATA = {"png": style.PNG_METADATA, "svg": style.SVG_METADATA}
PLOTLY_JS = "plotly.min.js"
TABLE_FILE = "claims_table.csv"


def add_charts_option(parser: argparse.ArgumentParser, help: str) -> None:
    """`--charts [NAME …]`, choosing among the registered charts (the exporter's and the report build's);
    given with no names, it asks for every chart."""
    parser.add_argument("--charts", nargs="*", choices=list(CHARTS), default=None, metavar="NAME", help=help)


def charts_asked(names: list[str] | None) -> list[str]:
    """The charts named, in the order given and each once; every chart when none is named."""
    return list(dict.fromkeys(names or CHARTS))


def chart_file(out_dir: Path, chart_name: str, file_format: str) -> Path:
    return out_dir / f"{chart_name}.{file_format}"


def write_static(chart: Chart, record: Record, formats: Iterable[str], out_dir: Path) -> list[Path]:
    """Draw the matplotlib figure once and save it in each static format asked for."""
    # SVG first: constrained layout starts from where the previous drawing left things, so only
    # a first drawing gives, byte for byte, the SVG the notebooks show. The layout is then kept,
    # so every format shows the same layout and only the first save works it out.
    formats = sorted((f for f in formats if f in STATIC_METADATA), key=lambda f: f != "svg")
    if not formats:
        return []
    figure = chart.draw_static(record)
    written = []
    # The house rc settings (DPI, SVG hash salt) apply at save time, so they are set here too.
    with matplotlib.rc_context(style.MATPLOTLIB_RC):
        for file_format in formats:
            path = chart_file(out_dir, chart.name, file_format)
            figure.savefig(path, format=file_format, metadata=STATIC_METADATA[file_format])
            figure.set_layout_engine("none")
            written.append(path)
    return written


def write_interactive(chart: Chart, record: Record, out_dir: Path) -> list[Path]:
    """The plotly figure as a standalone page; a fixed div id keeps it byte-stable."""
    path = chart_file(out_dir, chart.name, "html")
    chart.draw_interactive(record).write_html(path, include_plotlyjs="directory", full_html=True,
                                              div_id=chart.name)
    return [path]


def export_chart(chart: Chart, record: Record, formats: Iterable[str], out_dir: Path) -> list[Path]:
    formats = list(formats)
    written = write_static(chart, record, formats, out_dir)
    if "html" in formats:
        written += write_interactive(chart, record, out_dir)
    return written


def export_charts(record: Record, names: Iterable[str], formats: Iterable[str], out_dir: Path,
                  report: Callable[[str], None] = print) -> list[Path]:
    """Write the named charts in the given formats into `out_dir`, reporting each step."""
    names, formats = list(names), list(formats)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for number, name in enumerate(names, start=1):
        report(f"chart {number} of {len(names)}: {name}")
        for path in export_chart(CHARTS[name], record, formats, out_dir):
            report(f"  wrote {path.name} ({describe_size(path.stat().st_size)})")
            written.append(path)
    return written


def describe_size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.0f} kB"


def summary_line(written: list[Path], chart_count: int, out_dir: Path) -> str:
    size = sum(path.stat().st_size for path in written)
    bundle = out_dir / PLOTLY_JS
    shared = f", plus {PLOTLY_JS} ({describe_size(bundle.stat().st_size)})" if bundle.is_file() else ""
    return (f"Exported {chart_count} chart{'s' if chart_count != 1 else ''} as {len(written)} files "
            f"({describe_size(size)}){shared} into {out_dir}")


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m helpers.report.export", description=__doc__.split("\n\n")[0])
    add_charts_option(parser, f"charts to write (default, or --charts alone: all; none with --table unless --charts is given: {', '.join(CHARTS)})")
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS),
                        help="file formats to write (default: all)")
    parser.add_argument("--out", type=Path, default=OUTPUT_DIR, help=f"folder to write into (default: {OUTPUT_DIR})")
    parser.add_argument("--data", type=Path, default=None, help="the record's folder (default: data/)")
    parser.add_argument("--table", action="store_true",
                        help=f"write the claims as a spreadsheet-safe table ({TABLE_FILE}) instead of the charts")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    try:
        record = load_record(args.data)
    except RecordError as error:
        print(error, file=sys.stderr)
        return 1
    if args.table:
        path = write_table(record, args.out / TABLE_FILE)
        print(f"wrote {path} ({len(record.claims)} claims, one a row; UTF-8 with BOM; formula-like cells start with ')")
        if args.charts is None:
            return 0
    names = charts_asked(args.charts)
    formats = [f for f in FORMATS if f in args.formats]
    written = export_charts(record, names, formats, args.out)
    print(summary_line(written, len(names), args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
