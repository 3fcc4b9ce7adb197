# Two entry points: `make run` builds the bundled example, `make test` runs the whole suite.
# Both start from nothing but Python 3.11 and create .venv with hash-pinned dependencies.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check
OUT    ?= output

.PHONY: run test install install-test browser virtuoso clean bench-meantime

run: install
	$(BIN)/kg build -o $(OUT)

test: install-test browser virtuoso
	$(BIN)/python -m pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

install: $(BIN)/python
	$(PIP) install --quiet --require-hashes -r requirements/run.txt
	$(PIP) install --quiet --no-deps --no-build-isolation -e .

install-test: install
	$(PIP) install --quiet --require-hashes -r requirements/run.txt -r requirements/test.txt

# Headless Chromium and its driver for the page tests (Debian packages; needs root or sudo).
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; }

# OpenLink Virtuoso for the second-store tests (Debian package; needs root or sudo).
virtuoso:
	@command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null || \
	  { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource-7-bin >/dev/null; }

# Score the MEANTIME dev articles (see README, "Quality").
bench-meantime: install
	$(BIN)/python benchmarks/meantime.py

clean:
	rm -rf $(VENV) $(OUT)/graph.* build dist *.egg-info
