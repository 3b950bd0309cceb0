"""sanctionwatch: news reports in, sourced and structured sanctions evidence out.

The library API, for notebooks and scripts (``docs/python-api.md`` walks through a session)::

    from sanctionwatch import Pipeline, Store, claim_records, event_records

    store = Store("sqlite:///reports.db")
    report = Pipeline(store, pack="dprk").ingest(["examples/sample"])
    claims = list(claim_records(store))       # one dict per claim, as `export` writes them
    events = list(event_records(store))       # one dict per event, its claims' ids included

Names are imported on first use, so ``import sanctionwatch`` stays cheap (no database or
language models are loaded until a name that needs them is used).
"""
import importlib as _importlib
import typing as _typing

from ._version import __version__

#: public name -> the module that defines it
_EXPORTS: dict[str, str] = {
    "Claim": "sanctionwatch.model",
    "Document": "sanctionwatch.model",
    "Entity": "sanctionwatch.model",
    "EventBuilder": "sanctionwatch.cluster",
    "EventRow": "sanctionwatch.store",
    "Extractor": "sanctionwatch.extract",
    "IngestReport": "sanctionwatch.pipeline",
    "Pack": "sanctionwatch.packs",
    "Pipeline": "sanctionwatch.pipeline",
    "SanctionwatchError": "sanctionwatch.exceptions",
    "Store": "sanctionwatch.store",
    "claim_records": "sanctionwatch.export",
    "event_records": "sanctionwatch.export",
    "load_pack": "sanctionwatch.packs",
}

__all__ = [
    "Claim",
    "Document",
    "Entity",
    "EventBuilder",
    "EventRow",
    "Extractor",
    "IngestReport",
    "Pack",
    "Pipeline",
    "SanctionwatchError",
    "Store",
    "__version__",
    "claim_records",
    "event_records",
    "load_pack",
    "settings",
]

if _typing.TYPE_CHECKING:
    from . import settings
    from .cluster import EventBuilder
    from .exceptions import SanctionwatchError
    from .export import claim_records, event_records
    from .extract import Extractor
    from .model import Claim, Document, Entity
    from .packs import Pack, load_pack
    from .pipeline import IngestReport, Pipeline
    from .store import EventRow, Store


def __getattr__(name: str) -> _typing.Any:
    if name == "settings":
        return _importlib.import_module("sanctionwatch.settings")
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'sanctionwatch' has no attribute {name!r}; the API is {__all__}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
