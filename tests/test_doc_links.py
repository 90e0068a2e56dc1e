"""README.md and docs/*.md point at things that exist: every relative link and its anchor, every
section they cite by name ("docs/scenarios.md, "Errors""), every `chipshock` command and option
they show, and every file path and Python name they give in backticks. A test copies the docs,
breaks each kind once, and checks it is caught."""

from __future__ import annotations

import importlib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from chipshock.cli.main import app

ROOT = Path(__file__).resolve().parents[1]
FENCE = re.compile(r"^```.*?^```", flags=re.DOTALL | re.MULTILINE)
LINK = re.compile(r"\]\(([^)\s]+)\)")
CITED = re.compile(r"((?:docs/)?[\w.-]+\.md)\]?(?:\([^)]*\))?,?\s+\(?\"([^\"]+)\"")
SPAN = re.compile(r"`([^`]+)`")
FILE_SPAN = re.compile(r"`((?:[\w.-]+/)+[\w.-]+\.(?:py|csv|toml|md|json|js|html|css))`")
NAME_SPAN = re.compile(r"`(chipshock(?:\.\w+)+)(?:\(\))?`")
#: where a path in backticks may start: the repository, the package, its engine, its data files
PATH_BASES = ("", "src/chipshock", "src/chipshock/sim", "src/chipshock/data/files")
GENERATED = ("out/",)  # written by `make demo`, not shipped


def doc_files(root: Path) -> list[Path]:
    """The pages this test reads: the README and every page under docs/."""
    return [root / "README.md", *sorted((root / "docs").glob("*.md"))]


def _without_fences(text: str) -> str:
    """The text with each fenced block blanked, line numbers kept."""
    return FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading.replace("`", "")).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _headings(page: Path) -> list[str]:
    """Each heading's text (backticks dropped), then each paragraph's bold lead ("**Errors.**")."""
    text = _without_fences(page.read_text(encoding="utf-8"))
    titles = [m.replace("`", "") for m in re.findall(r"^#{1,6} (.+)$", text, flags=re.MULTILINE)]
    leads = re.findall(r"^(?:- )?\*\*([^*]+?)[.:]?\*\*", text, flags=re.MULTILINE)
    return titles + leads


def _anchors(page: Path) -> set[str]:
    """The anchors of a page's headings; a repeated heading gets -1, -2, ... as on GitHub."""
    seen: dict[str, int] = {}
    text = _without_fences(page.read_text(encoding="utf-8"))
    for title in re.findall(r"^#{1,6} (.+)$", text, flags=re.MULTILINE):
        slug = _slug(title)
        seen[slug] = seen.get(slug, -1) + 1
    return {
        slug if n == 0 else f"{slug}-{n}" for slug, count in seen.items() for n in range(count + 1)
    }


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def link_problems(pages: list[Path], root: Path) -> tuple[list[str], int]:
    """(one line per relative link or anchor that does not resolve, links checked)."""
    problems: list[str] = []
    checked = 0
    for page in pages:
        text = SPAN.sub(lambda m: " " * len(m.group(0)), _without_fences(page.read_text("utf-8")))
        for match in LINK.finditer(text):
            target = match.group(1)
            if re.match(r"[a-z]+:", target):  # http:, https:, mailto:
                continue
            checked += 1
            path, _, anchor = target.partition("#")
            resolved = (page.parent / path) if path else page
            where = f"{page.relative_to(root)}:{_line(text, match.start())}: ({target})"
            if not resolved.exists():
                problems.append(f"{where}: no file {path}")
            elif anchor and anchor not in _anchors(resolved):
                problems.append(f"{where}: no heading in {resolved.name} has the anchor #{anchor}")
    return problems, checked


def section_problems(pages: list[Path], root: Path) -> tuple[list[str], int]:
    """(one line per section cited by name, `docs/x.md, "Title"`, that the page lacks, cited)."""
    problems: list[str] = []
    checked = 0
    for page in pages:
        text = _without_fences(page.read_text("utf-8"))
        for match in CITED.finditer(text):
            name, title = match.groups()
            cited = root / name if "/" in name else page.parent / name
            if cited.suffix != ".md" or not cited.exists():
                continue  # a missing file is link_problems' or the prose's business
            checked += 1
            title = " ".join(title.split())
            if not any(h.startswith(title) for h in _headings(cited)):
                problems.append(
                    f"{page.relative_to(root)}:{_line(text, match.start())}: "
                    f'{name} has no section "{title}"'
                )
    return problems, checked


def _commands(pages: list[Path], root: Path) -> Iterator[tuple[str, list[str]]]:
    """(where, words after `chipshock`) for each command in an inline span or a shell block."""
    for page in pages:
        raw = page.read_text("utf-8")
        for block in FENCE.finditer(raw):
            for offset, line in enumerate(block.group(0).splitlines()):
                words = line.split("#")[0].split()
                while words and words[0] in ("$", ".venv/bin/chipshock"):
                    words = ["chipshock", *words[1:]] if words[0] != "$" else words[1:]
                if words[:1] == ["chipshock"]:
                    where = f"{page.relative_to(root)}:{_line(raw, block.start()) + offset}"
                    yield where, words[1:]
        prose = _without_fences(raw)
        for span in SPAN.finditer(prose):
            words = span.group(1).split()
            if words and words[0] in ("chipshock", ".venv/bin/chipshock") and len(words) > 1:
                yield f"{page.relative_to(root)}:{_line(prose, span.start())}", words[1:]


def _options(command: Any) -> set[str]:
    names = {"--help"}
    for param in command.params:
        names.update(param.opts, getattr(param, "secondary_opts", []))
    return names


def command_problems(pages: list[Path], root: Path) -> tuple[list[str], int]:
    """(one line per command or option the docs show that the CLI lacks, commands checked)."""
    problems: list[str] = []
    checked = 0
    tree = typer.main.get_command(app)
    for where, words in _commands(pages, root):
        checked += 1
        command, path = tree, ["chipshock"]
        while hasattr(command, "commands") and words and words[0] in command.commands:
            path.append(words[0])
            command = command.commands[words.pop(0)]
        if hasattr(command, "commands") and words and re.fullmatch(r"[a-z][a-z-]*", words[0]):
            problems.append(f"{where}: {' '.join(path)} has no command {words[0]}")
            continue
        for word in words:
            for option in re.findall(r"(?<![\w-])--?[a-z][\w-]*", word.split("=")[0]):
                if option not in _options(command):
                    problems.append(f"{where}: {' '.join(path)} has no option {option}")
    return problems, checked


def path_problems(pages: list[Path], root: Path) -> tuple[list[str], int]:
    """(one line per backticked file path, `sim/engine/loop.py`, found under no base, checked)."""
    problems: list[str] = []
    checked = 0
    for page in pages:
        text = _without_fences(page.read_text("utf-8"))
        for match in FILE_SPAN.finditer(text):
            path = match.group(1)
            if path.startswith(GENERATED):
                continue
            checked += 1
            if not any((root / base / path).exists() for base in PATH_BASES):
                where = f"{page.relative_to(root)}:{_line(text, match.start())}"
                problems.append(f"{where}: no file {path} (under {', '.join(PATH_BASES[1:])})")
    return problems, checked


def _resolves(dotted: str) -> bool:
    """Whether `chipshock.a.b.c` is a module or an attribute of one."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(found, attribute):
                return False
            found = getattr(found, attribute)
        return True
    return False


def name_problems(pages: list[Path], root: Path) -> tuple[list[str], int]:
    """(one line per backticked `chipshock.x.y` that names no module or attribute, checked)."""
    problems: list[str] = []
    checked = 0
    for page in pages:
        text = _without_fences(page.read_text("utf-8"))
        for match in NAME_SPAN.finditer(text):
            checked += 1
            if not _resolves(match.group(1)):
                where = f"{page.relative_to(root)}:{_line(text, match.start())}"
                problems.append(f"{where}: no module or attribute {match.group(1)}")
    return problems, checked


def test_links_resolve() -> None:
    """Every relative link in README.md and docs/*.md names a file that exists, and its anchor
    a heading of that file."""
    problems, checked = link_problems(doc_files(ROOT), ROOT)
    assert problems == []
    assert checked >= 10


def test_cited_sections_exist() -> None:
    """A section cited by name (`docs/scenarios.md, "Errors"`) is a heading or a paragraph's bold
    lead in that page."""
    problems, checked = section_problems(doc_files(ROOT), ROOT)
    assert problems == []
    assert checked >= 5


def test_commands_and_options_exist() -> None:
    """Every `chipshock ...` the docs show names a command of the CLI and only its options."""
    problems, checked = command_problems(doc_files(ROOT), ROOT)
    assert problems == []
    assert checked >= 100


def test_files_and_names_exist() -> None:
    """Every file path (`tests/test_docs.py`, `sim/engine/loop.py`) and Python name
    (`chipshock.present.numbers.machine_number`) the docs give in backticks exists."""
    paths, paths_checked = path_problems(doc_files(ROOT), ROOT)
    names, names_checked = name_problems(doc_files(ROOT), ROOT)
    assert paths + names == []
    assert paths_checked >= 50 and names_checked >= 30


def test_a_broken_reference_is_caught(tmp_path: Path) -> None:
    """In a copy of the docs, a wrong anchor, a missing file, a renamed section, an unknown
    command, an unknown option, a missing path and an unknown Python name are each reported
    once, at their line."""
    shutil.copy(ROOT / "README.md", tmp_path / "README.md")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    for shared in ("bench", "src", "tests"):  # what the docs name, read in place
        (tmp_path / shared).symlink_to(ROOT / shared, target_is_directory=True)
    pages = doc_files(tmp_path)

    def found() -> list[str]:
        checks = (link_problems, section_problems, command_problems, path_problems, name_problems)
        return [line for check in checks for line in check(pages, tmp_path)[0]]

    assert found() == []
    readme = (tmp_path / "README.md").read_text("utf-8")
    for old, broken in (
        ("docs/scenarios.md#what-each-fab-avoids", "docs/scenarios.md#what-each-fab-avoid"),
        ("(docs/api.md)", "(docs/apis.md)"),
        ('docs/scenarios.md, "Errors"', 'docs/scenarios.md, "Error messages"'),
        ("`chipshock groups`", "`chipshock group`"),
        ("`chipshock criticality --by country`", "`chipshock criticality --by-country`"),
        ("`chipshock.present`", "`chipshock.presents`"),
        ("`tests/test_extras.py`", "`tests/test_extra.py`"),
    ):
        assert old in readme
        readme = readme.replace(old, broken, 1)
    (tmp_path / "README.md").write_text(readme, "utf-8")
    reported = found()
    assert len(reported) == 7, reported
    for needle in (
        "#what-each-fab-avoid",
        "no file docs/apis.md",
        'no section "Error messages"',
        "has no command group",
        "chipshock criticality has no option --by-country",
        "no module or attribute chipshock.presents",
        "no file tests/test_extra.py",
    ):
        assert sum(needle in line for line in reported) == 1, (needle, reported)
    assert all(line.startswith("README.md:") for line in reported)
