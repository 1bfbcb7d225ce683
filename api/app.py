"""The ASGI application: GraphQL (and GraphiQL) at /graphql, health at /healthz."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import orjson
from cross_web import HTTPException
from starlette.applications import Starlette
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.schema.exceptions import InvalidOperationTypeError

from api.admission import Admission, RateLimited
from api.auth import Role, TokenStore, is_loopback, load_token_store
from api.context import Context
from api.errors import ErrorCode
from api.extensions.response_cache import ResponseStore
from api.known_reads import KnownReads
from api.media import GRAPHQL_RESPONSE, JSON, negotiate, request_error
from api.schema import schema
from graph.config import Settings, load_settings
from graph.exceptions import ConfigError, DiikgError
from graph.projection import ProjectionCache
from graph.store.changes import changes_since
from graph.store.database import Database

__all__ = ["MAX_BODY_BYTES", "create_app"]

log = logging.getLogger("diikg.api")


MAX_BODY_BYTES = 256 * 1024
"""Largest request body accepted; the largest query the token limit allows is far smaller."""

GRAPHIQL_DIR = Path(__file__).with_name("graphiql")
"""GraphiQL's page, and the npm packages (installed by `make`) whose builds it loads."""
_ASSETS = {
    "graphiql.min.css": "node_modules/graphiql/graphiql.min.css",
    "graphiql.min.js": "node_modules/graphiql/graphiql.min.js",
    "react.production.min.js": "node_modules/react/umd/react.production.min.js",
    "react-dom.production.min.js": "node_modules/react-dom/umd/react-dom.production.min.js",
    "setup.js": "setup.js",
    "page.css": "page.css",
}
"""The files GraphiQL's page loads, by name, relative to ``GRAPHIQL_DIR``."""

EXPLORER_DIR = Path(__file__).with_name("explorer") / "dist"
"""The explorer's page and assets, as `make install` builds them (api/explorer)."""

PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
"""Headers of GraphiQL's page: only its own scripts run, and no other site may frame it."""

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
"""The Host names a loopback-bound server answers to (others are refused: DNS rebinding)."""


class _SubResponse(Response):
    """What execution decides of a response (status, headers), and its negotiated media type."""

    media = JSON


class _GraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI view, with our per-request context and a GraphiQL that needs no CDN.

    Every request runs under the admission limits (``api.admission``) and the wall-clock
    limit ``DIIKG_REQUEST_TIMEOUT``; its answer is sent in the media type the client
    accepts (``api.media``) and refused if larger than ``DIIKG_MAX_RESPONSE_MB``. A
    request a compiled read answered before is answered again without GraphQL's
    pipeline (``api.known_reads``).
    """

    def __init__(self, settings: Settings) -> None:
        super().__init__(schema, graphql_ide="graphiql", allow_queries_via_get=True)
        self.request_timeout = settings.request_timeout
        self.max_response_mb = settings.max_response_mb
        self.max_response_bytes = int(settings.max_response_mb * 1024 * 1024)
        self.known = KnownReads()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=receive)
        media = negotiate(request.headers.get("accept"))
        scope["state"]["media"] = media or JSON
        if media is None and not _wants_page(request):
            response: Response = _error(
                406,
                ErrorCode.BAD_USER_INPUT,
                f"the Accept header takes neither {GRAPHQL_RESPONSE} nor {JSON}",
            )
            await response(scope, receive, send)
            return
        admission: Admission = request.app.state.admission
        media = media or JSON
        try:
            async with (
                admission.request(scope["state"]["client"]),
                asyncio.timeout(self.request_timeout),
            ):
                response = await self.run(request)
        except HTTPException as exc:
            response = _error(exc.status_code, ErrorCode.BAD_USER_INPUT, exc.reason, media=media)
        except RateLimited as refused:
            response = _error(
                429,
                ErrorCode.RATE_LIMITED,
                str(refused),
                headers={"Retry-After": str(refused.retry_after)},
                media=media,
                retryAfter=refused.retry_after,
            )
        except TimeoutError:
            response = _error(
                504,
                ErrorCode.TIMEOUT,
                f"the request took longer than {self.request_timeout:g} s and was stopped; "
                "ask for fewer results",
                media=media,
            )
        await response(scope, receive, send)

    async def get_sub_response(self, request: Request) -> Response:  # type: ignore[override]
        sub_response = _SubResponse()
        sub_response.status_code = None  # type: ignore[assignment]
        del sub_response.headers["content-length"]
        sub_response.media = request.state.media
        return sub_response

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        media = getattr(sub_response, "media", JSON)
        status = 200
        if (
            isinstance(response_data, dict)
            and media == GRAPHQL_RESPONSE
            and request_error(response_data)
        ):
            response_data = {k: v for k, v in response_data.items() if k != "data"}  # type: ignore[assignment]
            status = 400
        body = self.encode_json(response_data)
        if len(body) > self.max_response_bytes:
            body = self.encode_json(
                {
                    "data": None,
                    "errors": [
                        {
                            "message": f"the answer is {len(body) / 1024 / 1024:.1f} MiB, over "
                            f"the limit of {self.max_response_mb:g} MiB: ask for fewer items "
                            "(first) or fields",
                            "extensions": {"code": ErrorCode.RESPONSE_TOO_LARGE.value},
                        }
                    ],
                }
            )
        response = Response(body, status_code=sub_response.status_code or status, media_type=media)
        response.headers.raw.extend(sub_response.headers.raw)
        return response

    async def execute_single(  # type: ignore[override]
        self, request: Request, request_adapter: Any, **kwargs: Any
    ) -> Any:
        context: Context = kwargs["context"]
        request_data: GraphQLRequestData = kwargs["request_data"]
        known = await self.known.answer(request_data, context)
        if known is not None:
            return known
        try:
            result = await super().execute_single(
                request=request, request_adapter=request_adapter, **kwargs
            )
        except HTTPException as exc:
            if request_adapter.method == "GET" and isinstance(
                exc.__cause__, InvalidOperationTypeError
            ):
                raise HTTPException(
                    405, "a GET request may only run a query; send mutations by POST"
                ) from exc
            raise
        self.known.learn(request_data, context, result)
        return result

    def encode_json(self, data: object) -> bytes:
        try:
            return orjson.dumps(data)
        except orjson.JSONEncodeError:
            # An unpaired surrogate echoed back from the request: written as an escape.
            return json.dumps(data, ensure_ascii=True, default=str).encode()

    def parse_json(self, data: str | bytes) -> Any:
        try:
            parsed = super().parse_json(data)
        except RecursionError:
            raise HTTPException(400, "the request body is JSON nested too deeply") from None
        if not isinstance(parsed, dict | list):
            raise HTTPException(400, 'the request body must be a JSON object: {"query": "..."}')
        where = _unpaired_surrogate(parsed)
        if where is not None:
            raise HTTPException(
                400, f"{where} holds an unpaired surrogate (such as \\ud800): not valid Unicode"
            )
        return parsed

    async def render_graphql_ide(self, request: Request) -> Response:
        page = (GRAPHIQL_DIR / "index.html").read_text(encoding="utf-8")
        return HTMLResponse(page, headers=PAGE_HEADERS)

    async def get_context(self, request: Request, response: Any) -> Context:  # type: ignore[override]
        state = request.app.state
        return Context(
            db=state.db.counted(),
            settings=state.settings,
            projections=state.projections,
            request_id=request.state.request_id,
            role=request.state.role,
            responses=state.responses,
            admission=state.admission,
            response=response,
        )


class _Gatekeeper:
    """ASGI middleware: request ids, Host and Origin, bearer tokens, and who may read.

    A request for a Host the server does not serve (on loopback: only loopback names,
    so that a rebound DNS name cannot reach it) or from a web page of a foreign Origin
    is refused (403). A malformed or unknown token is refused at once (401). With no
    token, reads are open only when the server is bound to loopback; GraphiQL's page
    itself is always served, since it holds no data.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        tokens: TokenStore,
        open_reads: bool,
        hosts: frozenset[str] | None,
        origins: frozenset[str],
    ) -> None:
        self.app = app
        self.tokens = tokens
        self.open_reads = open_reads
        self.hosts = hosts
        self.origins = origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        request_id = request.headers.get("x-request-id") or uuid.uuid4().hex
        scope.setdefault("state", {})
        scope["state"]["request_id"] = request_id[:64]
        refusal = self._foreign(request)
        if refusal is not None:
            await _error(403, ErrorCode.FORBIDDEN, refusal)(scope, receive, send)
            return
        header = request.headers.get("authorization")
        role: Role | None = None
        if header is not None:
            scheme, _, token = header.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                await self._refuse(
                    scope, receive, send, "the Authorization header must be `Bearer <token>`"
                )
                return
            role = self.tokens.role_of(token.strip())
            if role is None:
                await self._refuse(scope, receive, send, "the bearer token is not valid")
                return
            client = "token " + hashlib.sha256(token.strip().encode()).hexdigest()[:16]
        else:
            client = "address " + (scope["client"][0] if scope.get("client") else "-")
        scope["state"]["client"] = client
        if (
            role is None
            and not self.open_reads
            and not _wants_page(request)
            and scope["path"] == "/graphql"
        ):
            await self._refuse(
                scope, receive, send, "a bearer token is needed: this API is not on loopback"
            )
            return
        scope["state"]["role"] = role
        declared = request.headers.get("content-length", "0")
        if not declared.isdigit() or int(declared) > MAX_BODY_BYTES:
            await self._too_large(scope, receive, send)
            return
        try:
            await self.app(scope, _limited(receive), _with_request_id(send, request_id))
        except _BodyTooLarge:
            await self._too_large(scope, receive, send)

    def _foreign(self, request: Request) -> str | None:
        """Why a request comes from where it may not (its Host or its Origin), or ``None``."""
        host = request.headers.get("host", "")
        name = _host_name(host)
        if self.hosts is not None and name not in self.hosts:
            return f"this API does not answer to the host {name!r}; use 127.0.0.1 or localhost"
        origin = request.headers.get("origin")
        if origin is None or origin in self.origins:
            return None
        if origin == f"{request.url.scheme}://{host}":
            return None
        return f"requests from web pages of {origin} are refused (set DIIKG_CORS_ORIGINS to allow)"

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, message: str) -> None:
        await _error(
            401, ErrorCode.UNAUTHENTICATED, message, headers={"WWW-Authenticate": "Bearer"}
        )(scope, receive, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        message = f"the request body is larger than {MAX_BODY_BYTES // 1024} KiB"
        await _error(413, ErrorCode.BAD_USER_INPUT, message)(scope, receive, send)


def _error(
    status: int,
    code: ErrorCode,
    message: str,
    headers: dict[str, str] | None = None,
    media: str = JSON,
    **extensions: Any,
) -> JSONResponse:
    """A GraphQL-shaped error response for a request that GraphQL did not answer."""
    body = {"errors": [{"message": message, "extensions": {"code": code.value, **extensions}}]}
    return JSONResponse(body, status_code=status, headers=headers, media_type=media)


def _wants_page(request: Request) -> bool:
    """Whether a request is a browser's for GraphiQL's page."""
    return request.method == "GET" and "text/html" in request.headers.get("accept", "")


class _BodyTooLarge(Exception):
    """A request body grew past ``MAX_BODY_BYTES`` while it was read."""


def _limited(receive: Receive) -> Receive:
    """``receive``, refusing a body (chunked or not) larger than ``MAX_BODY_BYTES``."""
    seen = 0

    async def receiving() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > MAX_BODY_BYTES:
                raise _BodyTooLarge
        return message

    return receiving


def _with_request_id(send: Send, request_id: str) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            message.setdefault("headers", []).append((b"x-request-id", request_id.encode()))
        await send(message)

    return sending


async def _http_error(request: Request, exc: Exception) -> Response:
    """A routing error (no such path, a method it does not take) as a coded JSON error."""
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers) if exc.headers else None
    return _error(exc.status_code, ErrorCode.BAD_USER_INPUT, str(exc.detail), headers=headers)


def _unpaired_surrogate(value: Any) -> str | None:
    """Where in a parsed JSON body a string holds an unpaired surrogate, or ``None``."""
    stack: list[tuple[str, Any]] = [("the request", value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return where
        elif isinstance(item, dict):
            stack += [
                (f"{where}.{key}" if where != "the request" else str(key), v)
                for key, v in item.items()
            ]
            stack += [(where, key) for key in item]
        elif isinstance(item, list):
            stack += [(f"{where}[{i}]", v) for i, v in enumerate(item)]
    return None


def _host_name(host: str) -> str:
    """The name of a Host header without its port: ``[::1]:8000`` gives ``::1``."""
    if host.startswith("["):
        return host[1:].partition("]")[0].lower()
    return host.rpartition(":")[0].lower() if host.count(":") == 1 else host.lower()


def _static(path: Path | None, *, missing: str, cache: str) -> Response:
    """The file at ``path`` with ``cache`` as its Cache-Control, or a 404 saying ``missing``."""
    if path is None or not path.is_file():
        return JSONResponse({"error": missing}, 404)
    return FileResponse(path, headers={"Cache-Control": cache, "X-Content-Type-Options": "nosniff"})


async def _asset(request: Request) -> Response:
    relative = _ASSETS.get(request.path_params["name"])
    return _static(
        GRAPHIQL_DIR / relative if relative else None,
        missing="no such asset; run `make install` for GraphiQL's files",
        cache="public, max-age=86400",
    )


async def _explorer_page(request: Request) -> Response:
    if request.url.path == "/explore":
        return RedirectResponse(
            "/explore/" + (f"?{request.url.query}" if request.url.query else "")
        )
    page = EXPLORER_DIR / "index.html"
    if not page.is_file():
        return JSONResponse({"error": "the explorer is not built; run `make install`"}, 404)
    return HTMLResponse(page.read_text(encoding="utf-8"), headers=PAGE_HEADERS)


async def _explorer_asset(request: Request) -> Response:
    name = request.path_params["name"]
    return _static(
        None if "/" in name or name.startswith(".") else EXPLORER_DIR / "assets" / name,
        missing="no such asset; run `make install` for the explorer",
        cache="public, max-age=31536000, immutable",  # names carry their content's hash
    )


async def _health(request: Request) -> Response:
    db: Database = request.app.state.db
    try:
        await asyncio.to_thread(db.verify)
    except DiikgError:
        return JSONResponse({"status": "database unavailable"}, status_code=503)
    return JSONResponse({"status": "ok"})


class _NoQueryStrings(logging.Filter):
    """Drops the query string from uvicorn's access log lines: it may hold a secret."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], args[2].partition("?")[0], *args[3:])
        return True


def create_app(settings: Settings | None = None) -> Starlette:
    """The API for ``settings`` (resolved from the environment if not given).

    Raises
    ------
    ConfigError
        It would listen beyond loopback with no tokens configured.
    """
    settings = settings or load_settings()
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, _NoQueryStrings) for f in access.filters):
        access.addFilter(_NoQueryStrings())
    tokens = load_token_store(settings)
    open_reads = is_loopback(settings.api_host)
    if not open_reads and len(tokens) == 0:
        raise ConfigError(
            f"refusing to serve on {settings.api_host} without tokens: every request there needs "
            "one; create tokens with `diikg token add` or set DIIKG_TOKENS"
        )

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.projections = ProjectionCache()
        app.state.db = db = await asyncio.to_thread(Database.connect, settings)
        app.state.responses = (
            ResponseStore(
                settings.response_cache_mb * 1024 * 1024,
                lambda since: asyncio.to_thread(changes_since, db, since),
            )
            if settings.response_cache_mb
            else None
        )
        app.state.admission = Admission.from_settings(settings)
        try:
            yield
        finally:
            await db.aclose()
            db.close()

    graphql = _GraphQL(settings)
    hosts = frozenset(h.lower() for h in settings.allowed_hosts)
    origins = frozenset(settings.cors_origins)
    middleware = [
        Middleware(
            _Gatekeeper,
            tokens=tokens,
            open_reads=open_reads,
            hosts=(LOOPBACK_HOSTS | hosts) if open_reads else (hosts or None),
            origins=origins,
        )
    ]
    if origins:
        middleware.insert(
            0,
            Middleware(
                CORSMiddleware,
                allow_origins=sorted(origins),
                allow_methods=["GET", "POST"],
                allow_headers=["authorization", "content-type"],
            ),
        )
    return Starlette(
        exception_handlers={StarletteHTTPException: _http_error},
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", _health, methods=["GET"]),
            Route("/graphiql/assets/{name}", _asset, methods=["GET"]),
            Route("/explore", _explorer_page, methods=["GET"]),
            Route("/explore/", _explorer_page, methods=["GET"]),
            Route("/explore/assets/{name}", _explorer_asset, methods=["GET"]),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )
