# The two commands of the README: `make reports` and `make test`. Everything else supports them.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Packages only the tests import, on pytest's path alone (pyproject.toml) and never in a kernel's.
TEST_PACKAGES := $(VENV)/test-packages
# The route map's outlines: Natural Earth's countries (public domain) as TopoJSON, from the npm package
# world-atlas, fetched once here and read from disk by the charts (helpers.record.paths.WORLD_ATLAS).
WORLD_ATLAS_VERSION := 2.0.2
WORLD_ATLAS := $(VENV)/world-atlas/installed-$(WORLD_ATLAS_VERSION)
ENV := $(STAMP) $(WORLD_ATLAS)

.PHONY: reports test test-deep check update lab notebooks clean

# Bytecode is written even where the environment asks Python not to (PYTHONDONTWRITEBYTECODE):
# a test run or a build starts some twenty Python processes (workers, kernels, builds), and each
# would otherwise recompile the helpers and pytest would rewrite every test module again.
unexport PYTHONDONTWRITEBYTECODE

# Create the environment on first use, and again when the requirements change.
$(STAMP): requirements.txt tests/requirements.txt pyproject.toml
	@# An environment where the kernels can import hypothesis (made before it moved out) is made anew.
	if test -x $(PY) && $(PY) -c "import hypothesis" 2>/dev/null; then rm -rf $(VENV); fi
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	rm -rf $(TEST_PACKAGES)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --target $(TEST_PACKAGES) -r tests/requirements.txt
	touch $(STAMP)

$(WORLD_ATLAS): | $(STAMP)
	rm -rf $(VENV)/world-atlas
	npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix $(VENV)/world-atlas world-atlas@$(WORLD_ATLAS_VERSION)
	touch $(WORLD_ATLAS)

## Validate the record, print its summary, then build the report into output/: every notebook
## executed and rendered, every chart as PNG, SVG and HTML, and output/index.html linking them.
## The committed notebooks are not changed; a failed build leaves output/ as it was.
reports: $(ENV)
	$(PY) -m helpers.record.summary
	$(PY) -m helpers.report

## Re-execute the notebooks in place: after a deliberate data change, to rewrite their committed outputs.
## Runs on the venv's Python, writes no run-time stamps, and rewrites nothing unless every notebook ran.
notebooks: $(ENV)
	$(PY) -m helpers.report.notebooks

## Validate the record only (curators: run after every edit).
check: $(ENV)
	$(PY) -m helpers.record.summary > /dev/null && echo "The record is valid."
	$(PY) -m helpers.record.verify
	$(PY) -m helpers.record.audit

## After an edit to the record (curators: the last step): validate it as check does, re-execute the notebooks
## in place, rebuild the report, and say which cells and findings changed and what to commit.
update: $(ENV)
	$(PY) -m helpers.report.update

## Run every test.
test: $(ENV)
	$(PY) -m pytest $(PYTEST_ARGS)

## The tests on drawn records, with many more examples, every chart saved in every format (CI runs it too).
test-deep: $(ENV)
	RECORD_EXAMPLES_SCALE=10 PROPERTY_EXAMPLES_SCALE=5 $(PY) -m pytest --dist load tests/test_any_record.py tests/test_properties.py $(PYTEST_ARGS)

## Open JupyterLab on notebooks/ with the project's environment as the kernel. The notebooks are trusted
## first (signed for this user), so JupyterLab shows their committed charts: it shows no SVG of a notebook
## it has not trusted, and a cloned notebook is not trusted.
lab: $(ENV)
	$(PY) -m jupyter trust notebooks/*.ipynb
	$(PY) -m jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

clean:
	rm -rf $(VENV) output .output-building-*
