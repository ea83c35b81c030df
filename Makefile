# Sổ tay Quy chế — the two commands a newcomer needs:
#   make serve   build the default handbook and serve it on http://127.0.0.1:8000
#   make test    install test dependencies (incl. Debian chromium) and run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve build test install handouts bench clean chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

build: $(STAMP)
	$(BIN)/sotay build

serve: $(STAMP)
	$(BIN)/sotay serve

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian chromium (needs root)…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver poppler-utils; }
	@command -v pdftotext >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils; }

node_modules/.installed: package.json
	npm install --no-audit --no-fund --silent
	touch $@

test: $(STAMP) chromium node_modules/.installed
	node --test tests/js/
	$(BIN)/pytest -q

handouts: $(STAMP)
	$(BIN)/sotay handouts

bench: $(STAMP)
	$(BIN)/python bench/build_bench.py

clean:
	rm -rf build site dist
