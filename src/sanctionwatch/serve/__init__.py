"""``sanctionwatch serve``: a local web application over the same database.

``create_app(store)`` builds the FastAPI application: the REST API under ``/api``
(``api.py``), the server-rendered pages (``pages.py``, ``templates/``), and the assets in
``static/`` — CSS, a small script that draws the chart and the map, and coarse country
outlines for an offline base map.  Nothing is fetched from outside the server.

Needs the ``serve`` extra: ``pip install 'sanctionwatch[serve]'``.
"""
from __future__ import annotations

from ..exceptions import MissingExtraError

try:
    from .app import CSP, create_app
except ModuleNotFoundError as exc:  # fastapi, jinja2 or uvicorn missing
    if exc.name and exc.name.split(".")[0] in ("fastapi", "starlette", "jinja2", "pydantic"):
        raise MissingExtraError(exc.name, "serve") from None
    raise

__all__ = ["CSP", "LOOPBACK", "create_app", "is_loopback"]

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    import ipaddress  # noqa: PLC0415

    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
