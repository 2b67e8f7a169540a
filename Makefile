# Station Kiosk — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA_DIR ?= var/demo
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian's shared libpython of $(PYTHON)'s version, which PyInstaller bundles; asked for only when
# that Python's own shared library is missing (Debian's python3 without it; a pyenv Python has its own).
PYTHON_LIB_PACKAGE := $(shell $(PYTHON) -c 'import os, sys, sysconfig as c; \
	lib = os.path.join(c.get_config_var("LIBDIR") or "", c.get_config_var("INSTSONAME") or ""); \
	print("" if os.path.isfile(lib) else "libpython%d.%d" % sys.version_info[:2])' 2>/dev/null)

# Debian packages Qt needs offscreen and on a screen, a CJK font, Xvfb, PostgreSQL for hub tests,
# poppler for reading PDFs back in tests, chromium for the hub's browser tests (Playwright drives it),
# libatomic1 for Playwright's bundled node, binutils (objdump) and libpython for PyInstaller,
# libusb-1.0-0 for USB receipt printers (pyusb); the touch keyboard's Chinese engines: librime
# with its simplified pinyin schema, and Zinnia with Tegaki's simplified-Chinese handwriting model
# (docs/typing.md; the kiosk runs without them); PulseAudio, whose null sink the alarm's test
# plays into (docs/emergency.md); speech-dispatcher with espeak-ng for spoken guidance
# (docs/speech.md; the kiosk runs without it, the Read aloud button is then hidden).
# `make fresh-check` proves the list on a bare Debian 12.
SYSTEM_PACKAGES := python3-venv libegl1 libgl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3 \
	libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 \
	libxcb-shape0 libxkbcommon-x11-0 libpulse0 fonts-wqy-microhei xvfb postgresql poppler-utils chromium \
	libatomic1 binutils libusb-1.0-0 librime1 rime-data-pinyin-simp libzinnia0 \
	tegaki-zinnia-simplified-chinese pulseaudio speech-dispatcher speech-dispatcher-espeak-ng \
	$(PYTHON_LIB_PACKAGE)

TS_FILES := $(wildcard resources/i18n/*.ts)
QM_FILES := $(TS_FILES:.ts=.qm)

# The PyInstaller bundle is rebuilt when anything it is made from is newer than its stamp.
BUNDLE_STAMP := dist/kiosk/.built
BUNDLE_SOURCES := build.spec $(shell find kiosk db/kiosk resources -type f \
	! -path '*/__pycache__/*' ! -name '*.pyc' ! -name '*.qm' 2>/dev/null)

.PHONY: run test system venv lock wheel translations lint typecheck contracts pytest format screenshots bench bundle bundle-if-stale fresh-check clean

run: system venv translations  ## start the kiosk on its embedded database with demo data
	KIOSK_DATA_DIR=$(DATA_DIR) $(BIN)/python -m kiosk --demo

# The bundle is built before pytest (when missing or stale) so tests/bundle smoke-tests it;
# `make test SKIP_BUNDLE=1` leaves it out for a quick local run (CI never sets it).
test: system venv translations lint typecheck contracts bundle-if-stale pytest  ## lint, types, contracts, the bundle, all tests

system:  ## install the Debian packages that are missing
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages: $$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

venv: $(VENV)/.installed

# Exact versions from requirements.lock (so two machines run the same libraries), then the
# project itself, editable, without resolving anything again.
$(VENV)/.installed: pyproject.toml setup.py requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e '.[kiosk,hub,dev]'
	touch $@

wheel: venv translations  ## the installable wheel in dist/ (resources/ and db/ inside)
	$(BIN)/pip wheel -q --no-deps --no-build-isolation -w dist .

lock: venv  ## re-resolve requirements.lock from pyproject.toml (commit both together)
	$(BIN)/uv pip compile pyproject.toml --extra kiosk --extra hub --extra dev --universal \
		--python-version 3.11 -o requirements.lock

translations: venv $(QM_FILES)

resources/i18n/%.qm: resources/i18n/%.ts
	$(BIN)/pyside6-lrelease -silent $< -qm $@

ts: venv  ## refresh the .ts sources from the code
	$(BIN)/pyside6-lupdate $$(find kiosk -path '*/ui/*.py' -o -path 'kiosk/shell/*.py') -ts $(TS_FILES)

lint: venv
	$(BIN)/ruff check kiosk tests benchmarks tools db setup.py
	$(BIN)/ruff format --check kiosk tests benchmarks tools db setup.py

format: venv
	$(BIN)/ruff check --fix kiosk tests benchmarks tools db setup.py
	$(BIN)/ruff format kiosk tests benchmarks tools db setup.py

typecheck: venv
	$(BIN)/mypy

contracts: venv
	$(BIN)/lint-imports

pytest: venv translations
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q

screenshots: venv translations  ## render every page to PNG in screenshots/
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tools.screenshots screenshots

bench: venv translations  ## run every benchmark, one JSON line each
	@for b in benchmarks/bench_*.py; do echo "$$b"; QT_QPA_PLATFORM=offscreen $(BIN)/python $$b; done

bundle: $(BUNDLE_STAMP)  ## PyInstaller one-folder bundle in dist/kiosk (about 4 min), smoke-tested
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q tests/bundle

bundle-if-stale: $(if $(SKIP_BUNDLE),,$(BUNDLE_STAMP))

$(BUNDLE_STAMP): $(VENV)/.installed $(QM_FILES) $(BUNDLE_SOURCES)
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller build.spec
	touch $@

# Not part of `make test`: the developer's proof, when dependencies change, that `make test` and
# `make run` pass on a bare Debian 12 (debootstrap tree cached in ~/.cache/station-kiosk).
# `make fresh-check COMMIT=REV` checks another commit than HEAD.
fresh-check:  ## make test + make run in a fresh Debian 12 chroot (~20 min, root or sudo)
	bash tools/fresh_check.sh $(COMMIT)

clean:
	rm -rf $(VENV) var build dist screenshots resources/i18n/*.qm
