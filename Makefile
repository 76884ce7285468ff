# B2B distributor portal on Odoo 19 Community. See README.md.
# Every target sets up what it needs (scripts/setup.sh is idempotent).

SHELL := /bin/bash
MODULES ?=
B ?=
SKUS ?= 200000
DB ?=

.PHONY: run test test-hard cluster cluster-stop setup bench bigdata lint unit i18n clean help

help:
	@echo "make run [WORKERS=n]     set up and serve the portal with demo data on http://localhost:8069"
	@echo "                         (prefork, 2 x CPU + 1 workers behind nginx; WORKERS=0: one process)"
	@echo "make test [MODULES=a,b]  set up, fresh database, all tests, one summary line"
	@echo "make unit                only the pure-Python tests (seconds, no database)"
	@echo "make bench [B=name]      benchmarks under bench/ (needs make bigdata first for the large ones)"
	@echo "make bigdata [SKUS=n]    generate a large catalog (tyres, stock, prices) for benchmarks"
	@echo "make cluster [DB=name]   replica + two Odoo nodes + nginx on this machine (port 8080)"
	@echo "make cluster-stop        stop it"
	@echo "make test-hard           cluster, race, fault and load tests against a running cluster"
	@echo "make lint                pre-commit: ruff and pylint-odoo"
	@echo "make i18n                refresh i18n/*.pot and i18n/ru.po of every addon from the code"

run:
	@DB=$(DB) scripts/run.sh

cluster:
	@DB=$(DB) scripts/cluster.sh start

cluster-stop:
	@scripts/cluster.sh stop

test-hard:
	@DB=$(DB) scripts/test_hard.sh

test:
	@MODULES=$(MODULES) scripts/test.sh

setup:
	@scripts/setup.sh

unit: setup
	@.venv/bin/python -m pytest -q addons/*/tests/unit

bench:
	@B=$(B) scripts/bench.sh

bigdata:
	@SKUS=$(SKUS) scripts/bigdata.sh

lint:
	@scripts/lint.sh

i18n:
	@scripts/i18n.sh

clean:
	@echo "removing .venv .state (the private PostgreSQL in .pgdata is kept)"
	@rm -rf .venv .state
