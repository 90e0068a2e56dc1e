"""The ETO release is named in Japanese on Japanese surfaces (audit28: `shapley --lang ja`'s
caption read 「出典：ETO Chip Explorer dataset, Aug 2026 update（ETO、CSET；…）」), and the API's
ETO meta carries that name as ``source_ja`` for the Japanese dashboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli.terminal import chipshock_at

from chipshock.model.chain import SupplyChain
from chipshock.present.input_rows import eto_meta
from chipshock.present.labels import eto_label

JA_NAME = "ETO Chip Explorer データセット 2026年8月更新版"


def test_the_shipped_release_has_a_japanese_name(chain: SupplyChain) -> None:
    release = chain.release
    assert eto_label(release.source_label, "ja") == JA_NAME
    meta = eto_meta(release)
    assert (meta["source"], meta["source_ja"]) == (release.source_label, JA_NAME)


@pytest.mark.parametrize("command", [("shapley", "USA", "JPN"), ("criticality",), ("inputs",)])
def test_japanese_captions_name_the_release_in_japanese(
    store_path: Path, command: tuple[str, ...]
) -> None:
    # on a wide terminal, so that no caption line breaks inside the name (rich reads COLUMNS
    # once per process)
    out = chipshock_at(400, *command, "--lang", "ja", "--db", str(store_path))
    flat = "".join(out.split())
    assert JA_NAME.replace(" ", "") in flat and "dataset,Aug" not in flat
    out = chipshock_at(400, *command, "--db", str(store_path))
    assert "ETO Chip Explorer dataset, Aug 2026 update" in " ".join(out.split())
