"""`sanctionwatch serve [--host 127.0.0.1] [--port 8000]`"""
from __future__ import annotations

import json
import os

import typer

from ..exceptions import ConfigError, MissingExtraError
from ..settings import SETTINGS
from ..settings import get as get_setting
from ._common import app, err, handle_errors, open_store


@app.command()
@handle_errors
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind. Anything but loopback needs a token "
                             "(SANCTIONWATCH_TOKEN)."),
    port: int = typer.Option(8000, "--port", "-p", min=1, max=65535, help="Port to listen on."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, max=64,
                                help="Server processes. More than one answers concurrent requests "
                                "on several CPU cores."),
) -> None:
    """Serve the web application and the REST API over the database.

    Binds to 127.0.0.1 by default. Binding elsewhere needs SANCTIONWATCH_TOKEN (or --token),
    and then every request must carry it; write endpoints (POST /api/documents) always do.
    """
    try:
        import uvicorn  # noqa: PLC0415

        from ..serve import LOOPBACK, create_app, is_loopback  # noqa: PLC0415
        from ..serve.app import SERVE_ENV  # noqa: PLC0415
    except ModuleNotFoundError as exc:
        raise MissingExtraError(exc.name or "uvicorn", "serve") from None
    token = get_setting("token")
    local = is_loopback(host)
    if not local and not token:
        raise ConfigError(
            f"refusing to serve on {host}: it is reachable from other machines and no token is set. "
            "Set SANCTIONWATCH_TOKEN (or the global --token option) to require it on every request, "
            "or bind to 127.0.0.1 (the default)")
    store = open_store()
    allowed_hosts = LOOPBACK | {host.strip("[]").lower()} if local else None
    application = create_app(store, token=token, token_for_reads=not local, allowed_hosts=allowed_hosts)
    shown = f"[{host}]" if ":" in host else host
    err.print(f"serving {store.url} at http://{shown}:{port}/  (API docs: /api/docs; Ctrl-C stops)", highlight=False)
    if not local:
        err.print(f"every request needs the token: open http://{shown}:{port}/?token=<token> once in a browser",
                  highlight=False)
    if workers == 1:
        uvicorn.run(application, host=host, port=port, log_level="warning")
        return
    # Worker processes build the application themselves: hand them this process's settings
    # (global flags included) and the binding's checks through the environment.
    for name, setting in SETTINGS.items():
        value = get_setting(name)
        if value is not None and value != setting.default:
            os.environ[setting.env] = str(value)
    os.environ[SERVE_ENV] = json.dumps({"token_for_reads": not local,
                                        "allowed_hosts": sorted(allowed_hosts) if allowed_hosts is not None else None})
    store.close()
    uvicorn.run("sanctionwatch.serve.app:app_from_environment", factory=True, workers=workers, host=host, port=port,
                log_level="warning")
