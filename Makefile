# The two commands of the README: `make reports` and `make test`. Everything else supports them.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: reports test check lab notebooks clean

# Create the environment on first use, and again when the requirements change.
$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

## Validate the record and print its summary.
reports: $(STAMP)
	$(PY) -m helpers.summary

## Validate the record only (curators: run after every edit).
check: $(STAMP)
	$(PY) -m helpers.summary > /dev/null && echo "The record is valid."
	$(PY) -m helpers.verify

## Run every test.
test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

## Open JupyterLab on notebooks/ with the project's environment as the kernel.
lab: $(STAMP)
	$(PY) -m jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

## Re-execute the notebooks in place: after a deliberate data change, to rewrite their committed outputs.
notebooks: $(STAMP)
	$(PY) -m jupyter nbconvert --to notebook --execute --inplace notebooks/*.ipynb

clean:
	rm -rf $(VENV) output
