"""`chipshock validate --lang ja`: the history table's headers, statuses, title, caption and
count line in Japanese, with the English table's figures; json unchanged."""

from __future__ import annotations

import json

from chipshock.cli.validate_cmd import status_label
from chipshock.present.messages import message
from chipshock.sim.validation.validate import STATUS_ORDER, STATUS_RULE

from .conftest import Runner

CASE = ("validate", "--case", "naka-fire-2021", "--runs", "10")


def test_history_table_in_japanese(cli: Runner) -> None:
    """Statuses in words (帯の内側, 当てはめ済み), the scoring rule and source in the caption,
    the count line in Japanese; no English status or title left."""
    code, out, err = cli(*CASE, "--lang", "ja")
    flat = "".join(out.split())
    assert code == 0, err
    assert "過去事例：観測値とモデルの比較" in flat and "判定" in out
    assert "帯の内側（当てはめ済み）" in flat and "帯より上" in flat
    assert (
        "「帯の内側」＝観測値がモデルの90%帯" in flat and "出典：history_observations.csv" in flat
    )
    assert "観測値3件：" in flat
    assert "inside" not in out and "observed vs model" not in out and "observations:" not in out
    _, english, _ = cli(*CASE, "-f", "json")
    _, japanese, _ = cli(*CASE, "-f", "json", "--lang", "ja")
    assert json.loads(japanese) == json.loads(english)


def test_every_status_has_japanese_words() -> None:
    """Each status of the engine, in-sample or not, reads in Japanese; the English rule is the
    engine's own."""
    for status in STATUS_ORDER:
        assert status_label(status, "ja") != status
        assert status_label(f"{status} (in-sample)", "ja").endswith("（当てはめ済み）")
        assert status_label(status) == status
    assert message("cli.history_status_rule", "en") == STATUS_RULE
