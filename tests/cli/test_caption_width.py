"""An English caption under a narrow table is wrapped at the terminal's width, as a Japanese one
is: the 42-column loss-by-country table of `chipshock scenario run` at 80 columns carried its
caption over about ten lines of 42 characters."""

from __future__ import annotations

from tests.cli.terminal import chipshock_at


def test_a_narrow_tables_caption_uses_the_terminals_width() -> None:
    out = chipshock_at(80, "scenario", "run", "taiwan-blockade-2027-6m", "-n", "20")
    lines = out.splitlines()
    title = next(i for i, line in enumerate(lines) if line.strip() == "loss by country, USD bn")
    end = next(i for i in range(title, len(lines)) if lines[i].startswith("└"))
    table_width = len(lines[end])
    assert table_width < 50, lines[title : end + 1]
    caption = []
    for line in lines[end + 1 :]:
        if not line.strip() or line.lstrip().startswith(("┏", "value added")):
            break
        caption.append(line.rstrip())
    assert caption[0].startswith("Output at risk, by the country"), caption
    assert max(len(line) for line in caption) > table_width + 20, caption
    assert max(len(line) for line in out.splitlines()) <= 80
