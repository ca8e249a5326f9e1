"""Files -> Documents. (Minimal stand-in: plain-text files only; replaced by the full reader.)"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from onrecord.errors import ReadError
from onrecord.model import Document, content_sha256

DEFAULT_MAX_BYTES = 5_000_000


def read_paths(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | ReadError]:
    for arg in paths:
        root = Path(arg)
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for path in files:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                yield ReadError(str(path), str(exc))
                continue
            yield Document(id=path.stem, text=text, source_path=str(path), sha256=content_sha256(text))
