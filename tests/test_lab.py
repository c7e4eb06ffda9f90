"""`make lab` on the notebooks as committed: JupyterLab, in headless Chromium, draws every chart without a re-run.

JupyterLab shows no SVG of a notebook it has not trusted, and a cloned notebook is not trusted: each
static chart would show its text, "<Figure size 1000x580 with 1 Axes>". `make lab` signs the
notebooks first. The test runs `make lab` itself, with Jupyter's folders in a temporary one (so the
signatures it writes are not this user's), on a free loopback port, then opens every notebook as a
reader does and counts what is drawn: each static chart as a picture, each plotly chart as a plot.
Skipped where Chromium is missing, except in CI (see conftest.py).
"""

import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from helpers.charts import PLOTLY_MIMETYPE
from helpers.record.paths import NOTEBOOKS_DIR

ROOT = NOTEBOOKS_DIR.parent
STARTUP_SECONDS = 120

# What one opened notebook shows, read from JupyterLab's DOM once every output is rendered.
SHOWN = """(() => {
  const outputs = [...document.querySelectorAll('.jp-Notebook .jp-OutputArea-output')];
  const pictures = outputs.filter(o => o.matches('.jp-RenderedSVG, .jp-RenderedImage')
      && [...o.querySelectorAll('svg, img')].some(e => e.getBoundingClientRect().width > 0)).length;
  const plots = outputs.filter(o => o.matches('.jp-RenderedPlotly') && o.querySelector('.main-svg')).length;
  const placeholders = outputs.filter(o => o.innerText.includes('<Figure size')).length;
  return {outputs: outputs.length, pictures, plots, placeholders};
})()"""


def expected_charts(path: Path) -> tuple[int, int]:
    """(static, plotly) charts in a notebook's committed outputs."""
    outputs = [output for cell in nbformat.read(path, as_version=4).cells for output in cell.get("outputs", [])]
    return (sum("image/svg+xml" in output.get("data", {}) for output in outputs),
            sum(PLOTLY_MIMETYPE in output.get("data", {}) for output in outputs))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """`make lab` running on a free port; yields (base URL, token). Stopped through its API, so its kernels end too."""
    home = tmp_path_factory.mktemp("jupyter")
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_PORT": str(port), "JUPYTER_TOKEN": token, "BROWSER": "true",
           "JUPYTER_DATA_DIR": str(home / "data"), "JUPYTER_CONFIG_DIR": str(home / "config"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
           "JUPYTERLAB_SETTINGS_DIR": str(home / "settings")}
    env.pop("MAKEFLAGS", None)
    # -o: the environment is used as it is (never reinstalled from inside a test run).
    process = subprocess.Popen(["make", "--no-print-directory", "-o", ".venv/.installed", "lab"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=(home / "lab.log").open("wb"), start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            assert process.poll() is None, f"make lab ended: {(home / 'lab.log').read_text(errors='replace')[-2000:]}"
            assert time.monotonic() < deadline, "JupyterLab did not start"
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        yield base, token
    finally:
        try:
            urllib.request.urlopen(urllib.request.Request(f"{base}/api/shutdown?token={token}", method="POST"), timeout=10)
            process.wait(timeout=30)
        except Exception:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def test_jupyterlab_draws_every_chart_of_every_notebook_at_first_open(browser, lab):
    base, token = lab
    seen, expected = {}, {}
    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        static, plotly = expected_charts(path)
        expected[path.name] = {"pictures": static, "plots": plotly, "placeholders": 0}
        page = browser.new_page()
        try:
            page.load(f"{base}/lab/tree/{path.name}?reset&token={token}", timeout=60)
            done = (f"(s => s.outputs > 0 && s.pictures >= {static} && s.plots >= {plotly})({SHOWN})")
            page.wait_until(done, timeout=60)
            shown = page.evaluate(SHOWN)
            seen[path.name] = {key: shown[key] for key in ("pictures", "plots", "placeholders")}
            assert page.exceptions == [], (path.name, page.exceptions)
        finally:
            page.close()
    assert seen == expected
    totals = {key: sum(counts[key] for counts in seen.values()) for key in ("pictures", "plots")}
    assert totals["pictures"] > 0 and totals["plots"] > 0, json.dumps(seen)
