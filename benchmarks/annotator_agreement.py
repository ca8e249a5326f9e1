"""How far PolNeAR's own annotators agree, scored as onrecord is scored: a ceiling for the targets.

Some PolNeAR articles were annotated by several people (16 in train, 2 in dev, five or six
annotators each). Each ordered pair of annotators (A, B) of one article is scored as if A were the
gold and B the prediction, with onrecord's scorer (the definitions of ../shared/tools/attr_eval.py),
and the pairs are pooled. `onrecord eval` uses the first annotator's file as the gold; the same
figures with the first annotator as gold and each other one as prediction are printed too.

    python benchmarks/annotator_agreement.py [../shared/polnear]
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from onrecord.eval.brat import parse_ann
from onrecord.eval.polnear import SPLITS, split_dir
from onrecord.eval.score import DocResult, Scores, score

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POLNEAR = ROOT.parent / "shared" / "polnear"


def multiply_annotated(root: Path) -> list[tuple[str, str, list[list]]]:
    """(split/doc id, text, each annotator's attributions in file-name order) for articles with two or more annotators."""
    found = []
    for split in SPLITS:
        where = split_dir(root, split)
        for path in sorted((where / "text").glob("*.txt")):
            files = sorted((where / "attributions").glob(f"{path.stem}_*.ann"))
            if len(files) >= 2:
                found.append((f"{split}/{path.stem}", path.read_text(encoding="utf-8"),
                              [parse_ann(f.read_text(encoding="utf-8")) for f in files]))
    return found


def pooled(pairs: list[tuple[str, str, list, list]]) -> Scores:
    return score([DocResult(f"{doc}#{k}", text, gold, pred) for k, (doc, text, gold, pred) in enumerate(pairs)])


def line(name: str, n: int, s: Scores) -> str:
    r = s.roles
    return (f"{name:34s} {n:5d}  {s.attribution.f1:11.3f}  {r['content']['overlap'].f1:10.3f}  "
            f"{r['source']['exact'].f1:9.3f}  {r['source']['overlap'].f1:9.3f}  {r['cue']['exact'].f1:8.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("polnear", type=Path, nargs="?", default=DEFAULT_POLNEAR, help="PolNeAR root (with train/ and dev/)")
    args = parser.parse_args()
    docs = multiply_annotated(args.polnear)
    annotators = sum(len(a) for _, _, a in docs)
    print(f"{len(docs)} articles with two or more annotators ({annotators} annotations), train and dev")
    print(f"{'gold -> prediction':34s} {'pairs':>5s}  {'attribution':>11s}  {'content ov':>10s}  "
          f"{'source ex':>9s}  {'source ov':>9s}  {'cue ex':>8s}")
    every = [(doc, text, anns[i], anns[j]) for doc, text, anns in docs for i, j in itertools.permutations(range(len(anns)), 2)]
    first = [(doc, text, anns[0], other) for doc, text, anns in docs for other in anns[1:]]
    print(line("every ordered pair of annotators", len(every), pooled(every)))
    print(line("first annotator -> each other", len(first), pooled(first)))
    print("F1 figures; 'first annotator' is the file `onrecord eval` and attr_eval.py take as the gold.")


if __name__ == "__main__":
    main()
