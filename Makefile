# fnas: `make run` builds and opens the explorer on the embedded default; `make test` runs
# every test. Both install missing system packages first (scripts/setup.sh).
SWIFT ?= swift
RELEASE = -c release

.PHONY: run test unit build release bench bench-keys bench-search bench-trainer setup e2e fuzz clean

setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build $(RELEASE) --product fnas

run: release
	$(SWIFT) run $(RELEASE) fnas

test: setup
	@bash scripts/check-house.sh
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip EndToEndTests
	$(SWIFT) test --skip-build --filter EndToEndTests
	@bash scripts/e2e.sh
	@FUZZ_RUNS=10000 bash Fuzz/run.sh

# The unit targets only (no process kills, no e2e scripts, no fuzzing): the quick loop.
unit: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip EndToEndTests

# Every parser under libFuzzer + AddressSanitizer for FUZZ_SECONDS each (Fuzz/run.sh).
FUZZ_SECONDS ?= 60
fuzz: setup
	@FUZZ_SECONDS=$(FUZZ_SECONDS) bash Fuzz/run.sh

bench: setup
	$(SWIFT) run $(RELEASE) fnas-bench

# Issue 11's search-quality figures: about 20 minutes of real (fast) child training.
bench-search: setup
	$(SWIFT) run $(RELEASE) fnas-bench search

# fnas's trainer against PyTorch child by child (PyTorch in a virtual environment outside the
# checkout, made once by scripts/torch-venv.sh).
bench-trainer: setup
	$(SWIFT) build $(RELEASE) --product fnas-bench
	python3 Benchmarks/trainer-vs-pytorch.py --bench "$$($(SWIFT) build $(RELEASE) --show-bin-path)/fnas-bench"

bench-keys: release
	python3 Benchmarks/key-latency.py "$$($(SWIFT) build $(RELEASE) --show-bin-path)/fnas"

clean:
	rm -rf .build Fuzz/.build
