"""API latency under local load: events list, an event page, a filtered claims query.

Builds a SQLite database of synthetic records (default 100,000 claims across 20,000
documents and 4,000 events), serves it with uvicorn on a loopback port in a child
process, and drives it with a fixed number of requests from concurrent clients.  Prints
p50/p95 per endpoint; the last line is one JSON object with every figure.

    python benchmarks/api.py [--claims 100000] [--clients 4] [--requests 300]
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

import httpx
from sqlalchemy import insert
from sqlalchemy import text as sql_text

from sanctionwatch.model import CLAIM_TYPES, MODALITIES
from sanctionwatch.store import ClaimRow, DocumentRow, EventRow, Store

#: Now part of the schema (store/schema.py); kept here so a database built by an older version
#: gets it too.  It serves the filtered claims count and page from the index alone.
PROPOSED_INDEX = "CREATE INDEX IF NOT EXISTS ix_claims_type_actor_date ON claims (type, actor_id, date_start, id)"
KINDS = ["troops", "workers", "construction workers", "sappers", "artillery shells", "missiles"]
PLACES = [("Kursk Oblast", "RU", 51.73, 36.19), ("Alabuga", "RU", 55.76, 52.05), ("Russian Far East", "RU", 48.48, 135.08),
          ("Kharkiv", "UA", 49.99, 36.23), ("Vladivostok", "RU", 43.12, 131.9), ("Moscow", "RU", 55.76, 37.62)]
ACTORS = [("North Korea", "country:KP"), ("Iran", "country:IR"), ("Russia", "country:RU")]
OUTLETS = [f"Outlet {i}" for i in range(40)]
SENTENCE = "{actor} sent about {n:,} {kind} to {place} in {month}, officials told reporters on condition of anonymity."


def build(path: Path, n_claims: int, seed: int = 5) -> dict[str, object]:
    rng = random.Random(seed)
    store = Store(str(path))
    n_docs, n_events = max(1, n_claims // 5), max(1, n_claims // 25)
    events = []
    for i in range(n_events):
        actor = rng.choice(ACTORS)
        place = rng.choice(PLACES)
        month = f"202{rng.randint(3, 5)}-{rng.randint(1, 12):02d}"
        events.append({"id": f"e_{i:06d}", "type": rng.choice(CLAIM_TYPES[:6]), "actor_id": actor[1],
                       "target_id": "country:RU", "place": place[0], "date_start": month, "date_end": None,
                       "first_reported": f"{month}-05T10:00:00Z", "last_reported": f"{month}-25T10:00:00Z",
                       "summary": {}, "conflict": rng.random() < 0.2, "sources": rng.randint(1, 6),
                       "_actor": actor, "_place": place, "_kind": rng.choice(KINDS), "_n": rng.choice([1, 2, 5, 10]) * 1000})
    docs, claims = [], []
    for d in range(n_docs):
        published = f"202{rng.randint(3, 5)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T08:00:00Z"
        sentences, spans = [], []
        for _ in range(5):
            e = rng.choice(events)
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
    # what the events stage writes (cluster/reconcile.py): reconciled figures per kind
    by_event: dict[str, list[tuple[float, str]]] = {}
    outlet_of = {d["id"]: d["outlet"] for d in docs}
    for c in claims:
        by_event.setdefault(c["event_id"], []).append((c["quantity_value"], outlet_of[c["document_id"]]))
    for e in events:
        values = by_event.get(e["id"], [])
        if not values:
            continue
        nums = sorted(v for v, _ in values)
        conflict = nums[-1] / nums[0] > 1.25
        e["summary"] = {"figures": {e["_kind"]: {
            "consensus": None if conflict else statistics.median(nums), "range": [nums[0], nums[-1]],
            "independent_sources": len({o for _, o in values}), "conflict": conflict}},
            "conflict": conflict, "independent_sources": len({o for _, o in values})}
        e["conflict"], e["sources"] = conflict, len({o for _, o in values})
    with store.engine.begin() as conn:
        conn.execute(insert(DocumentRow), docs)
        for i in range(0, len(claims), 20000):
            conn.execute(insert(ClaimRow), claims[i:i + 20000])
        conn.execute(insert(EventRow), [{k: v for k, v in e.items() if not k.startswith("_")} for e in events])
        conn.execute(sql_text(PROPOSED_INDEX))
    store.close()
    return {"documents": len(docs), "claims": len(claims), "events": len(events)}


SERVER = """
import sys, uvicorn
from sanctionwatch.serve import create_app
from sanctionwatch.store import Store
app = create_app(Store(sys.argv[1], create=False), allowed_hosts={"127.0.0.1"})
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False)
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def load(base: str, urls: list[str], clients: int) -> list[float]:
    """Fetch every URL once with ``clients`` concurrent connections; latencies in ms."""
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
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30, trust_env=False) as client:
        await client.get("/api")  # warm
        await asyncio.gather(*(worker(client) for _ in range(clients)))
    return times


def pct(values: list[float], p: float) -> float:
    return round(statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1], 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=300, help="requests per endpoint")
    parser.add_argument("--db", help="keep the database here (default: a temporary folder)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="sw-bench-"))
    db = Path(args.db) if args.db else folder / "bench.db"
    db.unlink(missing_ok=True)
    t = time.perf_counter()
    sizes = build(db, args.claims)
    print(f"built {sizes} in {time.perf_counter() - t:.1f}s", file=sys.stderr)
    port = free_port()
    env = {**os.environ, "NO_PROXY": "127.0.0.1"}
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(db), str(port)], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/api", timeout=1, trust_env=False).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.2)
        rng = random.Random(7)
        n_events = sizes["events"]
        endpoints = {
            "events_list": [f"/api/events?limit=50&offset={rng.randrange(0, 500, 50)}" for _ in range(args.requests)],
            "event_page": [f"/events/e_{rng.randrange(n_events):06d}" for _ in range(args.requests)],  # type: ignore[arg-type]
            "claims_filtered": [
                f"/api/claims?type={rng.choice(CLAIM_TYPES[:6])}&actor=country:KP&from=2024-0{rng.randint(1, 6)}"
                f"&to=2024-12-31&limit=50" for _ in range(args.requests)],
        }
        results: dict[str, object] = {"index": "ix_claims_type_actor_date", "claims": sizes["claims"], "documents": sizes["documents"],
                                      "events": sizes["events"], "clients": args.clients,
                                      "requests_per_endpoint": args.requests}
        for name, urls in endpoints.items():
            times = asyncio.run(load(base, urls, args.clients))
            results[name] = {"p50_ms": pct(times, 50), "p95_ms": pct(times, 95), "max_ms": round(max(times), 2)}
            print(f"{name:16s} p50 {results[name]['p50_ms']:7.1f} ms   p95 {results[name]['p95_ms']:7.1f} ms",  # type: ignore[index]
                  file=sys.stderr)
        results["p95_under_100ms"] = all(results[n]["p95_ms"] < 100 for n in endpoints)  # type: ignore[index]
        print(json.dumps(results))
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
