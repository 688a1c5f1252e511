# Two commands on a fresh machine: `make build`, `make test` (see README).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
AS_OF ?=
AS_OF_FLAG := $(if $(AS_OF),--as-of $(AS_OF),)

.PHONY: venv build test lint typecheck workflows pytest serve bench lock clean pictures

venv: $(STAMP)

$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $(STAMP)

build: $(STAMP)
	$(PY) -m generator build $(AS_OF_FLAG)
	@echo "Trang web đã dựng xong: thư mục $(CURDIR)/public"
	@echo "Xem trên máy: make serve (tự cập nhật khi sửa hồ sơ), hoặc"
	@echo "  $(PY) -m http.server --directory public --bind 127.0.0.1 8000  rồi mở http://127.0.0.1:8000/"
	@echo "(Mở thẳng public/index.html bằng trình duyệt thì các liên kết không chạy.)"

lint: $(STAMP)
	$(VENV)/bin/ruff check generator tests scripts benchmarks
	$(VENV)/bin/ruff format --check generator tests scripts benchmarks

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# GitHub's workflow schema (offline, bundled with check-jsonschema) and zizmor's audits,
# with the pedantic persona (documented permissions, concurrency limits...).
workflows: $(STAMP)
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(VENV)/bin/zizmor --offline --quiet --persona pedantic .github/workflows/

# On every CPU (pytest-xdist), one test file per worker so module fixtures (a built
# site, a pre-commit store) are made once; PYTEST_ARGS adds to it.
pytest: $(STAMP)
	$(PY) -m pytest -n auto --dist loadfile $(PYTEST_ARGS)

test: lint typecheck workflows pytest

serve: $(STAMP)
	$(PY) -m generator serve $(AS_OF_FLAG)

bench: $(STAMP)
	$(PY) -m benchmarks.run

# The README's pictures of the documents (docs/images/): LibreOffice prints them, poppler renders.
pictures: $(STAMP)
	$(PY) -m scripts.pictures

# Re-pin every dependency (with hashes) after editing pyproject.toml.
lock:
	$(PYTHON) -m venv /tmp/di-co-so-lock && /tmp/di-co-so-lock/bin/pip install --quiet uv
	/tmp/di-co-so-lock/bin/uv pip compile pyproject.toml --extra dev --generate-hashes \
	  --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) public site/generated .pytest_cache .mypy_cache .ruff_cache
