# The two commands of the README: `make demo` and `make test`. Each sets up what it
# needs on a fresh Debian machine first (system packages, a venv with the project).
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
XVFB := xvfb-run -a -s "-screen 0 1920x1080x24"

.PHONY: demo test bench screenshot setup bundle
demo: $(STAMP)
	$(VENV)/bin/city-console --demo $(ARGS)

test: $(STAMP)
	$(XVFB) env QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(ARGS)

bench: $(STAMP)
	$(PY) -m pip install -q -c constraints.txt -e '.[bench]'
	$(XVFB) env QT_QPA_PLATFORM=offscreen $(PY) tests/bench/run_all.py

screenshot: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/city-console --demo --cache $(VENV)/demo-cache --screenshot docs/wall.png --after 5

# the PyInstaller bundle in dist/city-console, started headless (its own clean venv)
bundle:
	bash packaging/install-system-deps.sh
	packaging/build.sh --smoke

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt packaging/install-system-deps.sh
	bash packaging/install-system-deps.sh
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[test]'
	$(PY) -m console.gui.i18n_catalog build  # the .qm from its .ts (Qt Linguist)
	touch $(STAMP)
