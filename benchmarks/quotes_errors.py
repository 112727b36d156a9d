"""Where the quote speakers go wrong on PolNeAR dev: missed gold source tokens by gold cue, and
wrong predicted speaker tokens by our cue.

    .venv/bin/python benchmarks/quotes_errors.py [--data DIR] [--cache PATH] [--examples N] [--top N]

Speaker overlap counts as in ``evaluate_quotes`` (tokens, each once; speakers paired with their
quote through overlapping content), taken apart per attribution:

* missed gold source tokens, by the gold cue's lemma and by why: ``unfound`` (no predicted
  quote overlaps the content), ``no speaker`` (one does, with no speaker), ``wrong`` (speakers
  paired, tokens not covered);
* false-positive speaker tokens, by our cue: ``spurious`` (the quote overlaps no gold content)
  or ``wrong`` (it does, the speaker tokens are not the source).

Doubly annotated articles count each annotation with weight 1/n, as in the benchmark. The parse is
cached (spaCy DocBin) so that reruns take seconds.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from newsdesk.language.evaluate_quotes import _Tokens, load_brat_corpus  # noqa: E402
from newsdesk.language.nlp import load_nlp  # noqa: E402
from newsdesk.language.quotes import find_quotes  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "eval" / "polnear" / "dev"


def parsed(corpus: list, cache: Path) -> list:
    """The Docs of the corpus texts, from ``cache`` when it holds them."""
    from spacy.tokens import DocBin

    nlp = load_nlp()
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == [t for _, t, _ in corpus]:
            return docs
    docs = list(nlp.pipe(t for _, t, _ in corpus))
    DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return docs


def _cue_lemma(doc, spans) -> str:
    """The lemma(s) of a gold cue span, lowercased (``-`` when there is none)."""
    if not spans:
        return "-"
    words = [t for s, e in spans for t in (doc.char_span(s, e, alignment_mode="expand") or [])]
    return " ".join(t.lemma_.lower() for t in words if not t.is_punct)[:30] or "-"


def analyse_doc(doc, quotes, gold, weight: float, out: dict) -> None:
    """Add one annotation's speaker errors to ``out`` (Counters and example lists)."""
    tok = _Tokens(doc.text)
    preds = [((q.start, q.end), (q.speaker.start, q.speaker.end) if q.speaker else None, q.cue) for q in quotes]
    pred_c = [tok.of([p[0]]) for p in preds]
    gold_c = [tok.of(a.content) for a in gold]
    pairs = {(i, j) for i, pc in enumerate(pred_c) for j, gc in enumerate(gold_c) if pc & gc}
    p_tok = {i: tok.of([p[1]]) for i, p in enumerate(preds) if p[1] is not None}
    for j, a in enumerate(gold):
        if not a.source:
            continue
        g = tok.of(a.source)
        mates = [i for i, jj in pairs if jj == j]
        got = set().union(*(p_tok.get(i, set()) for i in mates))
        missed = len(g - got)
        out["gold"] += weight * len(g)
        if not missed:
            continue
        why = "unfound" if not mates else "no speaker" if not any(i in p_tok for i in mates) else "wrong"
        lemma = _cue_lemma(doc, a.cue)
        out["missed"][(why, lemma)] += weight * missed
        out["missed_why"][why] += weight * missed
        src = " ".join(doc.text[s:e] for s, e in a.source)
        pred_src = "; ".join(doc.text[preds[i][1][0]:preds[i][1][1]] for i in mates if i in p_tok)
        context = doc.text[a.content[0][0]:a.content[0][0] + 70]
        out["examples"][(why, lemma)].append(f"{src!r} [{pred_src!r}] :: {context!r}")
    for i, toks in p_tok.items():
        g = set().union(*(tok.of(gold[j].source) for j in range(len(gold)) if (i, j) in pairs))
        wrong = len(toks - g)
        out["predicted"] += weight * len(toks)
        if wrong:
            why = "spurious" if not any((i, j) in pairs for j in range(len(gold))) else "wrong"
            cue = (preds[i][2] or "-").lower()
            out["fp"][(why, cue)] += weight * wrong
            out["fp_why"][why] += weight * wrong
            s, e = preds[i][1]
            context = doc.text[preds[i][0][0]:preds[i][0][0] + 70]
            out["fp_examples"][(why, cue)].append(f"{doc.text[s:e]!r} :: {context!r}")


def report(out: dict, top: int, examples: int) -> None:
    print(f"gold source tokens {out['gold']:.0f}, predicted speaker tokens {out['predicted']:.0f}")
    print("\nmissed gold source tokens by reason:", {k: round(v) for k, v in out["missed_why"].items()})
    for (why, lemma), n in out["missed"].most_common(top):
        print(f"  {n:6.1f}  {why:10} {lemma}")
        for ex in out["examples"][(why, lemma)][:examples]:
            print(f"            {ex}")
    print("\nfalse-positive speaker tokens by reason:", {k: round(v) for k, v in out["fp_why"].items()})
    for (why, cue), n in out["fp"].most_common(top):
        print(f"  {n:6.1f}  {why:10} {cue}")
        for ex in out["fp_examples"][(why, cue)][:examples]:
            print(f"            {ex}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsdesk_polnear_dev.spacy"))
    parser.add_argument("--examples", type=int, default=2)
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args(argv)
    corpus = load_brat_corpus(args.data)
    docs = parsed(corpus, args.cache)
    out: dict = {"gold": 0.0, "predicted": 0.0, "missed": Counter(), "missed_why": Counter(),
                 "fp": Counter(), "fp_why": Counter(), "examples": defaultdict(list),
                 "fp_examples": defaultdict(list)}
    for doc, (_name, _text, annotators) in zip(docs, corpus, strict=True):
        quotes = find_quotes(doc, [])
        for gold in annotators:
            analyse_doc(doc, quotes, gold, 1.0 / len(annotators), out)
    report(out, args.top, args.examples)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
