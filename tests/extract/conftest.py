from __future__ import annotations

import pytest

from sanctionwatch.extract import Extractor
from sanctionwatch.packs import load_pack


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """One extractor (and one spaCy pipeline) for the whole session."""
    return Extractor(pack=load_pack("dprk"))
