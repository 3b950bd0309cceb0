"""What every CLI verb shares: the app, the consoles, opening the store, error handling."""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import typer
from rich.console import Console

from .. import settings
from ..exceptions import SanctionwatchError
from ..store import Store

app = typer.Typer(
    name="sanctionwatch",
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)
console = Console()
err = Console(stderr=True)

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(func: F) -> F:
    """Turn library errors into one clear line on stderr and exit code 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SanctionwatchError as exc:
            err.print(f"[red]error:[/red] {exc}", highlight=False)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def open_store() -> Store:
    return Store(settings.get("db"))


def short(doc_id: str | None) -> str:
    return (doc_id or "")[:14]
