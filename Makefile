# chipshock — every command a reviewer needs. Works on a fresh machine with only python3.
#
# Installs come from uv.lock, exactly: `make demo`, `make test` and `.ci/run` never resolve
# versions on their own. `make lock` regenerates the lock after pyproject.toml changed (keeping
# every version it can), `make upgrade` moves every package to the newest version pyproject.toml
# allows. uv itself is pinned below and installed from PyPI into $(TOOLS) with python3's pip.
PYTHON     ?= python3
VENV       ?= .venv
TOOLS      ?= .tools
UV_VERSION := 0.13.9
UV         := $(TOOLS)/bin/uv
BIN        := $(VENV)/bin
STAMP      := $(VENV)/.installed-dev
DEMO_STAMP := $(VENV)/.installed
# uv installs into $(VENV) (not its default .venv) and does not phone home about new versions.
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))
export UV_NO_PROGRESS := 1

.PHONY: demo test lint format typecheck pytest bench clean clean-kernel-cache install dev lock \
	upgrade check-lock layers security audit

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

# --locked: fail (rather than re-resolve) if uv.lock does not match pyproject.toml.
# --inexact: `make demo` after `make test` keeps the dev tools instead of uninstalling them.
$(DEMO_STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --inexact --extra all --python $(PYTHON) --quiet
	touch $@

$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --extra dev --python $(PYTHON) --quiet
	touch $@ $(DEMO_STAMP)

install: $(DEMO_STAMP)
dev: $(STAMP)

lock: | $(UV)
	$(UV) lock --python $(PYTHON)

upgrade: | $(UV)
	$(UV) lock --upgrade --python $(PYTHON)

# Fails when pyproject.toml and uv.lock disagree (tests/test_lock.py checks the same offline).
check-lock: | $(UV)
	$(UV) lock --check --offline --python $(PYTHON) --quiet

demo: $(DEMO_STAMP)
	$(BIN)/python -m chipshock.cli.demo --db out/chipshock.duckdb --out out

# ruff includes bandit's security rules (S); see [tool.ruff.lint] in pyproject.toml.
lint: $(STAMP)
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/ruff check src tests bench scripts

format: $(STAMP)
	$(BIN)/ruff format src tests bench scripts
	$(BIN)/ruff check --fix src tests bench scripts

typecheck: $(STAMP)
	$(BIN)/mypy

# The layer contract ([tool.importlinter] in pyproject.toml).
layers: $(STAMP)
	$(BIN)/lint-imports --no-cache

# pip-audit on every locked package; says "NOT AUDITED" (exit 0) when no vulnerability service
# can be reached, fails on that too with AUDIT_STRICT=1.
audit: $(STAMP)
	$(BIN)/python scripts/audit_lock.py

# Tests, doctests and coverage (line and branch; the modules below 100% are listed), and the 30
# slowest tests, so that each CI log shows where its 90-minute budget goes.
pytest: $(STAMP)
	$(BIN)/python -m pytest --cov --cov-report=term-missing:skip-covered --durations=30 $(PYTEST_ARGS)

test: check-lock lint typecheck layers audit pytest

bench: $(STAMP)
	$(BIN)/python -m bench.run

clean: clean-kernel-cache
	rm -rf $(VENV) $(TOOLS) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache

# numba's cache of the compiled kernel (sim/engine/kernel_cache.py renews it by itself when
# the engine's sources change; this deletes it by hand).
clean-kernel-cache:
	find src -name '*.nbi' -delete -o -name '*.nbc' -delete
