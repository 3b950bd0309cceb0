from __future__ import annotations

import csv
import io
import json

from sanctionwatch.export import CLAIM_SCHEMA, claim_records, write_csv, write_jsonl
from sanctionwatch.model import Claim, Document, Entity, Evidence, Quantity
from sanctionwatch.store import Store


def _store(db_url: str) -> Store:
    store = Store(db_url)
    text = "North Korea will send 1,000 sappers to Kursk."
    orig = Document(id="d_orig", text=text, raw_text=text, path="wire.txt", format="txt", published="2025-06-17")
    copy = Document(id="d_copy", text=text + " More.", raw_text=text, path="feed.xml", format="rss",
                    url="https://x.example/a", published="2025-06-18", duplicate_of="d_orig")
    claim = Claim(type="labor_dispatch", actor=Entity("North Korea", "country:KP"),
                  quantity=Quantity(1000, "sappers", "exact", "1,000 sappers"),
                  modality="announced_planned", evidence=[Evidence(text[22:35], 22, 35)])
    store.save(orig, [claim])
    store.save(copy, [Claim.from_dict({**claim.to_dict(), "id": None})])
    return store


def test_jsonl_follows_the_spec(db_url: str) -> None:
    out = io.StringIO()
    assert write_jsonl(claim_records(_store(db_url)), out) == 2
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    first, second = records
    assert first["schema"] == CLAIM_SCHEMA
    required = {"claim_id", "type", "actor", "target", "location", "quantity", "date", "attributed_to",
                "modality", "negated", "evidence", "document", "event_id", "confidence"}
    assert required <= set(first)
    assert first["quantity"] == {"value": 1000, "kind": "sappers", "qualifier": "exact", "text": "1,000 sappers"}
    assert first["evidence"] == [{"text": "1,000 sappers", "start": 22, "end": 35}]
    assert first["document"]["duplicate_of"] is None
    # a copy names its original by path (or url), as the spec says
    assert second["document"]["duplicate_of"] == "wire.txt"
    assert second["document"]["url"] == "https://x.example/a"
    assert first["claim_id"] != second["claim_id"]


def test_csv_has_one_row_per_claim(db_url: str) -> None:
    out = io.StringIO()
    write_csv(claim_records(_store(db_url)), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 2
    assert rows[0]["kind"] == "sappers" and rows[0]["evidence"] == "1,000 sappers"
