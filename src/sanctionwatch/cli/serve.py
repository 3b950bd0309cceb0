"""`sanctionwatch serve [--host 127.0.0.1] [--port 8000]`"""
from __future__ import annotations

import typer

from .. import settings
from ..exceptions import ConfigError, MissingExtraError
from ._common import app, err, handle_errors, open_store


@app.command()
@handle_errors
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind. Anything but loopback needs a token (SANCTIONWATCH_TOKEN)."),
    port: int = typer.Option(8000, "--port", "-p", min=1, max=65535, help="Port to listen on."),
) -> None:
    """Serve the web application and the REST API over the database.

    Binds to 127.0.0.1 by default. Binding elsewhere needs SANCTIONWATCH_TOKEN (or --token),
    and then every request must carry it; write endpoints (POST /api/documents) always do.
    """
    try:
        import uvicorn  # noqa: PLC0415

        from ..serve import LOOPBACK, create_app, is_loopback  # noqa: PLC0415
    except ModuleNotFoundError as exc:
        raise MissingExtraError(exc.name or "uvicorn", "serve") from None
    token = settings.get("token")
    local = is_loopback(host)
    if not local and not token:
        raise ConfigError(
            f"refusing to serve on {host}: it is reachable from other machines and no token is set. "
            "Set SANCTIONWATCH_TOKEN (or the global --token option) to require it on every request, "
            "or bind to 127.0.0.1 (the default)")
    store = open_store()
    application = create_app(store, token=token, token_for_reads=not local,
                             allowed_hosts=LOOPBACK | {host.strip("[]").lower()} if local else None)
    shown = f"[{host}]" if ":" in host else host
    err.print(f"serving {store.url} at http://{shown}:{port}/  (API docs: /api/docs; Ctrl-C stops)", highlight=False)
    if not local:
        err.print(f"every request needs the token: open http://{shown}:{port}/?token=<token> once in a browser",
                  highlight=False)
    uvicorn.run(application, host=host, port=port, log_level="warning")
