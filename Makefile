# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
# The venv is rebuilt only when pyproject.toml, setup.py or requirements.lock change.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test typecheck lint format bench lock clean screenshots translations ts

# Qt translations: the committed .ts sources compiled to .qm (git-ignored) next to them.
TS := $(wildcard resources/translations/*.ts)
QM := $(TS:.ts=.qm)
UI_SOURCES := $(wildcard ui/*.py ui/screens/*.py ui/widgets/*.py ui/cashier/*.py)

$(STAMP): pyproject.toml setup.py requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-build.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-build-isolation \
		-c requirements.lock -e '.[kiosk,registry,dev]'
	touch $(STAMP)

resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

# Refresh the .ts sources after changing visible strings (then translate the new entries).
ts: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -locations none -no-obsolete $(UI_SOURCES) -ts $(TS)

run: $(STAMP) $(QM)
	QT_QPA_PLATFORM= $(VENV)/bin/diandian kiosk

test: $(STAMP) $(QM)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/pytest

# mypy strict on the Qt-free core kiosk/ (the settings are [tool.mypy] in pyproject.toml).
typecheck: $(STAMP)
	$(VENV)/bin/mypy

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: $(STAMP) $(QM)
	$(PY) bench/run_all.py

# PNGs of every screen at 1280x800, 1920x1080 and 1080x1920 in Chinese and English (French for
# attract, result, certificate): NN-<screen>-<lang>-<W>x<H>.png; and of the cashier console
# (cashier-*.png), into docs/screens/.
screenshots: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(PY) tools/screenshots.py docs/screens
	QT_QPA_PLATFORM=offscreen $(PY) tools/cashier_screenshots.py docs/screens

# Re-pin every dependency to what is installed now (run after changing pyproject.toml, then `make test`).
lock: $(STAMP)
	$(PY) -m pip freeze --exclude-editable --disable-pip-version-check | grep -v '^-e' > requirements.lock

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache
