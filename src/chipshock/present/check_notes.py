"""A check of a scenario that was not run, said in English or Japanese from its message key.

`chipshock.sim.run.checks` records each such line as a `SkippedCheck`: its kind (a key of
`chipshock.sim.run.checks.SKIPPED_LINES`, worded in the message catalogue), the table not
checked and the fields it depends on. Every surface words it here from those parts, never by
reading the English sentence, so a change of the English cannot leave the Japanese behind.

>>> from chipshock.sim.run.checks import SkippedCheck
>>> line = SkippedCheck("cli.validate_skipped", "shock[0]", ("shock[0].kind", "groups.X"))
>>> skipped_check_text(line, "ja")
'shock[0]：shock[0].kind、groups.Xに問題があるため、データとの照合は行っていません（上記参照）'
"""

from __future__ import annotations

from chipshock.present.messages import message
from chipshock.sim.run.checks import SkippedCheck

__all__ = ["skipped_check_text"]


def skipped_check_text(line: SkippedCheck, lang: str = "en") -> str:
    """``line`` in ``lang`` (``en`` gives ``str(line)``): the fields it depends on as a list
    of the language (``, `` or ``、``), the scenario first when it names one."""
    fields = ("、" if lang == "ja" else ", ").join(line.because)
    text = message(line.key, lang, what=line.what, fields=fields)
    if not line.scenario:
        return text
    return message("cli.validate_in_scenario", lang, scenario=line.scenario, note=text)
