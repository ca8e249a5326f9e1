"""The annotator-agreement benchmark: it finds PolNeAR's multiply-annotated articles and scores annotators against each other."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "annotator_agreement.py"


def _module():
    spec = importlib.util.spec_from_file_location("annotator_agreement", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_an_annotation_agrees_with_itself_and_not_with_nothing(polnear_dir: Path) -> None:
    agreement = _module()
    docs = agreement.multiply_annotated(polnear_dir)
    assert docs and all(len(anns) >= 2 for _, _, anns in docs)
    doc, text, anns = docs[0]
    same = agreement.pooled([(doc, text, anns[0], anns[0])])
    assert same.attribution.f1 == 1.0 and same.roles["source"]["exact"].f1 == 1.0
    empty = agreement.pooled([(doc, text, anns[0], [])])
    assert empty.attribution.f1 == 0.0


def test_script_prints_both_poolings(polnear_dir: Path) -> None:
    proc = subprocess.run([sys.executable, str(SCRIPT), str(polnear_dir)], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    rows = [line for line in proc.stdout.splitlines() if line.startswith(("every ordered pair", "first annotator ->"))]
    assert len(rows) == 2
    for row in rows:
        figures = [float(x) for x in row.split()[-5:]]
        assert all(0.0 < f < 1.0 for f in figures), row
