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


def _records_with_countries(db_url: str) -> list[dict]:
    store = Store(db_url)
    text = "Roman Chekushov of Russia met Choe Son Hui in Pyongyang; 5,000 workers will go."
    doc = Document(id="d_meet", text=text, raw_text=text, path="m.txt", format="txt",
                   published="2025-06-17T14:00:00+00:00", language="en", outlet="Wire", url="https://x.example/m")
    claim = Claim(type="meeting", actor=Entity("Roman Chekushov", None, "RU"),
                  target=Entity("Choe Son Hui", "person:choe-son-hui", "KP"),
                  attributed_to=Entity("North Korea", "country:KP"),
                  quantity=Quantity(5000, "workers", "exact", "5,000 workers"),
                  evidence=[Evidence(text[:40], 0, 40)])
    store.save(doc, [claim])
    return list(claim_records(store))


def test_csv_carries_entity_countries_and_cameo_when_present(db_url: str) -> None:
    records = _records_with_countries(db_url)
    records.append({**records[0], "claim_id": "c_with_cameo", "cameo": ["036", "0311"]})
    records[0] = {k: v for k, v in records[0].items() if k != "cameo"}
    out = io.StringIO()
    assert write_csv(records, out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["actor_country"] == "RU" and rows[0]["target_country"] == "KP"
    assert rows[0]["attributed_to_country"] == "KP"
    assert rows[0]["cameo"] == ""  # tolerated: no "cameo" key in the record
    assert rows[1]["cameo"] == "036;0311"


def test_parquet_loads_with_pyarrow_one_row_per_claim(db_url: str, tmp_path) -> None:
    import pyarrow.parquet as pq

    from sanctionwatch.export import CSV_COLUMNS, write_parquet

    _records_with_countries(db_url)
    records = list(claim_records(_store(db_url)))  # the meeting and the two sapper claims
    records[-1] = {**records[-1], "cameo": "0871"}
    path = tmp_path / "claims.parquet"
    assert write_parquet(records, path) == len(records) == 3
    table = pq.read_table(path)
    assert table.num_rows == 3 and table.column_names == CSV_COLUMNS
    assert str(table.schema.field("quantity").type) == "double"
    assert str(table.schema.field("cameo").type) == "list<element: string>"
    rows = table.to_pylist()
    assert {r["claim_id"] for r in rows} == {r["claim_id"] for r in records}
    meet = next(r for r in rows if r["type"] == "meeting")
    assert (meet["actor_country"], meet["target_country"], meet["quantity"]) == ("RU", "KP", 5000.0)
    assert meet["cameo"] == ["040", "046"] and rows[-1]["cameo"] == ["0871"]  # the pack's codes for a meeting
    assert meet["negated"] is False and meet["evidence_start"] == 0


def test_parquet_of_no_claims_is_an_empty_table(tmp_path) -> None:
    import pyarrow.parquet as pq

    from sanctionwatch.export import write_parquet

    assert write_parquet([], tmp_path / "none.parquet") == 0
    assert pq.read_table(tmp_path / "none.parquet").num_rows == 0


def test_ftm_export_is_valid_for_followthemoney(db_url: str) -> None:
    from followthemoney import model

    from sanctionwatch.export import ftm_entities

    _records_with_countries(db_url)
    records = list(claim_records(_store(db_url)))
    records[0]["flags"] = ["UNSCR 2371 (2017) OP11"]
    entities = list(ftm_entities(records))
    ids = {e["id"] for e in entities}
    assert {e["schema"] for e in entities} >= {"Article", "Event", "Person", "LegalEntity"}
    for data in entities:
        schema = model.get(data["schema"])
        assert schema is not None, data["schema"]
        schema.validate(data)  # raises InvalidData with the property at fault
        proxy = model.get_proxy(data, cleaned=False)  # values re-cleaned as for untrusted input
        for prop, values in data["properties"].items():
            assert sorted(proxy.get(prop)) == sorted(values), (data["id"], prop, values, proxy.get(prop))
        for prop in proxy.iterprops():  # references point at entities of the export
            if prop.type.name == "entity":
                assert set(proxy.get(prop)) <= ids
    person = next(e for e in entities if e["schema"] == "Person" and "Choe Son Hui" in e["properties"]["name"])
    assert person["properties"]["country"] == ["kp"]
    article = next(e for e in entities if e["schema"] == "Article" and e["properties"].get("sourceUrl"))
    assert article["properties"]["language"] == ["eng"]
    assert article["properties"]["publishedAt"] == ["2025-06-17T14:00:00"]
