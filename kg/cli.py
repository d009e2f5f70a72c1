"""The command line: `python -m kg build|query|stats|extract|explain|eval|validate|serve` — thin layers over the library."""
from __future__ import annotations

import json
import sys
from functools import wraps
from pathlib import Path

import click

from .errors import KGError


def friendly(fn):
    """Turn the project's own errors into a one-line message and exit status 1 (no traceback)."""
    @wraps(fn)
    def inner(*a, **kw):
        try:
            return fn(*a, **kw)
        except KGError as e:
            click.echo(f"error: {e}", err=True)
            sys.exit(1)
    return inner


@click.group()
def main():
    """Knowledge graph of Chinese regional economic news."""


@main.command()
@click.option("--corpus", default="corpus", type=click.Path(path_type=Path), show_default=True)
@click.option("--out", default="out", type=click.Path(path_type=Path), show_default=True)
@click.option("--jobs", default=None, type=click.IntRange(min=1), help="processes for extraction [default: the cores]")
@click.option("--max-bytes", default=None, type=click.IntRange(min=1), help="skip (and name) files larger than this [default: 2 MiB]")
@click.option("--cache/--no-cache", default=True, show_default=True, help="reuse each unchanged article's analysis (OUT/.cache)")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT", help="run extraction on this Dask scheduler")
@click.option("--html/--no-html", default=True, show_default=True, help="write OUT/graph.html")
@friendly
def build(corpus, out, jobs, max_bytes, cache, scheduler, html):
    """Build OUT/kg.ttl, OUT/store (Oxigraph) and OUT/graph.html from the articles in CORPUS."""
    from .build import build as run
    from .read import MAX_BYTES

    res = run(corpus, out, jobs=jobs, progress=True, html=html, max_bytes=max_bytes or MAX_BYTES, cache=cache,
              scheduler=scheduler, statements=False)  # only their numbers are printed
    click.echo(res.summary())


def _number(name: str, text: str, kind=int, low: float = 0, high: float | None = None):
    """A numeric option checked here, so a mistake is one line with its code (not click's usage block)."""
    from .sparql_errors import ServeError

    try:
        v = kind(text)
    except (TypeError, ValueError):
        raise ServeError(f"{name} {text!r} is not a{'n integer' if kind is int else ' number'}") from None
    if v < low or (high is not None and v > high) or v != v:
        raise ServeError(f"{name} {text} is out of range ({low:g}–{'∞' if high is None else f'{high:g}'})")
    return v


@main.command()
@click.option("--endpoint", required=True, metavar="URL", help="a SPARQL 1.1 Graph Store Protocol endpoint")
@click.option("--kg", default="out", type=click.Path(path_type=Path), show_default=True)
@friendly
def push(endpoint, kg):
    """Load the build into a Graph Store Protocol server: each article's named graph (and the entities') replaced."""
    from .push import push as run

    n, triples = run(kg, endpoint)
    click.echo(f"pushed {n} named graphs ({triples} triples) to {endpoint}")


@main.command()
@click.argument("query")
@click.option("--kg", default="out", type=click.Path(path_type=Path), show_default=True)
@click.option("--format", "fmt", default="table", show_default=True, metavar="FORMAT", help="table, csv, tsv or json")
@click.option("--bom", is_flag=True, help="start CSV with a UTF-8 byte-order mark (so Excel reads it as UTF-8)")
@click.option("--max-rows", default="0", metavar="N", help="cut the result after this many rows (0: no cut)")
@friendly
def query(query, kg, fmt, bom, max_rows):
    """Run a SPARQL query (its text, a file, or - for standard input) over the built graph."""
    from .query import FORMATS, query_kg, read_query, render
    from .sparql_errors import BadRequest

    if fmt not in FORMATS:
        raise BadRequest(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    cap = _number("--max-rows", max_rows) or 10**12
    try:
        out = query_kg(kg, read_query(query), cap)
        sys.stdout.buffer.write(render(out, fmt, bom))
        sys.stdout.flush()
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:  # `kg query … | head`
        sys.stderr.close()
        sys.exit(0)
    if out.truncated:
        click.echo(f"note: result cut at {cap} rows (--max-rows)", err=True)


@main.command()
@click.option("--kg", default="out", type=click.Path(path_type=Path), show_default=True)
@click.option("--top", default=10, show_default=True)
@friendly
def stats(kg, top):
    """Counts per type and the most central entities."""
    from .analytics import stats as run
    from .query import load_graph

    s = run(load_graph(kg), top)
    click.echo("entities: " + ", ".join(f"{k} {v}" for k, v in s["types"].items()))
    click.echo("relations: " + ", ".join(f"{k} {v}" for k, v in s["relations"].items()))
    click.echo(f"facts: {s['facts']}")
    click.echo("most central:")
    for label, typ, c in s["central"]:
        click.echo(f"  {c:.3f}  {label}  ({typ})")


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True)
@friendly
def extract(file, as_json):
    """Every mention in FILE with its type, offsets and sentence (for debugging)."""
    from .extract import analyse
    from .read import read_article
    from .tag import get_tagger

    rows = []
    for a in analyse(read_article(file), get_tagger()):
        for m in a.mentions:
            s, e = m.span
            rows.append({"text": m.text, "type": m.type, "start": s, "end": e, "rule": m.rule,
                         "sentence": a.sentence.text})
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for r in rows:
            click.echo(f"{r['start']:>6}-{r['end']:<6} {r['type']:<15} {r['text']}   [{r['rule']}]")


@main.command()
@click.argument("name")
@click.option("--kg", default="out", type=click.Path(path_type=Path), show_default=True)
@friendly
def explain(name, kg):
    """Every statement about an entity, with its evidence sentence."""
    from .analytics import explain as run
    from .query import load_graph

    click.echo("\n".join(run(load_graph(kg), name)))


@main.command(name="eval")
@click.option("--gold", required=True, type=click.Path(path_type=Path), help="folder of gold *.json files")
@click.option("--kg", default="out", type=click.Path(path_type=Path), show_default=True)
@click.option("--json", "as_json", is_flag=True, help="the full report as JSON")
@click.option("--quiet", is_flag=True, help="only the table, without the lists of misses and false positives")
@friendly
def evaluate(gold, kg, as_json, quiet):
    """Precision, recall and F1 per type, relation and fact recall, misses and false positives."""
    from .evaluate import evaluate as run
    from .evaluate import format_report, load_gold
    from .query import load_graph

    gold_set = load_gold(gold)  # the cheaper check first
    rep = run(load_graph(kg, store="default"), gold_set)
    if as_json:
        click.echo(json.dumps(rep.as_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo(format_report(rep, verbose=not quiet))


@main.command()
@click.option("--kg", default="out", type=click.Path(path_type=Path), show_default=True)
@click.option("--shapes", default=None, type=click.Path(path_type=Path), help="SHACL shapes (default ontology/shapes.ttl)")
@click.option("--limit", default=50, show_default=True, help="violations listed")
@friendly
def validate(kg, shapes, limit):
    """Check the built graph against the SHACL shapes; exit status 1 when it does not conform."""
    from .errors import ValidationFailed
    from .validate import validate_dir

    rep = validate_dir(kg, shapes)
    click.echo("\n".join(rep.lines(limit)))
    if not rep.conforms:
        raise ValidationFailed(f"{kg}: {len(rep.violations)} SHACL violation(s)")


@main.command()
@click.option("--kg", default="out", type=click.Path(path_type=Path), show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, metavar="ADDRESS", help="address to listen on (0.0.0.0: every interface)")
@click.option("--port", default="8000", show_default=True, metavar="N")
@click.option("--timeout", default="30", show_default=True, metavar="SECONDS", help="seconds a query may run before it is stopped")
@click.option("--max-rows", default="10000", show_default=True, metavar="N", help="rows (or triples) in one answer at most")
@click.option("--cors", default=None, metavar="ORIGIN", help="let pages from ORIGIN (or *) query from a browser")
@click.option("--workers", default="0", metavar="N", help="query worker processes (0: one per CPU, at most 4)")
@click.option("--max-memory", default="2048", show_default=True, metavar="MIB", help="MiB a query worker may use")
@click.option("--allow-host", multiple=True, metavar="NAME", help="a Host name clients may use (repeatable)")
@click.option("--request-timeout", default="10", show_default=True, metavar="SECONDS",
              help="seconds a client has to send a whole request (slow clients are cut off)")
@click.option("--access-log", is_flag=True, help="log every request")
@friendly
def serve(kg, host, port, timeout, max_rows, cors, workers, max_memory, allow_host, request_timeout, access_log):
    """Serve SPARQL at /sparql and the explorer at /."""
    from .server import bind, create_app, run

    port = _number("--port", port, int, 0, 65535)
    timeout = _number("--timeout", timeout, float, 0.1)
    rows = _number("--max-rows", max_rows, int, 1)
    n = _number("--workers", workers, int, 0, 64)
    mem = _number("--max-memory", max_memory, float, 64)
    req_timeout = _number("--request-timeout", request_timeout, float, 0.1)
    wildcard = host in ("0.0.0.0", "::", "")
    hosts = ["127.0.0.1", "localhost", "::1", "[::1]"] + ([] if wildcard else [host, f"[{host}]"]) + list(allow_host)
    if wildcard and not allow_host:
        hosts = ["*"]
        click.echo("note: listening on every interface and accepting any Host header; "
                   "name the public host with --allow-host", err=True)
    sock = bind(host, port)
    app = create_app(kg, timeout=timeout, max_rows=rows, cors=cors, workers=n or None, max_memory_mib=mem,
                     allowed_hosts=hosts)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"SPARQL endpoint: http://{shown}:{sock.getsockname()[1]}/sparql   explorer: "
               f"http://{shown}:{sock.getsockname()[1]}/   (Ctrl-C stops)")
    try:
        run(app, sock, access_log=access_log, log_level="info" if access_log else "warning",
            request_timeout=req_timeout)
    except KeyboardInterrupt:
        pass
    click.echo("stopped")


def _training_options(f):
    """--corpus, --gold and --out, shared by the commands that train a model on annotated articles."""
    f = click.option("--out", default=None, type=click.Path(path_type=Path), help="[default: the shipped model file]")(f)
    f = click.option("--gold", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
                     help="their gold files (one JSON per article, ../shared/gold/GUIDELINES.md)")(f)
    return click.option("--corpus", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
                        help="folder of annotated articles")(f)


def _train(trainer: str, model: str, corpus: Path, gold: Path, out: Path | None) -> tuple[list[dict], Path]:
    """Run kg.<trainer>.train (the `train` extra) and return its report and the file it wrote (default: the
    shipped kg.<model>.MODEL)."""
    import importlib

    try:
        train = importlib.import_module(f"kg.{trainer}").train
    except ImportError as e:  # pragma: no cover - the train extra is missing
        raise click.ClickException(f"training needs the train extra (pip install -e '.[train]'): {e}")
    target = out or importlib.import_module(f"kg.{model}").MODEL
    return train(corpus, gold, target), target


@main.command("train-pairs")
@_training_options
@friendly
def train_pairs(corpus, gold, out):
    """Train the relation scorer on annotated articles; print its cross-validated gain over the rules."""
    report, target = _train("train_pairs", "pair_model", corpus, gold, out)
    for r in report:
        t = "rules alone" if r["threshold"] is None else f"+ model at {r['threshold']:.1f}"
        click.echo(f"{t:18} pair recall {r['recall']:.3f}  precision {r['precision']:.3f}  ({r['edges']} edges)")
    click.echo(f"wrote {target}")


@main.command("train-mentions")
@_training_options
@friendly
def train_mentions(corpus, gold, out):
    """Train the mention filter on annotated articles; print what each threshold keeps, cross-validated."""
    report, target = _train("train_mentions", "mention_model", corpus, gold, out)
    for r in report:
        t = "rules alone" if r["threshold"] is None else f"filter at {r['threshold']:.1f}"
        click.echo(f"{t:14} keeps {r['kept_gold']} gold names and {r['kept_other']} others: "
                   f"precision {r['precision']:.3f}  recall {r['recall']:.3f}")
    click.echo(f"wrote {target}")
