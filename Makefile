# The README names two commands: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: install run ingest test test-fast lint imports typecheck pytest eval-gate browser-deps bench bench-upload bench-server bench-scale fit fit-injection clean

$(BIN)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) (set PYTHON=...)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# torch first and pinned: an unpinned torch pulls a multi-GB CUDA build
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/.installed

ingest: install
	$(BIN)/briefing ingest

# the UI's pre-filled examples for the bundled corpus are data, passed as settings (BRIEFING_UI__*)
run: ingest
	BRIEFING_UI__EXAMPLE_QUESTION="What does LEAP stand for?" BRIEFING_UI__TOPIC="pressure on Russia" \
	BRIEFING_UI__ACTORS='["Kaja Kallas", "Boris Pistorius", "Andrei Kortunov"]' \
	BRIEFING_UI__BRIEF_TOPIC="The LEAP initiative" $(BIN)/python app.py

lint: install
	$(BIN)/ruff check assistant tests app.py eval
typecheck: install
	$(BIN)/mypy
# layer contracts (pyproject [tool.importlinter]): one-way imports, nothing below the faces imports the facade
imports: install
	$(BIN)/lint-imports

# Browser tests drive Debian's chromium (no browser download); installed here when missing.
browser-deps:
	@command -v chromium >/dev/null || { apt-get update -q && apt-get install -y -q chromium chromium-driver; } \
	  || echo "could not install chromium: the browser test will fail"

pytest: install browser-deps
	$(BIN)/pytest -q

eval-gate: install
	$(BIN)/briefing eval --check

test: lint imports typecheck pytest eval-gate

# pure units: no embedding model, no index, no browser; the small spaCy pipeline parses questions (seconds)
test-fast: install
	$(BIN)/pytest -q tests/unit

bench: install
	$(BIN)/python eval/bench_retrieval.py
	$(BIN)/python eval/bench_multihop.py
	$(BIN)/python eval/fit_answer.py --report
	$(BIN)/python eval/bench_ask.py
	$(BIN)/python eval/bench_html.py
	$(BIN)/briefing eval --gold eval/wikinews-qa-dev.yaml   # answers on Wikinews articles: dev set (looked at)
	$(BIN)/briefing eval --gold eval/wikinews-qa.yaml       # ... and its held-out set (report-only)

# re-fit every fitted parameter on the dev splits (writes assistant/fitted/*.json with data and metrics)
fit: install
	$(BIN)/python eval/fit_answer.py
	$(BIN)/python eval/fit_quantity.py  # after fit_answer: its threshold is fit on the answer model's decisions
	$(BIN)/python eval/fit_positions.py

bench-upload: install  # chat p50/p95 idle vs during a 60-file upload (target: p95 <= 2x idle)
	$(BIN)/python eval/bench_upload.py

SIZES ?= 1000,10000
bench-server: install  # one chroma run server, a reader on "another machine" (empty folder): start, ask, pick-up
	$(BIN)/python eval/bench_server.py

bench-scale: install  # 1,000 and 10,000 HotpotQA documents: ingest vs embedding alone, start-up, warm ask, RSS (long)
	$(BIN)/python eval/bench_scale.py --sizes $(SIZES)

fit-injection: install  # refit the prompt-injection detector on eval/injection dev (writes assistant/fitted/injection.json)
	$(BIN)/python eval/fit_injection.py

clean:
	rm -rf $(VENV) index/briefing_* index/chroma eval/reports
