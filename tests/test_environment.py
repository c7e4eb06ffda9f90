"""The project's environment as a kernel sees it: the packages only the tests use are not in it."""

import subprocess
import sys

import hypothesis


def test_a_kernel_cannot_import_what_only_the_tests_use():
    # Kernels start from this Python with this environment. pandera imports hypothesis wherever it
    # can, which took 0.3 s of every notebook, so hypothesis lives where only pytest looks.
    assert hypothesis.__file__  # the tests themselves still have it
    result = subprocess.run([sys.executable, "-c", "import hypothesis"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "No module named 'hypothesis'" in result.stderr, result.stderr
