"""The evidence brief: what a monitor sends to a committee, an editor or a compliance officer.

``build_brief(store, event_id)`` (or ``type=``/``actor=``/``since=`` for several events) gathers,
for each event, a title and a summary line, the figures by source with their consensus or
conflict, the independent sources, the timeline of reports, every claim's quotation with its
outlet, date and link, and the provisions the claims may be relevant to.  ``render_html``
turns it into one self-contained HTML file (inline style, no script, nothing fetched);
``render_pdf`` prints that file to PDF with a headless Chromium already on the machine.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .._version import __version__
from ..exceptions import ConfigError, MissingExtraError, NotFoundError
from ..model import Claim
from ..store import DocumentRow, Store

__all__ = ["METHOD_NOTE", "Brief", "build_brief", "render_html", "render_pdf", "write_brief"]

_HEDGE = {"approx": "about ", "up_to": "up to ", "at_least": "at least "}
#: Chromium flags for printing: headless, no first-run network chatter
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

METHOD_NOTE = [
    "A claim is one statement found in one published report: who did what, to whom, how many, "
    "when, and who said so. It is what the report says, quoted with its outlet, date and link, "
    "not a verified fact; the quotation is the evidence and should be read before any figure is used.",
    "Claims from several reports that describe the same real-world event are grouped into one event. "
    "Copies of the same wire story count as one independent source; a figure is a consensus when the "
    "independent sources agree on it and a conflict when they give figures that cannot both be true.",
    "A flag says that a claim may be relevant to a provision of a UN Security Council resolution, by "
    "rules written in the domain pack. A flag is not a legal finding, an allegation of a violation or "
    "a designation; it points a reader to the text of the provision.",
    "Claims are extracted by machine and can be wrong: a misread figure, a wrong actor, a hedge or a "
    "denial missed. Every figure in this brief links back to the sentence it comes from.",
]


@dataclass
class Brief:
    title: str
    generated: str
    scope: str
    events: list[dict[str, Any]] = field(default_factory=list)
    method: list[str] = field(default_factory=lambda: list(METHOD_NOTE))
    version: str = __version__


def _n(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _figure_text(value: dict[str, Any]) -> str:
    text = _HEDGE.get(value.get("qualifier") or "", "") + _n(value.get("value"))
    return text + (f"–{_n(value['max'])}" if value.get("max") is not None else "")


def _label(type_: str) -> str:
    return type_.replace("_", " ")


def _day(moment: str | None) -> str:
    return (moment or "")[:10]


def _when(moment: str | None) -> str:
    if not moment:
        return ""
    if "T" not in moment:
        return moment
    return moment[:16].replace("T", " ") + (" UTC" if moment.endswith(("+00:00", "Z")) else "")


def _names(claims: list[tuple[Claim, DocumentRow]]) -> dict[str, str]:
    """Canonical id -> the name the reports use (for a readable title)."""
    names: dict[str, str] = {}
    for c, _ in claims:
        for e in (c.actor, c.target):
            if e is not None and e.id and e.id not in names:
                names[e.id] = e.name
    return names


def _figures(summary: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    figures = summary.get("figures")
    for kind, fig in (figures if isinstance(figures, dict) else {}).items():
        values = [{
            "text": _figure_text(v), "independent_sources": v.get("independent_sources", 0),
            "said_by": ", ".join(v.get("attributed_to") or []) or "—",
            "outlets": ", ".join(sorted({s.get("outlet") or "?" for s in v.get("sources", [])})),
        } for v in fig.get("values", [])]
        if fig.get("conflict"):
            status, verdict = "conflict", "sources give conflicting figures: " + " vs ".join(v["text"] for v in values)
        elif fig.get("consensus") is not None:
            n = fig.get("independent_sources", 0)
            status = "consensus" if n > 1 else "single"
            verdict = (f"consensus of {n} independent sources" if n > 1 else "one independent source only")
        else:
            lo, hi = (fig.get("range") or [None, None])[:2]
            status, verdict = "range", f"no consensus; reported range {_n(lo)}–{_n(hi)}"
        headline = _n(fig["consensus"]) if fig.get("consensus") is not None else (
            f"{_n(fig['range'][0])}–{_n(fig['range'][1])}" if fig.get("range") else "")
        out.append({"kind": kind, "headline": headline, "status": status, "verdict": verdict, "by_source": values})
    return out


def _event_section(store: Store, event_id: str, flags: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    from ..cluster.query import event_detail

    detail = event_detail(store, event_id)
    e = detail.event
    summary = e.summary or {}
    claims = sorted(detail.claims, key=lambda cd: (cd[1].published or "", cd[0].id or ""))
    names = _names(claims)
    actor = names.get(e.actor_id or "", (e.actor_id or "").split(":", 1)[-1])
    target = names.get(e.target_id or "", (e.target_id or "").split(":", 1)[-1])
    when = e.date_start or ""
    if e.date_end and e.date_end != e.date_start:
        when += f" – {e.date_end}"
    title = " → ".join(x for x in (actor, target) if x) + f": {_label(e.type)}"
    if e.place:
        title += f" in {e.place}"
    figures = _figures(summary)
    figure_words = ", ".join(f"{f['headline']} {f['kind']}".strip() for f in figures if f["headline"])
    sources = f"{e.sources} independent source{'s' if e.sources != 1 else ''} ({e.documents} document" + (
        "s)" if e.documents != 1 else ")")
    parts = [p for p in (figure_words, when and f"dated {when}", sources,
                         f"first reported {_day(e.first_reported)}" if e.first_reported else "") if p]
    line = "; ".join(parts) + "."
    if e.conflict:
        line += " Sources disagree on " + ", ".join(summary.get("conflicts", [])) + "."
    if summary.get("denied_by"):
        line += " Denied by " + ", ".join(summary["denied_by"]) + "."

    seen_docs: dict[str, dict[str, Any]] = {}
    reports = []
    provisions: dict[str, dict[str, Any]] = {}
    for c, d in claims:
        if d.id not in seen_docs:
            seen_docs[d.id] = {"published": _when(d.published), "outlet": d.outlet or "(unknown outlet)",
                               "title": d.title or d.path, "link": d.url or d.path,
                               "copy_of": d.duplicate_of, "claims": 0}
        seen_docs[d.id]["claims"] += 1
        q = c.quantity
        figure = ((_figure_text({"value": q.value, "max": q.max, "qualifier": q.qualifier})
                   + f" {q.kind or ''}").strip() if q and q.value is not None else "")
        claim_flags = flags.get(c.id or "", [])
        for f in claim_flags:
            why = f.get("why") or {}
            citation = str(why.get("citation") or f.get("provision") or "?")
            entry = provisions.setdefault(citation, {
                "citation": citation, "summary": f.get("summary"), "certainty": f.get("certainty"),
                "caveat": why.get("caveat") or f"may be relevant to {citation}", "note": why.get("note"), "claims": 0})
            entry["claims"] += 1
        reports.append({
            "type": _label(c.type), "figure": figure,
            "modality": _label(c.modality) + (" (negated)" if c.negated else ""),
            "said_by": c.attributed_to.name if c.attributed_to else "", "quote": " ".join(c.evidence[0].text.split())
            if c.evidence else "", "outlet": d.outlet or "(unknown outlet)", "date": _day(d.published),
            "link": d.url or d.path, "is_copy": bool(d.duplicate_of), "id": c.id,
            "flags": [(f.get("why") or {}).get("caveat") or f"may be relevant to {f.get('provision')}"
                      for f in claim_flags],
        })
    originals = [doc for doc in seen_docs.values() if not doc["copy_of"]]
    return {
        "id": e.id, "title": title, "summary": line, "type": _label(e.type), "when": when, "place": e.place,
        "actor": actor, "target": target, "independent_sources": e.sources, "documents": e.documents,
        "conflict": e.conflict, "figures": figures,
        "totals": [{"text": f"{_n(t['value'])} {t['total']} " + ("=" if t["consistent"] else "≠") + " "
                    + " + ".join(f"{_n(v)} {k}" for k, v in t["parts"].items())} for t in summary.get("totals", [])],
        "outlets": sorted({doc["outlet"] for doc in originals}),
        "timeline": list(seen_docs.values()), "claims": reports, "provisions": list(provisions.values()),
        "denied_by": summary.get("denied_by", []),
    }


def _select(store: Store, type: str | None, actor: str | None, since: str | None, limit: int | None) -> list[str]:
    from ..cluster.query import list_events

    events = list_events(store, type=type, since=since)
    if actor:
        needle = actor.casefold()
        by_name: set[str] = set()
        for c, _ in store.claims(actor=actor):
            if c.event_id:
                by_name.add(c.event_id)
        events = [e for e in events if e.id in by_name
                  or any(needle in (x or "").casefold() for x in (e.actor_id, e.target_id))]
    events.sort(key=lambda e: (e.date_start or "", e.id))
    return [e.id for e in events][: limit or None]


def build_brief(store: Store, event_id: str | None = None, *, type: str | None = None, actor: str | None = None,
                since: str | None = None, limit: int | None = 50) -> Brief:
    """The brief of one event (``event_id``, or a unique prefix) or of every event matching the filters."""
    from ..assess import flags_for_claims

    with store.session() as s:
        flags = flags_for_claims(s)
    if event_id:
        ids = [event_id]
        scope = "one event"
    else:
        ids = _select(store, type, actor, since, limit)
        wanted = [f"type {type}" if type else "", f"actor {actor}" if actor else "", f"since {since}" if since else ""]
        scope = "events " + (", ".join(w for w in wanted if w) or "of every type")
        if not ids:
            raise NotFoundError(f"no event matches {scope.removeprefix('events ')} in {store.url}; "
                                "list events with `sanctionwatch events`")
    sections = [_event_section(store, i, flags) for i in ids]
    title = sections[0]["title"] if len(sections) == 1 else f"Evidence brief: {len(sections)} {scope}"
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return Brief(title=title, generated=generated, scope=scope, events=sections)


def render_html(brief: Brief) -> str:
    """One self-contained HTML page: inline style, no script, no image or font fetched."""
    try:
        import jinja2
    except ImportError:
        raise MissingExtraError("jinja2", "report") from None
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(__file__).with_name("templates"))),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("brief.html.j2").render(brief=brief)


def render_pdf(html: str, path: str | Path, chromium: str) -> None:
    """Print ``html`` to ``path`` (A4) with the Chromium at ``chromium``; every request is refused."""
    if not Path(chromium).exists():
        raise ConfigError(f"no Chromium at {chromium}: install one (Debian: apt-get install chromium) or name it "
                          "with --chromium / SANCTIONWATCH_CHROMIUM; sanctionwatch never downloads a browser")
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise MissingExtraError("playwright", "report") from None
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
            try:
                page = browser.new_page()
                page.route("**/*", lambda route: route.abort())  # the brief is self-contained: nothing leaves
                page.set_content(html, wait_until="load")
                page.pdf(path=str(path), format="A4", print_background=True,
                         margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"})
            finally:
                browser.close()
    except PlaywrightError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ConfigError(f"Chromium at {chromium} could not print the brief to {path}: {first}") from None


def write_brief(brief: Brief, path: str | Path, format: str, chromium: str) -> Path:
    """Write ``brief`` as ``format`` (html or pdf) to ``path``; returns the path."""
    out = Path(path)
    html = render_html(brief)
    if format == "html":
        try:
            out.write_text(html, encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot write {out}: {exc.strerror}; give a writable file with --output") from None
    elif format == "pdf":
        if not out.parent.is_dir():
            raise ConfigError(f"cannot write {out}: no folder {out.parent}; give a writable file with --output")
        render_pdf(html, out, chromium)
    else:
        raise ConfigError(f"unknown brief format {format!r}; one of html, pdf")
    return out

