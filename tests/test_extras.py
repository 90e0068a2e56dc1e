"""Each extra installs from uv.lock on its own and its entry points import and work alone.

Builds one small virtualenv per extra with uv (from its cache after the first run), so it is
marked `extras`; `make test` runs it. A package the extra does not list must be missing there,
so the test also proves the layers do not pull in another surface's dependencies.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.extras, pytest.mark.timeout(600)]

#: extra -> (Python run in the fresh env, packages that must NOT be importable there)
CASES: dict[str, tuple[str, tuple[str, ...]]] = {
    "": (
        "from chipshock.examples import tiny_chain\n"
        "from chipshock.analysis import chokepoints\n"
        "import chipshock.scenarios, chipshock.sim, chipshock.present.jsonable\n"
        "print(len(chokepoints(tiny_chain(), min_share=50.0, by='country')))",
        ("duckdb", "typer", "rich", "fastapi", "dask"),
    ),
    "store": (
        "import sys\n"
        "from chipshock.data.store import build_store, load_chain\n"
        "build_store(sys.argv[1]); print(len(load_chain(sys.argv[1]).inputs))",
        ("typer", "rich", "fastapi"),
    ),
    "web": (
        "import sys\n"
        "from chipshock.api import create_app\n"
        "print(type(create_app(sys.argv[1], read_only=False)).__name__)",
        ("typer", "rich", "dask"),
    ),
    "cli": (
        "from chipshock.cli.main import main\nraise SystemExit(main(['version']))",
        ("fastapi", "dask"),
    ),
    "dask": (
        "import distributed, chipshock.sim.run.executors\nprint(distributed.__version__)",
        ("duckdb", "typer", "fastapi"),
    ),
}


def _uv() -> str:
    """The uv pinned by the Makefile (.tools/), else $UV, else one beside Python or on PATH."""
    candidates = [
        str(ROOT / ".tools" / "bin" / "uv"),
        os.environ.get("UV", ""),
        str(Path(sys.executable).with_name("uv")),
        shutil.which("uv") or "",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail("uv not found: run `make dev` (it installs uv into .tools/) or set UV=path")


@pytest.mark.parametrize("extra", list(CASES), ids=lambda e: e or "core")
def test_extra_installs_and_imports_alone(extra: str, tmp_path: Path) -> None:
    """`chipshock[EXTRA]` alone, from the lock: its entry point works, others' are absent."""
    code, absent = CASES[extra]
    env_dir = tmp_path / "venv"
    env = {
        **os.environ,
        "UV_PROJECT_ENVIRONMENT": str(env_dir),
        "UV_NO_PROGRESS": "1",
        "PYTHONPATH": "",
        "CHIPSHOCK_DB": str(tmp_path / "chipshock.duckdb"),
    }
    sync = [_uv(), "sync", "--locked", "--no-dev", "--quiet", "--python", sys.executable]
    if extra:
        sync += ["--extra", extra]
    done = subprocess.run(sync, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    python = str(env_dir / "bin" / "python")
    db = str(tmp_path / "chipshock.duckdb")
    ran = subprocess.run(
        [python, "-W", "error", "-c", code, db],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip()
    for package in absent:
        probe = subprocess.run(
            [python, "-c", f"import {package}"], env=env, capture_output=True, check=False
        )
        assert probe.returncode != 0, f"{package} is installed with chipshock[{extra}]"
