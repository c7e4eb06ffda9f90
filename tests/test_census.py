"""The test run's processor time by kind of process, as the benchmark reports it."""

import sys

from helpers.bench.timing import census_text
from helpers.bench.census import OTHER, Census, kind_of, run_with_census

BUSY_CHILD = ("import subprocess, sys\n"
              "subprocess.run([sys.executable, '-c', 'import time\\nwhile time.process_time() < 0.6: pass'])\n"
              "print('done')")


def test_processes_are_told_apart_by_their_command_line():
    assert kind_of(["/venv/bin/python", "-m", "ipykernel_launcher", "-f", "/tmp/k.json"]) == "notebook kernels"
    assert kind_of(["/venv/bin/python", "-m", "helpers.report", "--out", "x"]) == "report builds"
    assert kind_of(["/usr/lib/chromium/chromium", "--type=renderer"]) == "Chromium"
    assert kind_of(["/venv/bin/python", "-m", "pytest", "-q"]) == OTHER
    assert kind_of([]) == OTHER


def test_the_census_counts_the_time_of_a_child_process(tmp_path):
    outcome, census = run_with_census([sys.executable, "-c", BUSY_CHILD], tmp_path, interval=0.05)
    assert outcome.returncode == 0 and outcome.stdout == "done\n"
    # The parent and the child it waited for: the child's 0.6 s, less what fell after its last reading.
    assert census.processes == {OTHER: 2}
    assert 0.45 <= census.cpu_seconds[OTHER] < 5


def test_the_report_names_each_kind_with_its_seconds_most_first():
    census = Census({"notebook kernels": 58.2, "Chromium": 20.4, OTHER: 95.0},
                    {"notebook kernels": 17, "Chromium": 19, OTHER: 3})
    text = census_text(census, runs=3)
    assert "174 CPU s" in text and "the run of median length" in text
    assert text.index(OTHER) < text.index("notebook kernels 58 s (17 processes)") < text.index("Chromium 20 s")
