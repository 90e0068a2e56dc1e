"""Every engine answer's meta names its licence in Japanese as well (audit28: a Japanese
scenario or comparison's source line ended in English, "ETO data CC BY-NC 4.0; curated data cite
their public sources"), and the tornado's and Sobol's source too."""

from __future__ import annotations

import re

from chipshock.analysis.registry import DataRelease
from chipshock.api.routes_sensitivity import TORNADO
from chipshock.api.routes_sobol import SOBOL
from chipshock.present.provenance import ENGINE_LICENCE, engine_meta

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def test_engine_meta_has_a_japanese_licence_with_or_without_a_release() -> None:
    for release in (DataRelease("25", "2026-12-06"), None):
        meta = engine_meta(release)
        assert meta["licence"] == ENGINE_LICENCE
        assert JAPANESE.search(meta["licence_ja"]) and "CC BY-NC 4.0" in meta["licence_ja"]


def test_sensitivity_and_sobol_sources_in_japanese() -> None:
    for kind in (TORNADO, SOBOL):
        assert JAPANESE.search(kind.source_ja), kind.name
        # the same files named in both languages
        files = set(re.findall(r"\w+\.csv", kind.source))
        assert files and files == set(re.findall(r"\w+\.csv", kind.source_ja)), kind.name
