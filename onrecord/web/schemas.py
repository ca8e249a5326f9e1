"""The JSON API's response models: they document the API (`/openapi.json`, `/docs`) and check its output."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from onrecord.model import Act, MentionKind, QuoteKind, SpeakerType
from onrecord.store.ingest import EventStatus

Pair = list[int]
"""A character span [start, end) into the article's text."""


class ErrorOut(BaseModel):
    error: str = Field(description="What went wrong, in one line.")
    field: str | None = Field(description="The parameter to blame, when one is.")
    status: int


class SpeakerRef(BaseModel):
    id: int | None = Field(description="null when the text does not say who spoke (an unresolved 'he').")
    name: str | None
    type: SpeakerType
    role: str | None = Field(description="The role the article gave the source ('Kremlin spokesman').")


class ArticleRef(BaseModel):
    id: int
    doc_id: str
    title: str | None
    outlet: str | None
    published: str | None = Field(description="ISO date or datetime; null when the article gives none.")
    source_path: str
    story_id: int | None = Field(
        description="The story the article belongs to (onrecord stories); null in a store not yet relinked."
    )


class QuoteOut(BaseModel):
    id: int
    text: str = Field(description="The content, as the article's characters under content_spans.")
    kind: QuoteKind
    act: Act | None = Field(
        description="What kind of act: speech, writing, thought, intention or perception; null when stored before "
        "onrecord read acts."
    )
    speaker: SpeakerRef
    article: ArticleRef
    cue: str | None = Field(description="The words that attribute it ('said', 'according to').")
    cue_span: Pair | None
    content_spans: list[Pair]
    speaker_mention_span: Pair | None = Field(description="Where the text names the source ('he', 'Peskov').")
    speaker_mention: str | None = Field(description="The characters under speaker_mention_span.")
    speaker_mention_kind: MentionKind | None = Field(
        description="How the text names the source: name, pronoun, role, description, organization, group or document."
    )
    confidence: float
    statement_id: int | None = Field(
        description="The statement this quote reports (GET /api/statements/{id}: every outlet's wording of it); "
        "null for a quote with no named speaker."
    )
    topics: list[str] = Field(
        description="What the quote is about: its section heading and the places, organisations and people it names "
        "(not its speaker)."
    )


class QuotePage(BaseModel):
    items: list[QuoteOut]
    total: int = Field(description="How many quotes match in all.")
    next: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")


class ClaimSpeaker(BaseModel):
    id: int | None = Field(description="null when the quote's speaker is unknown.")
    name: str | None


class ClaimArticle(BaseModel):
    id: int
    outlet: str | None
    published: str | None = Field(description="ISO date or datetime; null when the article gives none.")
    source_path: str
    story_id: int | None = Field(description="The article's story; null in a store not yet relinked.")


class ClaimOut(BaseModel):
    id: int
    value: float = Field(description="The number: 'nine' is 9, '1.5 million' is 1500000, '€18.6m' is 18600000.")
    unit: str | None = Field(description="The unit's singular name ('percent', 'euro', 'kilometre'); null for a count.")
    counts: str | None = Field(description="What the figure counts, in the text's words ('people killed'); null if unsaid.")
    total: float | None = Field(description="What it is out of: 54 in '52 out of 54'; else null.")
    text: str = Field(description="The figure as written, the article's characters under span.")
    span: Pair
    quote_id: int
    statement_id: int | None
    speaker: ClaimSpeaker
    speaker_mention: str | None = Field(
        description="The words the text uses for the quote's source ('Ukrainian officials'), named or not."
    )
    article: ClaimArticle


class ClaimPage(BaseModel):
    items: list[ClaimOut]
    total: int = Field(description="How many claims match in all.")
    next: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")


class ConflictOut(BaseModel):
    story_id: int
    unit: str | None
    counts: str = Field(description="What the claims count: a casualty concept ('deaths', 'injured') or the counted word.")
    claims: list[ClaimOut] = Field(description="The disagreeing claims, oldest article first.")


class ConflictList(BaseModel):
    items: list[ConflictOut]


class StoryArticle(BaseModel):
    id: int
    title: str | None
    outlet: str | None
    published: str | None
    source_path: str


class StoryRef(BaseModel):
    id: int
    name: str


class StoryOut(BaseModel):
    id: int
    title: str | None = Field(description="The headline of the story's earliest dated article.")
    first_published: str | None
    last_published: str | None
    outlets: list[str]
    articles: list[StoryArticle] = Field(description="Oldest first.")
    speakers: list[StoryRef] = Field(description="The named speakers of its quotes, most quoted first.")
    statements: int


class StoryPage(BaseModel):
    items: list[StoryOut]
    total: int = Field(description="How many stories match in all.")
    next: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")


class RoleSeen(BaseModel):
    role: str
    first_seen: str | None = Field(description="The earliest dated article that gave the role; null if none was dated.")
    last_seen: str | None = Field(description="The latest dated article that gave the role.")
    articles: int = Field(description="How many articles gave the role.")


class SpeakerOut(BaseModel):
    id: int
    name: str
    type: SpeakerType
    roles: list[str] = Field(description="Roles the articles gave the speaker, most frequent first.")
    role_history: list[RoleSeen] = Field(description="The same roles with when and how often they were given.")
    aliases: list[str] = Field(description="Other names the articles used for the speaker.")
    quotes: int
    articles: int
    statements: int = Field(description="Distinct things the speaker said (GET /api/statements?speaker_id=...).")
    first_published: str | None
    last_published: str | None


class SpeakerPage(BaseModel):
    items: list[SpeakerOut]
    total: int
    next: str | None


class WeekCount(BaseModel):
    week: str = Field(description="The Monday that starts the week, YYYY-MM-DD.")
    quotes: int


class MonthCount(BaseModel):
    month: str = Field(description="YYYY-MM.")
    quotes: int


class OutletCount(BaseModel):
    outlet: str | None
    quotes: int


class SpeakerDetail(SpeakerOut):
    per_week: list[WeekCount] = Field(description="Quotes per week, for the weeks with any, oldest first.")
    per_month: list[MonthCount] = Field(description="Quotes per calendar month, for the months with any, oldest first.")
    undated_quotes: int = Field(description="Quotes from articles without a date (not in per_week or per_month).")
    outlets: list[OutletCount]


class ReportArticle(BaseModel):
    id: int
    title: str | None
    outlet: str | None
    published: str | None = Field(description="ISO date or datetime; null when the article gives none.")
    source_path: str
    wire: str | None = Field(description="The wire service the article credits ('Reuters'), if any.")
    family: int | None = Field(description="Articles of one family are copies of one story: they count once as independent.")


class StatementReport(BaseModel):
    quote_id: int = Field(description="The quote (its spans are in GET /api/articles/{article.id}).")
    kind: QuoteKind
    text: str = Field(description="This report's wording.")
    content_spans: list[Pair]
    topics: list[str] = Field(description="This report's topics: its section heading and the entities it names.")
    article: ReportArticle


class StatementOut(BaseModel):
    id: int
    speaker: SpeakerRef
    text: str = Field(description="The statement's wording: its longest direct report's (else its longest report's).")
    first_published: str | None = Field(description="The earliest dated report.")
    last_published: str | None = Field(description="The latest dated report.")
    reports: list[StatementReport] = Field(description="Every quote that reports it, oldest first.")
    outlets: list[str] = Field(description="The outlets that reported it, by name.")
    independent_reports: int = Field(description="Reports from distinct article families (wire copies count once).")
    topics: list[str] = Field(description="Its reports' topics (headings, places, bodies, people), most often given first.")


class StatementPage(BaseModel):
    items: list[StatementOut]
    total: int = Field(description="How many statements match in all.")
    next: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")


class ArticleOut(BaseModel):
    id: int
    doc_id: str
    sha256: str
    source_path: str
    line: int | None
    format: str
    title: str | None
    title_span: Pair | None
    published: str | None
    outlet: str | None
    byline: str | None
    dateline: str | None
    text: str = Field(description="The document text every span points into.")
    has_raw: bool = Field(description="Whether the original page (HTML) is stored beside the text.")
    body_spans: list[Pair] = Field(description="The article body; the rest of the text is boilerplate.")
    headings: list[Pair]
    ingested_at: str
    quotes: list[QuoteOut]


class IngestedDocument(BaseModel):
    file: str = Field(description="The uploaded file's name.")
    path: str = Field(description="The document: the file name, with :line for a JSON Lines record.")
    status: EventStatus
    detail: str
    article_id: int | None
    warnings: list[str] = Field(description='What the reader repaired to read it ("1 NUL byte removed"); empty when nothing.')


class IngestOut(BaseModel):
    documents: list[IngestedDocument]
    new: int
    unchanged: int
    failed: int


class JobOut(BaseModel):
    job: str = Field(description="The upload's id: a random token, the only way to read its results.")
    status: Literal["queued", "running", "done", "failed"]
    position: int | None = Field(description="Uploads to run before this one (0: running or next); null once finished.")
    files: int = Field(description="Files in the upload.")
    progress: str = Field(description="Where to follow it: GET this URL until status is done or failed.")
    result: IngestOut | None = Field(description="When done: what happened to each document, as POST /api/ingest gives it.")
    error: str | None = Field(
        description="When failed: why. Documents stored before the failure stay; sending the upload again "
        "finishes it (those come back unchanged)."
    )
