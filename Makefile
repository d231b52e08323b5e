# docverify — `make run` and `make test` are the whole quick start.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RAPIDOCR := rapidocr==3.10.0
EVAL_DIR ?= data/eval
EVAL_COUNT ?= 120
EVAL_SEED ?= 2026

.PHONY: install run test test-unit lint eval bench clean

$(STAMP): pyproject.toml models/manifest.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	# rapidocr ships the PP-OCRv6 weights; --no-deps keeps it from pulling a second OpenCV wheel
	$(BIN)/pip install --quiet --no-deps '$(RAPIDOCR)'
	$(BIN)/docverify models build
	touch $(STAMP)

install: $(STAMP)

run: install
	@echo "Reading the sample KTP-el images with the offline pipeline:"
	$(BIN)/docverify verify --json samples/ktp/images/ktp-0001-scan.png | $(BIN)/python -m json.tool
	@echo "The HTTP service (docverify serve) arrives with issue 3; until then: $(BIN)/docverify verify FILE..."

test: install
	$(BIN)/python -m pytest -q -ra

test-unit: install
	$(BIN)/python -m pytest -q -m "not integration"

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy docverify service workers

eval: install
	$(BIN)/python -m samples.generate $(EVAL_DIR) --count $(EVAL_COUNT) --seed $(EVAL_SEED)
	$(BIN)/docverify eval $(EVAL_DIR)

bench: install
	$(BIN)/python -m bench.bench_verify --count 24 --seed 77

clean:
	rm -rf $(VENV) data
