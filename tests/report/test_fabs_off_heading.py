"""The report's list of fabs switched off is headed in the reader's language: a scenario file's
own label as written, the run's options ("without the alliance fabs", ``--fabs-off``) and an
unlabelled switch in words, never the internal label ``override: fabs off``."""

from __future__ import annotations

import html
from pathlib import Path
from types import SimpleNamespace

import pytest

from chipshock.present.messages import message
from chipshock.report.assumptions import assumption_items
from chipshock.scenarios import apply_overrides, load_scenario
from chipshock.scenarios.model import Intervention
from chipshock.sim import load_model_data


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_option_switch_is_headed_in_words(built_store: Path, lang: str) -> None:
    data = load_model_data(built_store)
    base = load_scenario("taiwan-blockade-2027-6m")
    by_option = apply_overrides(base, fabs_off=("rapidus-iim1",), runs=1)
    text = " ".join(
        assumption_items(SimpleNamespace(scenario=by_option, runs=1, seed=1), data, lang)
    )
    assert html.escape(message("report.assume_fabs_off_option", lang)) in text
    assert "override" not in text

    plain = base.with_changes(interventions=(Intervention("fabs_off", fabs=("rapidus-iim1",)),))
    text = " ".join(assumption_items(SimpleNamespace(scenario=plain, runs=1, seed=1), data, lang))
    assert html.escape(message("report.assume_fabs_off_plain", lang)) in text

    named = base.with_changes(
        interventions=(Intervention("fabs_off", fabs=("rapidus-iim1",), label="Rapidus late"),)
    )
    text = " ".join(assumption_items(SimpleNamespace(scenario=named, runs=1, seed=1), data, lang))
    assert html.escape(message("report.assume_fabs_off", lang, label="Rapidus late")) in text
