"""Every way the `chipshock` command can fail prints one line ``error: chipshock <command>: ...``
on stderr and exits 2, never click's ``Error:``, uvicorn's ``ERROR:`` or a traceback: run as a
user runs it, in a subprocess (review 16 #13; session 23)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from chipshock.cli.main import TRACEBACK_VAR

SRC = Path(__file__).resolve().parents[2] / "src"
JSON = ("--format", "json")


def chipshock(
    store: Path, *args: str, env: dict[str, str] | None = None, stdout: object = None
) -> subprocess.CompletedProcess[str]:
    """``python -m chipshock ARGS`` on ``store``, with PYTHONPATH at this tree."""
    environ = {**os.environ, "PYTHONPATH": str(SRC), "CHIPSHOCK_DB": str(store), **(env or {})}
    if TRACEBACK_VAR not in (env or {}):  # as a user runs it, whatever the test's shell says
        environ.pop(TRACEBACK_VAR, None)
    return subprocess.run(
        [sys.executable, "-m", "chipshock", *args],
        env=environ,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        timeout=300,
        check=False,
    )


def one_error_line(done: subprocess.CompletedProcess[str], command: str) -> str:
    """The one stderr line of a failed command, checked for the house form and exit 2."""
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1 and lines[0].startswith(f"error: chipshock {command}: "), done.stderr
    assert "Traceback" not in done.stderr  # nor click's "Error: ..." or uvicorn's "ERROR: ..."
    return lines[0]


@pytest.mark.parametrize(
    ("args", "command", "says"),
    [  # a ChipshockError, then click's usage errors: a bad value, an unknown option, a
        # missing argument, an unknown command
        (("fabs", "--coverage", *JSON), "fabs", "--coverage needs a year"),
        (("fabs", "--coverage", "--format", "xml"), "fabs", "Invalid value for '--format'"),
        (("fabs", "--coverage", "--nope", *JSON), "fabs", "No such option: --nope"),
        (("scenario", "run"), "scenario run", "Missing argument 'SCENARIO'"),
        (("scenario", "nope"), "scenario", "No such command 'nope'"),
    ],
)
def test_chipshock_and_usage_errors(
    store_path: Path, args: tuple[str, ...], command: str, says: str
) -> None:
    assert says in one_error_line(chipshock(store_path, *args), command)


def test_output_that_cannot_be_written(store_path: Path) -> None:
    """A full disk under the output (/dev/full), and a terminal whose encoding cannot hold
    the Japanese text, are one line each, saying what to do."""
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = chipshock(
            store_path, "fabs", "--coverage", "--capacity-in", "2027", *JSON, stdout=full
        )
    assert "No space left on device (errno 28)" in one_error_line(done, "fabs")
    done = chipshock(
        store_path, "fabs", "--country", "JPN", "--lang", "ja", env={"PYTHONIOENCODING": "ascii"}
    )
    line = one_error_line(done, "fabs")
    assert "encoding (ascii)" in line and "PYTHONIOENCODING=utf-8" in line


def test_an_unexpected_error_is_one_line_and_its_traceback_on_request(
    store_path: Path, tmp_path: Path
) -> None:
    """An error chipshock does not raise on purpose (a bug, here injected into the coverage
    table) is one line naming it as a bug; CHIPSHOCK_TRACEBACK=1 adds where it happened."""
    script = tmp_path / "broken.py"
    script.write_text(
        "import sys\nimport chipshock.cli.alliance_cmd as m\n"
        "def boom(*args, **kwargs):\n    raise KeyError('capacity_2027')\n"
        "m._coverage = boom\nfrom chipshock.cli.main import main\n"
        "sys.exit(main(sys.argv[1:]))\n",
        encoding="utf-8",
    )
    args = (str(script), "fabs", "--coverage", "--capacity-in", "2027", *JSON)
    environ = {**os.environ, "PYTHONPATH": str(SRC), "CHIPSHOCK_DB": str(store_path)}
    environ.pop(TRACEBACK_VAR, None)
    run = [sys.executable, *args]
    done = subprocess.run(run, env=environ, capture_output=True, text=True, check=False)
    line = one_error_line(done, "fabs")
    assert "internal error (KeyError: 'capacity_2027'); a bug in chipshock" in line
    environ[TRACEBACK_VAR] = "1"
    done = subprocess.run(run, env=environ, capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "Traceback" in done.stderr and "def boom" not in line
    assert done.stderr.strip().splitlines()[-1] == line


def test_serve_on_a_port_in_use(store_path: Path) -> None:
    """`chipshock serve` on a port another program holds says so on its line (uvicorn printed
    "ERROR: [Errno 98] ..." and exited 3)."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = chipshock(store_path, "serve", "--port", str(port))
    line = one_error_line(done, "serve")
    assert (
        f"--host/--port: cannot listen there: Address already in use (got '127.0.0.1:{port}'"
        in line
    )
