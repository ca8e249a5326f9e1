"""The synthetic store of benchmarks/api_load.py: quotes, speakers and articles written through onrecord's own path.

Seeded and deterministic: a Zipf-distributed vocabulary (real common and news words, then made-up
ones), a roster of people with roles and of organizations, 8-12 quotes of 10-60 words per article,
40 outlets, two years of dates. Built once per (quotes, speakers, seed) and cached.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from onrecord.model import (
    Article, Document, Mention, MentionKind, Quote, QuoteKind, Span, Speaker, SpeakerType, content_sha256, make_quote,
)
from onrecord.store import Store, queries
from onrecord.store.db import _write_article, check_article

SYNTH_VERSION = 1
"""Part of the cached store's name: bump it when the synthesis changes, so old caches are not reused."""
VOCAB_SIZE = 8000
ZIPF_EXPONENT = 1.0
"""Word frequencies in running text follow Zipf's law with an exponent close to 1."""
QUOTE_WORDS = (10, 22, 60)
"""Quote length in words: triangular (low, mode, high), a mean of about 31 words."""
ARTICLE_QUOTES = (8, 12)
FIRST_DAY, DAYS = date(2023, 1, 1), 730
BATCH_ARTICLES = 500
"""Articles written per transaction while building: the build is a bulk load, not an ingest."""

COMMON_WORDS = """the of and to in that is we will it not for on with be this are our have has they was by as at
from would all an there their more been but which can no any its were or who what about must very now
only also said these than other them into after over could should do us new such one""".split()
NEWS_WORDS = """people country war peace government president security support forces talks sanctions
attack military border region city minister ministry election vote parliament law court police economy
prices energy gas oil grain exports imports troops weapons missiles drones air defence defense ceasefire
negotiations agreement deal treaty alliance allies partners territory occupation offensive counteroffensive
front line civilians refugees aid humanitarian reconstruction investment budget inflation bank currency
markets growth crisis strike shelling infrastructure power plant nuclear reactor inspectors agency
sovereignty independence referendum annexation invasion aggression escalation provocation threat response
responsibility accountability crimes investigation evidence tribunal justice victims families children
hospitals schools winter supplies shortage corridor convoy port shipping blockade routes summit meeting
delegation envoy embassy diplomats dialogue statement proposal plan strategy priority future history
cooperation commitment assistance package funding loan grant reforms corruption transparency opposition
protest demonstrators rights freedom media journalists information propaganda disinformation""".split()
COMMON = frozenset(COMMON_WORDS)
ONSETS = "b c d f g h k l m n p r s t v z br dr gr tr st sh".split()
VOWELS = "a e i o u a e i o ai ou".split()
CODAS = ["", "", "", "", "n", "r", "s", "l", "t", "m"]

FIRST_NAMES = """Dmitry Sergei Olena Maria Anna James David Emmanuel Olaf Ursula Antony Jens Volodymyr Andriy
Mykhailo Iryna Oleksandr Kaja Josep Recep Ahmet Mevlut Hakan Li Wang Zhang Narendra Subrahmanyam Rishi Liz
Boris Grant Lloyd Karine John Jake Linda Kamala Viktor Mark Mette Sanna Petteri Ulf Annalena Boris Giorgia
Pedro Charles Justin Fumio Yoon Lula Cyril Abiy William Ruto Ali Hassan Fatima Leila Yasmin Omar Ivan Pavel
Nikolai Alexei Yulia Tetiana Kateryna Yevhen Vitali Oksana Denys Ruslan Svitlana Natalia Gabriel Sophie
Thomas Martin Peter Paul Helen Sarah Laura Elena Marco Luca Sofia Miguel Carlos Ana Jorge Lucia Ahmed Mehmet""".split()
SURNAMES = """Peskov Lavrov Shoigu Zakharova Medvedev Kuleba Zelensky Podolyak Yermak Reznikov Budanov
Klitschko Sybiha Shmyhal Umerov Zaluzhny Syrskyi Kallas Borrell Erdogan Fidan Cavusoglu Stoltenberg Rutte
Blinken Sullivan Kirby Austin Jean-Pierre Macron Scholz Baerbock Pistorius Habeck Meloni Tajani Sanchez
Albares Sunak Cameron Cleverly Shapps Starmer Lammy Healey Trudeau Joly Kishida Kamikawa Modi Jaishankar
Wang Qin Xi Lula Ramaphosa Grossi Guterres Dujarric Griffiths Tuerk Kovalenko Petrenko Shevchenko Bondarenko
Tkachenko Kravchenko Boyko Melnyk Kovalchuk Oliynyk Marchenko Lysenko Savchenko Rudenko Moroz Ivanov
Petrov Sidorov Smirnov Kuznetsov Popov Sokolov Volkov Fedorov Morozov Novikov Orlov Lebedev Kozlov Pavlov
Schmidt Muller Weber Fischer Wagner Becker Hoffmann Dubois Martin Bernard Laurent Moreau Rossi Russo
Bianchi Romano Garcia Martinez Lopez Gonzalez Rodriguez Smith Johnson Williams Brown Jones Miller Davis
Wilson Taylor Anderson Thomas Moore Jackson White Harris Clark Lewis Walker Hall Young King Wright Green
Adams Baker Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards Collins Stewart
Yilmaz Kaya Demir Sahin Celik Aydin Ozturk Arslan Dogan Kilic Nowak Kowalski Wisniewski Novak Horvat""".split()
ROLES = """foreign minister|defence minister|prime minister|president|spokesman|spokeswoman|ambassador
|senior official|military analyst|economist|governor|mayor|central bank governor|opposition leader
|army commander|energy minister|press secretary|deputy foreign minister|national security adviser
|lawmaker|interior minister|finance minister|chief of staff|military spokesman|envoy""".replace("\n", "").split("|")
FIXED_ROLES = ("Kremlin spokesman", "White House press secretary", "NATO secretary general",
               "EU foreign policy chief", "UN secretary-general", "IAEA director general")
COUNTRIES = """Ukrainian Russian American British French German Turkish Polish Italian Spanish Chinese Indian
Japanese Canadian Dutch Swedish Finnish Estonian Latvian Lithuanian Hungarian Romanian Moldovan Georgian
Belarusian Israeli Iranian Saudi Egyptian Brazilian""".split()
INSTITUTIONS = """Defence Ministry|Foreign Ministry|Interior Ministry|Central Bank|General Staff|Energy Ministry
|Health Ministry|Border Guard Service|Prosecutor General's Office|Emergency Service|Parliament
|Presidential Office|Army|Navy|Statistics Office""".replace("\n", "").split("|")
OUTLETS = """Reuters|Associated Press|Agence France-Presse|Bloomberg|BBC News|The Guardian|Financial Times
|The New York Times|The Washington Post|The Wall Street Journal|Al Jazeera|Anadolu Agency|Deutsche Welle
|Euronews|Politico Europe|Kyiv Independent|Ukrainska Pravda|Ukrinform|Kyiv Post|Meduza|TASS|RIA Novosti
|Interfax|The Moscow Times|Novaya Gazeta Europe|Radio Free Europe|CNN|NBC News|CBS News|ABC News|Sky News
|The Telegraph|The Independent|Le Monde|Der Spiegel|El Pais|Corriere della Sera|Hurriyet Daily News
|Daily Sabah|The Economist""".replace("\n", "").split("|")
UNNAMED_SOURCES: tuple[tuple[str, MentionKind], ...] = (
    ("An official", "description"), ("A senior official", "description"),
    ("A source close to the talks", "description"), ("He", "pronoun"), ("She", "pronoun"),
)
DIRECT_CUES = ("said", "told reporters", "added", "wrote", "said on Telegram")
INDIRECT_CUES = ("said", "warned", "claimed", "added", "stressed", "insisted")

@dataclass(frozen=True)
class SynthConfig:
    """What the synthetic store holds: exactly `quotes` quotes, from a roster of `speakers`."""

    quotes: int
    speakers: int
    seed: int


@dataclass(frozen=True)
class SynthSpeaker:
    """One roster entry: a person (with surname and role) or an organization."""

    name: str
    type: SpeakerType
    role: str | None = None
    surname: str | None = None


def zipf_cum_weights(n: int, exponent: float = ZIPF_EXPONENT) -> list[float]:
    """Cumulative weights of ranks 1..n under Zipf's law, for random.choices."""
    return list(itertools.accumulate(1.0 / rank**exponent for rank in range(1, n + 1)))


def pseudo_word(rng: random.Random, syllables: int) -> str:
    """A pronounceable made-up word of the given number of syllables."""
    return "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables))


@cache
def vocabulary() -> tuple[str, ...]:
    """The words of the synthetic texts, most frequent first: real common and news words, then made-up ones.

    Fixed (its own seed), so every store and every query pool share it. Rarer words are longer.
    """
    rng = random.Random(20_230_101)
    words = list(dict.fromkeys(COMMON_WORDS + NEWS_WORDS))
    seen = set(words)
    while len(words) < VOCAB_SIZE:
        word = pseudo_word(rng, 2 + (len(words) >= 2000))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return tuple(words)


def make_roster(rng: random.Random, n: int) -> list[SynthSpeaker]:
    """n distinct speakers, about 85% people with roles and 15% organizations, in popularity order."""
    max_orgs = len(COUNTRIES) * len(INSTITUTIONS)
    people, orgs = set(), set()
    roster: list[SynthSpeaker] = []
    while len(roster) < n:
        if rng.random() < 0.15 and len(orgs) < max_orgs:
            name = f"{rng.choice(COUNTRIES)} {rng.choice(INSTITUTIONS)}"
            if name not in orgs:
                orgs.add(name)
                roster.append(SynthSpeaker(name, "organization"))
            continue
        first, surname = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        if f"{first} {surname}" not in people:
            people.add(f"{first} {surname}")
            roster.append(SynthSpeaker(f"{first} {surname}", "person", person_role(rng), surname))
    return roster


def person_role(rng: random.Random) -> str:
    """A role as news copy gives it: "Kremlin spokesman", "Ukrainian foreign minister", "economist"."""
    if rng.random() < 0.05:
        return rng.choice(FIXED_ROLES)
    role = rng.choice(ROLES)
    return f"{rng.choice(COUNTRIES)} {role}" if rng.random() < 0.6 else role


class TextBuilder:
    """A text assembled piece by piece; `add` gives the span each piece occupies."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> Span:
        """Append a non-empty piece and return its span."""
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return Span(start, self.length)

    def text(self) -> str:
        """Everything added so far."""
        return "".join(self.parts)


@dataclass
class QuoteParts:
    """A quote's spans, recorded while its sentence is written; made a Quote once the text is whole."""

    kind: QuoteKind
    content: list[Span]
    cue: Span
    source: Mention


class Synth:
    """Seeded generator of Articles: Zipf-distributed words, speakers and outlets."""

    def __init__(self, config: SynthConfig) -> None:
        self.rng = random.Random(config.seed)
        self.words = vocabulary()
        self.word_weights = zipf_cum_weights(len(self.words))
        self.roster = make_roster(self.rng, config.speakers)
        self.speaker_weights = zipf_cum_weights(len(self.roster))
        self.outlet_weights = zipf_cum_weights(len(OUTLETS), 0.8)

    def sentence(self, n_words: int, capital: bool = True) -> str:
        """n_words words drawn by frequency, the first capitalised unless told otherwise."""
        words = self.rng.choices(self.words, cum_weights=self.word_weights, k=n_words)
        return (words[0].capitalize() if capital else words[0]) + "".join(" " + w for w in words[1:])

    def quote_length(self) -> int:
        """Words in one quote: between 10 and 60, most often about 22."""
        low, mode, high = QUOTE_WORDS
        return round(self.rng.triangular(low, high, mode))

    def mention(self, out: TextBuilder, who: SynthSpeaker | None, first: bool) -> Mention:
        """Write the source of a quote: role and full name first, surname after; an unnamed source for None."""
        if who is None:
            text, kind = self.rng.choice(UNNAMED_SOURCES)
            return Mention(out.add(text), text, kind, Speaker(None, "person"))
        speaker = Speaker(who.name, who.type, who.role)
        if who.type == "organization":
            out.add("The ")
            return Mention(out.add(who.name), who.name, "organization", speaker)
        if first and who.role:
            out.add(f"{who.role[0].upper()}{who.role[1:]} ")
        text = who.name if first else (who.surname or who.name)
        return Mention(out.add(text), text, "name", speaker)

    def quote_sentence(self, out: TextBuilder, who: SynthSpeaker | None, first: bool) -> QuoteParts:
        """Write one attributed sentence, direct, indirect or mixed, and return the quote's spans."""
        n = self.quote_length()
        roll = self.rng.random()
        source = self.mention(out, who, first)
        if roll < 0.55:
            cue = out.add(" " + self.rng.choice(DIRECT_CUES))
            out.add(': "')
            content = [out.add(self.sentence(n) + ".")]
            out.add('"')
            return QuoteParts("direct", content, Span(cue.start + 1, cue.end), source)
        cue = out.add(" " + self.rng.choice(INDIRECT_CUES))
        if roll < 0.9:
            out.add(" that ")
            content = [out.add(self.sentence(n, capital=False))]
            out.add(".")
            return QuoteParts("indirect", content, Span(cue.start + 1, cue.end), source)
        split = self.rng.randint(3, n - 3)
        out.add(" ")
        content = [out.add(self.sentence(split, capital=False))]
        out.add(' "')
        content.append(out.add(self.sentence(n - split, capital=False) + "."))
        out.add('"')
        return QuoteParts("mixed", content, Span(cue.start + 1, cue.end), source)

    def article(self, index: int, n_quotes: int) -> Article:
        """One article of n_quotes quotes from two to four speakers, with filler sentences between."""
        out = TextBuilder()
        title_span = out.add(self.sentence(self.rng.randint(6, 10)))
        out.add("\n\n")
        body_start = out.length
        cast = list(dict.fromkeys(self.rng.choices(self.roster, cum_weights=self.speaker_weights, k=4)))
        cast = cast[: self.rng.randint(2, 4)]
        named: set[str] = set()
        parts: list[QuoteParts] = []
        for i in range(n_quotes):
            if i:
                out.add("\n\n")
            if self.rng.random() < 0.6:
                out.add(self.sentence(self.rng.randint(8, 20)) + ". ")
            who = None if self.rng.random() < 0.05 else self.rng.choice(cast)
            parts.append(self.quote_sentence(out, who, who is not None and who.name not in named))
            named.update([who.name] if who else [])
        return self.assemble(index, out, title_span, body_start, parts)

    def assemble(self, index: int, out: TextBuilder, title: Span, body_start: int, parts: list[QuoteParts]) -> Article:
        """The Article of a finished text: its quotes read off by their spans, an outlet and a date (2% none)."""
        text = out.text()
        outlet = self.rng.choices(OUTLETS, cum_weights=self.outlet_weights)[0]
        day = FIRST_DAY + timedelta(self.rng.randrange(DAYS))
        path = f"synthetic/{re.sub(r'[^a-z]+', '-', outlet.lower()).strip('-')}/{index:06d}.txt"
        doc = Document(f"synth-{index:06d}", text, path, content_sha256(f"{index}\n{text}"))
        quotes: list[Quote] = [make_quote(text, p.kind, p.content, p.cue, p.source) for p in parts]
        published = None if self.rng.random() < 0.02 else day.isoformat()
        return Article(doc, text, [Span(body_start, len(text))], title=title.of(text), title_span=title,
                       published=published, outlet=outlet, quotes=quotes)

    def articles(self, total_quotes: int) -> Iterator[Article]:
        """Articles of 8 to 12 quotes each (the last one fewer) until exactly total_quotes are written."""
        left, index = total_quotes, 0
        while left > 0:
            n = min(left, self.rng.randint(*ARTICLE_QUOTES))
            yield self.article(index, n)
            left, index = left - n, index + 1


def default_db_path(config: SynthConfig) -> Path:
    """Where the store for this configuration is cached between runs."""
    name = f"quotes-{config.quotes}-speakers-{config.speakers}-seed-{config.seed}-v{SYNTH_VERSION}.db"
    return Path(tempfile.gettempdir()) / "onrecord-api-load" / name


def build_info_path(db: Path) -> Path:
    """The file beside a built store that records how it was built and how long it took."""
    return db.with_name(db.name + ".build.json")


def remove_db(db: Path) -> None:
    """Delete a database file with its WAL and shared-memory files, where they exist."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def write_store(db: Path, config: SynthConfig) -> None:
    """Write the synthetic articles to a new store at db, many articles per transaction."""
    articles = Synth(config).articles(config.quotes)
    with Store.open(db) as store:
        conn = store.conn
        while batch := list(itertools.islice(articles, BATCH_ARTICLES)):
            conn.execute("BEGIN IMMEDIATE")
            for article in batch:
                check_article(article)
                _write_article(conn, article)
            conn.execute("COMMIT")


def build_store(db: Path, config: SynthConfig) -> float:
    """Build the store into a scratch file, then move it to db; return the seconds it took."""
    db.parent.mkdir(parents=True, exist_ok=True)
    scratch = db.with_name(db.name + ".building")
    remove_db(scratch)
    start = time.perf_counter()
    try:
        write_store(scratch, config)
    except BaseException:
        remove_db(scratch)
        raise
    seconds = round(time.perf_counter() - start, 1)
    os.replace(scratch, db)
    build_info_path(db).write_text(json.dumps({**asdict(config), "version": SYNTH_VERSION, "build_s": seconds}))
    return seconds


def ensure_store(db: Path, config: SynthConfig) -> dict[str, Any]:
    """Build the store unless db already exists; say which happened and the build time."""
    if db.exists():
        info_path = build_info_path(db)
        info = json.loads(info_path.read_text()) if info_path.exists() else {}
        return {"built_now": False, "build_s": info.get("build_s")}
    print(f"api_load.py: building {config.quotes:,} quotes into {db} (later runs reuse it)", file=sys.stderr)
    return {"built_now": True, "build_s": build_store(db, config)}


def store_facts(db: Path) -> dict[str, Any]:
    """What the store holds, read back from it, and its size on disk."""
    with Store.open(db, create=False) as store:
        facts = queries.stats(store.conn)
        aliases = store.conn.execute("SELECT count(*) FROM speaker_aliases").fetchone()[0]
    size = sum(Path(f"{db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db}{s}").exists())
    keep = ("quotes", "speakers", "articles", "outlets", "first_published", "last_published")
    return {"path": str(db), **{k: facts[k] for k in keep}, "aliases": aliases, "size_mib": round(size / 2**20, 1)}
