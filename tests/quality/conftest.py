from __future__ import annotations

import pytest

from sanctionwatch.extract import Extractor
from sanctionwatch.packs import load_pack


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """One spaCy-backed extractor for the whole session (the model loads once)."""
    return Extractor(pack=load_pack("dprk"))
