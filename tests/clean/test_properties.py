"""Property tests: normalisation and cleaning are idempotent."""
from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sanctionwatch.clean import clean, clean_text
from sanctionwatch.clean.normalize import normalize_key, normalize_text
from sanctionwatch.exceptions import EmptyDocumentError
from sanctionwatch.model import RawDocument

# Text with the characters cleaning cares about: newlines, odd spaces, zero-width and
# combining characters, and words that boilerplate patterns and repeats are made of.
ALPHABET = st.sampled_from(list("ab .,\n\n\t\r\u00a0\u200b\u0301é") + ["Advertisement", "Read more:", "said",
                                                                        "\u2029", "ß", "ﬁ", "광고"])
TEXT = st.lists(ALPHABET, max_size=60).map("".join) | st.text(max_size=200)
PARAGRAPHS = st.lists(st.sampled_from([
    "The ministry said 300 engineers arrived.",
    "The ministry said 300 engineers arrived!",
    "Officials said two bridges would be repaired.",
    "Advertisement",
    "Read more: a linked story",
    "Short.",
]) | st.text(min_size=1, max_size=80), min_size=1, max_size=12)


@given(TEXT)
def test_normalize_text_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(TEXT)
def test_normalize_key_idempotent(text: str) -> None:
    once = normalize_key(text)
    assert normalize_key(once) == once


@settings(max_examples=200, deadline=None)
@given(st.one_of(TEXT, PARAGRAPHS.map("\n\n".join), PARAGRAPHS.map("\n".join)))
def test_clean_idempotent(text: str) -> None:
    first, _ = clean_text(text)
    assume(first.strip())
    second, removed = clean_text(first)
    assert second == first
    assert removed == []


@settings(deadline=None)  # the first call loads the language model
@given(PARAGRAPHS.map("\n\n".join))
def test_clean_document_idempotent(text: str) -> None:
    try:
        doc = clean(RawDocument(text=text, path="p", format="txt", source="p"))
    except EmptyDocumentError:
        return
    again = clean(RawDocument(text=doc.text, path="p", format="txt", source="p"))
    assert again.text == doc.text and again.id == doc.id
