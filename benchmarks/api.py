"""API latency and throughput under local load, 1 client against 8.

Builds SQLite databases of synthetic records and serves each with uvicorn on a loopback
port in a child process, then drives it with a fixed number of requests per endpoint
from 1 and from 8 concurrent clients.  Two databases:

- ``small``: many small events (default 100,000 claims across 20,000 documents and
  4,000 events of about 25 claims each);
- ``large``: the same, except that a few very large events (default 6) hold a share of
  the claims (default 30 %: 5,000 claims each at 100k) and are the newest, so they sit on
  the first page of the events list, with the reconciled summary the events stage writes
  for them (every value with its sources).

Endpoints: the events list, the claims list, a filtered claims query and an event page.
Prints p50/p95/max and requests/s per endpoint for every run; the last line is one JSON
object with every figure and the verdicts (p95 under 100 ms for the events list and the
claims list with 8 clients; 8 clients get at least the throughput of 1).

    python benchmarks/api.py [--claims 100000] [--clients 1,8] [--requests 200] [--workers 1]
                             [--shape small|large|both] [--db FOLDER [--reuse]]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert
from sqlalchemy import text as sql_text

from sanctionwatch.model import CLAIM_TYPES, MODALITIES
from sanctionwatch.store import ClaimRow, DocumentRow, EventRow, Store

#: Now part of the schema (store/schema.py); kept here so a database built by an older version
#: gets it too.  It serves the filtered claims count and page from the index alone.
PROPOSED_INDEX = "CREATE INDEX IF NOT EXISTS ix_claims_type_actor_date ON claims (type, actor_id, date_start, id)"
KINDS = ["troops", "workers", "construction workers", "sappers", "artillery shells", "missiles"]
PLACES = [("Kursk Oblast", "RU", 51.73, 36.19), ("Alabuga", "RU", 55.76, 52.05),
          ("Russian Far East", "RU", 48.48, 135.08), ("Kharkiv", "UA", 49.99, 36.23),
          ("Vladivostok", "RU", 43.12, 131.9), ("Moscow", "RU", 55.76, 37.62)]
ACTORS = [("North Korea", "country:KP"), ("Iran", "country:IR"), ("Russia", "country:RU")]
OUTLETS = [f"Outlet {i}" for i in range(40)]
SENTENCE = "{actor} sent about {n:,} {kind} to {place} in {month}, officials told reporters on condition of anonymity."


def build(path: Path, n_claims: int, seed: int = 5, *, large_events: int = 0,
          large_share: float = 0.3) -> dict[str, object]:
    rng = random.Random(seed)
    store = Store(str(path))
    n_docs = max(1, n_claims // 5)
    n_events = max(1, round(n_claims * (1 - large_share if large_events else 1) / 25))
    events: list[dict[str, Any]] = []
    for i in range(n_events + large_events):
        is_large = i >= n_events
        actor = rng.choice(ACTORS)
        place = rng.choice(PLACES)
        month = "2025-12" if is_large else f"202{rng.randint(3, 5)}-{rng.randint(1, 12):02d}"
        events.append({"id": f"e_{i:06d}", "type": rng.choice(CLAIM_TYPES[:6]), "actor_id": actor[1],
                       "target_id": "country:RU", "place": place[0], "date_start": month, "date_end": None,
                       "first_reported": f"{month}-05T10:00:00Z", "last_reported": f"{month}-25T10:00:00Z",
                       "summary": {}, "conflict": rng.random() < 0.2, "sources": rng.randint(1, 6),
                       "_actor": actor, "_place": place, "_kind": rng.choice(KINDS),
                       "_n": rng.choice([1, 2, 5, 10]) * 1000,
                       "_large": is_large})
    small, large = events[:n_events], events[n_events:]

    def pick() -> dict[str, Any]:
        return rng.choice(large) if large and rng.random() < large_share else rng.choice(small)

    docs: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    for d in range(n_docs):
        published = f"202{rng.randint(3, 5)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T08:00:00Z"
        sentences: list[str] = []
        spans: list[tuple[dict[str, Any], float, str, int]] = []
        for _ in range(5):
            e = pick()
            value = e["_n"] * rng.choice([1, 1, 1, 1.2, 0.8])
            s = SENTENCE.format(actor=e["_actor"][0], n=int(value), kind=e["_kind"], place=e["_place"][0],
                                month=e["date_start"])
            start = sum(len(x) + 1 for x in sentences)
            sentences.append(s)
            spans.append((e, value, s, start))
        text = " ".join(sentences)
        doc_id = f"d_{d:07d}"
        docs.append({"id": doc_id, "path": f"synthetic/{d}.txt", "url": f"https://example.org/{d}", "format": "text",
                     "title": f"Report {d}", "outlet": rng.choice(OUTLETS), "byline": None, "published": published,
                     "language": "en", "text": text, "raw_text": text, "removed": [], "duplicate_of": None,
                     "status": "analysed", "extractor": "synthetic@1"})
        for pos, (e, value, s, start) in enumerate(spans):
            place = e["_place"]
            claims.append({
                "id": f"c_{d:07d}_{pos}", "document_id": doc_id, "type": e["type"], "actor_name": e["_actor"][0],
                "actor_id": e["_actor"][1], "target_name": "Russia", "target_id": "country:RU",
                "location": {"name": place[0], "country": place[1], "lat": place[2], "lon": place[3], "id": None},
                "location_name": place[0], "quantity_value": float(int(value)), "quantity_max": None,
                "quantity_kind": e["_kind"], "qualifier": "approx", "quantity_text": f"about {int(value):,}",
                "date_start": e["date_start"], "date_end": None, "date_text": f"in {e['date_start']}",
                "attributed_to_name": None, "attributed_to_id": None, "via": None,
                "modality": rng.choice(MODALITIES[:4]), "negated": False,
                "evidence": [{"text": s, "start": start, "end": start + len(s)}], "confidence": 0.7,
                "extractor": "synthetic@1", "event_id": e["id"], "position": pos,
            })
    # what the events stage writes (cluster/reconcile.py): reconciled figures per kind, each
    # value with its sources (large for a large event), counts of claims and documents
    by_event: dict[str, list[dict[str, Any]]] = {}
    doc_of = {d["id"]: d for d in docs}
    for c in claims:
        by_event.setdefault(c["event_id"], []).append(c)
    for e in events:
        members = by_event.get(e["id"], [])
        if not members:
            continue
        nums = sorted(c["quantity_value"] for c in members)
        outlets = {doc_of[c["document_id"]]["outlet"] for c in members}
        conflict = nums[-1] / nums[0] > 1.25
        values: dict[float, list[dict[str, Any]]] = {}
        for c in members:
            doc = doc_of[c["document_id"]]
            values.setdefault(c["quantity_value"], []).append({
                "document_id": doc["id"], "original": doc["id"], "outlet": doc["outlet"],
                "published": doc["published"], "ref": doc["url"], "claim_id": c["id"]})
        e["summary"] = {"figures": {e["_kind"]: {
            "values": [{"value": v, "qualifier": "approx", "sources": srcs} for v, srcs in sorted(values.items())],
            "consensus": None if conflict else statistics.median(nums), "range": [nums[0], nums[-1]],
            "independent_sources": len(outlets), "conflict": conflict}},
            "conflict": conflict, "independent_sources": len(outlets),
            "documents": len({c["document_id"] for c in members})}
        e["conflict"], e["sources"] = conflict, len(outlets)
        e["claims"], e["documents"] = len(members), e["summary"]["documents"]
    with store.engine.begin() as conn:
        conn.execute(insert(DocumentRow), docs)
        for i in range(0, len(claims), 20000):
            conn.execute(insert(ClaimRow), claims[i:i + 20000])
        conn.execute(insert(EventRow), [{k: v for k, v in e.items() if not k.startswith("_")} for e in events])
        conn.execute(sql_text(PROPOSED_INDEX))
    store.close()
    return {"documents": len(docs), "claims": len(claims), "events": len(events), "large_events": len(large),
            "largest_event_claims": max((len(v) for v in by_event.values()), default=0)}


SERVER = """
import json, os, sys, uvicorn
os.environ["SANCTIONWATCH_DB"] = sys.argv[1]
os.environ["SANCTIONWATCH_SERVE_APP"] = json.dumps({"allowed_hosts": ["127.0.0.1"]})
os.environ.pop("SANCTIONWATCH_TOKEN", None)
port, workers = int(sys.argv[2]), int(sys.argv[3])
if workers == 1:
    from sanctionwatch.serve.app import app_from_environment
    uvicorn.run(app_from_environment(), host="127.0.0.1", port=port, log_level="warning", access_log=False)
else:  # what `sanctionwatch serve --workers N` runs
    uvicorn.run("sanctionwatch.serve.app:app_from_environment", factory=True, workers=workers, host="127.0.0.1",
                port=port, log_level="warning", access_log=False)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def load(base: str, urls: list[str], clients: int) -> tuple[list[float], float]:
    """Fetch every URL once with ``clients`` concurrent connections: latencies in ms, wall seconds."""
    queue: asyncio.Queue[str] = asyncio.Queue()
    for u in urls:
        queue.put_nowait(u)
    times: list[float] = []

    async def worker(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            url = queue.get_nowait()
            t = time.perf_counter()
            r = await client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            if r.status_code != 200:
                raise RuntimeError(f"{url} answered {r.status_code}: {r.text[:200]}")

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60, trust_env=False) as client:
        for u in urls[:clients]:  # warm: one request per connection
            await client.get(u)
        start = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(clients)))
        wall = time.perf_counter() - start
    return times, wall


def pct(values: list[float], p: float) -> float:
    return round(statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1], 2)


def serve(db: Path, workers: int = 1) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "NO_PROXY": "127.0.0.1"}
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(db), str(port), str(workers)], env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(base + "/api", timeout=1, trust_env=False).status_code == 200:
                return server, base
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            server.terminate()
            raise SystemExit("the server did not start")
        time.sleep(0.2)


def endpoints(sizes: dict[str, object], requests: int, seed: int = 7) -> dict[str, list[str]]:
    rng = random.Random(seed)
    n_events = int(sizes["events"])  # type: ignore[call-overload]
    n_claims = int(sizes["claims"])  # type: ignore[call-overload]
    return {
        "events_list": [f"/api/events?limit=50&offset={rng.randrange(0, 500, 50)}" for _ in range(requests)],
        "claims_list": [f"/api/claims?limit=50&offset={rng.randrange(0, min(n_claims, 5000), 50)}"
                        for _ in range(requests)],
        "claims_filtered": [
            f"/api/claims?type={rng.choice(CLAIM_TYPES[:6])}&actor=country:KP&from=2024-0{rng.randint(1, 6)}"
            f"&to=2024-12-31&limit=50" for _ in range(requests)],
        "event_page": [f"/events/e_{rng.randrange(n_events):06d}" for _ in range(requests)],
    }


def run_shape(db: Path, sizes: dict[str, object], clients: list[int], requests: int,
              workers: int = 1) -> dict[str, object]:
    server, base = serve(db, workers)
    out: dict[str, object] = {"database": sizes}
    try:
        for n in clients:
            run: dict[str, object] = {}
            total, wall_all = 0, 0.0
            for name, urls in endpoints(sizes, requests).items():
                times, wall = asyncio.run(load(base, urls, n))
                total, wall_all = total + len(times), wall_all + wall
                run[name] = {"p50_ms": pct(times, 50), "p95_ms": pct(times, 95), "max_ms": round(max(times), 2),
                             "rps": round(len(times) / wall, 1)}
                print(f"  {n} client{'s' if n > 1 else ' '} {name:16s} p50 {run[name]['p50_ms']:7.1f} ms  "  # type: ignore[index]
                      f"p95 {run[name]['p95_ms']:7.1f} ms  max {run[name]['max_ms']:7.1f} ms  "  # type: ignore[index]
                      f"{run[name]['rps']:6.1f} req/s", file=sys.stderr)  # type: ignore[index]
            run["rps"] = round(total / wall_all, 1)
            out[f"clients_{n}"] = run
    finally:
        server.terminate()
        server.wait(10)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--clients", default="1,8", help="client counts to run, comma-separated (default 1,8)")
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint and run")
    parser.add_argument("--shape", choices=["small", "large", "both"], default="both")
    parser.add_argument("--large-events", type=int, default=6, help="very large events of the 'large' database")
    parser.add_argument("--large-share", type=float, default=0.3, help="share of the claims they hold")
    parser.add_argument("--workers", type=int, default=1,
                        help="server processes, as `sanctionwatch serve --workers N` (default 1)")
    parser.add_argument("--db", help="keep the databases in this folder (default: a temporary folder)")
    parser.add_argument("--reuse", action="store_true", help="reuse databases already built in --db")
    args = parser.parse_args()
    clients = sorted({int(c) for c in args.clients.split(",")})
    folder = Path(args.db) if args.db else Path(tempfile.mkdtemp(prefix="sw-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    results: dict[str, object] = {"claims": args.claims, "clients": clients, "requests_per_endpoint": args.requests,
                                  "workers": args.workers, "cpus": os.cpu_count()}
    shapes = ["small", "large"] if args.shape == "both" else [args.shape]
    for shape in shapes:
        db = folder / f"api-{shape}-{args.claims}.db"
        sizes_file = db.with_suffix(".json")
        if args.reuse and db.exists() and sizes_file.exists():
            sizes = json.loads(sizes_file.read_text())
        else:
            db.unlink(missing_ok=True)
            t = time.perf_counter()
            sizes = build(db, args.claims, large_events=args.large_events if shape == "large" else 0,
                          large_share=args.large_share)
            sizes_file.write_text(json.dumps(sizes))
            print(f"built {shape}: {sizes} in {time.perf_counter() - t:.1f}s", file=sys.stderr)
        print(f"{shape} database", file=sys.stderr)
        results[shape] = run_shape(db, sizes, clients, args.requests, args.workers)
    verdicts: dict[str, object] = {}
    many, one = max(clients), min(clients)
    for shape in shapes:
        r: Any = results[shape]
        if f"clients_{many}" in r:
            verdicts[f"{shape}_p95_under_100ms_{many}_clients"] = all(
                r[f"clients_{many}"][n]["p95_ms"] < 100 for n in ("events_list", "claims_list"))
        if many != one:
            verdicts[f"{shape}_{many}_clients_throughput_at_least_{one}"] = (
                r[f"clients_{many}"]["rps"] >= r[f"clients_{one}"]["rps"])
    results["verdicts"] = verdicts
    print(json.dumps(results))


if __name__ == "__main__":
    main()
