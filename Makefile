# docverify — `make run` and `make test` are the whole quick start.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RAPIDOCR := rapidocr==3.10.0
EVAL_DIR ?= data/eval-$(EVAL_SEED)
EVAL_COUNT ?= 320
EVAL_SEED ?= 1212
# pytest-xdist workers of `make test` (tests/conftest.py gives each its own Redis); 1 for one process
TEST_WORKERS ?= 2

.PHONY: install browser fonts run eval-cleanroom sweep test test-unit test-review screenshots lint eval eval-checks bench bench-checks bench-service \
	bench-coldstart bench-reads \
	bench-registry bench-remote bench-privacy bench-fraud bench-soak eval-fraud client client-check fuzz clean

$(STAMP): pyproject.toml models/manifest.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	# rapidocr ships the PP-OCRv6 weights; --no-deps keeps it from pulling a second OpenCV wheel
	$(BIN)/pip install --quiet --no-deps '$(RAPIDOCR)'
	$(BIN)/docverify models build
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium for the review UI's browser tests (Playwright drives it; it never downloads a browser).
# Installed with apt when missing and we are root; otherwise those tests skip and say why.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "could not install chromium: the browser tests will be skipped"; \
	  else echo "chromium is not installed and this is not root: the browser tests will be skipped"; fi; }

# Debian's font packages the sample renderers draw with (Liberation/Arimo/FreeSans/Nimbus Sans, OCR-A for the NIK).
# Installed with apt when missing and we are root; otherwise the renderers fall back to DejaVu and say so.
FONT_PACKAGES := fonts-liberation2 fonts-freefont-ttf fonts-urw-base35 fonts-croscore fonts-ocr-a
fonts:
	@test -f /usr/share/fonts/truetype/ocr-a/OCRA.ttf -a -d /usr/share/fonts/truetype/croscore || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(FONT_PACKAGES) >/dev/null) \
	      || echo "could not install the font packages: the renderers fall back to DejaVu"; \
	  else echo "font packages missing and this is not root: the renderers fall back to DejaVu"; fi; }

# `make run` is a development start, and says so: DOCVERIFY_ENV=dev (development keys and secrets; production,
# the default, refuses to start without its own, docs/deploy.md)
run: export DOCVERIFY_ENV = dev
run: install
	@echo "Development environment (DOCVERIFY_ENV=dev): development keys and secrets, not for production (docs/deploy.md)."
	@echo "Loading the sample registries (dukcapil, dtks) and the sample program pkh: re-import replaces by NIK."
	$(BIN)/docverify registry import samples/ktp/registry.csv --name dukcapil
	$(BIN)/docverify registry import samples/ktp/registry.csv --name dtks
	$(BIN)/docverify program set pkh samples/programs/pkh.json
	@echo "Clerk review UI at /review: create an account first with $(BIN)/docverify clerk create NAME --role clerk"
	@echo "Starting the API and a worker (embedded Redis and SQLite unless REDIS_URL / DATABASE_URL are set)."
	@# a fresh key of the `demo` client (submit, read, admin; the previous demo key is revoked), printed in the curl example
	@DOCVERIFY_API_KEY=$$($(BIN)/docverify client demo --quiet) && export DOCVERIFY_API_KEY && \
	  echo "API key of the demo client (submit, read, admin): $$DOCVERIFY_API_KEY" && exec $(BIN)/docverify serve

test: install browser fonts
	$(BIN)/python -m pytest -q -ra -n $(TEST_WORKERS) --dist loadfile

test-review: install browser
	$(BIN)/python -m pytest -q -ra tests/review

# docs/review-queue.png and docs/review-case.png, from the browser test
screenshots: install browser
	DOCVERIFY_SCREENSHOTS=docs $(BIN)/python -m pytest -q tests/review/test_browser.py -k corrects
	DOCVERIFY_SCREENSHOTS=docs $(BIN)/python -m pytest -q tests/review/test_browser_ux.py -k "overturns or why_and_what"

test-unit: install
	$(BIN)/python -m pytest -q -m "not integration"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy primitives docverify service workers

# The Python client in clients/python: the app's OpenAPI document → openapi-python-client (pinned) →
# clients/python/docverify_client and clients/python/openapi.json. Run after any change to the API, and commit.
client: install
	$(BIN)/python scripts/generate_client.py

# What CI checks (tests/client/test_generated_client.py): regenerating changes nothing
client-check: install
	$(BIN)/python scripts/generate_client.py --check

# A deeper Schemathesis run than CI's 30 derandomized examples per operation: new random examples each time
fuzz: install
	DOCVERIFY_FUZZ_EXAMPLES=$${DOCVERIFY_FUZZ_EXAMPLES:-300} DOCVERIFY_FUZZ_RANDOM=1 \
	  $(BIN)/python -m pytest -q tests/client/test_fuzz.py

eval: install
	$(BIN)/python -m samples.generate $(EVAL_DIR) --count $(EVAL_COUNT) --seed $(EVAL_SEED) --classic
	$(BIN)/docverify eval $(EVAL_DIR)

# The held-out measure (README, Accuracy): the clean-room renderer's cards, which no reader code was tuned on
eval-cleanroom: install
	$(BIN)/python -m samples.cleanroom.ktp data/cr-ktp-9001 --count 280 --seed 9001
	$(BIN)/docverify eval data/cr-ktp-9001 --save bench/results/eval-cleanroom-9001.json

# The framing sweep (../shared/tools/framing_sweep.py) on both renderers' flat cards, --per 5
SWEEP ?= ../shared/tools/framing_sweep.py
sweep: install
	$(BIN)/python -m samples.cleanroom.ktp data/cr-scan-9003 --count 30 --seed 9003 --modes scan
	$(BIN)/python $(SWEEP) data/cr-scan-9003 --out data/sweep-cr --per 5 | tee bench/results/framing-sweep-cleanroom.txt
	$(BIN)/python -m samples.generate data/gen-scan-9004 --count 30 --seed 9004 --modes scan
	$(BIN)/python $(SWEEP) data/gen-scan-9004 --out data/sweep-gen --per 5 | tee bench/results/framing-sweep-generate.txt

# pipeline / bare PaddleOCR.predict, wall and CPU, 24 cards of each renderer (issue 23); peak RSS per backend
bench: install
	$(BIN)/python -m bench.bench_verify --count 24 --seed 77

# a replacement worker process: seconds until its engine is built and warmed, fresh and forked, per backend
bench-coldstart: install
	$(BIN)/python -m bench.bench_coldstart --runs 3

# what each backend reads, value by value, on small sets of both renderers and of every document type
READ_SETS := cr-small gen-small mixed-small
bench-reads: install
	test -d data/cr-small || $(BIN)/python -m samples.cleanroom.ktp data/cr-small --count 40 --seed 9555
	test -d data/gen-small || $(BIN)/python -m samples.generate data/gen-small --count 40 --seed 9556
	test -d data/mixed-small || $(BIN)/python -m samples.mixed data/mixed-small --count 3 --seed 23 --mode both
	for set in $(READ_SETS); do for backend in paddleocr openvino; do \
	  $(BIN)/python -m bench.bench_reads data/$$set --backend $$backend --out bench/results/reads-$$set-$$backend.json \
	    > /dev/null || exit 1; done; \
	  $(BIN)/python -m bench.bench_reads --diff bench/results/reads-$$set-paddleocr.json \
	    bench/results/reads-$$set-openvino.json > bench/results/reads-$$set-diff.json; done
	cat bench/results/reads-*-diff.json | grep -E '"(a|b|values_differ|exact|fields)"'

bench-checks: install
	$(BIN)/python -m bench.bench_checks --count 48 --seed 77

eval-checks: install
	$(BIN)/python -m samples.checks data/checks-70707 --per-class 100 --seed 70707 --workers 2
	$(BIN)/docverify eval-checks data/checks-70707 --save bench/results/checks-70707.json

bench-service: install
	$(BIN)/python -m bench.bench_service --docs 48

bench-privacy: install
	$(BIN)/python -m bench.bench_privacy --count 48 --seed 77

# resident memory of one worker process over 1,000 documents of every type, bounds off and on (issue 22; long)
bench-soak: install
	$(BIN)/python -m bench.bench_soak --docs 1000

bench-registry: install
	$(BIN)/python -m bench.bench_registry --rows 1000000 --backends sqlite,postgresql

# issue 24: verdict round trip between two local instances, and A's docs/min with the registry remote vs local
bench-remote: install
	$(BIN)/python -m bench.bench_remote --lookups 500 --docs 24

bench-fraud: install
	$(BIN)/python -m bench.bench_fraud --stored 100000 --lookups 400 --backends sqlite,postgresql

eval-fraud: install
	$(BIN)/python -m samples.reuse data/reuse-22 --submissions 500 --reuses 50 --seed 22
	PYTHONPATH=. $(BIN)/docverify eval-fraud data/reuse-22

clean:
	rm -rf $(VENV) data
