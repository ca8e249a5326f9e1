"""The outlet's masthead as a plain-text scrape's first line: "RIVERSIDE DAILY", "The Lakeside Times - Opinion".

A masthead is told from a headline by its shape alone: a short name of capitalised words whose last
word (or first, for "Daily ..." and "Radio ...") is a newspaper word, with no function word or
headline verb, optionally followed by a short edition or section tail. Whether a title follows it is
the layout's to decide.
"""

from __future__ import annotations

from onrecord.clean import patterns as P


def masthead_name(text: str) -> tuple[int, int] | None:
    """Offsets of the outlet's name in a masthead line ("NORTH STAR GAZETTE - International edition"); else None."""
    split = P.MASTHEAD_TAIL.search(text)
    name_end = split.start() if split else len(text)
    if split and not _is_edition_tail(text[split.end() :]):
        return None
    words = text[:name_end].split()
    if not _is_masthead_name(words):
        return None
    if not split and _is_topic_label(words):
        return None
    return 0, name_end


def _is_topic_label(words: list[str]) -> bool:
    """Two title-case words closing on a word that also ends section labels ("Election News")."""
    return len(words) == 2 and _key(words[-1]) in P.MASTHEAD_LABEL_WORDS and not any(w.isupper() for w in words)


def _is_edition_tail(tail: str) -> bool:
    """A few words naming an edition or section ("International edition"), nothing sentence-like."""
    words = tail.split()
    return 0 < len(words) <= P.MASTHEAD_TAIL_MAX_WORDS and not any(_is_sentence_word(w) for w in words)


def _is_masthead_name(words: list[str]) -> bool:
    """Capitalised words around a newspaper word in a masthead's place, naming something beyond a section."""
    has_article = bool(words) and words[0].casefold() == "the"
    if has_article:
        words = words[1:]
    if not 2 <= len(words) <= P.MASTHEAD_MAX_WORDS or not all(P.MASTHEAD_WORD.match(w) for w in words):
        return False
    if any(_is_sentence_word(w) for w in words):
        return False
    if not _has_news_word_in_place(words) or not _connectors_follow_news_words(words):
        return False
    return _names_more_than_a_section(words, has_article)


def _has_news_word_in_place(words: list[str]) -> bool:
    """A newspaper word stands last, first ("Daily ..."), or before "of" ("Times of India")."""
    keys = [_key(w) for w in words]
    if keys[-1] in P.MASTHEAD_NEWS_WORDS or keys[0] in P.MASTHEAD_HEAD_WORDS:
        return True
    return any(key in P.MASTHEAD_NEWS_WORDS and after in ("of", "de") for key, after in zip(keys, keys[1:]))


def _connectors_follow_news_words(words: list[str]) -> bool:
    """Every word is capitalised (or a number), except a connector right after a newspaper word."""
    for i, word in enumerate(words):
        if word.casefold() in P.MASTHEAD_CONNECTORS:
            if i == 0 or i == len(words) - 1 or _key(words[i - 1]) not in P.MASTHEAD_NEWS_WORDS:
                return False
        elif not (word[0].isupper() or word[0].isdigit()):
            return False
    return True


def _names_more_than_a_section(words: list[str], has_article: bool) -> bool:
    """Some word is neither a newspaper nor a section word; or, all newspaper words, "The" or capitals mark a name."""
    keys = [_key(w) for w in words if w.casefold() not in P.MASTHEAD_CONNECTORS]
    if any(k in P.MASTHEAD_GENERIC_WORDS for k in keys) and all(
        k in P.MASTHEAD_GENERIC_WORDS or k in P.MASTHEAD_NEWS_WORDS for k in keys
    ):
        return False
    if any(k not in P.MASTHEAD_NEWS_WORDS for k in keys):
        return True
    return has_article or all(w.isupper() for w in words if w.casefold() not in P.MASTHEAD_CONNECTORS)


def _is_sentence_word(word: str) -> bool:
    return word.casefold().strip(".,;:'\"") in P.MASTHEAD_SENTENCE_WORDS


def _key(word: str) -> str:
    """A word as the word lists hold it: lower case, without punctuation, the last part of a hyphenated word."""
    return word.casefold().strip(".,;:'\"").rsplit("-", 1)[-1]
