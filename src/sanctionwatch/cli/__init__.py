"""The ``sanctionwatch`` command line: one thin module per verb.

Each command parses its options, calls one library function and renders the result with
Rich.  Global options are derived from the settings table (``SETTINGS``), so every
setting is a flag (``--db``), an environment variable (``SANCTIONWATCH_DB``) and a line in
``docs/settings.md``.
"""
from __future__ import annotations

import inspect
from typing import Any

import typer

from .._version import __version__
from ..settings import SETTINGS, configure
from ._common import app

__all__ = ["app", "main"]


def _global_options(**values: Any) -> None:
    configure(**{k: v for k, v in values.items() if k != "version"})
    if values.get("version"):
        typer.echo(f"sanctionwatch {__version__}")
        raise typer.Exit()


def _build_callback() -> Any:
    params = [inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)]
    for s in SETTINGS.values():
        kind = {int: int | None, float: float | None}.get(s.parse, str | None)  # type: ignore[call-overload]
        option = typer.Option(None, "--" + s.name.replace("_", "-"),
                              help=f"{s.help} [env: {s.env}; default: {s.default}]",
                              show_default=False, rich_help_panel="Settings")
        params.append(inspect.Parameter(s.name, inspect.Parameter.KEYWORD_ONLY, default=option, annotation=kind))
    params.append(inspect.Parameter(
        "version", inspect.Parameter.KEYWORD_ONLY, annotation=bool,
        default=typer.Option(False, "--version", help="Print the version and exit.", is_eager=True)))

    def callback(ctx: typer.Context, **values: Any) -> None:
        _global_options(**values)

    callback.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    callback.__doc__ = (
        "Turn news reports into sourced, structured evidence for sanctions monitoring.\n\n"
        "Start with `sanctionwatch ingest FOLDER`, then `sanctionwatch claims`."
    )
    return callback


app.callback(no_args_is_help=True)(_build_callback())

# Each verb registers itself on ``app``, and `sanctionwatch --help` lists the verbs in this
# import order, so the order is kept by hand rather than sorted.
# isort: off
from . import claims as _claims  # noqa: E402,F401
from . import documents as _documents  # noqa: E402,F401
from . import events as _events  # noqa: E402,F401
from . import export as _export  # noqa: E402,F401
from . import ingest as _ingest  # noqa: E402,F401
from . import show as _show  # noqa: E402,F401
from . import feeds as _feeds  # noqa: E402,F401
from . import watch as _watch  # noqa: E402,F401
from . import serve as _serve  # noqa: E402,F401
from . import db as _db  # noqa: E402,F401
from . import batch as _batch  # noqa: E402,F401
from . import actors as _actors  # noqa: E402,F401
from . import lists as _lists  # noqa: E402,F401
from . import matches as _matches  # noqa: E402,F401
from . import report as _report  # noqa: E402,F401
# isort: on


def main() -> None:
    app()
