"""uv.lock was generated from today's pyproject.toml: every requirement, extra and range agree.

`make check-lock` asks uv the same question; this test needs neither uv nor the network, so it
also fails in a plain `pytest` run when someone edits pyproject.toml and forgets `make lock`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]

Key = tuple[str, frozenset[str], str]


def _from_pyproject(project: dict[str, object]) -> dict[Key, SpecifierSet]:
    wanted: dict[Key, SpecifierSet] = {}
    groups: dict[str, list[str]] = {"": list(project["dependencies"])}  # type: ignore[call-overload]
    groups.update(project["optional-dependencies"])  # type: ignore[call-overload]
    for extra, lines in groups.items():
        for line in lines:
            req = Requirement(line)
            marker = f"extra == '{extra}'" if extra else ""
            key = (canonicalize_name(req.name), frozenset(req.extras), marker)
            wanted[key] = req.specifier
    return wanted


def _from_lock(lock: dict[str, object]) -> tuple[dict[Key, SpecifierSet], list[str]]:
    packages = lock["package"]
    assert isinstance(packages, list)
    ours = next(p for p in packages if p["name"] == "chipshock")
    locked: dict[Key, SpecifierSet] = {}
    for entry in ours["metadata"]["requires-dist"]:
        key = (
            canonicalize_name(entry["name"]),
            frozenset(entry.get("extras", [])),
            entry.get("marker", ""),
        )
        locked[key] = SpecifierSet(entry.get("specifier", ""))
    return locked, list(ours["metadata"].get("provides-extras", []))


def test_lock_matches_pyproject() -> None:
    """Each requirement of pyproject.toml is in uv.lock with the same range, and nothing else."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lock_path = ROOT / "uv.lock"
    if not lock_path.exists():
        pytest.fail("uv.lock is missing: run `make lock`")
    locked, extras = _from_lock(tomllib.loads(lock_path.read_text(encoding="utf-8")))
    wanted = _from_pyproject(project)
    hint = "pyproject.toml and uv.lock disagree: run `make lock` and commit uv.lock"
    assert set(wanted) == set(locked), (
        hint,
        sorted(set(wanted) ^ set(locked), key=str),
    )
    differ = {k: (str(wanted[k]), str(locked[k])) for k in wanted if wanted[k] != locked[k]}
    assert not differ, (hint, differ)
    assert sorted(extras) == sorted(project["optional-dependencies"]), hint


def test_build_backend_accepts_the_spdx_licence() -> None:
    """`license = "MIT AND CC-BY-NC-4.0"` (PEP 639) needs setuptools 77 or newer to build."""
    build = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]
    setuptools = next(Requirement(r) for r in build["requires"] if r.startswith("setuptools"))
    assert "76.9" not in setuptools.specifier and "77.0" in setuptools.specifier
