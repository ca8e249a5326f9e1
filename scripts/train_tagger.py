"""Train the attribution tagger on PolNeAR train: `python scripts/train_tagger.py ../shared/polnear`.

Needs the `train` extra (torch, CPU build). Every train text goes through the real read -> clean ->
parse path, so the features are those extract computes. Every tenth train article (in file-name
order, so 12 of each outlet's 120) is held out to pick the epoch; dev is never read. Writes
onrecord/attribute/data/tagger.npz: the weights of --members (cue model, role model) pairs, two by
default, trained alike from seeds seed, seed+1, ... (see onrecord/attribute/tagger.py), with the
label lists, the training settings and the held-out scores. Takes about 45 minutes on 2 cores.

With --all-data, every train article is learned from and none held out: each model stops at a
fixed epoch (--cue-epochs, --epochs for the role model), the ones the held-out runs picked.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
from torch import nn

from onrecord.attribute.paragraphs import paragraph_spans, paragraph_texts
from onrecord.attribute.cues import cue_lemmas
from onrecord.attribute.features import CATEGORIES, CUE_INTS, Tokens, Vocab, cue_features, token_features
from onrecord.attribute.marks import find_quotes
from onrecord.attribute.mentions import Para
from onrecord.attribute.tagger import CUE_TAGS, ROLE_TAGS, WEIGHTS, member_prefix, runs
from onrecord.clean import clean
from onrecord.eval.brat import GoldAttribution
from onrecord.eval.polnear import HELD_OUT_EVERY, held_out, load_split
from onrecord.eval.score import chars
from onrecord.nlp import MODEL_NAME, get_nlp
from onrecord.read import read_paths

OUT = Path(__file__).resolve().parent.parent / "onrecord" / "attribute" / "data" / WEIGHTS
EMBED_DIMS = {"lower": 32, "lemma": 32, "pos": 8, "tag": 16, "dep": 16, "ent": 8, "quote": 4,
              "rel": 8, "branch": 16, "sent": 4, "cue_lemma": 16}
WIDTH = 128
DILATIONS = [1, 2, 4, 8, 16, 1]
NEGATIVE_POS = {"VERB", "NOUN", "AUX"}


@dataclass
class RoleExample:
    ints: np.ndarray
    floats: np.ndarray
    tags: np.ndarray


@dataclass
class Paragraph:
    base: Tokens
    cue_tags: np.ndarray
    roles: list[RoleExample] = field(default_factory=list)


def tokens_in(para: Para, ranges: list[tuple[int, int]], text: str) -> list[int]:
    """Tokens holding a character of the ranges, trimmed as the scorer trims them."""
    covered = chars(ranges, text)
    return [t.i for t in para.doc if any(p in covered for p in range(para.start(t), para.end(t)))]


def bio(n: int, indices: list[int], begin: int, inside: int, tags: np.ndarray | None = None) -> np.ndarray:
    """Tag token indices with begin/inside codes, a new begin at every gap."""
    tags = np.zeros(n, dtype=np.int64) if tags is None else tags
    prev = None
    for i in sorted(indices):
        tags[i] = inside if prev is not None and i == prev + 1 else begin
        prev = i
    return tags


def paragraph_example(para: Para, base: Tokens, gold: list[GoldAttribution], text: str, vocab: Vocab) -> Paragraph:
    doc, n = para.doc, len(para.doc)
    cue_tags = np.zeros(n, dtype=np.int64)
    example = Paragraph(base, cue_tags)
    gold_cue_tokens: set[int] = set()
    for att in gold:
        cue = tokens_in(para, att.cue, text)
        if not cue:
            continue
        gold_cue_tokens.update(cue)
        bio(n, cue, CUE_TAGS.index("B"), CUE_TAGS.index("I"), cue_tags)
        tags = bio(n, tokens_in(para, att.source, text), ROLE_TAGS.index("B-S"), ROLE_TAGS.index("I-S"))
        bio(n, tokens_in(para, att.content, text), ROLE_TAGS.index("B-C"), ROLE_TAGS.index("I-C"), tags)
        example.roles.append(_role(doc, base, min(cue), max(cue) + 1, tags, vocab))
    lemmas = cue_lemmas()
    for tok in doc:
        if tok.i not in gold_cue_tokens and tok.pos_ in NEGATIVE_POS and tok.lemma_.lower() in lemmas:
            example.roles.append(_role(doc, base, tok.i, tok.i + 1, np.zeros(n, dtype=np.int64), vocab))
    return example


def _role(doc, base: Tokens, start: int, end: int, tags: np.ndarray, vocab: Vocab) -> RoleExample:
    c_ints, c_floats = cue_features(doc, base, start, end, vocab)
    return RoleExample(np.concatenate([base.ints, c_ints], 1), np.concatenate([base.floats, c_floats], 1), tags)


UPOS = ["ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT",
        "SCONJ", "SYM", "VERB", "X", "SPACE"]


def vocab_of_model() -> Vocab:
    """The label lists of the shipped spaCy model (and the universal POS tags)."""
    nlp = get_nlp()
    return Vocab({
        "pos": UPOS,
        "tag": list(nlp.get_pipe("tagger").labels),
        "dep": list(nlp.get_pipe("parser").labels),
        "ent": list(nlp.get_pipe("ner").labels),
    })


def prepare(root: Path, vocab: Vocab, n_process: int) -> list[list[Paragraph]]:
    """Every annotated train article as paragraph examples, read, cleaned and parsed as extract does."""
    gold = load_split(root, "train")
    articles = []
    for g, doc in zip(gold, read_paths([str(g.path) for g in gold]), strict=True):
        articles.append((g, clean(doc)))
    texts = [list(paragraph_texts(a)) for _, a in articles]
    parsed = iter(get_nlp().pipe([t for group in texts for t in group], batch_size=64, n_process=n_process))
    out = []
    for (g, article), group in zip(articles, texts, strict=True):
        paras = []
        for span in paragraph_spans(article):
            para = Para(next(parsed), span.start)
            base = token_features(para, find_quotes(span.of(article.analysis_text), span.start), vocab)
            paras.append(paragraph_example(para, base, g.attributions, g.text, vocab))
        out.append(paras)
    return out


class ConvTagger(nn.Module):
    """The torch twin of onrecord.attribute.tagger.Net."""

    def __init__(self, int_sizes: list[int], embed_dims: list[int], n_floats: int, n_tags: int):
        super().__init__()
        self.embs = nn.ModuleList(nn.Embedding(v, d) for v, d in zip(int_sizes, embed_dims, strict=True))
        self.inp = nn.Linear(sum(embed_dims) + n_floats, WIDTH)
        self.convs = nn.ModuleList(nn.Conv1d(WIDTH, WIDTH, 3, dilation=d, padding=d) for d in DILATIONS)
        self.out = nn.Linear(WIDTH, n_tags)
        self.drop = nn.Dropout(0.25)

    def forward(self, ints: torch.Tensor, floats: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        x = torch.cat([emb(ints[..., k]) for k, emb in enumerate(self.embs)] + [floats], -1)
        m = mask.unsqueeze(-1)
        h = torch.relu(self.inp(self.drop(x))) * m
        for conv in self.convs:
            h = (h + torch.relu(conv(self.drop(h).transpose(1, 2)).transpose(1, 2))) * m
        return self.out(h)

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        out = {f"{prefix}.emb.{k}": e.weight.detach().numpy() for k, e in enumerate(self.embs)}
        out |= {f"{prefix}.in.w": self.inp.weight.detach().numpy(), f"{prefix}.in.b": self.inp.bias.detach().numpy()}
        for k, conv in enumerate(self.convs):
            out[f"{prefix}.conv.{k}.w"] = conv.weight.detach().numpy()
            out[f"{prefix}.conv.{k}.b"] = conv.bias.detach().numpy()
        out |= {f"{prefix}.out.w": self.out.weight.detach().numpy(), f"{prefix}.out.b": self.out.bias.detach().numpy()}
        return {k: v.astype(np.float32) for k, v in out.items()}


def batches(items: list[tuple[np.ndarray, np.ndarray, np.ndarray]], size: int, shuffle: bool):
    order = sorted(range(len(items)), key=lambda i: len(items[i][2]))
    groups = [order[i : i + size] for i in range(0, len(order), size)]
    if shuffle:
        random.shuffle(groups)
    for group in groups:
        n = max(len(items[i][2]) for i in group)
        ints = np.zeros((len(group), n, items[group[0]][0].shape[1]), dtype=np.int64)
        floats = np.zeros((len(group), n, items[group[0]][1].shape[1]), dtype=np.float32)
        tags = np.full((len(group), n), -100, dtype=np.int64)
        for row, i in enumerate(group):
            k = len(items[i][2])
            ints[row, :k], floats[row, :k], tags[row, :k] = items[i]
        yield torch.from_numpy(ints), torch.from_numpy(floats), torch.from_numpy(tags)


def run_f1(model: ConvTagger, items, spans_of) -> float:
    """Exact-match F1 of the tagged runs on held-out items."""
    model.eval()
    tp = n_pred = n_gold = 0
    with torch.no_grad():
        for ints, floats, tags in batches(items, 64, shuffle=False):
            pred = model(ints, floats, (tags != -100).float()).argmax(-1)
            for p_row, g_row in zip(pred.numpy(), tags.numpy(), strict=True):
                k = int((g_row != -100).sum())
                p, g = set(spans_of(p_row[:k])), set(spans_of(g_row[:k]))
                tp, n_pred, n_gold = tp + len(p & g), n_pred + len(p), n_gold + len(g)
    model.train()
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0


def train(name, items, held, int_sizes, dims, n_tags, epochs, spans_of, stop=None) -> tuple[ConvTagger, float, int]:
    """The model at its best held-out epoch; with no held-out items, at epoch `stop` of the `epochs` schedule."""
    model = ConvTagger(int_sizes, dims, items[0][1].shape[1], n_tags)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    steps = epochs * -(-len(items) // 32)
    schedule = torch.optim.lr_scheduler.LambdaLR(opt, lambda step: max(0.05, 1.0 - step / steps))
    loss_fn = nn.CrossEntropyLoss(ignore_index=-100)
    best, best_state, best_epoch = -1.0, None, 0
    for epoch in range(1, epochs + 1):
        started, total = time.time(), 0.0
        for ints, floats, tags in batches(items, 32, shuffle=True):
            opt.zero_grad()
            logits = model(ints, floats, (tags != -100).float())
            loss = loss_fn(logits.reshape(-1, n_tags), tags.reshape(-1))
            loss.backward()
            opt.step()
            schedule.step()
            total += loss.item()
        if not held:
            print(f"{name} epoch {epoch}: loss {total:.1f} ({time.time() - started:.0f}s)", flush=True)
            if epoch == (stop or epochs):
                return model, float("nan"), epoch
            continue
        f1 = run_f1(model, held, spans_of)
        print(f"{name} epoch {epoch}: loss {total:.1f}, held-out run F1 {f1:.3f} ({time.time() - started:.0f}s)", flush=True)
        if f1 > best:
            best, best_epoch = f1, epoch
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    return model, best, best_epoch


def cue_runs(tags: np.ndarray) -> list[tuple[int, int]]:
    return runs(tags, CUE_TAGS.index("B"), CUE_TAGS.index("I"))


def role_runs(tags: np.ndarray) -> list[tuple[str, int, int]]:
    source = runs(tags, ROLE_TAGS.index("B-S"), ROLE_TAGS.index("I-S"))
    content = runs(tags, ROLE_TAGS.index("B-C"), ROLE_TAGS.index("I-C"))
    return [("S", *r) for r in source] + [("C", *r) for r in content]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("polnear", type=Path, help="PolNeAR root (with train/)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--cache", type=Path, help="pickle the prepared examples here and reuse them")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--all-data", action="store_true",
                        help="learn from every train article, holding none out, each model stopping at a fixed epoch")
    parser.add_argument("--cue-epochs", type=int, default=10,
                        help="with --all-data, the epoch at which the cue model stops (the role model at --epochs)")
    parser.add_argument("--members", type=int, default=2,
                        help="train this many (cue, role) model pairs, seeds seed, seed+1, ...; extract averages them")
    args = parser.parse_args()
    vocab = vocab_of_model()
    if args.cache and args.cache.exists():
        articles = pickle.loads(args.cache.read_bytes())
    else:
        started = time.time()
        articles = prepare(args.polnear, vocab, args.n_process)
        print(f"prepared {len(articles)} articles in {time.time() - started:.0f}s", flush=True)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(articles))
    fit = [a for k, a in enumerate(articles) if args.all_data or not held_out(k)]
    held = [] if args.all_data else [a for k, a in enumerate(articles) if held_out(k)]

    def cue_items(arts):
        return [(p.base.ints, p.base.floats, p.cue_tags) for a in arts for p in a if len(p.cue_tags)]

    def role_items(arts):
        return [(r.ints, r.floats, r.tags) for a in arts for p in a for r in p.roles]

    base_names = ["lower", "lemma", *CATEGORIES, "quote"]
    base_dims = [EMBED_DIMS[n] for n in base_names]
    arrays, scores = {}, []
    for k in range(args.members):
        random.seed(args.seed + k)
        torch.manual_seed(args.seed + k)
        cue_model, cue_f1, cue_epoch = train("cue", cue_items(fit), cue_items(held), vocab.int_sizes(False), base_dims,
                                             len(CUE_TAGS), args.epochs, cue_runs, args.cue_epochs)
        role_model, role_f1, role_epoch = train("role", role_items(fit), role_items(held), vocab.int_sizes(True),
                                                base_dims + [EMBED_DIMS[n] for n in CUE_INTS], len(ROLE_TAGS),
                                                args.epochs, role_runs)
        arrays |= cue_model.arrays(member_prefix("cue", k)) | role_model.arrays(member_prefix("role", k))
        score = {"seed": args.seed + k, "cue_epoch": cue_epoch, "role_epoch": role_epoch}
        if not args.all_data:
            score |= {"cue_run_f1": round(cue_f1, 4), "role_run_f1": round(role_f1, 4)}
        scores.append(score)
    meta = {
        "labels": vocab.labels,
        "dilations": DILATIONS,
        "members": args.members,
        "data": (
            f"PolNeAR train, all {len(articles)} annotated articles, the cue model stopped at epoch {args.cue_epochs} "
            f"and the role model at {args.epochs} of {args.epochs}"
            if args.all_data
            else f"PolNeAR train, {len(fit)} of {len(articles)} annotated articles "
            f"(every {HELD_OUT_EVERY}th, {len(held)}, held out)"
        ),
        "command": "python scripts/train_tagger.py ../shared/polnear" + (" --all-data" if args.all_data else ""),
        "parser": MODEL_NAME,
        "held_out": None if args.all_data else scores[0],
        "held_out_members": scores,
        "seed": args.seed,
    }
    np.savez_compressed(args.out, meta=np.array(json.dumps(meta)), **arrays)
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.1f} MB; held-out {scores}")


if __name__ == "__main__":
    main()
