"""Audit the locked dependency set (uv.lock) for known vulnerabilities with pip-audit.

Usage: ``python scripts/audit_lock.py [--strict]`` (``make audit``; ``make test`` runs it).

pip-audit asks a vulnerability service about each pinned version: PyPI's JSON API by default,
else OSV. Where neither answers (a machine that reaches only a package mirror), pip-audit marks
every package "could not be audited" and still prints "No known vulnerabilities found". This
script does not let that pass for a clean audit: it says plainly that nothing was audited and
exits 0 (so CI on such a machine is not blocked), or 1 with ``--strict`` / ``AUDIT_STRICT=1``.
Known vulnerabilities always fail (exit 1).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    """`name` beside this interpreter (the project venv), else in .tools/ (uv), else on PATH."""
    for folder in (Path(sys.executable).parent, ROOT / ".tools" / "bin"):
        if (folder / name).exists():
            return str(folder / name)
    return name


def locked_requirements(target: Path) -> None:
    """Every pinned package of uv.lock, all extras, as a hashed requirements file."""
    subprocess.run(
        [
            *(_tool("uv"), "export", "--locked", "--all-extras", "--no-emit-project", "--quiet"),
            *("--format", "requirements-txt", "-o", str(target)),
        ],
        cwd=ROOT,
        check=True,
    )


def audit(requirements: Path, service: str) -> dict[str, object] | None:
    """pip-audit's JSON report, or None when the service could not be reached at all."""
    done = subprocess.run(
        [
            *(_tool("pip-audit"), "-r", str(requirements), "--no-deps", "--disable-pip"),
            *("--progress-spinner", "off", "--format", "json", "-s", service, "--timeout", "20"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report: dict[str, object] = json.loads(done.stdout)
    except json.JSONDecodeError:
        return None  # a connection error: pip-audit printed a traceback, no report
    return report


def main(argv: list[str]) -> int:
    strict = "--strict" in argv or os.environ.get("AUDIT_STRICT") == "1"
    with tempfile.TemporaryDirectory() as tmp:
        requirements = Path(tmp) / "locked.txt"
        locked_requirements(requirements)
        for service in ("pypi", "osv"):
            report = audit(requirements, service)
            if report is None:
                continue
            deps = report.get("dependencies")
            if not isinstance(deps, list):
                continue
            audited = [d for d in deps if "skip_reason" not in d]
            if not audited:
                continue  # the service answered "unknown" for every package: not an audit
            vulnerable = [d for d in audited if d.get("vulns")]
            for dep in vulnerable:
                ids = ", ".join(v["id"] for v in dep["vulns"])
                print(f"audit: {dep['name']} {dep['version']}: {ids}")
            skipped = len(deps) - len(audited)
            print(
                f"audit ({service}): {len(audited)} locked packages audited, {len(vulnerable)} "
                f"with known vulnerabilities, {skipped} could not be audited"
            )
            return 1 if vulnerable or (strict and skipped) else 0
    print(
        "audit: NOT AUDITED - no vulnerability service answered pip-audit (PyPI's JSON API "
        "knew none of the locked packages and OSV gave no report; here only a package mirror "
        "is reachable). "
        "Run `make audit` on a machine with internet access."
        + (" Failing because of --strict." if strict else "")
    )
    return 1 if strict else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
