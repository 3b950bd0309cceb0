from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the serve extra is not installed: pip install 'sanctionwatch[serve]'")

from fastapi.testclient import TestClient  # noqa: E402

from sanctionwatch.serve import create_app  # noqa: E402
from sanctionwatch.store import Store  # noqa: E402

from . import fixtures  # noqa: E402

TOKEN = "test-token-123"


@pytest.fixture(scope="session")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = fixtures.build(tmp_path_factory.mktemp("serve") / "fixture.db")
    yield s
    s.close()


@pytest.fixture(scope="session")
def client(store: Store) -> TestClient:
    return TestClient(create_app(store, token=TOKEN), raise_server_exceptions=False)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` on a loopback port, served by uvicorn in a thread; yields its base URL."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(5)


@pytest.fixture(scope="session")
def live_server(store: Store) -> Iterator[str]:
    """The application on a loopback port, served by uvicorn in a thread."""
    with serving(create_app(store, token=TOKEN, allowed_hosts={"127.0.0.1", "localhost"})) as url:
        yield url
