"""Fixtures for the data-layer tests: writable copies of the tiny and real folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from chipshock.data.store import default_paths
from chipshock.examples import tiny_chain_dir


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    """A writable copy of the tiny example chain."""
    target = tmp_path / "tiny"
    shutil.copytree(tiny_chain_dir(), target)
    return target


@pytest.fixture
def curated_dir(tmp_path: Path) -> Path:
    """A writable copy of the shipped curated folder."""
    target = tmp_path / "curated"
    shutil.copytree(default_paths().curated, target)
    return target


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a file, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
