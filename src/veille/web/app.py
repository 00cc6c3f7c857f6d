"""The FastAPI application: server-rendered pages and the JSON API behind them (read-only)."""

import sqlite3
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Iterator, Literal
from urllib.parse import parse_qsl, urlencode

import jinja2
from fastapi import Depends, FastAPI, HTTPException, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from . import data, render

HERE = Path(__file__).resolve().parent
EventType = Enum("EventType", {t: t for t in data.event_types()}, type=str)  # type: ignore[misc]

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

MAX_ID = 2**53


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["snippet"] = render.snippet
    env.filters["plain"] = render.plain
    env.filters["safe_url"] = render.safe_url
    env.globals["QUADS"] = data.QUADS
    env.globals["version"] = __version__
    return env


HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]


class Hardening:
    """ASGI middleware: security headers on every response; ``?since=&type=`` (empty form fields) dropped,
    so that an empty field means the parameter is absent."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if scope.get("query_string"):
            try:
                pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
                kept = [(k, v) for k, v in pairs if v.strip() != ""]
                if len(kept) != len(pairs):
                    scope = dict(scope, query_string=urlencode(kept, encoding="latin-1").encode("latin-1"))
            except (UnicodeError, ValueError):
                pass

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message = dict(message, headers=list(message.get("headers", []))
                               + [h for h in HEADERS if h[0] not in names])
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(db_path: str | Path) -> FastAPI:
    """The web application over the corpus database at ``db_path`` (opened read-only per request)."""
    db_path = Path(db_path)
    env = _env()
    # no /docs or /redoc: FastAPI's Swagger UI and ReDoc load their scripts from a CDN
    app = FastAPI(title="veille", version=__version__, docs_url=None, redoc_url=None,
                  description="Read-only web view and JSON API over a veille corpus: full-text search, "
                              "articles with highlighted actors, quotations and events, actors, the actor "
                              "network and the event timeline.")
    app.add_middleware(Hardening)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def html(request: Request, template: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        ctx.setdefault("nav", "")
        body = env.get_template(template).render(request=request, db_path=str(db_path), **ctx)
        return HTMLResponse(body, status_code=status)

    def get_db() -> Iterator[sqlite3.Connection]:
        db = data.open_readonly(db_path)
        try:
            yield db
        finally:
            db.close()

    DB = Annotated[sqlite3.Connection, Depends(get_db)]

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    # -- errors: clear 4xx messages, HTML for pages and JSON for the API ------------------------------
    @app.exception_handler(data.NoCorpus)
    async def no_corpus(request: Request, exc: data.NoCorpus):
        if is_api(request):
            return JSONResponse({"detail": f"no corpus: {exc}. Ingest articles first: "
                                           f"veille ingest examples/blinken-lavrov.txt --db {db_path}"},
                                status_code=404)
        return html(request, "empty.html", reason=str(exc))

    @app.exception_handler(data.BadQuery)
    async def bad_query(request: Request, exc: data.BadQuery):
        if is_api(request):
            return JSONResponse({"detail": str(exc)}, status_code=400)
        return html(request, "error.html", status=400, title="Requête invalide", messages=[str(exc)])

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        messages = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ())[1:]) or "request"
            messages.append(f"{where}: {err.get('msg')}")
        if is_api(request):
            return JSONResponse({"detail": messages}, status_code=422)
        return html(request, "error.html", status=400, title="Paramètre invalide", messages=messages)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        if is_api(request) or request.url.path.startswith("/static/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return html(request, "error.html", status=exc.status_code, title="Introuvable" if exc.status_code == 404
                    else "Erreur", messages=[str(exc.detail)])

    # -- parameters ----------------------------------------------------------------------------------
    Q = Annotated[str | None, Query(max_length=500, description="Words to find (accents ignored); "
                                                               '"a phrase" in double quotes')]
    Since = Annotated[date | None, Query(description="From this date (YYYY-MM-DD)")]
    Until = Annotated[date | None, Query(description="Up to this date (YYYY-MM-DD)")]
    Actor = Annotated[str | None, Query(max_length=200, description="Entity key (per:antony blinken), name, "
                                                                    "surname or country code")]
    Type = Annotated[EventType | None, Query(alias="type", description="PLOVER event type")]
    Page = Annotated[int, Query(ge=1, le=1000)]
    Size = Annotated[int, Query(ge=1, le=100)]
    Raw = Annotated[bool, Query(description="Use the SQLite FTS5 query syntax (AND, OR, NEAR, prefix*)")]
    ArticleId = Annotated[int, PathParam(ge=1, le=MAX_ID)]
    Side = Annotated[str | None, Query(max_length=100, description="Actor code (USA, RUSGOV), name or entity key")]
    By = Annotated[Literal["quad", "type"], Query(description="Colour by QuadClass or by PLOVER type")]
    NetBy = Annotated[Literal["actor", "country"], Query(description="Nodes: cross-article actors or countries")]
    Top = Annotated[int, Query(ge=2, le=500, description="Keep the N nodes of highest degree")]
    Quad = Annotated[int | None, Query(ge=1, le=4, description="QuadClass: 1 verbal cooperation, 2 material "
                                                               "cooperation, 3 verbal conflict, 4 material conflict")]

    def tv(t: EventType | None) -> str | None:
        return t.value if t is not None else None

    # -- JSON API ------------------------------------------------------------------------------------
    @app.get("/api/search", tags=["api"], summary="Full-text search over articles and quotations")
    def api_search(db: DB, q: Q = None, since: Since = None, until: Until = None, actor: Actor = None,
                   type_: Type = None, page: Page = 1, size: Size = 20, raw: Raw = False) -> dict[str, Any]:
        res = data.search(db, q, since, until, actor, tv(type_), page, size, raw)
        for row in res["articles"]:
            row["snippet"] = render.plain(row["snippet"])
        for row in res["quotes"]:
            row["text"] = render.plain(row["text"])
        return res

    @app.get("/api/articles/{article_id}", tags=["api"], summary="One article with its actors, quotes and events")
    def api_article(db: DB, article_id: ArticleId) -> dict[str, Any]:
        art = data.article(db, article_id)
        if art is None:
            raise HTTPException(404, f"no article {article_id}")
        return art

    @app.get("/api/actors", tags=["api"], summary="The actors found in the most articles")
    def api_actors(db: DB, top: Annotated[int, Query(ge=1, le=1000)] = 50,
                   kind: Annotated[Literal["PER", "ORG", "GPE", "LOC", "MISC"] | None, Query()] = None):
        return data.entity_list(db, top, kind)

    @app.get("/api/actors/{key:path}", tags=["api"], summary="One cross-article actor")
    def api_actor(db: DB, key: Annotated[str, PathParam(max_length=300)]) -> dict[str, Any]:
        ent = data.actor(db, key)
        if ent is None:
            raise HTTPException(404, f"no actor {key!r}")
        return ent

    @app.get("/api/network", tags=["api"], summary="The actor graph: nodes and event edges")
    def api_network(db: DB, by: NetBy = "actor", since: Since = None, until: Until = None, type_: Type = None,
                    quad: Quad = None, top: Top = 50) -> dict[str, Any]:
        return data.network(db, by, since, until, tv(type_), quad, top)

    @app.get("/api/timeline", tags=["api"], summary="Events per day by type or QuadClass")
    def api_timeline(db: DB, by: By = "quad", source: Side = None, target: Side = None, since: Since = None,
                     until: Until = None, type_: Type = None) -> dict[str, Any]:
        return data.timeline(db, by, source, target, since, until, tv(type_))

    @app.get("/api/stats", tags=["api"], summary="Corpus size")
    def api_stats(db: DB) -> dict[str, Any]:
        return data.stats(db)

    # -- pages ---------------------------------------------------------------------------------------
    def link(request: Request, **changes: Any) -> str:
        params = dict(request.query_params)
        for k, v in changes.items():
            if v is None:
                params.pop(k, None)
            else:
                params[k] = str(v)
        return "?" + urlencode(params)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, db: DB, q: Q = None, since: Since = None, until: Until = None,
                    actor: Actor = None, type_: Type = None, page: Page = 1, raw: Raw = False):
        size = 20
        res = data.search(db, q, since, until, actor, tv(type_), page, size, raw)
        pages = max(1, -(-max(res["total"], res["quotes_total"]) // size))
        return html(request, "search.html", nav="search", res=res, q=q or "", since=since, until=until,
                     actor=actor or "", type_=tv(type_), raw=raw, types=data.event_types(), stats=data.stats(db),
                     page=page, pages=pages,
                     prev_link=link(request, page=page - 1) if page > 1 else None,
                     next_link=link(request, page=page + 1) if page < pages else None)


    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, db: DB, article_id: ArticleId):
        art = data.article(db, article_id)
        if art is None:
            raise HTTPException(404, f"Aucun article {article_id}.")
        evidence = {}
        for a in art["actors"]:
            evidence[f"actor:{a['id']}"] = {"kind": "acteur", "title": a["name"], "type": a["type"],
                                            "code": a["code"], "entity": a["entity"],
                                            "mentions": [m.get("text") for m in a["mentions"]]}
        for q in art["quotes"]:
            evidence[f"quote:{q['id']}"] = {"kind": "citation", "title": q["speaker_name"] or "locuteur inconnu",
                                            "entity": q["speaker_entity"], "quote": q["text"],
                                            "quote_kind": q["kind"],
                                            "cue": q["cue"].get("text") if q["cue"] else None,
                                            "sentence": q["sentence"]}
        for e in art["events"]:
            evidence[f"event:{e['id']}"] = {"kind": "événement", "title": e["type"],
                                            "dyad": f"{e['source_name'] or '?'} ({e['source_code'] or '—'}) → "
                                                    f"{e['type']} → {e['target_name'] or '?'} "
                                                    f"({e['target_code'] or '—'})",
                                            "cameo": e["cameo"], "quad": e["quad_label"],
                                            "trigger": e["trigger"].get("text"), "pattern": e["pattern"],
                                            "sentence": e["sentence"], "negated": e["negated"],
                                            "hypothetical": e["hypothetical"]}
        body = render.highlight(art["text"], render.spans_of(art))
        return html(request, "article.html", art=art, body=body, evidence=evidence)

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(request: Request, db: DB, top: Annotated[int, Query(ge=1, le=1000)] = 100):
        return html(request, "actors.html", nav="actors", rows=data.entity_list(db, top))

    @app.get("/actors/{key:path}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, db: DB, key: Annotated[str, PathParam(max_length=300)]):
        ent = data.actor(db, key)
        if ent is None:
            raise HTTPException(404, f"Aucun acteur {key!r}.")
        chart = render.bars(ent["timeline"], "articles", height=160) if ent["timeline"]["buckets"] else None
        return html(request, "actor.html", nav="actors", ent=ent, chart=chart)

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request, db: DB, by: NetBy = "actor", since: Since = None, until: Until = None,
                     type_: Type = None, quad: Quad = None, top: Top = 50):
        net = data.network(db, by, since, until, tv(type_), quad, top)
        return html(request, "network.html", nav="network", net=net, by=by, since=since, until=until,
                    type_=tv(type_), quad=quad, top=top, types=data.event_types(), colours=data.QUAD_COLOURS)

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request, db: DB, by: By = "quad", source: Side = None, target: Side = None,
                      since: Since = None, until: Until = None, type_: Type = None):
        tl = data.timeline(db, by, source, target, since, until, tv(type_))
        chart = render.bars(tl, by) if tl["buckets"] else None
        return html(request, "timeline.html", nav="timeline", tl=tl, chart=chart, by=by, source=source or "",
                    target=target or "", since=since, until=until, type_=tv(type_), types=data.event_types())

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return Response(status_code=204)

    return app
