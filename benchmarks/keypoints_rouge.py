"""Key points beside Lead-3, LexRank, TextRank and the stored BART outputs: ROUGE and faithfulness, same run.

    .venv/bin/python benchmarks/keypoints_rouge.py [--limit N] [--json PATH] [--example PATH ...]

Data: the 150 CNN/DailyMail articles of ../shared/eval/cnndm/dev.jsonl; ``reference`` (the highlights
joined by " . ") is the gold. Scores: ROUGE-1/2/L F1 (``rouge-score``, Porter stemming; L is the
summary-level ROUGE-Lsum, one sentence a line, as the published CNN/DM figures). Every extractive method
cuts the same sentences (``keypoints.extractive.sentences`` of the same spaCy parse), so only the
choice differs; LexRank and TextRank are sumy's, 3 sentences. ``unsupported`` is the share of bullets
with a number, name or date the guard cannot find in their support (ours: the spans each cites; the
others: the whole article). Each text goes through ``newsdesk.read`` under a one-line headline, as in
speed_analyze.py. Goal (issue): ours >= Lead-3 + 1.0 ROUGE-1 with 0 unsupported.
Then ours beside the site's own summary box (``article.publisher_key_points``) for every page of
../shared/examples/ that has one (or the ``--example`` pages).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from figures import write_figures  # benchmarks/figures.py, beside this script

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "eval" / "cnndm" / "dev.jsonl"
EXAMPLES = REPO.parent / "shared" / "examples"
HEADLINE = "Story from the CNN/DailyMail test set\n\n"
METHODS = ("ours (spaCy vectors)", "ours (MiniLM)", "Lead-3", "LexRank (sumy)", "TextRank (sumy)", "BART (stored)")


def load(limit: int | None) -> list[dict]:
    with DATA.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return rows[:limit] if limit else rows


def sumy_pick(sents: list[str], algorithm: str, n: int = 3) -> list[str]:
    """sumy's LexRank or TextRank over our sentences (no nltk data needed: words by regex)."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    class Words:
        @staticmethod
        def to_words(text: str) -> list[str]:
            return re.findall(r"\w+", text)

    document = ObjectDocumentModel([Paragraph([Sentence(s, Words()) for s in sents])])
    summarizer = (LexRankSummarizer if algorithm == "lexrank" else TextRankSummarizer)(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    return [str(s) for s in summarizer(document, n)]


def split_summary(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“‘'])", text.strip()) if s.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    parser.add_argument("--example", type=Path, nargs="*", default=None,
                        help="pages with their own summary box (default: those of ../shared/examples/)")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"keypoints_rouge: {DATA} not found (clone ../shared beside the repo)", file=sys.stderr)
        return 2
    from rouge_score import rouge_scorer

    import newsdesk
    from newsdesk.keypoints import find_key_points
    from newsdesk.keypoints.extractive import sentences
    from newsdesk.keypoints.guard import support_text, unsupported
    from newsdesk.language.entities import find_entities
    from newsdesk.language.nlp import load_nlp

    rows = load(args.limit)
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    totals = {m: {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0, "bullets": 0, "unsupported": 0, "words": 0}
              for m in METHODS}
    articles = [newsdesk.read(HEADLINE + row["article"]) for row in rows]
    docs = load_nlp().pipe((a.text for a in articles), batch_size=8)
    for row, article, doc in zip(rows, articles, docs, strict=True):
        entities = find_entities(doc)
        sents = [s.text.strip() for s in sentences(doc)]
        picks: dict[str, list[tuple[str, str]]] = {}  # method -> [(bullet, the text it answers to)]
        for method, embedder in (("ours (spaCy vectors)", "spacy"), ("ours (MiniLM)", "minilm")):
            points, _ = find_key_points(article, doc, entities, [], [], n=3, embedder=embedder)
            picks[method] = [(p.text, support_text(p, article.text)) for p in points]
        picks["Lead-3"] = [(s, article.text) for s in sents[:3]]
        picks["LexRank (sumy)"] = [(s, article.text) for s in sumy_pick(sents, "lexrank")]
        picks["TextRank (sumy)"] = [(s, article.text) for s in sumy_pick(sents, "textrank")]
        picks["BART (stored)"] = [(s, row["article"]) for s in split_summary(row["model_summaries"]["bart"])]
        gold = "\n".join(s.strip() for s in row["reference"].split(" . ") if s.strip())
        for method, bullets in picks.items():
            score = scorer.score(gold, "\n".join(b for b, _ in bullets))
            tally = totals[method]
            for key, name in (("rouge1", "rouge1"), ("rouge2", "rouge2"), ("rougeL", "rougeLsum")):
                tally[key] += score[name].fmeasure
            tally["bullets"] += len(bullets)
            tally["words"] += sum(len(b.split()) for b, _ in bullets)
            tally["unsupported"] += sum(1 for b, support in bullets if unsupported(b, support))
    n = len(rows)
    table = [{"method": m, "rouge1": round(100 * t["rouge1"] / n, 2), "rouge2": round(100 * t["rouge2"] / n, 2),
              "rougeL": round(100 * t["rougeL"] / n, 2),
              "words_per_bullet": round(t["words"] / max(t["bullets"], 1), 1),
              "unsupported_share": round(t["unsupported"] / max(t["bullets"], 1), 4)} for m, t in totals.items()]
    print(f"{n} CNN/DailyMail articles; ROUGE F1 x100, stemmed; L = ROUGE-Lsum")
    print(f"{'method':<22} {'R-1':>6} {'R-2':>6} {'R-L':>6} {'words/bullet':>13} {'unsupported':>12}")
    for r in table:
        print(f"{r['method']:<22} {r['rouge1']:>6.2f} {r['rouge2']:>6.2f} {r['rougeL']:>6.2f} "
              f"{r['words_per_bullet']:>13.1f} {r['unsupported_share']:>12.1%}")
    by_name = {r["method"]: r for r in table}
    lead, ours = by_name["Lead-3"], by_name[METHODS[0]]
    embedder = max(METHODS[:2], key=lambda m: by_name[m]["rouge1"])
    goal = {"rouge1_needed": round(lead["rouge1"] + 1.0, 2), "rouge1": ours["rouge1"],
            "met": ours["rouge1"] >= lead["rouge1"] + 1.0 and ours["unsupported_share"] == 0}
    print(f"goal: ours >= Lead-3 + 1.0 = {goal['rouge1_needed']:.2f} R-1 with 0 unsupported: "
          f"{'met' if goal['met'] else 'not met'} ({ours['rouge1']:.2f}, {ours['unsupported_share']:.1%}); "
          f"higher R-1 of the two embedders: {embedder}")
    pages = args.example if args.example is not None else sorted(EXAMPLES.glob("*.txt")) if EXAMPLES.is_dir() else []
    examples = [shown for path in pages if (shown := show_example(path)) is not None]
    if args.json:
        write_figures(args.json, {"benchmark": "keypoints_rouge", "articles": n, "rows": table, "goal": goal,
                                  "embedder_best": embedder, "examples": examples})
    return 0


def show_example(path: Path) -> dict | None:
    """Ours beside the page's own summary box, printed and returned; None when the page has no box."""
    import newsdesk

    result = newsdesk.analyze(path)
    site = result.article.publisher_key_points
    if not site:
        return None
    ours = [p.text for p in result.key_points]
    print(f"\n{path.name}: the site's box beside ours")
    for label, points in (("site", site), ("ours", ours)):
        for point in points:
            print(f"  {label}: {point}")
    return {"file": path.name, "site": site, "ours": ours, "notes": result.notes}


if __name__ == "__main__":
    sys.exit(main())
