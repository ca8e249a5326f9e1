"""Word lists the attribution rules consult (data only: no logic lives here)."""

from __future__ import annotations

from onrecord.names import HONORIFICS, LEGAL_SUFFIXES

CUE_VERBS: frozenset[str] = frozenset(
    {
        "say", "tell", "add", "stress", "point", "insist", "claim", "report", "announce", "note",
        "emphasize", "emphasise", "warn", "state", "explain", "confirm", "argue", "assert", "declare",
        "reiterate", "comment", "reveal", "acknowledge", "admit", "suggest", "write", "tweet",
        "predict", "estimate", "allege", "believe", "underline", "underscore", "recall", "observe",
        "remark", "continue", "conclude", "demand", "promise", "vow", "complain", "respond", "reply",
        "mention", "specify", "clarify", "contend", "maintain", "testify", "disclose", "deny",
        "quote", "caution", "boast", "concede", "agree", "urge", "forecast", "posit", "affirm",
    }
)
"""Verbs of saying (lemmas) that introduce a statement when they have a source and content."""

SPEECH_ACT_VERBS: frozenset[str] = (CUE_VERBS - {"believe", "agree"}) | frozenset(
    {
        "condemn", "criticize", "criticise", "praise", "accuse", "blame", "thank", "apologize",
        "apologise", "call", "name", "identify", "elaborate", "discuss", "address", "ask", "answer",
        "release", "publish", "issue", "post", "broadcast", "publicize", "publicise", "speak", "talk",
        "describe", "detail", "welcome", "applaud", "denounce", "slam", "blast", "attack",
    }
)
"""Verbs whose negation or modal means a statement was not made, or not yet ("did not condemn", "will
release"): CUE_VERBS but the attitudes among them, and other acts of saying. Any other negated cue
("does not want", "don't believe") still reports a position."""

PERSONAL_CUE_VERBS: frozenset[str] = frozenset({"say", "tell", "add", "insist", "explain", "recall", "stress"})
"""Cues whose subject, when a plain common noun, is a person ("the rival said"), unlike "the report noted"."""

PARTICLE_CUES: dict[str, str] = {"point": "out"}
"""Cue verbs that only count with this particle ("pointed out", not "pointed to")."""

CLAUSE_ONLY_CUES: frozenset[str] = frozenset({"continue", "agree", "maintain", "believe", "deny", "confirm"})
"""Cues too common in other senses to take content except a that-clause or an adjacent quote."""

NONFINITE_CONTENT_CUES: frozenset[str] = frozenset({"claim", "report", "deny", "admit", "promise", "vow"})
"""Cues whose content may be a gerund or infinitive ("claimed to have shot down", "reported carrying out")."""

CHANNEL_PREPOSITIONS: frozenset[str] = frozenset({"by", "in", "on", "to", "at", "during", "via"})
"""Prepositions after a cue that name a channel or setting, never the source."""

AUDIENCE_NOUNS: frozenset[str] = frozenset(
    {"reporter", "journalist", "press", "correspondent", "medium", "media", "newspaper", "broadcaster",
     "agency", "audience", "parliament", "lawmaker", "crowd", "supporter"}
)
"""Objects of "tell" that belong to the cue ("told reporters") rather than to the content."""

PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she"})
ORG_PRONOUNS: frozenset[str] = frozenset({"it"})
GROUP_PRONOUNS: frozenset[str] = frozenset({"they"})
SPEAKER_PRONOUNS: frozenset[str] = PERSON_PRONOUNS | ORG_PRONOUNS | GROUP_PRONOUNS | {"i", "we", "you"}

GENERIC_ROLE_NOUNS: frozenset[str] = frozenset({"official", "source", "representative", "aide", "officer"})
"""Role nouns a reporter uses for the article's principal source, whatever that source's title."""

ROLE_NOUNS: frozenset[str] = frozenset(
    {
        "spokesman", "spokeswoman", "spokesperson", "mayor", "governor", "minister", "president",
        "secretary", "chancellor", "premier", "prime", "leader", "head", "chief", "director",
        "chairman", "chairwoman", "chair", "ambassador", "envoy", "commander", "general", "senator",
        "lawmaker", "congressman", "congresswoman", "representative", "deputy", "speaker", "judge",
        "prosecutor", "diplomat", "adviser", "advisor", "aide", "official", "officer", "king", "queen",
        "prince", "pope", "candidate", "nominee", "ceo", "founder", "executive", "manager", "mp",
        "sheriff", "attorney", "lawyer", "councillor", "councilor", "administrator", "coordinator",
        "negotiator", "source", "vice", "spokesperson", "press", "boss", "owner", "emir", "sultan",
        "foreign", "defense", "defence", "member", "colonel", "lieutenant", "major", "captain",
    }
)
"""Nouns naming a position a person holds (head nouns of a role description)."""

NAME_TITLES: frozenset[str] = HONORIFICS | frozenset({"gen", "col", "lt", "capt", "sgt", "gov", "sen", "rep", "fr"})
"""Honorifics (`names.HONORIFICS`) and abbreviated titles written in front of a name."""

POST_NOMINALS: frozenset[str] = frozenset(
    {"qc", "kc", "sc", "mp", "msp", "mep", "mla", "obe", "mbe", "cbe", "kbe", "dbe", "phd", "md", "frs", "esq"}
)
"""Letters written after a name that are no part of it ("Marcus Hale SC", "Mark Tedeschi QC")."""

PERSON_NOUNS: frozenset[str] = frozenset(
    {
        "confidant", "ally", "analyst", "expert", "witness", "resident", "man", "woman", "scholar",
        "researcher", "economist", "professor", "journalist", "reporter", "activist", "critic",
        "supporter", "opponent", "veteran", "doctor", "survivor", "victim", "friend", "colleague",
        "son", "daughter", "father", "mother", "wife", "husband", "partner", "consultant", "observer",
        "strategist", "pollster", "historian", "columnist", "commentator", "insider", "person",
        "blogger", "politician", "campaigner", "protester", "soldier", "fighter", "investigator",
        "rival", "neighbour", "neighbor", "owner", "relative", "lawyer", "nurse", "teacher", "student",
    }
)
"""Nouns that describe a person without naming a position ("the confidant of ...", "an analyst")."""

GROUP_NOUNS: frozenset[str] = frozenset(
    {
        "official", "authority", "medium", "media", "source", "analyst", "expert", "resident",
        "witness", "diplomat", "lawmaker", "leader", "officer", "police", "investigator", "critic",
        "observer", "activist", "prosecutor", "people", "scientist", "researcher", "economist",
        "politician", "legislator", "protester", "organizer", "organiser", "rescuer", "emergency",
        "service", "staff", "representative", "supporter", "opponent", "voter", "member", "worker",
        "employee", "doctor", "citizen", "spokespeople", "spokesperson", "militant", "rebel",
        "separatist", "soldier", "troop", "force", "agency", "government", "ministry",
    }
)
"""Plural heads that name a collective source ("Ukrainian officials", "Russian authorities")."""

COMPANY_NOUNS: frozenset[str] = frozenset(
    {"company", "firm", "automaker", "carmaker", "brokerage", "retailer", "startup", "start-up", "chain",
     "manufacturer", "lender", "insurer", "airline", "conglomerate", "corporation", "group", "coalition",
     "publisher", "studio", "developer", "label", "bank", "operator", "club", "restaurant", "hotel", "charity",
     "brand", "business", "store"}
)
"""Nouns for a business or a like body ("the company", "the automaker"): they refer back to the latest
organisation named that is not an office of state, a court, a force or a news outlet."""

BUSINESS_NAME_WORDS: frozenset[str] = LEGAL_SUFFIXES | {f"{form}." for form in LEGAL_SUFFIXES} | frozenset(
    {"holdings", "foods",
     "health", "energy", "mobile", "systems", "technologies", "technology", "labs", "ventures", "capital",
     "motors", "airlines", "airways", "media", "pharmaceuticals", "partners", "industries", "software", "networks",
     "games", "studios", "entertainment", "brands", "electronics", "solutions", "services", "international",
     "productions", "records", "fc", "united", "athletic", "rovers", "engineering", "insight", "pictures"}
)
"""Words that mark a name of several words as a business's, not a person's the tagger read as an organisation
("Northwind Foods Inc.", not "Brad Marchand"): "the company" refers back only to such a name, or to one word."""

ORG_NOUNS: frozenset[str] = frozenset(
    {
        "ministry", "committee", "kremlin", "government", "newspaper", "paper", "agency", "service",
        "administration", "department", "office", "council", "commission", "court", "army",
        "military", "police", "parliament", "company", "firm", "bank", "group", "party", "union",
        "organisation", "organization", "institute", "embassy", "mission", "command", "staff",
        "directorate", "bureau", "authority", "cabinet", "presidency", "senate", "congress",
        "assembly", "tribunal", "network", "broadcaster", "channel", "outlet", "daily", "tabloid",
        "magazine", "station", "website", "portal", "daily", "headquarters", "corporation",
        "university", "foundation", "fund", "board", "watchdog", "regulator", "prosecutor's",
        "white", "pentagon", "campaign", "team", "club", "federation", "association", "alliance",
        "coalition", "regime", "force", "navy", "guard", "secretariat", "duma", "nato", "un",
        "media", "center", "centre", "operator", "press", "township", "municipality", "borough",
    }
) | COMPANY_NOUNS
"""Head nouns of an organisation's name or description ("the Defense Ministry", "the newspaper")."""


JUDGE_WORDS: frozenset[str] = frozenset({"judge", "justice", "magistrate"})
"""A judge's title or role ("Judge Rosalind Tiernan", "the magistrate")."""

SPOKESPERSON_NOUNS: frozenset[str] = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople", "representative"})
"""Role nouns of someone who speaks for an organisation: unnamed, the organisation is the speaker."""

NEWS_NOUNS: frozenset[str] = frozenset(
    {"newspaper", "paper", "agency", "broadcaster", "channel", "outlet", "daily", "tabloid", "magazine",
     "station", "website", "portal", "network", "service"}
)
"""Generic nouns for a news outlet ("the newspaper reported")."""

NEWS_NAME_WORDS: frozenset[str] = frozenset(
    {"times", "post", "journal", "news", "agency", "tass", "ria", "reuters", "telegraph", "guardian",
     "herald", "tribune", "gazette", "press", "interfax", "afp", "ap", "bbc", "cnn", "nyt", "wsj",
     "bloomberg", "mail", "express", "observer", "novosti", "izvestia", "kommersant", "vedomosti",
     "independent", "economist", "daily", "sun", "mirror", "standard", "star", "politico", "axios", "radio",
     "tv", "television", "fm"}
)
"""Words that mark an organisation's name as a news outlet's."""

NON_SOURCE_NOUNS: frozenset[str] = frozenset(
    {"report", "record", "footage", "result", "data", "evidence", "research", "study", "survey",
     "poll", "document", "statement", "video", "photo", "image", "figure", "estimate", "analysis",
     "investigation", "reading", "number", "text", "letter", "message", "post", "tweet", "law",
     "rule", "website", "page", "account", "review", "release", "decree", "order", "fact"}
)
"""Heads that carry information without being a speaker ("court records indicated", "according to video footage")."""

SOURCE_ENTITY_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "NORP", "GPE"})
"""spaCy entity labels a source may carry."""

DOCUMENT_SOURCES: frozenset[str] = frozenset(
    {"poll", "survey", "report", "study", "data", "record", "document", "analysis", "investigation", "statement",
     "transcript", "review", "memo", "filing", "audit", "census", "research", "figure", "estimate", "footage", "video"}
)
"""Things that say something without being anyone ("a Bloomberg poll shows", "according to court records")."""

LABEL_WORDS: frozenset[str] = frozenset(
    {"update", "updated", "updates", "editor", "editors", "note", "notes", "related", "watch", "video", "videos",
     "photo", "photos", "picture", "pictures", "image", "images", "source", "sources", "read", "more", "see",
     "also", "advertisement", "sponsored", "q", "a", "question", "answer", "breaking", "exclusive", "opinion",
     "analysis", "listen", "subscribe", "share", "tags", "filed", "posted", "credit", "credits", "caption",
     "warning", "correction", "clarification", "disclosure", "transcript", "live", "follow", "contact", "email",
     "phone", "tel", "fax", "by", "date", "time", "location", "when", "where", "what", "why", "how", "who",
     "example", "step", "part", "chapter", "episode", "title", "topics", "category", "key", "summary", "background",
     "context", "bottom", "line", "factbox", "timeline", "explainer", "results", "latest", "contributing",
     "contributors", "name", "age", "city", "job", "pay", "stat", "week", "day", "quote", "quotes", "busted",
     "boom", "bombshell", "look", "wow", "shocking", "revealed", "exposed", "confirmed", "huge", "must", "disclaimer",
     "deal", "deals", "price", "sale", "release", "bestseller", "review", "reviews", "rating", "verdict", "pros", "cons"}
)
"""Words of a line's label that is not a speaker ("UPDATE:", "Editor's note:", "READ MORE:", "Q:")."""

WRITING_VERBS: frozenset[str] = frozenset({"write", "post", "tweet", "retweet", "publish", "email", "text", "blog", "pen"})
"""Verbs of writing ("wrote", "posted on X", "tweeted")."""

WRITING_NOUNS: frozenset[str] = frozenset(
    {"statement", "letter", "tweet", "post", "memo", "communique", "communiqué", "release", "column", "message",
     "note", "notice", "filing", "document", "report", "book", "article", "essay", "editorial", "blog", "email",
     "transcript", "record", "website", "paper", "submission", "ruling", "judgment", "judgement", "indictment",
     "complaint", "lawsuit", "affidavit", "manifesto", "decree", "resolution", "declaration", "brief", "op-ed"}
)
"""Texts: a cue noun of writing ("in a statement") and a source whose words are writing ("a letter said",
"according to the filing")."""

THOUGHT_WORDS: frozenset[str] = frozenset(
    {"believe", "think", "feel", "consider", "suspect", "doubt", "fear", "worry", "know", "understand", "realize",
     "realise", "find", "conclude", "assume", "suppose", "reckon", "guess", "imagine", "expect", "regard", "deem",
     "presume", "trust", "show", "indicate", "demonstrate", "convinced", "confident", "sure", "certain", "aware",
     "afraid", "worried", "concerned", "skeptical", "sceptical", "optimistic", "pessimistic", "unsure",
     "uncertain", "doubtful", "persuaded", "suspicious", "seem", "appear", "wonder", "ponder", "estimate",
     "predict", "forecast", "project", "calculate"}
)
"""Verbs and adjectives of a thought, belief, finding or estimate ("believes", "thinks", "a study found", "is
convinced", "estimates", "predicts": a judgement of what is or will be, not a statement on the labelled pages)."""

THOUGHT_NOUNS: frozenset[str] = frozenset(
    {"belief", "view", "opinion", "impression", "feeling", "conviction", "assessment", "estimation", "understanding",
     "thinking", "mind", "finding", "conclusion", "suspicion", "fear", "expectation", "perception"}
)
"""Nouns of a thought ("in his view", "the belief that")."""

INTENTION_WORDS: frozenset[str] = frozenset(
    {"want", "plan", "intend", "seek", "aim", "wish", "hope", "decide", "prefer", "try", "desire", "eager", "keen",
     "determined", "ready", "willing", "hopeful", "attempt", "resolve", "strive", "endeavour", "endeavor", "mull",
     "contemplate"}
)
"""Verbs and adjectives of an intention or a wish ("wants", "plans", "hopes to", "is determined to")."""

INTENTION_NOUNS: frozenset[str] = frozenset({"intention", "plan", "goal", "aim", "wish", "hope", "bid", "desire", "ambition"})
"""Nouns of an intention ("his plan to")."""

PERCEPTION_WORDS: frozenset[str] = frozenset(
    {"see", "hear", "notice", "watch", "witness", "sense", "spot", "smell", "perceive", "detect", "glimpse"}
)
"""Verbs of a perception ("saw", "heard", "noticed")."""

SPEECH_WORDS: frozenset[str] = frozenset(
    {"quip", "fume", "thunder", "joke", "shout", "scream", "yell", "whisper", "mutter", "exclaim", "retort", "snap",
     "sigh", "plead", "beg", "counter", "rebut", "interject", "muse", "opine", "gush", "rave", "rant", "lament",
     "bemoan", "grumble", "moan", "protest", "object", "proclaim", "pronounce", "inform", "advise", "notify", "brief",
     "lecture", "recount", "recite", "repeat", "charge", "allege", "concur", "dispute", "pledge", "swear",
     "guarantee", "rule", "instruct", "invite", "recommend", "propose", "tease", "hint", "signal", "divulge",
     "confess", "congratulate", "defend", "reject", "rebuke", "dub", "label", "brand", "term", "characterize",
     "characterise", "query", "greet", "reassure", "appeal", "press", "implore", "lobby", "reason", "go", "read",
     "chat", "outline", "summarize", "summarise", "brag", "cry", "laugh", "ask", "answer", "accord", "according",
     "comment", "remark", "interview", "speech", "testimony", "word", "briefing", "announcement", "address",
     "conference", "podcast", "quote", "response", "reply", "claim", "allegation", "assertion", "warning", "pledge",
     "promise", "vow", "call", "plea", "criticism", "accusation", "denial", "confirmation", "admission", "apology",
     "argument", "explanation", "account", "description", "prediction", "forecast", "remarks", "comments", "words",
     "told", "says", "said", "precise", "precis"}
)
"""Verbs of saying beyond the cue lists (with the translators' "precised", lemma "precis" to the parser), and nouns of a spoken statement ("in an
interview", "his remarks")."""

NOMINAL_STATEMENT_CUES: frozenset[str] = frozenset(
    {"deny", "blame", "confirm", "accuse", "demand", "urge", "claim", "warn", "promise", "pledge", "vow",
     "predict", "forecast", "admit", "acknowledge", "concede"}
)
"""Verbs of saying whose object alone is a claim ("denied any involvement", "confirmed the deaths", "called for
an inquiry"), unlike a stance taken ("condemned the attack", "welcomed the exchange": not statements on the
labelled real pages), "testified about the events" or "dubbed the combination"."""

