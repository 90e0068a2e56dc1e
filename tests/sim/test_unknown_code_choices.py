"""Review 14 #7: an unknown target's "did you mean" names each choice once, whatever its case
(a firm is known by its ETO name, operator id and operator name: "Renesas, renesas, renesas")."""

from __future__ import annotations

from chipshock.sim._problems import unknown_code


def test_did_you_mean_names_each_firm_once() -> None:
    err = unknown_code("firm", "Renesass", ["Renesas", "renesas", "renesas", "Rohm"], "targets")
    text = str(err)
    assert "did you mean Renesas?" in text or "did you mean Renesas," in text
    assert "renesas, renesas" not in text and "Renesas, renesas" not in text
