"""Time loading and the analysis helpers on synthetic records of growing size, the notebooks and the tests.

    python -m helpers.bench [--quick] [--write-docs]

Each timing is the median of several runs in this process. Loading is compared with its
floor, reading the same CSV files with pandas.read_csv as strings; each notebook with the
floor of starting a kernel and importing pandas, matplotlib and plotly. The synthetic
records have no archive files, so quotes are not checked against an archive.

Here too: `synthetic` (records of any size that pass every rule) and `census` (the test run's processes by kind).
"""

import argparse
import dataclasses
import functools
import gc
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pandas as pd

from helpers import estimates
from helpers.bench import synthetic
from helpers.bench.census import Census, run_with_census
from helpers.record.paths import NOTEBOOKS_DIR, PROJECT_ROOT
from helpers.record import COLUMNS, Record, load_record

SIZES = (10**3, 10**4, 10**5, 10**6)
QUICK_SIZES = (10**3, 10**4, 10**5)
PERFORMANCE_DOC = PROJECT_ROOT / "docs" / "performance.md"
START_MARK = "<!-- performance:start -->"
END_MARK = "<!-- performance:end -->"
PACKAGES = ("pandas", "numpy", "pandera", "matplotlib", "plotly", "nbclient", "ipykernel", "pytest")
# The notebooks show plotly figures without plotly's renderers module (see helpers.notebook),
# so the floor imports only what drawing needs. plotly.graph_objects loads its classes on first
# use (importing the module alone takes 0.01 s), so the floor imports the Figure class itself,
# as importing matplotlib.pyplot imports matplotlib's.
KERNEL_FLOOR_CODE = "import pandas\nimport matplotlib.pyplot\nfrom plotly.graph_objects import Figure"

FLOOR = "read_csv (floor)"
NOTEBOOK_FLOOR = "kernel start + imports (floor)"
LOAD = "load + validation"

# Targets on the reference machine (2 cores).
LOAD_TIMES_FLOOR = 4
HELPER_SECONDS = 2
GROWTH_PER_TENFOLD = 12
NOTEBOOK_TIMES_FLOOR = 2
TEST_RUN_SECONDS = 60
UPDATE_SECONDS = 20
# A curator's one-claim edit, as docs/curating.md walks through it: Zelenskyy's 11,000 in Kursk Oblast, from his
# evening address of 4 November 2024 (a new, unarchived source and one claim). Ids of their own, so the edit
# still applies once the record holds the same figure.
ONE_CLAIM_EDIT = {
    "sources.csv": {
        "source_id": "edit_president_gov_ua_2024-11-04", "outlet": "President of Ukraine (official website)",
        "credited": "", "headline": "Address by the President", "published_earliest": "2024-11-04",
        "published": "2024-11-04", "published_precision": "stated", "published_basis": "the date on the page",
        "url": "https://www.president.gov.ua/en/news/address-2024-11-04", "archive_file": "", "archive_sha256": "",
        "notes": "",
    },
    "claims.csv": {
        "claim_id": "edit_c1", "source_id": "edit_president_gov_ua_2024-11-04", "statement_id": "edit_ua_kursk_11000",
        "claimant_id": "ua_president", "speaker": "Volodymyr Zelenskyy", "speaker_kind": "named",
        "said_on": "2024-11-04", "said_on_precision": "day", "said_on_basis": "his evening address of 4 Nov 2024",
        "figure": "11000", "qualifier": "exact", "qualifier_wording": "", "low": "11000", "high": "11000",
        "measure": "in_region", "location": "kursk_oblast", "subset": "", "quote_kind": "verbatim",
        "quote": "There are already 11,000 of them in Kursk Oblast", "notes": "",
    },
}


@dataclass(frozen=True)
class Timing:
    operation: str
    size: int
    seconds: float
    cpu_seconds: float
    runs: int


def median_times(runs: dict, repeats: int, children: bool = False) -> dict[str, tuple[float, float]]:
    """Each run's median wall-clock and CPU seconds over `repeats` rounds.

    A round runs every one of `runs` once, so a burst of other work on the machine slows an
    operation and its floor alike; CPU time shows what such load hides. With `children`, the CPU
    time is that of the processes the run started and waited for (a notebook's kernel) instead of
    this process's own.
    """
    wall = {name: [] for name in runs}
    cpu = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            gc.collect()
            start, start_cpu = time.perf_counter(), _cpu_seconds(children)
            run()
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(_cpu_seconds(children) - start_cpu)
    return {name: (statistics.median(wall[name]), statistics.median(cpu[name])) for name in runs}


def _cpu_seconds(children: bool) -> float:
    if not children:
        return time.process_time()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def read_floor(folder: Path) -> None:
    """What the loader cannot avoid: reading every file of the record as text cells."""
    for name in COLUMNS:
        pd.read_csv(folder / name, dtype="str", keep_default_na=False, na_filter=False)


def time_record(size: int, repeats: int, folder: Path) -> list[Timing]:
    synthetic.write_record(folder, size)
    record = load_record(folder, archive_dir=None)
    last_day = record.claims["said_on"].max()

    def fresh() -> Record:
        """The same record as a new object: answers are kept per record (helpers.record.memo), and each run
        must work them out."""
        return dataclasses.replace(record)

    operations = {
        FLOOR: lambda: read_floor(folder),
        LOAD: lambda: load_record(folder, archive_dir=None),
        "estimates.headline_series": lambda: estimates.headline_series(fresh()),
        "estimates.as_of (last date)": lambda: estimates.as_of(fresh(), last_day),
        "estimates.disagreement": lambda: estimates.disagreement(fresh()),
    }
    return [Timing(name, size, *times, repeats) for name, times in median_times(operations, repeats).items()]


def record_table(timings: list[Timing]) -> pd.DataFrame:
    table = pd.DataFrame(timings)
    floor = table[table["operation"] == FLOOR].set_index("size")["seconds"]
    table["times_floor"] = table["seconds"] / table["size"].map(floor)
    table["growth"] = table["seconds"] / table.groupby("operation")["seconds"].shift()
    return table


def current_env_kernel_manager():
    """nbval's --nbval-current-env kernel: this environment's Python, whatever kernels are installed."""
    from jupyter_client.manager import AsyncKernelManager
    from nbval.kernel import NbvalKernelspecManager
    from traitlets import default

    class CurrentEnvKernelManager(AsyncKernelManager):
        @default("kernel_spec_manager")
        def _kernel_spec_manager_default(self):
            return NbvalKernelspecManager(data_dir=self.data_dir)

    return CurrentEnvKernelManager


def execute_notebook(notebook, folder: Path) -> None:
    from nbclient import NotebookClient
    from nbval.kernel import CURRENT_ENV_KERNEL_NAME

    # Stopped as nbval stops its kernels (killed once the last cell ends): a graceful shutdown would add
    # the interpreter's teardown, about 0.45 CPU-s for the floor and 0.5-0.7 for a notebook, to both.
    client = NotebookClient(notebook, kernel_name=CURRENT_ENV_KERNEL_NAME, timeout=600,
                            kernel_manager_class=current_env_kernel_manager(),
                            resources={"metadata": {"path": str(folder)}}, shutdown_kernel="immediate")
    # The kernel's own warnings (e.g. about TCP transport) would bury the table.
    client.execute(stderr=subprocess.DEVNULL)


def time_notebooks(repeats: int) -> pd.DataFrame:
    """Each notebook's execution against the kernel-and-imports floor; empty when there are no notebooks."""
    import nbformat

    paths = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
    if not paths:
        return pd.DataFrame(columns=["notebook", "seconds", "kernel_cpu_seconds", "runs", "times_floor",
                                     "cpu_times_floor"])
    floor_notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(KERNEL_FLOOR_CODE)])
    runs = {NOTEBOOK_FLOOR: lambda: execute_notebook(nbformat.from_dict(floor_notebook), NOTEBOOKS_DIR)}
    for path in paths:
        runs[path.name] = functools.partial(execute_notebook_file, path)
    table = pd.DataFrame([{"notebook": name, "seconds": wall, "kernel_cpu_seconds": kernel_cpu, "runs": repeats}
                          for name, (wall, kernel_cpu) in median_times(runs, repeats, children=True).items()])
    table["times_floor"] = table["seconds"] / table["seconds"].iloc[0]
    # The kernel's own CPU time: what the notebook makes the kernel do, whatever else the machine does.
    table["cpu_times_floor"] = table["kernel_cpu_seconds"] / table["kernel_cpu_seconds"].iloc[0]
    return table


def execute_notebook_file(path: Path) -> None:
    import nbformat

    execute_notebook(nbformat.read(path, as_version=4), path.parent)


@dataclass(frozen=True)
class TestRun:
    seconds: float  # median wall-clock time
    fastest: float
    slowest_run: float
    # Median CPU seconds the machine's processors were busy during a run (all its processes: workers,
    # kernels, builds, browser; and any other work on the machine). None where /proc/stat is missing.
    busy_cpu_seconds: float | None
    passed: bool
    runs: int
    # Test files by the time their tests took (all workers together), slowest first.
    slowest: list[tuple[str, float]]
    # The CPU time of the run's processes by kind, in the run of median length.
    census: Census


# A line of pytest's --durations report: "12.34s call     tests/test_x.py::test_y".
DURATION_LINE = re.compile(r"^([0-9.]+)s (?:call|setup|teardown) +([^:\s]+)", re.MULTILINE)


def machine_busy_seconds() -> float | None:
    """CPU seconds all processors have been busy since boot (Linux), or None.

    The processes a test run starts are not all waited for by their parents (kernels, the
    browser's helpers), so their CPU time never reaches this process's child accounting.
    """
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def time_tests(repeats: int) -> TestRun:
    """`make test` itself (with pytest's durations asked for), on the environment already installed."""
    outcomes, walls, busy, censuses = [], [], [], []
    for _ in range(repeats):
        start, start_busy = time.perf_counter(), machine_busy_seconds()
        outcome, census = run_with_census(["make", "--no-print-directory", "test", "PYTEST_ARGS=-q --durations=0"],
                                          PROJECT_ROOT)
        outcomes.append(outcome)
        censuses.append(census)
        walls.append(time.perf_counter() - start)
        if start_busy is not None:
            busy.append(machine_busy_seconds() - start_busy)
    per_file: dict[str, float] = {}
    for seconds, file in DURATION_LINE.findall(outcomes[-1].stdout):
        per_file[file] = per_file.get(file, 0.0) + float(seconds)
    slowest = sorted(per_file.items(), key=lambda item: -item[1])[:5]
    median_run = sorted(range(repeats), key=walls.__getitem__)[repeats // 2]
    return TestRun(statistics.median(walls), min(walls), max(walls), statistics.median(busy) if busy else None,
                   all(outcome.returncode == 0 for outcome in outcomes), repeats, slowest, censuses[median_run])


@dataclass(frozen=True)
class UpdateRun:
    seconds: float  # median wall-clock time
    cpu_seconds: float  # the median run's process tree, as the census reads it
    passed: bool
    runs: int


def add_rows(data_dir: Path, rows: dict[str, dict[str, str]]) -> None:
    """Append one row to each file named, as a curator would (the files end with a line break)."""
    for name, row in rows.items():
        frame = pd.DataFrame([row], columns=COLUMNS[name])
        with (data_dir / name).open("a", encoding="utf-8", newline="") as handle:
            frame.to_csv(handle, header=False, index=False, lineterminator="\n")


def time_update(repeats: int) -> UpdateRun:
    """`make update` after a one-claim edit, on copies of the record and the notebooks (the project's stay as they are)."""
    walls, cpus, passed = [], [], True
    for _ in range(repeats):
        with tempfile.TemporaryDirectory(prefix="bench-update-") as scratch:
            data_dir, notebooks_dir = Path(scratch) / "data", Path(scratch) / "notebooks"
            shutil.copytree(PROJECT_ROOT / "data", data_dir)
            shutil.copytree(NOTEBOOKS_DIR, notebooks_dir)
            add_rows(data_dir, ONE_CLAIM_EDIT)
            start = time.perf_counter()
            outcome, census = run_with_census(
                [sys.executable, "-m", "helpers.report.update", "--data", str(data_dir), "--notebooks", str(notebooks_dir),
                 "--out", str(Path(scratch) / "output")], PROJECT_ROOT)
            walls.append(time.perf_counter() - start)
            cpus.append(census.total)
            passed &= outcome.returncode == 0
    median_run = sorted(range(repeats), key=walls.__getitem__)[repeats // 2]
    return UpdateRun(statistics.median(walls), cpus[median_run], passed, repeats)


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    memory = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
        kib = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
        memory = f", {kib / 2**20:.0f} GiB memory"
    except (OSError, StopIteration):
        pass
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in PACKAGES)
    return (f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; {versions}")


def seconds_text(seconds: float) -> str:
    return f"{seconds:.3f}" if seconds < 10 else f"{seconds:.1f}"


def times_text(value: float) -> str:
    return "" if pd.isna(value) else f"{value:.1f}×"


def markdown(table: pd.DataFrame) -> str:
    lines = ["| " + " | ".join(table.columns) + " |", "|" + "---|" * len(table.columns)]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in table.itertuples(index=False)]
    return "\n".join(lines)


def record_markdown(table: pd.DataFrame) -> str:
    return markdown(pd.DataFrame({
        "operation": table["operation"],
        "claims": table["size"].map("{:,}".format),
        "runs": table["runs"],
        "median s": table["seconds"].map(seconds_text),
        "CPU s": table["cpu_seconds"].map(seconds_text),
        "× read_csv": table["times_floor"].map(times_text),
        "× previous size": table["growth"].map(times_text),
    }))


def notebook_markdown(table: pd.DataFrame) -> str:
    return markdown(pd.DataFrame({
        "notebook": table["notebook"],
        "runs": table["runs"],
        "median s": table["seconds"].map(seconds_text),
        "× floor": table["times_floor"].map(times_text),
        "kernel CPU s": table["kernel_cpu_seconds"].map(seconds_text),
        "× floor (CPU)": table["cpu_times_floor"].map(times_text),
    }))


def verdicts(records: pd.DataFrame, notebooks: pd.DataFrame | None, tests: TestRun | None,
             update: UpdateRun | None = None) -> list[str]:
    """Each target, met or missed, with the number behind it."""
    def line(met: bool, text: str) -> str:
        return f"- {'met' if met else 'MISSED'}: {text}"

    largest = records[records["size"] == records["size"].max()]
    size = f"{largest['size'].iloc[0]:,} claims"
    load = largest[largest["operation"] == LOAD]["times_floor"].iloc[0]
    lines = [line(load <= LOAD_TIMES_FLOOR, f"load + validation at {size} is {load:.1f}× read_csv "
                                            f"(target ≤ {LOAD_TIMES_FLOOR}×)")]
    for row in largest[largest["operation"].str.startswith("estimates.")].itertuples():
        lines.append(line(row.seconds < HELPER_SECONDS, f"{row.operation} at {size} takes {row.seconds:.2f} s "
                                                         f"(target < {HELPER_SECONDS} s)"))
    timed = records[records["operation"] != FLOOR]
    # Linear growth allows 10× the time for 10× the claims; the target allows a fifth more.
    size_growth = timed["size"] / timed.groupby("operation")["size"].shift()
    beyond_linear = timed["growth"] / size_growth
    if beyond_linear.notna().any():
        worst = timed.loc[beyond_linear.idxmax()]
        allowed = size_growth[worst.name] * GROWTH_PER_TENFOLD / 10
        lines.append(line(worst["growth"] <= allowed,
                          f"the fastest growth is {worst['growth']:.1f}× for {size_growth[worst.name]:g}× the claims "
                          f"({worst['operation']}, to {worst['size']:,}; target ≤ {allowed:g}×)"))
    if notebooks is not None:
        for row in notebooks.iloc[1:].itertuples():
            lines.append(line(row.times_floor <= NOTEBOOK_TIMES_FLOOR,
                              f"{row.notebook} runs in {row.times_floor:.1f}× the kernel floor "
                              f"(target ≤ {NOTEBOOK_TIMES_FLOOR}×)"))
    if tests is not None:
        lines.append(line(tests.passed and tests.seconds < TEST_RUN_SECONDS,
                          f"the test run takes {tests.seconds:.1f} s{'' if tests.passed else ' and FAILS'} "
                          f"(target < {TEST_RUN_SECONDS} s)"))
    if update is not None:
        lines.append(line(update.passed and update.seconds <= UPDATE_SECONDS,
                          f"make update after a one-claim edit takes {update.seconds:.1f} s"
                          f"{'' if update.passed else ' and FAILS'} (target ≤ {UPDATE_SECONDS} s)"))
    return lines


def census_text(census: Census, runs: int) -> str:
    """Where the test run's processor time went, by kind of process."""
    kinds = "; ".join(f"{kind} {seconds:.0f} s ({count} process{'es' if count != 1 else ''})"
                      for kind, seconds, count in census.by_kind())
    which = "the run of median length" if runs > 1 else "the run"
    return (f"The CPU time of its processes, by kind, in {which} ({census.total:.0f} CPU s, read from the run's "
            f"process tree every 0.2 s, so a little short): {kinds}.")


def report(records: pd.DataFrame, notebooks: pd.DataFrame | None, tests: TestRun | None,
           load: tuple[float, float], update: UpdateRun | None = None) -> str:
    parts = [
        f"Measured on {machine()}. Load average at the start and the end of the run: {load[0]:.1f} and "
        f"{load[1]:.1f} (other work on the machine lengthens the wall-clock times; CPU s is this process's own time).",
        "Synthetic records (`helpers.bench.synthetic`) without archive files: quotes are not checked against an archive.",
        record_markdown(records),
    ]
    if notebooks is not None and notebooks.empty:
        parts.append("No notebooks in `notebooks/` yet: nothing to time.")
    elif notebooks is not None:
        parts.append("Notebooks, executed with nbclient in this environment's kernel as nbval does (kernel CPU s: "
                     "the kernel's own processor time, which other work on the machine does not lengthen; the "
                     "target is on the wall-clock time):")
        parts.append(notebook_markdown(notebooks))
    if tests is not None:
        slowest = ", ".join(f"`{file}` {seconds:.0f} s" for file, seconds in tests.slowest)
        spread = f", median of {tests.runs} runs ({tests.fastest:.1f}–{tests.slowest_run:.1f} s)" if tests.runs > 1 else ""
        busy = (f", the processors busy for {tests.busy_cpu_seconds:.0f} CPU seconds (all its processes, and any "
                f"other work on the machine)" if tests.busy_cpu_seconds is not None else "")
        parts.append(f"The whole test run (`make test`, warm environment): {tests.seconds:.1f} s{spread}"
                     f"{'' if tests.passed else ' (FAILED)'}{busy}. "
                     f"Slowest test files, by the time their tests took on both workers together (waiting for a "
                     f"report build counts to the first file that needs it): {slowest}.")
        parts.append(census_text(tests.census, tests.runs))
    if update is not None:
        parts.append(f"`make update` after a one-claim edit (a new source and claim; validation, the six notebooks "
                     f"executed once for both their committed outputs and the report, the report built): "
                     f"{update.seconds:.1f} s{', median of ' + str(update.runs) + ' runs' if update.runs > 1 else ''}"
                     f"{'' if update.passed else ' (FAILED)'}, its processes busy for {update.cpu_seconds:.0f} CPU s.")
    parts.append("Targets:\n" + "\n".join(verdicts(records, notebooks, tests, update)))
    return "\n\n".join(parts)


def write_docs(text: str, path: Path = PERFORMANCE_DOC) -> None:
    """Replace what lies between the performance markers (appending a section if they are missing)."""
    doc = path.read_text(encoding="utf-8")
    block = f"{START_MARK}\n{text}\n{END_MARK}"
    if START_MARK in doc and END_MARK in doc:
        before, rest = doc.split(START_MARK, 1)
        doc = before + block + rest.split(END_MARK, 1)[1]
    else:
        doc = doc.rstrip("\n") + f"\n\n## Performance\n\n{block}\n"
    path.write_text(doc, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"sizes up to {QUICK_SIZES[-1]:,} claims, fewer runs")
    parser.add_argument("--sizes", type=int, nargs="+", help="claim counts to time (default: 10^3 to 10^6)")
    parser.add_argument("--repeats", type=int, help="runs per timing (default 5 for a record, 3 from 10^6 claims and "
                        "for a notebook and the test run, 1 with --quick)")
    parser.add_argument("--no-notebooks", action="store_true", help="do not time the notebooks")
    parser.add_argument("--no-tests", action="store_true", help="do not time the test run")
    parser.add_argument("--no-update", action="store_true", help="do not time make update after a one-claim edit")
    parser.add_argument("--write-docs", action="store_true",
                        help="write the results into docs/performance.md, between its performance markers")
    args = parser.parse_args(argv)
    sizes = args.sizes or (QUICK_SIZES if args.quick else SIZES)

    def repeats(size: int) -> int:
        return args.repeats or (3 if args.quick or size >= 10**6 else 5)

    load_at_start = os.getloadavg()[0]
    timings = []
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        for size in sizes:
            print(f"timing {size:,} claims …", file=sys.stderr, flush=True)
            timings += time_record(size, repeats(size), Path(scratch) / str(size))
            shutil.rmtree(Path(scratch) / str(size))
    records = record_table(timings)
    notebooks = None
    if not args.no_notebooks:
        print("timing the notebooks …", file=sys.stderr, flush=True)
        notebooks = time_notebooks(args.repeats or (1 if args.quick else 3))
    tests = None
    if not args.no_tests:
        print("timing the test run …", file=sys.stderr, flush=True)
        tests = time_tests(args.repeats or (1 if args.quick else 3))
    update = None
    if not args.no_update:
        print("timing make update after a one-claim edit …", file=sys.stderr, flush=True)
        update = time_update(args.repeats or (1 if args.quick else 3))
    text = report(records, notebooks, tests, (load_at_start, os.getloadavg()[0]), update)
    print(text)
    if args.write_docs:
        write_docs(text)
    return 0
