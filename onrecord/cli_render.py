"""Terminal rendering for the CLI, with rich.

Article text, titles, names and paths are hostile input: they are only ever put into `Text`
objects (append/stylize), never into markup strings, and the consoles have markup off as a second
guard. Control characters are replaced one-for-one (so offsets still line up) before printing.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from onrecord.export import figure_text
from onrecord.model import Article
from onrecord.wording import differing_spans

NO_DATE = "—"
UNKNOWN = "unknown"
SOURCE_STYLE = "bold cyan"
CUE_STYLE = "bold magenta"
CONTENT_STYLE = "green"
BOILERPLATE_STYLE = "dim"
HEADING_STYLE = "bold"

_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_SAFE = {
    **{i: 0x2400 + i for i in range(32) if chr(i) not in "\n\t\r"},
    ord("\r"): ord(" "),
    0x7F: 0x2421,
    **{i: 0xFFFD for i in range(0x80, 0xA0)},
    **{ord(ch): 0xFFFD for ch in _BIDI},
}
"""Terminal escapes and bidi overrides in an article must not drive the terminal; each becomes one
visible character (control pictures, U+FFFD), so a span's offsets stay valid after the swap."""


_ONE_LINE = {**_SAFE, **{ord(ch): 0x2400 + ord(ch) for ch in "\n\t\r"}, 0x2028: 0x2424, 0x2029: 0x2424}
"""As _SAFE, and line breaks too: a file name holding "\nerror: ..." must not forge a line of output."""


def safe(text: str | None) -> str:
    """`text` with control characters replaced one-for-one by visible ones."""
    return (text or "").translate(_SAFE)


def one_line(text: str | None) -> str:
    """`text` safe to print as (part of) one line: line breaks shown as control pictures too."""
    return (text or "").translate(_ONE_LINE)


def problem_line(level: str, path: str, reason: str) -> str:
    """`error: <path>: <reason>` (or `warning: ...`), always one line whatever the path holds."""
    return f"{level}: {one_line(path)}: {one_line(reason)}"


def make_console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, markup=False, highlight=False, emoji=False)


def _date(published: str | None) -> Text:
    return Text(published[:10]) if published else Text(NO_DATE, style="dim")


def speaker_text(speaker: dict[str, Any], mention: dict[str, Any] | None) -> Text:
    """The speaker's name, or "unknown" with the words the text used ("he"): never a guess."""
    if speaker.get("name"):
        return Text(safe(speaker["name"]), style=SOURCE_STYLE)
    text = Text(UNKNOWN, style="dim")
    if mention:
        text.append(f" ({safe(mention['text'])})", style="dim italic")
    return text


def _who(speaker: dict[str, Any], mention: dict[str, Any] | None, role: str | None) -> Text:
    """The speaker's name with their role on the next line, dimmed."""
    text = speaker_text(speaker, mention)
    if role:
        text.append("\n" + safe(role), style="dim")
    return text


def _reported(published: str | None, outlet: str | None) -> Text:
    """The date with the outlet on the next line: when and by whom it was reported."""
    text = _date(published)
    text.append("\n")
    text.append(safe(outlet) if outlet else NO_DATE, style="" if outlet else "dim")
    return text


def quotes_table(rows: list[dict[str, Any]]) -> Table:
    # The quote takes what the short columns leave; it reads well down to 80 columns.
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True)
    table.add_column("speaker / role", ratio=2, min_width=16)
    table.add_column("kind", width=8)
    table.add_column("quote", ratio=5, min_width=30)
    table.add_column("date / outlet", width=14, overflow="fold")
    table.add_column("article", justify="right", width=7)
    for row in rows:
        table.add_row(
            _who(row["speaker"], row["mention"], row["speaker"]["role"]),
            Text(row["kind"]),
            Text(safe(row["text"]), style=CONTENT_STYLE),
            _reported(row["article"]["published"], row["article"]["outlet"]),
            Text(str(row["article"]["id"])),
        )
    return table


def claims_table(rows: list[dict[str, Any]]) -> Table:
    """One row per figure: its value, what it counts, who gave it, when and where."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True)
    table.add_column("value", width=18, overflow="fold")
    table.add_column("counts", ratio=2, min_width=14)
    table.add_column("as written", ratio=1, min_width=10)
    table.add_column("speaker", ratio=2, min_width=14)
    table.add_column("date / outlet", width=14, overflow="fold")
    table.add_column("quote", justify="right", width=6)
    for row in rows:
        total = f" of {figure_text(row['total'], None)}" if row["total"] is not None else ""
        mention = {"text": row["speaker_mention"]} if row.get("speaker_mention") else None
        table.add_row(
            Text(figure_text(row["value"], row["unit"]) + total),
            Text(safe(row["counts"]) if row["counts"] else "—", style="" if row["counts"] else "dim"),
            Text(safe(row["text"]), style=CONTENT_STYLE),
            speaker_text(row["speaker"], mention),
            _reported(row["article"]["published"], row["article"]["outlet"]),
            Text(str(row["quote_id"])),
        )
    return table


def speakers_table(rows: list[dict[str, Any]]) -> Table:
    """One row per speaker with their first role; every role and alias is in `speakers --json`."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True)
    table.add_column("speaker / role", ratio=1, min_width=20)
    table.add_column("type", width=12)
    for name in ("quotes", "articles"):
        table.add_column(name, justify="right", width=len(name))
    table.add_column("first", width=10)
    table.add_column("last", width=10)
    for row in rows:
        table.add_row(
            _who({"name": row["name"]}, None, row["roles"][0] if row["roles"] else None),
            Text(row["type"]),
            Text(str(row["quotes"])),
            Text(str(row["articles"])),
            _date(row["first_published"]),
            _date(row["last_published"]),
        )
    return table


def _metadata(article: dict[str, Any]) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    source = article["source_path"] + (f" (line {article['line']})" if article.get("line") else "")
    for label, value in (
        ("article", f"{article['id']}  ({article['doc_id']})"),
        ("outlet", article["outlet"]),
        ("published", article["published"]),
        ("byline", article["byline"]),
        ("dateline", article["dateline"]),
        ("source", f"{source}  [{article['format']}]"),
        ("sha256", article["sha256"]),
        ("quotes", str(len(article["quotes"]))),
    ):
        grid.add_row(Text(label), Text(safe(value)) if value else Text(NO_DATE, style="dim"))
    return grid


def _styled_text(article: dict[str, Any]) -> Text:
    """The original text: boilerplate dimmed, body plain, and each attribution's parts coloured."""
    text = Text(safe(article["text"]), style=BOILERPLATE_STYLE)
    for start, end in article["body_spans"]:
        text.stylize("not dim", start, end)
    for start, end in [*article["headings"], *([article["title_span"]] if article["title_span"] else [])]:
        text.stylize(HEADING_STYLE, start, end)
    for quote in article["quotes"]:
        for start, end in quote["content_spans"]:
            text.stylize(CONTENT_STYLE, start, end)
        if quote["cue_span"]:
            text.stylize(CUE_STYLE, *quote["cue_span"])
        if quote["mention"]:
            text.stylize(SOURCE_STYLE, quote["mention"]["start"], quote["mention"]["end"])
    return text


def _legend() -> Text:
    legend = Text("key: ")
    for label, style in (("source", SOURCE_STYLE), ("cue", CUE_STYLE), ("content", CONTENT_STYLE)):
        legend.append(label, style=style).append("  ")
    return legend.append("boilerplate", style=BOILERPLATE_STYLE)


def attribution_line(number: int, quote: dict[str, Any]) -> Text:
    line = Text(f"{number:>3}. ")
    line.append_text(speaker_text(quote["speaker"], quote["mention"]))
    if quote["speaker"]["role"]:
        line.append(f" ({safe(quote['speaker']['role'])})")
    line.append("  ")
    line.append(safe(quote["cue"]) if quote["cue"] else NO_DATE, style=CUE_STYLE if quote["cue"] else "dim")
    line.append(f"  [{quote['kind']}]  ")
    line.append(f"“{safe(quote['text'])}”", style=CONTENT_STYLE)
    spans = ", ".join(f"{start}-{end}" for start, end in quote["content_spans"])
    return line.append(f"  @ {spans}", style="dim")


def article_view(article: dict[str, Any]) -> RenderableType:
    """`onrecord show`: metadata, the highlighted text, then the list of attributions."""
    title = Text(safe(article["title"]) if article["title"] else "(untitled)", style="bold")
    parts: list[RenderableType] = [title, _metadata(article), Rule(), _legend(), Text(), _styled_text(article)]
    parts += [Rule(Text(f"attributions ({len(article['quotes'])})"))]
    if not article["quotes"]:
        parts.append(Text("no attributions found", style="dim"))
    parts += [attribution_line(i, q) for i, q in enumerate(article["quotes"], 1)]
    return Group(*parts)


def extract_view(article: Article) -> RenderableType:
    """`onrecord extract` without --jsonl: one who-said-what table per article."""
    doc = article.document
    heading = Text(safe(article.title or doc.id), style="bold")
    where = Text(f"{safe(article.outlet) or UNKNOWN} · {safe(article.published) or NO_DATE} · {safe(doc.source_path)}")
    where.stylize("dim")
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True)
    table.add_column("speaker / role", ratio=2, min_width=16)
    table.add_column("cue", ratio=1, min_width=10)
    table.add_column("kind", width=8)
    table.add_column("quote", ratio=5, min_width=30)
    for quote in article.quotes:
        speaker = quote.speaker
        who = {"name": speaker.name if speaker else None}
        mention = {"text": quote.source.text} if quote.source else None
        table.add_row(
            _who(who, mention, speaker.role if speaker else None),
            Text(safe(quote.cue) if quote.cue else NO_DATE, style=CUE_STYLE if quote.cue else "dim"),
            Text(quote.kind),
            Text(safe(quote.text), style=CONTENT_STYLE),
        )
    body: RenderableType = table if article.quotes else Text("no attributions found", style="dim")
    return Group(Rule(style="dim"), heading, where, body, Text())


DIFF_STYLE = "bold reverse"


def marked_differences(text: str, reference: str) -> Text:
    """`text` with the words that `reference` lacks marked (the same words the statement page marks)."""
    out = Text()
    position = 0
    for start, end in differing_spans(text, reference):
        out.append(safe(text[position:start]))
        out.append(safe(text[start:end]), style=DIFF_STYLE)
        position = end
    out.append(safe(text[position:]))
    return out


def statements_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True)
    table.add_column("id", justify="right", width=5)
    table.add_column("speaker / role", ratio=2, min_width=16)
    table.add_column("statement", ratio=5, min_width=28)
    table.add_column("reports / first", width=16, overflow="fold")
    for row in rows:
        outlets = len(row["outlets"])
        coverage = Text(
            f"{len(row['reports'])} report{'s' * (len(row['reports']) != 1)}, {outlets} outlet{'s' * (outlets != 1)}, "
            f"{row['independent_reports']} indep.\n"
        )
        coverage.append_text(_date(row["first_published"]))
        table.add_row(
            Text(str(row["id"])),
            _who(row["speaker"], None, row["speaker"]["role"]),
            Text(safe(row["text"]), style=CONTENT_STYLE),
            coverage,
        )
    return table


def statement_view(statement: dict[str, Any]) -> RenderableType:
    """Each report's wording under the statement's, the words it does not share with it marked."""
    speaker = statement["speaker"]
    head = Text()
    head.append(f"statement {statement['id']}: ", style="bold")
    head.append_text(_who(speaker, None, speaker["role"]))
    head.append(
        f"\n{_count(len(statement['reports']), 'report')} by {_count(len(statement['outlets']), 'outlet')}, "
        f"{statement['independent_reports']} independent; {statement['first_published'] or 'undated'}"
        f" to {statement['last_published'] or 'undated'}\n"
    )
    head.append(safe(statement["text"]), style=CONTENT_STYLE)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True)
    table.add_column("quote", justify="right", width=6)
    table.add_column("outlet / date / kind", width=22, overflow="fold")
    table.add_column("wording (words the statement's text lacks marked)", ratio=1)
    for report in statement["reports"]:
        article = report["article"]
        meta = _reported(article["published"], article["outlet"])
        meta.append(f"\n{report['kind']}" + (f", wire {safe(article['wire'])}" if article.get("wire") else ""))
        meta.append(f"\narticle {article['id']}")
        table.add_row(Text(str(report["quote_id"])), meta, marked_differences(report["text"], statement["text"]))
    return Group(head, table)


def stories_table(rows: list[dict[str, Any]]) -> Table:
    """One row per story: its title, its dates, how many articles and outlets, who spoke in it."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True)
    table.add_column("id", justify="right", width=5)
    table.add_column("story", ratio=4, min_width=24)
    table.add_column("first / last", width=11)
    table.add_column("articles / outlets", width=18, overflow="fold")
    table.add_column("speakers", ratio=2, min_width=14)
    for row in rows:
        dates = _date(row["first_published"])
        dates.append("\n")
        dates.append_text(_date(row["last_published"]))
        names = [safe(s["name"]) for s in row["speakers"][:3]]
        more = len(row["speakers"]) - len(names)
        table.add_row(
            Text(str(row["id"])),
            Text(safe(row["title"]) if row["title"] else "(untitled)", style="" if row["title"] else "dim"),
            dates,
            Text(f"{_count(len(row['articles']), 'article')}\n{_count(len(row['outlets']), 'outlet')}"),
            Text(", ".join(names) + (f" and {more} more" if more > 0 else "") if names else UNKNOWN, style="" if names else "dim"),
        )
    return table


def story_view(story: dict[str, Any]) -> RenderableType:
    """A story's articles in date order, and who spoke in it."""
    head = Text()
    head.append(f"story {story['id']}: ", style="bold")
    head.append(safe(story["title"]) if story["title"] else "(untitled)")
    head.append(
        f"\n{_count(len(story['articles']), 'article')} by {_count(len(story['outlets']), 'outlet')}, "
        f"{_count(story['statements'], 'statement')}; {story['first_published'] or 'undated'} to "
        f"{story['last_published'] or 'undated'}\n"
    )
    if story["speakers"]:
        head.append("speakers: " + ", ".join(safe(s["name"]) for s in story["speakers"]), style=SOURCE_STYLE)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True)
    table.add_column("article", justify="right", width=7)
    table.add_column("date / outlet", width=14, overflow="fold")
    table.add_column("headline", ratio=1)
    for article in story["articles"]:
        table.add_row(
            Text(str(article["id"])),
            _reported(article["published"], article["outlet"]),
            Text(safe(article["title"]) if article["title"] else "(untitled)"),
        )
    return Group(head, table)


def _count(n: int, noun: str) -> str:
    """"1 report", "3 reports"."""
    return f"{n} {noun}{'s' * (n != 1)}"

