"""The ETO release is named in Japanese on Japanese surfaces (audit28: `shapley --lang ja`'s
caption read 「出典：ETO Chip Explorer dataset, Aug 2026 update（ETO、CSET；…）」), and the API's
ETO meta carries that name as ``source_ja`` for the Japanese dashboard."""

from __future__ import annotations

import pytest
from tests.cli.conftest import Runner

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
    cli: Runner, monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...]
) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    code, out, _ = cli(*command, "--lang", "ja")
    assert code == 0, out
    flat = "".join(out.split())
    assert JA_NAME.replace(" ", "") in flat and "dataset,Aug" not in flat
    code, out, _ = cli(*command)
    assert code == 0 and "ETO Chip Explorer dataset, Aug 2026 update" in " ".join(out.split())
