"""Data only: character tables, line patterns, word lists and tuned thresholds for the cleaner.

Thresholds were tuned on the five reference seeds (../shared/seeds) and on hand-written
articles in tests/clean; each says what it separates.
"""

from __future__ import annotations

import re

# --- normalisation tables (every entry maps one character to one character) ---

EXOTIC_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\uff02"
SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032"

# Cyrillic and Greek letters drawn like a Latin one, replaced only inside an otherwise Latin word.
HOMOGLYPHS: dict[str, str] = {
    # Cyrillic capitals
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K", "М": "M",
    "О": "O", "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "Ү": "Y", "Ԛ": "Q", "Ԝ": "W",
    # Cyrillic small letters
    "а": "a", "с": "c", "е": "e", "о": "o", "р": "p", "х": "x", "у": "y", "і": "i", "ј": "j",
    "ѕ": "s", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o",
}  # fmt: skip
HOMOGLYPH_CHARS = re.compile("[" + "".join(HOMOGLYPHS) + "]")

# --- line shape thresholds ---

HEAD_WINDOW = 400
"""Characters of a line's start/end that line patterns look at: keeps a 5 MB line linear."""
PATTERN_MAX_CHARS = 1000
"""Whole-line patterns (cookie notices) only run on lines this short; consent banners are ~300."""
TITLE_MAX_WORDS = 30
"""Seed 004's sentence-like headline has 17 words; a 30-word line without a final period is a paragraph."""
TITLE_MIN_WORDS = 3
"""Two-word top lines are section labels more often than headlines ("Middle East")."""
HEADING_MAX_WORDS = 12
"""Seed 003's in-article headings have 4-7 words, seed 000's 5."""
CTA_MAX_WORDS = 25
"""A call to action fits a line: seed 001's Telegram invitation has 13 words."""
BYLINE_MAX_WORDS = 10
META_MAX_CHARS = 200
"""Byline and date lines are short; longer lines are prose even when they hold a date."""
TITLE_ZONE_LINES = 6
"""The headline sits among the first lines: seed 002 puts two boilerplate lines before it."""
META_ZONE_LINES = 8
"""A date line this near the top closes the metadata zone (seed 001's is the fourth line)."""
DATELINE_PARAGRAPHS = 2
"""A dateline opens the first or second body paragraph: a headline ending in a period reads as the first."""
CAPTION_MAX_PARAGRAPHS = 1
"""A page opens with one photo and its caption (seed 001); two paragraphs before a date line are story."""

# --- line patterns ---

SENTENCE_END = re.compile(r"[.!?…:。！？][\"'\)\]」』]*$")
UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\u0e00-\u0e7f]")
"""Letters of scripts written without spaces between words (Japanese, Chinese, Thai)."""
UNSPACED_SENTENCE_MIN_CHARS = 8
"""A one-"word" line this long in such a script that ends a sentence is a sentence ("これが非常に困ったもの。"),
not a label."""
WORD = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")

ALWAYS_BOILERPLATE = re.compile(
    r"""^(?:©|\(c\)\s|copyright\b)
    |^distributed\ by\b
    |^(?:additional\ )?(?:reporting|writing|editing|compiled|produced)\ by\b
    |^(?:photo|image|picture|video|credit|photograph|illustration|file\ photo|source)s?(?:\ credit)?\s*:
    |^(?:this|the)\ (?:story|article|report|item)\ (?:was|is|has\ been)
        \ (?:provided|supplied|distributed|syndicated)\ by\b
    |\byour\ email\ address\ will\ not\ be\ published\b
    |\brequired\ fields\ are\ marked\b
    """,
    re.IGNORECASE | re.VERBOSE,
)

COOKIE_NOTICE = re.compile(
    r"\b(?:we|this\ (?:web)?site)\ uses?\ cookies\b|\buse\ of\ cookies\b"
    r"|\bcookie\ (?:policy|settings|preferences|notice)\b|\baccept\ (?:all\ )?cookies\b",
    re.IGNORECASE | re.VERBOSE,
)

CALL_TO_ACTION = re.compile(
    r"""^(?:join|follow|connect\ with)\ (?:us|our)\b
    |^subscribe\b|^sign\ (?:up|in)\b
    |^(?:also\ )?(?:read|see|watch|listen)\ (?:more|also|next|now|here|the\ full|full)\b
    |^(?:also\ )?read\s*:
    |^continue\ reading\b|^click\ (?:here|to)\b
    |^(?:leave|post|add)\ a\ (?:reply|comment)\b|^comments?\ (?:are|is)\ closed\b
    |^share(?:\ (?:this|on|via|the)\b|\s*$)
    |^(?:download|get)\ (?:our|the)\ (?:app|newsletter)\b
    |^advertisement\b|^sponsored\b
    |^(?:related|recommended|more|top|trending|popular|latest)\ (?:stories|articles|news|posts|reads|videos)\b
    |^(?:tags|topics|filed\ under|categories)\s*:
    |^\d+\s+min(?:ute)?s?\ read$
    |^listen\ to\ (?:this|the)\ (?:article|story)\b
    |^(?:don't|do\ not)\ miss\b
    |^(?:accept|reject|decline)(?:\ all)?(?:\ cookies)?\s*$
    """,
    re.IGNORECASE | re.VERBOSE,
)

REPORTING = re.compile(r"\b(?:said|says|told|added|stated|according to)\b")
"""A line that reports speech is story, whatever call-to-action words it opens with."""

# A line closing on "(Roman Pilipey/Getty Images/TNS)", capitalised names joined by slashes (a
# photo caption), or on "All rights reserved." (a copyright notice).
TAIL_BOILERPLATE = re.compile(
    r"\((?:[A-Z][^()/\n]{0,60}/){1,4}[A-Z][^()/\n]{0,60}\)\s*$|\b(?i:all rights reserved)\W*$"
)
# "Natalya Seliverstova; RIA Novosti" or "AP Photo/Evan Vucci": a credit standing alone.
_CAP = r"[A-Z][\w.'\-]*"
CREDIT_ONLY = re.compile(rf"^{_CAP}(?:\s+{_CAP}){{0,4}}\s*[;/]\s*{_CAP}(?:\s+{_CAP}){{0,4}}$")
BREADCRUMB = re.compile(r"^[^.!?›»>|/]{1,40}(?:\s[›»>|/]\s[^.!?›»>|/]{1,40}){1,6}$")
CREDIT_MARKS = re.compile(r"[/;©|@#]|https?:|www\.")

META_WORDS: frozenset[str] = frozenset(
    """published updated posted modified edited last on at by date time am pm a.m p.m
    gmt utc bst cet cest eet eest msk est edt cst cdt mst mdt pst pdt
    monday tuesday wednesday thursday friday saturday sunday
    mon tue tues wed thu thur thurs fri sat sun""".split()
)

# --- metadata patterns ---

BYLINE = re.compile(r"^(?:(?i:written|words|story|text)\s+)?(?i:by)\s*:?\s+(?P<name>[A-Z].*)$")
BYLINE_CONNECTORS: frozenset[str] = frozenset(
    "and & of the de del der van von al bin da la le y in for".split()
)
SEGMENT = re.compile(r"[^|•·]+")
SEGMENT_TRIM = " \t()[]:,;-–—."
PLACE = re.compile(r"^[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3}$")
UPDATED_BEFORE = re.compile(r"(?:updated|modified|edited)\W*(?:on|at)?\W*$", re.IGNORECASE)

# "MOSCOW (Reuters) -", "WASHINGTON —", "KYIV, Ukraine —", "MOSCOW, May 31 (Reuters) -", "(Reuters) -";
# a match with neither a place nor an agency is no dateline.
BODY_DATELINE = re.compile(
    r"""^(?:(?P<place>[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3}
        (?:,\s+[A-Z][A-Za-z.'’\-]+(?:\s+[A-Z][A-Za-z.'’\-]+){0,2})?)
    (?:,\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)(?:,?\s+(?:19|20)\d{2})?)?)?
    \s*(?:\((?P<agency>[A-Za-z][\w .&'’\-]{0,40})\))?
    \s*[-—–]{1,2}\s""",
    re.VERBOSE,
)

COPYRIGHT_NOISE = re.compile(
    r"©|\(c\)|\bcopyright\b|\b(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\b|\ball rights reserved\b.*$",
    re.IGNORECASE,
)
COPYRIGHT_LINE = re.compile(r"^(?:©|\(c\)\s|copyright\b)|\ball rights reserved\W*$", re.IGNORECASE)
COPYRIGHT_YEAR = re.compile(r"\b(?:19|20)\d{2}\b|\ball rights reserved\b", re.IGNORECASE)
CORPORATE_SUFFIX = re.compile(
    r"[\s,]+(?:L\.?P\.?|LLC|Inc\.?|Ltd\.?|Limited|Corp\.?|Co\.?|GmbH|S\.A\.?|PLC|plc|AG)\s*$"
)
AGENCY_SUFFIXES: tuple[str, ...] = ("Agency", "Press", "Newswire", "News Service", "Wire Service")
"""A byline ending in one of these names an organisation, which is then the outlet ("By Anadolu Agency")."""

# --- masthead (the outlet's name as the first line of a plain-text scrape) ---

MASTHEAD_NEWS_WORDS: frozenset[str] = frozenset(
    """times daily gazette post herald tribune news journal courier chronicle observer telegraph
    bulletin review express standard wire agency radio tv press monitor today weekly record guardian
    independent mirror star sun globe mail dispatch register sentinel inquirer enquirer examiner
    ledger advocate citizen reporter messenger bee republic dealer courant gleaner argus intelligencer
    statesman banner transcript picayune democrat clarion""".split()
)
"""A masthead's last word ("The Lakeside Times", "Post-Dispatch"), or the word before "of" ("Times of India")."""
MASTHEAD_HEAD_WORDS: frozenset[str] = frozenset({"daily", "weekly", "radio"})
"""Words that also open a masthead ("Daily Sabah", "Radio Liberty")."""
MASTHEAD_GENERIC_WORDS: frozenset[str] = frozenset(
    """world breaking latest top local national international regional business sport sports book books
    film films movie music guest blog market markets opinion editorial editorials science tech technology
    health travel weather politics political economy economic finance financial culture arts entertainment
    lifestyle live fashion food media education money home front page section""".split()
)
"""Section words: "World News", "Book Review", "Breaking News" are labels, not an outlet's name."""
MASTHEAD_LABEL_WORDS: frozenset[str] = frozenset({"news", "today", "review", "record", "monitor", "weekly"})
"""Newspaper words that also close a topic label ("Election News", "Ukraine Today"): after one other word
they need "The", capitals or an edition tail to read as a masthead."""
MASTHEAD_SENTENCE_WORDS: frozenset[str] = frozenset(
    """is are was were be been being has have had will would can could may might must should shall do does
    did not no to in on at for with after over from by against amid as into than before about up down out
    off vs via how why what who when where says said say tells told warns denies calls orders slams sues
    buys sells attacks accuses backs rejects urges vows claims hits wins loses meets quits joins faces
    seeks plans signs launches reports reveals shows admits blames bans fires hires names sets gets makes
    takes gives leaves""".split()
)
"""Function words and headline verbs: their presence gives a line a sentence's shape."""
MASTHEAD_CONNECTORS: frozenset[str] = frozenset({"of", "de", "and", "&"})
"""Only after a news word: "Times of India", "Globe and Mail", "Mail & Guardian"."""
MASTHEAD_MAX_WORDS = 6
"""The name part: "The Sydney Morning Herald" has 4 words, "The Times of India" 4."""
MASTHEAD_TAIL_MAX_WORDS = 4
"""Edition or section text after the name: "- International edition", "| Opinion"."""
MASTHEAD_TAIL = re.compile(r"\s+[-–—|]\s+")
MASTHEAD_WORD = re.compile(r"^[^\W_][\w.'’&\-]*$|^&$")
"""A masthead name's word: letters and digits, with dots, apostrophes, hyphens inside ("St.", "Post-Dispatch")."""

# --- wire credit ---

WIRE_AGENCIES: dict[str, tuple[str, ...]] = {
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "Reuters": ("Reuters", "Thomson Reuters"),
    "dpa": ("dpa", "Deutsche Presse-Agentur"),
    "TASS": ("TASS", "ITAR-TASS"),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "Interfax": ("Interfax",),
    "Xinhua": ("Xinhua", "Xinhua News Agency"),
    "Anadolu Agency": ("Anadolu Agency", "Anadolu"),
    "UPI": ("UPI", "United Press International"),
    "PA Media": ("PA Media", "PA", "Press Association"),
    "EFE": ("EFE", "Agencia EFE"),
    "ANSA": ("ANSA",),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Yonhap": ("Yonhap", "Yonhap News Agency"),
    "Ukrinform": ("Ukrinform",),
}  # fmt: skip
"""Each agency's usual name and the ways credit lines write it; the key is what `Article.wire` holds."""

# Credit lines that name a distributor as written: "Distributed by Tribune Content Agency, LLC."
WIRE_AS_WRITTEN = re.compile(
    r"""^(?:distributed|syndicated)\ by\s+(?P<name>.+)$
    |^(?:this|the)\ (?:story|article|report|item)\ (?:was|is|has\ been)
        \ (?:provided|supplied|distributed|syndicated)\ by\s+(?P<name2>.+)$""",
    re.IGNORECASE | re.VERBOSE,
)
# Credit lines whose name counts only when it is a known agency ("Source: Ministry of Defence" is no wire):
# "Source: TASS", "©AFP", "(AFP)", "— Reuters".
WIRE_KNOWN_ONLY = re.compile(
    r"""^source\s*:\s*(?P<name>.+)$
    |^(?:©|\(c\))\s*(?P<name2>.+)$
    |^\(\s*(?P<name3>[^()]+?)\s*\)$
    |^[—–-]{1,2}\s*(?P<name4>.+)$""",
    re.IGNORECASE | re.VERBOSE,
)
# A known agency after a paragraph's last sentence: "... the ministry said. (AFP)", "... said. — Reuters".
WIRE_TAIL = re.compile(
    r"""[.!?"'”’)]\s+(?:[—–-]{1,2}\s*|\(\s*)(?P<name>[A-Za-z][\w .'’\-]{0,40}?)\s*\)?\W{0,2}$"""
)
WIRE_NAME_SPLIT = re.compile(r"\s*(?:[,;/|]|\band\b)\s*")
WIRE_MAX_CHARS = 80
"""A distributor's name as written is clipped to this many characters, at a space."""

# --- dates ---

MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?"
)
DATE = re.compile(
    rf"""\b(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<mdy_y>\d{{4}})(?!\d)
    |\b(?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmy_m>{_MONTH}),?\s+(?P<dmy_y>\d{{4}})(?!\d)
    |\b(?P<iso_y>\d{{4}})(?P<iso_sep>[-/])(?P<iso_m>\d{{1,2}})(?P=iso_sep)(?P<iso_d>\d{{1,2}})
        (?:[T\ ](?P<iso_t>\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?)(?P<iso_tz>Z|[+-]\d{{2}}:?\d{{2}})?)?(?![\d])
    |\b(?P<num_a>\d{{1,2}})(?P<num_sep>[./])(?P<num_b>\d{{1,2}})(?P=num_sep)(?P<num_y>\d{{4}})(?!\d)
    """,
    re.IGNORECASE | re.VERBOSE,
)
TIME = re.compile(
    r"""(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?
    (?:\s?(?P<ap>[AaPp])\.?\s?[Mm]\.?)?
    (?:\s*(?P<tz>GMT|UTC|Z|BST|CET|CEST|EET|EEST|MSK|EST|EDT|CST|CDT|MST|MDT|PST|PDT)
       (?P<off>[+-]\d{1,2}(?::?\d{2})?)?(?![A-Za-z]))?""",
    re.VERBOSE,
)
TIME_AFTER_DATE = re.compile(r"[\s,]*(?:at\s+|[-–|]\s+)?")
TIME_BEFORE_DATE_GAP = re.compile(r"^[\s,]*(?:on\s+)?$")
TIME_BEFORE_WINDOW = 40

TZ_OFFSET_MINUTES: dict[str, int] = {
    "GMT": 0, "UTC": 0, "Z": 0, "BST": 60, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180,
    "MSK": 180, "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
    "PST": -480, "PDT": -420,
}  # fmt: skip
"""Standard offsets of the abbreviations TIME accepts; ambiguous ones (IST, ET) are left out on purpose."""
YEAR_RANGE = (1900, 2100)
