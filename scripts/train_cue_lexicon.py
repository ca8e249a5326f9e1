"""Learn the cue lexicon from PolNeAR train: `python scripts/train_cue_lexicon.py ../shared/polnear`.

Parses every annotated train text with the shipped spaCy model (both cores), counts how often
each verb lemma heads an annotated cue and where its content sits, and how often any lemma heads
one at all (for the lemmas that almost never do), and writes onrecord/attribute/data/cue_lexicon.json.
Takes about 3 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from onrecord.attribute import cuelex
from onrecord.training import cue_lexicon
from onrecord.eval.polnear import load_split
from onrecord.nlp import MODEL_NAME, get_nlp

OUT = Path(__file__).resolve().parent.parent / "onrecord" / "attribute" / "data" / cuelex.LEXICON_FILE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("polnear", type=Path, help="PolNeAR root (with train/) or a train folder")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--n-process", type=int, default=2)
    args = parser.parse_args()
    gold = load_split(args.polnear, "train")
    docs = get_nlp().pipe([g.text for g in gold], batch_size=32, n_process=args.n_process)
    pairs = list(zip(docs, [g.attributions for g in gold], strict=True))
    stats, heads = cue_lexicon.count(pairs), cue_lexicon.count_heads(pairs)
    provenance = {
        "data": f"PolNeAR train, {len(gold)} annotated articles (first annotator per article)",
        "command": "python scripts/train_cue_lexicon.py ../shared/polnear",
        "parser": MODEL_NAME,
    }
    lexicon = cue_lexicon.to_json(stats, provenance, heads)
    args.out.write_text(json.dumps(lexicon, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(lexicon['cues'])} cue lemmas, {len(lexicon['rare_heads'])} lemmas rarely a cue")


if __name__ == "__main__":
    main()
