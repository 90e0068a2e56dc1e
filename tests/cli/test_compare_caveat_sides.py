"""A comparison's binding-class caveat (session 30's audit, finding 1): it said "in both runs …
supply falls to 68 % of demand" where `scenario run` of the side with the alliance fabs, on the
same runs and seed, says 70 %: it kept the lower side's share for both. Now each side's own share,
the side named as the comparison's summary names it ("with the alliance fabs", not the
scenario's title with "(changed: …)"), in the CLI's terminal and JSON alike."""

from __future__ import annotations

import json
import re

from .conftest import Runner

FLAGSHIP = "taiwan-blockade-2027-6m"
SHARE = re.compile(r"supply falls to (\d+)% of demand")
BOTH = re.compile(r"falls to (\d+)% \(“([^”]+)”\) and (\d+)% \(“([^”]+)”\) of demand")


def _json(cli: Runner, *args: str) -> dict:
    code, out, err = cli(*args, "--runs", "20", "--seed", "7", "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_each_side_carries_its_own_share_named_as_the_summary_names_it(cli: Runner) -> None:
    cmp = _json(cli, "scenario", "compare", FLAGSHIP)
    (with_fabs,) = [c for c in _json(cli, "scenario", "run", FLAGSHIP)["caveats"] if "Binding" in c]
    own = SHARE.search(with_fabs)
    assert own, with_fabs
    (caveat,) = [c for c in cmp["caveats"] if c.startswith("Binding class, cars")]
    labels = cmp["labels"]["en"]
    found = BOTH.search(caveat)
    if found:  # the sides differ: each its own share, by the summary's names
        assert "in both runs" in caveat
        assert [found.group(2), found.group(4)] == labels
        assert found.group(3) == own.group(1)  # the side with the fabs, as its own run says
    else:  # the same rounded share on both sides: said once
        assert SHARE.search(caveat).group(1) == own.group(1), caveat
    assert "(changed:" not in caveat
    assert caveat in cmp["summary_text"]["en"]
    (ja,) = [c for c in cmp["caveats_ja"] if c.startswith("自動車の制約")]
    assert "日米連携の新工場" in ja and "変更" not in ja
