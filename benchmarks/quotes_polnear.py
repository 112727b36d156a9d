"""Quotes with speakers on PolNeAR (dev): newsdesk (its rules with the learned attribution model, and its rules
alone) against textacy, same texts, same parse, one run.

    .venv/bin/python benchmarks/quotes_polnear.py [--data DIR] [--json PATH] [--limit N]

Data: ``../shared/eval/polnear/dev`` (``text/*.txt`` raw, ``attributions/<name>_<annotator>.ann``).
Each raw text goes through the spaCy pipeline (``newsdesk.language.nlp.load_nlp``) once; both
systems read the same Doc. Peer: ``textacy.extract.triples.direct_quotations`` (textacy is a
benchmark extra: ``pip install textacy``; it extracts direct quotations only and gives up on a
document with an odd number of quotation marks, which counts as no quotes found).

Scoring (``newsdesk.language.evaluate_quotes``, where the definitions are written out): content
and speaker (source) spans, exact and Citron-style token overlap, micro-averaged over the corpus.
Articles annotated twice count once, with the mean of their counts against each annotator.
Speaker spans do not depend on the entity list, so ours runs with none (``find_quotes(doc, [])``).
Speed: articles per second for the parse, for our quotes (rules and model), the rules alone, and textacy's.
The model's cross-validated figures on PolNeAR train (stored in the model by ``scripts/train-attribution``)
are reported beside dev, so a gap between them shows.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import re
import sys
import time
from pathlib import Path

from figures import write_figures  # benchmarks/figures.py, beside this script

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from newsdesk.language.attribution import model_info  # noqa: E402
from newsdesk.language.evaluate_quotes import load_brat_corpus, score  # noqa: E402
from newsdesk.language.nlp import load_nlp  # noqa: E402
from newsdesk.language.quotes import SHIPPED, find_quotes  # noqa: E402

MARKS = re.compile("[\"“”«»]|''")
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "polnear" / "dev"


def ours(doc, model=SHIPPED) -> list:
    """Our quotes as (content span, speaker span or None, kind); ``model=None``: the rules alone."""
    return [((q.start, q.end), (q.speaker.start, q.speaker.end) if q.speaker else None, q.kind)
            for q in find_quotes(doc, [], model=model)]


def quoted_slice(text: str, preds: list, annotators: list) -> tuple:
    """The slice of quoted material: gold attributions whose content holds quotation marks, and
    predictions of direct or mixed quotes (every textacy prediction is one)."""
    gold = [[a for a in ann if any(MARKS.search(text, s, e) for s, e in a.content)] for ann in annotators]
    return text, [p[:2] for p in preds if p[2] != "indirect"], gold


def textacy_quotes(doc) -> list | None:
    """textacy's direct quotations as (content span, speaker span); None when it gives up."""
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        return None
    out = []
    for t in triples:
        speaker = (min(x.idx for x in t.speaker), max(x.idx + len(x) for x in t.speaker)) if t.speaker else None
        out.append(((t.content.start_char, t.content.end_char), speaker, "direct"))
    return out


def run(data: Path, limit: int | None = None) -> dict:
    """Parse, extract with both systems, score, time."""
    corpus = load_brat_corpus(data)[:limit]
    nlp = load_nlp()
    peer = importlib.util.find_spec("textacy") is not None
    timing = {"parse": 0.0, "newsdesk": 0.0, "newsdesk rules": 0.0, "textacy": 0.0}
    systems = ("newsdesk", "newsdesk rules", "textacy") if peer else ("newsdesk", "newsdesk rules")
    rows: dict[str, list] = {system: [] for system in systems}
    sliced: dict[str, list] = {system: [] for system in systems}
    gave_up = 0
    for _name, text, annotators in corpus:
        t0 = time.perf_counter()
        doc = nlp(text)
        t1 = time.perf_counter()
        mine = ours(doc)
        t2 = time.perf_counter()
        rules = ours(doc, None)
        t3 = time.perf_counter()
        theirs = textacy_quotes(doc) if peer else []
        t4 = time.perf_counter()
        timing["parse"] += t1 - t0
        timing["newsdesk"] += t2 - t1
        timing["newsdesk rules"] += t3 - t2
        timing["textacy"] += t4 - t3
        gave_up += theirs is None
        for system, preds in (("newsdesk", mine), ("newsdesk rules", rules), ("textacy", theirs or []))[
                : 3 if peer else 2]:
            rows[system].append((text, [p[:2] for p in preds], annotators))
            sliced[system].append(quoted_slice(text, preds, annotators))
    n = len(corpus)
    return {
        "data": str(data), "articles": n, "annotations": sum(len(a) for _, _, a in corpus),
        "model": nlp.meta.get("newsdesk_model", nlp.meta.get("name")),
        "scores": {system: score(r) for system, r in rows.items()},
        "scores_quoted_only": {system: score(r) for system, r in sliced.items()},
        "predicted": {system: sum(len(p) for _, p, _ in r) for system, r in rows.items()},
        "textacy_gave_up": gave_up if peer else None,
        "textacy_version": importlib.metadata.version("textacy") if peer else None,
        "articles_per_second": {k: (n / v if v else None) for k, v in timing.items()},
        "attribution_model": _model_summary(),
    }


def _model_summary() -> dict | None:
    """The shipped attribution model: what it was trained on and its cross-validated figures on train."""
    info = model_info()
    if info is None:
        return None
    summary = {k: info.get(k) for k in ("version", "trained_on", "licence", "threshold", "keep_threshold", "folds")}
    cv = info.get("cross_validation")
    if cv:  # the figures at the chosen thresholds (cue / filter), beside the rules alone
        chosen = cv.get(f"{info['threshold']}/{info.get('keep_threshold', 0.0)}") or cv[str(info["threshold"])]
        summary["cross_validation"] = {"model": chosen, "rules": cv["rules"]}
    return summary


def table(result: dict) -> str:
    """The table: P/R/F1 for content and speaker, exact and overlap, for each system; all
    attributions, then the quoted-material slice."""
    head = f"{'system':19} {'quotes':>6}  " + "  ".join(
        f"{part + ' ' + kind:^20}" for part in ("content", "speaker") for kind in ("exact", "overlap"))
    lines = [head, f"{'':19} {'':>6}  " + "  ".join([f"{'P':>6}{'R':>7}{'F1':>7}"] * 4)]
    for label, key in (("", "scores"), (" [quoted]", "scores_quoted_only")):
        lines += [_row(system + label, result["predicted"][system] if not label else None, s)
                  for system, s in result[key].items()]
    speed = result["articles_per_second"]
    if result["textacy_version"] is None:
        lines.append("\ntextacy is not installed (a benchmark extra: .venv/bin/pip install textacy): no peer row.")
    lines.append(
        f"\n{result['articles']} articles ({result['annotations']} annotations, doubly annotated ones "
        f"averaged), model {result['model']}; textacy {result['textacy_version']} gave up on "
        f"{result['textacy_gave_up']} (odd number of quotation marks).\n"
        f"[quoted]: only gold attributions whose content holds quotation marks, "
        f"and only direct/mixed predictions.\narticles/s: parse {speed['parse']:.1f}, "
        f"newsdesk quotes {speed['newsdesk']:.1f} (rules alone {speed['newsdesk rules']:.1f}), "
        f"textacy {speed['textacy'] or 0:.1f} (one core)")
    model = result.get("attribution_model")
    if model and model.get("cross_validation"):
        mine, rules = model["cross_validation"]["model"], model["cross_validation"]["rules"]
        lines.append(f"attribution model {model['version']}, {model['folds']}-fold cross-validation on PolNeAR "
                     "train (F1, rules with the model / rules alone): " + ", ".join(
                         f"{k.replace('_', ' ')} {mine[k]:.3f} / {rules[k]:.3f}" for k in mine))
    return "\n".join(lines)


def _row(name: str, n: int | None, s: dict) -> str:
    cells = [s[part][kind] for part in ("content", "speaker") for kind in ("exact", "overlap")]
    return f"{name:19} {'' if n is None else n:>6}  " + "  ".join(
        f"{c['precision']:6.3f} {c['recall']:6.3f} {c['f1']:6.3f}" for c in cells)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--limit", type=int, help="score only the first N articles")
    args = parser.parse_args(argv)
    if not (args.data / "text").is_dir():
        print(f"PolNeAR data not found at {args.data}", file=sys.stderr)
        return 2
    result = run(args.data, args.limit)
    print(table(result))
    if args.json:
        write_figures(args.json, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
