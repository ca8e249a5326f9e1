"""One article's attributions: its body paragraphs parsed, read by the rules and the learned tagger, the
two readings reconciled, the tagger's verified, and quotes built; then the quoted stretches no cue claimed.

    paragraphs  -> views (parse, quotation marks, cues)
    rules       -> proposals          learned -> proposals
    reconcile   -> pair               verify  -> the tagger's kept, with confidence
    reconcile   -> settle             build   -> quotes (speakers resolved in order)
    orphans     -> quotes continuing the speaker around them
    interviews  -> the answers of a question-and-answer interview
"""

from __future__ import annotations

from spacy.tokens import Doc

from onrecord.attribute.build import build_quote, is_repeat, mark_channels, without_own_parts
from onrecord.attribute.learned import propose_tagged
from onrecord.attribute.interviews import transcript_quotes
from onrecord.attribute.orphans import attribute_orphans
from onrecord.attribute.paragraphs import ParaView, paragraph_spans, paragraph_texts, paragraph_views
from onrecord.attribute.proposal import Proposal
from onrecord.attribute.reconcile import pair, settle
from onrecord.attribute.resolve import Resolver, build_inventory
from onrecord.attribute.rules import propose_rules
from onrecord.attribute.tagger import Tagger
from onrecord.attribute.verify import Verifier, verified
from onrecord.model import Article, Quote

__all__ = ["attribute_article", "attributions", "paragraph_spans", "paragraph_texts"]


def attribute_article(
    article: Article, docs: list[Doc], tagger: Tagger | None, verifier: Verifier | None = None
) -> list[Quote]:
    """Every attribution in an article whose body paragraphs were parsed into `docs`; rules alone when `tagger` is None.

    With a `verifier`, the tagger's attributions it doubts are dropped and the rest carry its confidence.
    """
    return [quote for quote, _ in attributions(article, docs, tagger, verifier)]


def attributions(
    article: Article,
    docs: list[Doc],
    tagger: Tagger | None,
    verifier: Verifier | None = None,
    rare_heads: frozenset[str] | None = None,
) -> list[tuple[Quote, Proposal | None]]:
    """Each quote with the proposal it was built from (None for a quote no cue claimed), in text order.

    Training scripts read the verifier's evidence off the proposals; `rare_heads` replaces the shipped
    list of lemmas that almost never head a cue (see learned.propose_tagged).
    """
    views = paragraph_views(article, docs)
    resolver = Resolver(build_inventory([v.para for v in views]))
    found: list[tuple[Quote, Proposal | None]] = []
    for i, view in enumerate(views):
        following = views[i + 1] if i + 1 < len(views) else None
        found += _paragraph(article, view, following, tagger, verifier, rare_heads, resolver)
    found += [(quote, None) for quote in attribute_orphans(article, views, [q for q, _ in found], article.analysis_text)]
    people = [name for names in resolver.inv.people.values() for name in names]
    transcript = transcript_quotes(article, people, [q for q, _ in found])
    found = [(q, p) for q, p in found if id(q) not in transcript.replaced] + [(q, None) for q in transcript.quotes]
    return sorted(found, key=lambda item: item[0].content_spans[0].start)


def _paragraph(
    article: Article,
    view: ParaView,
    following: ParaView | None,
    tagger: Tagger | None,
    verifier: Verifier | None,
    rare_heads: frozenset[str] | None,
    resolver: Resolver,
) -> list[tuple[Quote, Proposal]]:
    folded = article.analysis_text
    marks = view.quotes + (following.quotes if following else [])
    rules = propose_rules(view, following, folded)
    tagged = propose_tagged(view, tagger, folded, rare_heads) if tagger else []
    pair(tagged, rules)
    standing = settle(verified(tagged, view.para.doc, verifier), rules, folded)
    built = [(proposal, build_quote(proposal, article, marks, resolver)) for proposal in standing]
    seen: set = set()
    out = []
    for proposal, quote in sorted(built, key=lambda item: item[0].order):
        finished = without_own_parts(quote, article, marks)
        if finished is not None and not is_repeat(finished, seen):
            out.append((finished, proposal))
    mark_channels([quote for quote, _ in out])
    return out
