"""The server's token: where a request carries it, how it is compared, when a write is refused.

``app.Guard`` checks it before a request reaches the application; the write routes
(``api.require_token``) check it again, so each is safe on its own.  A write needs the
token in a header, never the cookie, so another site cannot make a browser write.
"""
from __future__ import annotations

import hmac
from http.cookies import SimpleCookie

__all__ = ["TOKEN_COOKIE", "request_token", "tokens_match", "write_refusal"]

#: The cookie a browser keeps the token in after opening a page once with ``?token=``.
TOKEN_COOKIE = "sanctionwatch_token"


def tokens_match(given: str, token: str) -> bool:
    """``given`` is the server's ``token``, compared in constant time."""
    return hmac.compare_digest(given.encode(), token.encode())


def request_token(headers: dict[str, str], *, cookies: bool = True) -> str | None:
    """The token a request carries (``headers`` by lower-case name): Authorization bearer,
    X-Sanctionwatch-Token, or the cookie when ``cookies``."""
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    if headers.get("x-sanctionwatch-token"):
        return headers["x-sanctionwatch-token"].strip()
    if cookies and "cookie" in headers:
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(headers["cookie"])
        except Exception:  # a malformed cookie header is no token
            return None
        if TOKEN_COOKIE in jar:
            return jar[TOKEN_COOKIE].value
    return None


def write_refusal(token: str | None, headers: dict[str, str]) -> tuple[int, str, dict[str, str]] | None:
    """Why a write request is refused (status, message, response headers), or None.

    Without a server token writes are disabled (403); otherwise the request needs the
    token in a header (401).
    """
    if not token:
        return 403, ("write endpoints are disabled: start `sanctionwatch serve` with SANCTIONWATCH_TOKEN set "
                     "and send 'Authorization: Bearer <token>'"), {"connection": "close"}
    given = request_token(headers, cookies=False)
    if given is None or not tokens_match(given, token):
        return 401, "write endpoints need the server's token: send 'Authorization: Bearer <token>'", {
            "www-authenticate": "Bearer", "connection": "close"}
    return None
