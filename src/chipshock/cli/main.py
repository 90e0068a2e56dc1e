"""The `chipshock` command: a thin layer over the library."""

from __future__ import annotations

import sys

import typer

from chipshock import __version__
from chipshock.cli import (
    alliance_cmd,
    analysis_cmd,
    data_cmd,
    report_cmd,
    scenario_cmd,
    serve_cmd,
    validate_cmd,
)
from chipshock.cli.output import err_console
from chipshock.errors import ChipshockError

app = typer.Typer(
    name="chipshock",
    help="How fragile is the world's chip supply, and how much do alliances change that?",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(data_cmd.app, name="data")
for command in (
    analysis_cmd.shares,
    analysis_cmd.chokepoints,
    analysis_cmd.concentration,
    analysis_cmd.trace,
    analysis_cmd.coalition,
    analysis_cmd.criticality,
    analysis_cmd.shapley,
    analysis_cmd.synergy,
    alliance_cmd.fabs,
    alliance_cmd.partnerships,
    alliance_cmd.deliverables,
):
    app.command()(command)

scenario_cmd.register(app)
serve_cmd.register(app)
report_cmd.register(app)
validate_cmd.register(app)


@app.command()
def version() -> None:
    """Print the chipshock version."""
    typer.echo(__version__)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app; a `ChipshockError` prints its message and exits with 2."""
    try:
        result = app(args=argv, standalone_mode=False)
    except ChipshockError as exc:
        err_console.print(f"[bold red]error:[/bold red] {exc}", highlight=False)
        return exc.exit_code
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except typer.Abort:
        err_console.print("aborted")
        return 130
    except Exception as exc:  # click usage errors
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            return 2
        raise
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
