"""Read-side queries of the web application: the store's rows as JSON-ready records.

Every function takes a ``Store`` and returns plain dicts and lists, the same records the
REST API answers and the HTML pages render.  Claims use the public export record
(``export.claim_record``, schema ``sanctionwatch.claim/1``) so the API, the export and
the pages agree on field names.

Reconciled figures come from ``EventRow.summary`` when the events stage wrote them
(``figures`` list or a mapping per quantity kind); anything missing there is computed
from the event's claims here, so a database built before events were reconciled still
renders (see ``figures``).

Modules by concern: :mod:`.documents`, :mod:`.claims` (also actors and the figures
chart), :mod:`.events` (also the map and the filter menus), :mod:`.figures` (the
reconciliation the event records show), :mod:`.flags` (provision flags); :mod:`._sql`
holds what they share, :mod:`._versions` the records kept per version of an event row.
"""
from __future__ import annotations

from ._sql import MAX_LIMIT, MAX_OFFSET, Page
from .claims import ClaimFilters, actors, list_claims, series
from .documents import document_detail, document_summary, list_documents
from .events import EventFilters, actor_names, event_detail, filter_options, list_events, map_points
from .figures import CONFLICT_RATIO, figures
from .flags import flags

__all__ = [
    "CONFLICT_RATIO",
    "MAX_LIMIT",
    "MAX_OFFSET",
    "ClaimFilters",
    "EventFilters",
    "Page",
    "actor_names",
    "actors",
    "document_detail",
    "document_summary",
    "event_detail",
    "figures",
    "filter_options",
    "flags",
    "list_claims",
    "list_documents",
    "list_events",
    "map_points",
    "series",
]
