"""Articles and quotes built by hand from the model dataclasses: fast, no spaCy, spans found by substring."""

from __future__ import annotations

from onrecord.model import Article, Document, Mention, Quote, Span, Speaker, content_sha256, make_quote


def span_of(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part))


def quote(
    text: str,
    content: str,
    kind: str = "direct",
    cue: str | None = "said",
    mention: str | None = None,
    name: str | None = None,
    speaker_type: str = "person",
    role: str | None = None,
    mention_kind: str = "name",
    aliases: tuple[str, ...] = (),
) -> Quote:
    """A quote of `content` in `text`; its source is the first `mention` (speaker `name`, None = unresolved)."""
    source = None
    if mention is not None:
        speaker = Speaker(name=name, type=speaker_type, role=role, aliases=list(aliases))  # type: ignore[arg-type]
        source = Mention(span_of(text, mention), mention, mention_kind, speaker)  # type: ignore[arg-type]
    cue_span = span_of(text, cue) if cue else None
    return make_quote(text, kind, [span_of(text, content)], cue_span, source)  # type: ignore[arg-type]


def article(
    text: str,
    quotes: list[Quote] | None = None,
    doc_id: str = "a1",
    published: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    source_path: str | None = None,
) -> Article:
    doc = Document(
        id=doc_id, text=text, source_path=source_path or f"{doc_id}.txt", sha256=content_sha256(text)
    )
    return Article(
        document=doc,
        analysis_text=text,
        body_spans=[Span(0, len(text))] if text else [],
        title=title,
        published=published,
        outlet=outlet,
        quotes=quotes or [],
    )


PESKOV_TEXT = (
    'Kremlin spokesman Dmitry Peskov said: "We saw the reaction from both London and Washington." '
    "Peskov added that Russia's air defense system will continue to improve."
)
CLEVERLY_TEXT = (
    "British Foreign Secretary James Cleverly said Ukraine does have the legitimate right to project "
    "force beyond its borders. The Ministry of Defence (MoD) reported that the café was destroyed."
)
UNDATED_TEXT = 'An official said "the situation is under control near the border". He added nothing.'


def sample_articles() -> list[Article]:
    """Three articles: two speakers named across forms, an organization with an alias, an unresolved source."""
    a1 = article(
        PESKOV_TEXT,
        [
            quote(PESKOV_TEXT, "We saw the reaction from both London and Washington.", mention="Dmitry Peskov",
                  name="Dmitry Peskov", role="Kremlin spokesman", aliases=("Peskov",)),
            quote(PESKOV_TEXT, "Russia's air defense system will continue to improve", kind="indirect",
                  cue="added", mention="Peskov", name="Dmitry Peskov", role="Kremlin spokesman"),
        ],
        doc_id="anadolu-1", published="2023-05-31", outlet="Anadolu Agency", title="Kremlin wants condemnation",
    )
    a2 = article(
        CLEVERLY_TEXT,
        [
            quote(CLEVERLY_TEXT, "Ukraine does have the legitimate right to project force beyond its borders",
                  kind="indirect", mention="James Cleverly", name="James Cleverly", role="British Foreign Secretary"),
            quote(CLEVERLY_TEXT, "the café was destroyed", kind="indirect", cue="reported",
                  mention="The Ministry of Defence (MoD)", name="Ministry of Defence", speaker_type="organization",
                  mention_kind="organization", aliases=("MoD",)),
        ],
        doc_id="bloomberg-1", published="2023-05-30T18:00:00+00:00", outlet="Bloomberg",
    )
    a3 = article(
        UNDATED_TEXT,
        [quote(UNDATED_TEXT, "the situation is under control near the border", mention="An official", name=None,
               mention_kind="description")],
        doc_id="undated-1",
    )
    return [a1, a2, a3]
