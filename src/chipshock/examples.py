"""Small built-in examples for tests, documentation and the demo."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from chipshock.model.chain import Release, SupplyChain

__all__ = ["TINY_RELEASE", "tiny_chain", "tiny_chain_dir"]

TINY_RELEASE = Release(
    release_id="tiny",
    label="tiny example chain (made up)",
    as_of="2026-11-29",
    upstream_commit="",
    citation="chipshock tiny example chain (not real data)",
    licence="CC0",
)


def tiny_chain_dir() -> Path:
    """Folder holding the tiny example chain in the ETO file format."""
    return Path(str(resources.files("chipshock") / "data" / "files" / "tiny"))


def tiny_chain() -> SupplyChain:
    """A hand-checkable ten-input chain (see ``data/files/tiny/README.md``).

    >>> chain = tiny_chain()
    >>> sorted(chain.country_codes())
    ['CHN', 'JPN', 'KOR', 'NLD', 'TWN', 'USA']
    """
    from dataclasses import replace

    from chipshock.data.eto import read_eto

    return replace(read_eto(tiny_chain_dir(), release="current"), release=TINY_RELEASE)
