"""What every CLI verb shares: the app, the consoles, opening the store, error handling.

Exit codes (``EXIT_CODES``, listed in ``docs/cli.md``): 0 done; 1 done, but some inputs
failed (each is named on stderr); 2 a usage error (click's own, or an option value the
command refuses); 3 the command could not do its work (database, pack, a named input,
a missing extra); 4 an internal error (a bug: one line on stderr, never a traceback).

Nothing untrusted reaches the terminal raw: both consoles escape control characters
(``\\x1b`` becomes the four characters ``\\x1b``) in every piece of text they print, so a
title, URL, outlet or reason read from an input cannot move the cursor, retitle the
window or fake a summary line.  Values put inside Rich markup go through :func:`safe`
so that ``[red]`` in a title is printed, not interpreted.  Warnings of the libraries the
readers use (warcio, trafilatura, feedparser…) go through :mod:`logging` to stderr,
escaped the same way.
"""
from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import click
import typer
import typer.exceptions
from rich.console import Console
from rich.errors import MarkupError
from rich.markup import escape
from rich.segment import Segment

from ..exceptions import ConfigError, SanctionwatchError
from ..settings import get as get_setting
from ..store import Store

EXIT_OK = 0
EXIT_INPUTS_FAILED = 1
EXIT_USAGE = 2
EXIT_FAILED = 3
EXIT_INTERNAL = 4

#: What each exit code means (docs/cli.md is generated from this).
EXIT_CODES: dict[int, str] = {
    EXIT_OK: "done",
    EXIT_INPUTS_FAILED: "done, but some inputs failed (each is named on stderr; a re-run retries them)",
    EXIT_USAGE: "usage error: an unknown command or option, or an option value the command refuses",
    EXIT_FAILED: "the command could not do its work (database, pack, a named file, a missing extra)",
    EXIT_INTERNAL: "internal error (a bug in sanctionwatch: please report the line it printed)",
}

# C0 and C1 control characters (newline and tab excepted), DEL, and the bidirectional
# overrides that reorder what a terminal shows.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def escape_controls(text: str) -> str:
    """``text`` with every control character written as a visible escape (``\\x1b``, ``\\u202e``)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", text)


def safe(value: Any) -> str:
    """An untrusted value for an f-string with Rich markup: markup and control characters escaped."""
    return escape(escape_controls("" if value is None else str(value)))


class SafeConsole(Console):
    """A Rich console that escapes control characters in all text it writes (not in its own styling).

    A string whose markup does not parse (a title holding ``[/bold]``) is printed as it is
    rather than stopping the command with a MarkupError.
    """

    def render_str(self, text: str, **kwargs: Any) -> Any:
        try:
            return super().render_str(text, **kwargs)
        except MarkupError:
            kwargs["markup"] = False
            return super().render_str(text, **kwargs)

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            segment if segment.control else Segment(escape_controls(segment.text), segment.style)
            for segment in buffer)


app = typer.Typer(
    name="sanctionwatch",
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
console = SafeConsole()
err = SafeConsole(stderr=True)


class _ConsoleHandler(logging.Handler):
    """Library warnings to stderr, one escaped line each (``warning: trafilatura: …``)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            name = record.name.split(".")[0]
            err.print(f"[yellow]warning:[/yellow] {safe(name)}: {safe(record.getMessage())}", highlight=False)
        except Exception:  # logging must never stop a command
            self.handleError(record)


def route_library_warnings() -> None:
    """Send the readers' libraries' log records and Python warnings through the escaping console.

    Their chatter below WARNING is dropped: an ingest of a thousand pages would otherwise print
    a thousand lines of trafilatura's notes.
    """
    logging.captureWarnings(True)
    handler = _ConsoleHandler(logging.WARNING)
    for name in ("py.warnings", "warcio", "trafilatura", "feedparser", "htmldate", "courlan", "justext",
                 "charset_normalizer"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, _ConsoleHandler) for h in logger.handlers):
            logger.addHandler(handler)
        logger.propagate = False
        logger.setLevel(logging.ERROR if name in ("trafilatura", "htmldate", "courlan", "justext",
                                                  "charset_normalizer") else logging.WARNING)


F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(func: F) -> F:
    """Turn errors into one clear line on stderr and an exit code (``EXIT_CODES``), never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        route_library_warnings()
        try:
            return func(*args, **kwargs)
        except ConfigError as exc:
            err.print(f"[red]error:[/red] {safe(exc)}", highlight=False)
            raise typer.Exit(EXIT_USAGE) from None
        except SanctionwatchError as exc:
            err.print(f"[red]error:[/red] {safe(exc)}", highlight=False)
            raise typer.Exit(EXIT_FAILED) from None
        except (typer.Exit, typer.Abort, typer.exceptions.TyperException,  # typer's vendored click's
                click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # click's own: usage errors exit 2, Exit carries its code
        except Exception as exc:  # a bug: say what broke in one line, exit 4, no traceback
            logging.getLogger("sanctionwatch").debug("internal error", exc_info=True)
            err.print(f"[red]internal error:[/red] {safe(type(exc).__name__)}: {safe(exc)} "
                      f"(a bug in sanctionwatch; please report this line)", highlight=False)
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper  # type: ignore[return-value]


def open_store() -> Store:
    return Store(get_setting("db"))


def short(doc_id: str | None) -> str:
    return (doc_id or "")[:14]
