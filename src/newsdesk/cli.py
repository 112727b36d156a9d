"""The ``newsdesk`` command: read, analyze, check-claims, doctor, schema, and the desk's verbs
(``newsdesk.desk.commands``: ingest, stats, search, stories, tally, records, follow, digest …).

Exit codes: 0 ok; 2 bad input (one line on stderr); 3 missing model or dependency; 1 a bug.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsdesk.errors import InputError, InputTooLarge, NewsdeskError

app = typer.Typer(
    name="newsdesk",
    help="Turn news articles into clean text, facts and events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

SourceArg = Annotated[str, typer.Argument(
    help="An article file (text or HTML, may be gzipped), an http(s):// URL of an article page, or - for stdin.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the JSON contract instead of a readable view.")]


def _load(source: str):
    """The raw input and its display name: '-' is stdin, anything else a path."""
    if source == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    return Path(source), source


def _article(source: str, url: str | None = None):
    """The article of a file, stdin, or an article page's URL (fetched politely: ``newsdesk.fetch``; a URL
    typed here is fetched wherever it points, loopback and private addresses included)."""
    import newsdesk
    from newsdesk.desk.inputs import is_url

    if is_url(source):
        from newsdesk.fetch.client import Fetcher, Policy
        from newsdesk.fetch.discover import fetch_article

        with Fetcher(Policy(allow_private=True, delay=0.0)) as fetcher:
            return fetch_article(fetcher, source), source
    raw, name = _load(source)
    return newsdesk.read(raw, url=url, name=name), name


@app.command()
def read(
    source: SourceArg,
    as_json: JsonOpt = False,
    url: Annotated[str | None, typer.Option(help="The page's URL, when known.")] = None,
) -> None:
    """Read one article: headline, byline, date, captions, sections and the clean body."""
    article, name = _article(source, url)
    _warn_if_empty(article, name)
    if as_json:
        _print_json(article.to_dict())
    else:
        from newsdesk.render import show_article

        show_article(article)


@app.command()
def analyze(
    source: SourceArg,
    as_json: JsonOpt = False,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD that relative dates resolve against.")
    ] = None,
    url: Annotated[str | None, typer.Option(help="The page's URL, when known.")] = None,
    points: Annotated[str, typer.Option(help="How many key points, 1 to 5.")] = "3",
    llm: Annotated[str | None, typer.Option(
        help="Key points by an LLM: an OpenAI-compatible base URL (http://127.0.0.1:8080/v1) or a .gguf file; "
             "its bullets pass the faithfulness guard, else the extractive ones are used.")] = None,
    llm_model: Annotated[str | None, typer.Option(
        help="The model to ask at the --llm URL (else $NEWSDESK_LLM_MODEL, else the server's first).")] = None,
    force_model: Annotated[bool, typer.Option(
        "--force-model", help="Analyse an article in a language with no model (newsdesk doctor lists them) with "
                              "the English model anyway.")] = False,
) -> None:
    """Analyse one article: key points, entities with roles, quotes with speakers, quantities, dates."""
    from newsdesk.keypoints import check_llm_option, check_points_option
    from newsdesk.pipeline import UNREAD, publication_date
    from newsdesk.pipeline import analyze as run_analysis

    n_points = check_points_option(int(points) if points.strip().isdigit() else points)  # bad value: exit 2
    check_llm_option(llm)  # not a URL nor a .gguf: exit 2; a .gguf without llama-cpp-python: exit 3
    if published is not None:
        publication_date(published, None)  # a malformed date is bad input before any work is done
    article, name = _article(source, url)
    _warn_if_empty(article, name)
    try:
        result = run_analysis(article, published=published, points=n_points, llm=llm, llm_model=llm_model,
                              force_model=force_model)
    except InputTooLarge as exc:  # name the input the user gave, not the article's headline
        exc.source = name
        raise
    for note in (n for n in result.notes if n.startswith(UNREAD)):
        print(f"newsdesk: warning: {name}: {note}", file=sys.stderr)
    if as_json:
        _print_json(result.to_dict())
    else:
        from newsdesk.render import show_analysis

        show_analysis(result)


@app.command("check-claims")
def check_claims(
    source: SourceArg,
    reference: Annotated[
        str, typer.Option(help="The missile-attack reference CSV (Kaggle missile_attacks_daily.csv).")
    ],
    as_json: JsonOpt = False,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD that relative dates resolve against.")
    ] = None,
    categories: Annotated[
        str | None, typer.Option(help="A missiles_and_uavs.csv-like file (model,category,…) overriding weapon kinds.")
    ] = None,
) -> None:
    """Check an article's attacks and record claims against the missile-attack reference, night by night."""
    from newsdesk.events.check import check_article, show_check
    from newsdesk.events.reference import load_categories, load_reference
    from newsdesk.pipeline import analyze as run_analysis
    from newsdesk.pipeline import publication_date

    if published is not None:
        publication_date(published, None)  # a malformed date is bad input before any work is done
    kinds = load_categories(categories) if categories else None
    ref = load_reference(reference, categories=kinds)  # an unusable CSV fails before the article is parsed
    for warning in ref.warnings:
        print(f"newsdesk: warning: {reference}: {warning}", file=sys.stderr)
    article, name = _article(source)
    _warn_if_empty(article, name)
    result = check_article(run_analysis(article, published=published), ref)
    if as_json:
        _print_json(result)
    else:
        show_check(result)


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(help="Article files, folders, JSONL, feeds, http(s):// URLs.")],
    out: Annotated[str, typer.Option("--out", help="The folder the Parquet tables are written to.")],
    processes: Annotated[int, typer.Option("--processes", help="Analysis processes (Dask workers with --dask "
                                                               "local).")] = 1,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Run the analyses on the Dask cluster at "
                                                                      "this address (tcp://HOST:8786).")] = None,
    dask: Annotated[str | None, typer.Option("--dask", help="'local': run them on a Dask LocalCluster of "
                                                            "--processes workers.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Analyse a corpus into Parquet tables (articles, entities, quotes, quantities, dates, key points, events,
    weapons, failures) for pandas, DuckDB or Spark; nothing is stored on the desk."""
    from newsdesk.batch import batch as run_batch
    from newsdesk.cluster import check_choice
    from newsdesk.fetch.client import Fetcher, Policy

    scheduler = check_choice(dask, scheduler)
    with Fetcher(Policy(allow_private=True)) as fetcher:  # URLs typed here are the operator's own
        summary = run_batch(inputs, out, processes=processes, fetcher=fetcher, scheduler=scheduler)
    if as_json:
        _print_json(summary)
    else:
        rows = ", ".join(f"{name} {n}" for name, n in summary["rows"].items() if name != "failures")
        print(f"{summary['articles']} articles analysed, {len(summary['failed'])} failed; rows: {rows}; "
              f"tables in {summary['out']}")
        for failure in summary["failed"]:
            print(f"  failed: {failure['input']}: {failure['reason']}")
    if summary["failed"] and not summary["articles"]:
        raise typer.Exit(2)


@app.command()
def doctor(as_json: JsonOpt = False) -> None:
    """Say what is installed (Python, packages, language models), where the store lives, what is missing."""
    from newsdesk.doctor import collect, show

    report = collect()
    if as_json:
        _print_json(report)
    else:
        show(report)
    if report["problems"]:
        raise typer.Exit(3)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the analysis output (newsdesk.analysis/1)."""
    from newsdesk.schema import json_schema

    _print_json(json_schema())


def _register_desk() -> None:
    from newsdesk.desk.commands import register

    register(app)


_register_desk()


def _register_serve() -> None:
    from newsdesk.web.command import register

    register(app)


_register_serve()


def _warn_if_empty(article, name: str) -> None:
    """Never a silent empty result: say on stderr why the body is empty or tiny."""
    if article.diagnostics.reason:
        print(f"newsdesk: warning: {name}: {article.diagnostics.reason}", file=sys.stderr)


def _print_json(data: dict) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; map errors to one line on stderr and a stable exit code."""
    try:
        app(args=argv, standalone_mode=True)  # usage errors: typer prints them and exits 2
    except NewsdeskError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return exc.exit_code
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except UnicodeDecodeError as exc:  # stdin or a path name we could not decode
        print(f"newsdesk: {InputError(f'cannot decode input ({exc.reason})', source='<input>')}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a bug, said in one line
        if os.environ.get("NEWSDESK_DEBUG"):
            raise
        print(f"newsdesk: internal error (a bug, please report it): {type(exc).__name__}: {exc} "
              "(set NEWSDESK_DEBUG=1 for the traceback)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
