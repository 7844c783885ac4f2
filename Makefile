# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
# The venv is rebuilt only when pyproject.toml, setup.py or requirements.lock change.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test typecheck lint format bench lock clean screenshots phone-screenshots translations ts compile

# Qt translations: the committed .ts sources compiled to .qm (git-ignored) next to them.
TS := $(wildcard resources/translations/*.ts)
QM := $(TS:.ts=.qm)
UI_SOURCES := $(wildcard ui/*.py ui/screens/*.py ui/widgets/*.py ui/cashier/*.py)

$(STAMP): pyproject.toml setup.py requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-build.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-build-isolation \
		-c requirements.lock -e '.[kiosk,registry,dev]'
	$(MAKE) compile
	touch $(STAMP)

# Byte-compile the project's modules: an editable install writes no .pyc, and a process run
# with PYTHONDONTWRITEBYTECODE (or from a read-only tree) would otherwise compile every module
# again at every start (a third of the kiosk's start-up). Stale files are recompiled; cheap
# when nothing changed, so `run` and `bench` do it every time.
compile:
	$(PY) -m compileall -q -j 0 kiosk ui sync resources

resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

# Refresh the .ts sources after changing visible strings (then translate the new entries).
ts: $(STAMP)
	$(VENV)/bin/pyside6-lupdate -locations none -no-obsolete $(UI_SOURCES) -ts $(TS)

run: $(STAMP) $(QM) compile
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

bench: $(STAMP) $(QM) compile
	$(PY) bench/run_all.py

# PNGs of every screen at 1280x800, 1920x1080 and 1080x1920 in Chinese and English (French for
# attract, result, certificate): NN-<screen>-<lang>-<W>x<H>.png; and of the cashier console
# (cashier-*.png), into docs/screens/.
screenshots: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(PY) tools/screenshots.py docs/screens
	QT_QPA_PLATFORM=offscreen $(PY) tools/cashier_screenshots.py docs/screens

# The phone flow's pages in headless Chromium at 390x844 (docs/screens/phone-*.png): the
# browser tests with the shipped CJK font added (tools/fonts.conf), so Chinese is drawn on a
# machine without a CJK font of its own.
phone-screenshots: $(STAMP)
	FONTCONFIG_FILE=$(CURDIR)/tools/fonts.conf DIANDIAN_SCREENSHOTS=docs/screens \
		$(VENV)/bin/pytest -q -p no:randomly tests/sync/registry/test_phone_browser.py

# Re-pin every dependency to what is installed now (run after changing pyproject.toml, then `make test`).
lock: $(STAMP)
	$(PY) -m pip freeze --exclude-editable --disable-pip-version-check | grep -v '^-e' > requirements.lock

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache
