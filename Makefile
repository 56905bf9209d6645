# Reader: the two commands of the quick start are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python

.DEFAULT_GOAL := run
.PHONY: run test fuzz lint format bench bundle screenshot sysdeps clean translations

# The venv is rebuilt when pyproject.toml changes; stamps keep repeated runs instant.
$(BIN)/activate:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Reader needs Python 3.11 or newer, found " + sys.version.split()[0]' \
	  || { echo "error: set PYTHON=/path/to/python3.11+ (e.g. make run PYTHON=python3.12)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/activate pyproject.toml
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

$(VENV)/.installed-bundle: $(VENV)/.installed-test pyproject.toml
	$(PY) -m pip install --quiet -e '.[test,bundle]'
	@touch $@

sysdeps:
	@sh packaging/check-system-libs.sh

run: sysdeps $(VENV)/.installed
	$(BIN)/reader

test: sysdeps $(VENV)/.installed-test
	$(BIN)/ruff check
	$(BIN)/ruff format --check
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

fuzz: sysdeps $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen READER_FUZZ_EXAMPLES=10000 $(PY) -m pytest -q -m fuzz -p no:cacheprovider

lint: $(VENV)/.installed-test
	$(BIN)/ruff check

format: $(VENV)/.installed-test
	$(BIN)/ruff format
	$(BIN)/ruff check --fix

# The self-contained one-folder app (no Python needed where it runs), then its check.
bundle: sysdeps $(VENV)/.installed-bundle
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
	  packaging/reader.spec
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider tests/packaging/test_bundle.py
	@du -sh dist/reader

bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py

# Window strings -> resources/translations/*.ts (lupdate), then the shipped .qm (lrelease);
# prints what is still untranslated. Translate in reader_it.ts, then run it again.
translations: $(VENV)/.installed
	$(PY) packaging/translations.py update

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build dist
