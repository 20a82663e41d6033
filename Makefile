# `make run` and `make test` each set up everything a fresh Debian machine needs, then do their job.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
TS := $(wildcard resources/translations/*.ts)
QM := $(TS:.ts=.qm)

# What Qt (offscreen and under Xvfb), the CJK font for windows and PDFs, and the PDF checks need; binutils is for
# the installer build (PyInstaller, scripts/build_deb.py), which also uses dpkg-deb. The .deb depends on every
# library listed here (tests/e2e/test_installer.py checks it).
SYSTEM_PACKAGES := libegl1 libgl1 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
	fonts-wqy-zenhei poppler-utils poppler-data xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
	libxcb-render-util0 libxcb-cursor0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1 binutils x11-utils

.PHONY: setup system-deps run test lint translations translations-update bench screenshots installer clean

setup: system-deps $(STAMP) translations

system-deps:
	@bash scripts/system-deps.sh $(SYSTEM_PACKAGES)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,build]'
	touch $(STAMP)

translations: $(STAMP) $(QM)

resources/translations/%.qm: resources/translations/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

# Refresh every area's .ts from its sources (scripts/translation_areas.py lists them) and print what is left to
# translate, to be filled in the .ts.
translations-update: $(STAMP)
	$(BIN)/python scripts/translation_areas.py

run: setup
	$(BIN)/liaison demo --if-new
	$(BIN)/liaison

lint: $(STAMP)
	$(BIN)/ruff check app db ui tests bench scripts
	$(BIN)/ruff format --check app db ui tests bench scripts
	$(BIN)/mypy

test: setup lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

screenshots: setup
	xvfb-run -a -s "-screen 0 1600x1000x24" $(BIN)/python scripts/screenshots.py --out screenshots

# dist/liaison/, and on Debian, UOS or Kylin dist/liaison-desk_<version>_<arch>.deb made from it.
installer: setup
	$(BIN)/pyinstaller --noconfirm --clean build_installer.spec
	@if command -v dpkg-deb >/dev/null; then $(BIN)/python scripts/build_deb.py dist/liaison --out dist; \
	else echo "No dpkg-deb on this machine: dist/liaison/ only, no .deb"; fi

clean:
	rm -rf build dist $(VENV) resources/translations/*.qm
