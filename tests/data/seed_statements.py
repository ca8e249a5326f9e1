"""A careful reader's list of the statements in ../shared/seeds, for the issue-2 accuracy gate.

Each entry: (seed number, anchor, speaker, required). The anchor is a few words of the
statement's content (after normalising quote marks and apostrophes); the speaker is a
case-insensitive fragment of the resolved name a reader would give. Entries marked
`required=False` are statements a reader could reasonably leave out (headlines, verbs of
judgement such as "condemned", "accused", sources that are things, not speakers): finding
them is not penalised, missing them is not counted.

How it was made: each seed read sentence by sentence; every sentence in the article body in
which the text says that someone said, reported, claimed or stated something became one
entry per reported content (a quote and its continuation after the attribution are two
entries; "..., adding that ..." is its own entry). Photo captions are boilerplate and are
not listed.
"""

from __future__ import annotations

Statement = tuple[str, str, str, bool]

SEED_STATEMENTS: list[Statement] = [
    # 000: Anadolu, Peskov briefing
    ("000", "would like to hear", "Kremlin", True),
    ("000", "We saw the reaction from both London", "Peskov", True),
    ("000", "the media cannot be the primary source", "Peskov", True),
    ("000", "air defense system will continue to improve", "Peskov", True),
    ("000", "satisfying", "Putin", False),
    ("000", "clear what has to be done", "Putin", True),
    ("000", "Russia understands what the West", "Peskov", True),
    ("000", "a single word of condemnation", "Peskov", True),
    ("000", "local authorities are taking measures", "Peskov", True),
    ("000", "We are really concerned about this situation", "Peskov", True),
    ("000", "We are following this", "Peskov", True),
    ("000", "no contacts are planned", "Peskov", True),
    ("000", "confirmed their intention to hold", "Peskov", True),
    ("000", "Where it will be and when exactly", "Peskov", True),
    # 001: Bloomberg, Moscow drone strikes
    ("001", "Russia strengthen air defenses", "Putin", False),
    ("001", "the harshest", "Foreign Ministry", False),
    ("001", "clear what needs to be done", "Putin", True),
    ("001", "We will do it", "Putin", True),
    ("001", "missiles shot down five of the drones", "Defense Ministry", True),
    ("001", "Ukraine does have the legitimate right", "Cleverly", True),
    ("001", "he wasn't commenting on the most recent", "Cleverly", True),
    ("001", "It has the legitimate right to protect itself", "Cleverly", True),
    ("001", "troops defeated an incursion", "Defense Ministry", True),
    ("001", "create panic among residents", "Foreign Ministry", True),
    ("001", "Several residential buildings were damaged", "Sobyanin", True),
    ("001", "No one was seriously injured", "Sobyanin", True),
    ("001", "residents of some districts of the Moscow region", "Vorobiev", True),
    ("001", "Several drones were shot down as they approached", "Vorobiev", True),
    ("001", "cost little but had a fairly high", "Luzin", True),
    ("001", "Its aim is to raise the barrier", "Luzin", True),
    ("001", "One person was killed and seven were injured", "Popko", True),
    ("001", "Air defenses shot down 29 out of 31", "Ukrainian officials", True),
    ("001", "Debris caused fires in several buildings", "military administration", True),
    ("001", "opened an investigation into the Moscow attacks", "Investigative Committee", True),
    # 002: Peskov, Gladkov, NYT, British MoD, Prigozhin
    ("002", "not interested in halting Ukraine war", "Kremlin spokesman", False),
    ("002", "The Kremlin is not interested in halting", "Peskov", True),
    ("002", "will continue its", "Peskov", True),
    ("002", "no indications of the possibility", "Peskov", True),
    ("002", "Negotiations with Kiev are impossible", "Peskov", True),
    ("002", "increasing instability in the world", "Putin", False),
    ("002", "Western powers were trying to maintain", "Putin", True),
    ("002", "neo-colonialism", "Putin", False),
    ("002", "large number", "authorities", True),
    ("002", "Cars, residential buildings and administrative", "Gladkov", True),
    ("002", "Most of the drones had been destroyed", "Gladkov", True),
    ("002", "they have been attacking the area", "Moscow", False),
    ("002", "representatives of Ukrainian military units", "Russian reports", False),
    ("002", "eliminated", "Defence Ministry", True),
    ("002", "there are no new injured", "Gladkov", True),
    ("002", "one dead", "Gladkov", False),
    ("002", "three armoured U.S. military vehicles", "New York Times", True),
    ("002", "were confiscated by the Russians", "New York Times", True),
    ("002", "the US had provided the Ukrainian military", "New York Times", True),
    ("002", "used on various fronts", "video footage", False),
    ("002", "number of Russian deserters", "Ministry of Defence", True),
    ("002", "Russian military courts dealt with", "Ministry of Defence", True),
    ("002", "That was more than in the whole of 2022", "Ministry of Defence", True),
    ("002", "court records indicated", "Ministry of Defence", True),
    ("002", "Russia's military has struggled to enforce", "Ministry of Defence", True),
    ("002", "We have to prepare for a very difficult war", "Prigozhin", True),
    ("002", "it must declare a state of war", "Prigozhin", True),
    ("002", "We should initiate new mobilisations", "Prigozhin", True),
    ("002", "Everyone should work only for war", "Prigozhin", True),
    # 003: Sputnik-style briefing with section headings
    ("003", "Russia Decries Aleppo Situation", "Russia", False),
    ("003", "The situation in Aleppo is an encroachment", "Peskov", True),
    ("003", "Syrian armed forces responded", "Syrian Defense Ministry", True),
    ("003", "As for the situation around Aleppo", "Peskov", True),
    ("003", "strikes on Ukrainian defense industry facilities", "Peskov", True),
    ("003", "The air strike on the facilities", "Peskov", True),
    ("003", "decision to allow Kiev to use US missiles", "Peskov", True),
    ("003", "unfriendly actions completely hinder", "Peskov", True),
    ("003", "As we know, Japan has fully sided", "Peskov", True),
    ("003", "despite the difficult relations between Japan", "Ishiba", True),
    ("003", "It was Japan, not Russia, that initiated", "Peskov", True),
    ("003", "The problem of the peace treaty", "Peskov", True),
    ("003", "is possible only with the consent of the parties to the conflict", "Peskov", True),
    ("003", "the West plans deploy", "Foreign Intelligence Service", True),
    ("003", "is possible only with the consent of the parties to a conflict", "Peskov", True),
    ("003", "it is necessary to solve the root causes", "Peskov", True),
    ("003", "Russia has clear parameters", "Peskov", True),
    ("003", "state visit of Russian President Vladimir Putin", "Peskov", True),
    ("003", "Putin returned from Astana", "Peskov", True),
    ("003", "Russia has not interfered and does not intend", "Peskov", True),
    ("003", "The Russian side did not interfere", "Peskov", True),
    ("003", "Bucharest is following the Western trend", "Peskov", True),
    ("003", "independent candidate Calin Georgescu won", "CEC", False),
    # 004: RT-style, mismatched opening quote marks
    ("004", "does not target civilian infrastructure and residential areas", "Peskov", False),
    ("004", "were not retaliation for the recent Ukrainian attack", "Peskov", True),
    ("004", "carrying out a large series", "Defense Ministry", True),
    ("004", "residential buildings in Kharkov and Kiev had sustained", "Ukrainian media", True),
    ("004", "to have shot down 21 out of 41", "Ukrainian military", True),
    ("004", "the Russian attack was not a response", "Peskov", True),
    ("004", "it was only part of Moscow's ongoing operation", "Peskov", True),
    ("004", "do not target social infrastructure", "Peskov", True),
    ("004", "This is what fundamentally distinguishes", "Peskov", True),
    ("004", "barbaric", "Moscow", False),
    ("004", "it was carried out with Western support", "Moscow", False),
    ("004", "The Kiev regime continues to show its savage face", "Peskov", True),
    ("004", "Moscow will do everything possible", "Peskov", True),
    ("004", "a general cessation of any hostilities", "Guterres", False),
]
