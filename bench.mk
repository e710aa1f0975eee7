# `make bench` and `make fuzz` (included from the Makefile: `include bench.mk`).
# See docs/performance.md for what is measured and how.

BENCH_WORK ?= .bench
BENCH_VENV ?= .venv-bench
BENCH_ARCHIVES ?= 1000,10000
BENCH_ONLY ?= diff,extract,ingest,archive,storage
CORPUS ?= ../shared/corpus
FUZZ_SECONDS ?= 60
FUZZ_BUILD ?= .build-fuzz

.PHONY: bench fuzz

## The peers' virtualenv, from PyPI (never a dependency of the Swift build).
$(BENCH_VENV)/.installed: Tests/Peers/bench/requirements.txt
	python3 -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install -q --upgrade pip
	$(BENCH_VENV)/bin/pip install -q -r Tests/Peers/bench/requirements.txt
	touch $@

## Release build, then stet and its peers in one run; prints the table, writes $(BENCH_WORK)/results.md.
## Statically linked Swift runtime and Foundation (needs libcurl4-openssl-dev): start-up ~48 → ~20 ms.
bench: deps $(BENCH_VENV)/.installed
	@$(MAKE) --no-print-directory apt-install PACKAGES="libcurl4-openssl-dev"
	$(SWIFT) build -c release --static-swift-stdlib --product stet
	$(SWIFT) build -c release --static-swift-stdlib --product stet-bench
	python3 Tests/Peers/bench/run_bench.py --stet .build/release/stet --bench .build/release/stet-bench \
	  --python $(BENCH_VENV)/bin/python --corpus $(CORPUS) --work $(BENCH_WORK) \
	  --archives $(BENCH_ARCHIVES) --only $(BENCH_ONLY)

## libFuzzer on the segmenter, the differ and the extractor, $(FUZZ_SECONDS) s each. Seeds come from
## the shared corpus at run time; crashing inputs land in Tests/Fuzz/Regressions/.
fuzz: deps
	Tests/Fuzz/build.sh $(FUZZ_BUILD)
	Tests/Fuzz/seed.sh $(CORPUS) $(FUZZ_BUILD)
	@for target in segmenter differ extractor; do \
	  echo "== fuzz-$$target ($(FUZZ_SECONDS) s)"; \
	  $(FUZZ_BUILD)/fuzz-$$target -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
	    -artifact_prefix=Tests/Fuzz/Regressions/$$target- $(FUZZ_BUILD)/corpus-$$target || exit 1; \
	done

## The watcher with 10,000 tracked articles against a local server: checks/s and peak memory.
.PHONY: bench-watch
bench-watch: deps
	$(SWIFT) build -c release --product stet
	python3 Tests/Peers/bench/watch_bench.py .build/release/stet --articles 10000
