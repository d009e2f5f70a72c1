"""`kg validate`: check a built graph against the SHACL shapes of ontology/shapes.ttl (pyshacl), so facts,
relations and entities keep the shape queries and the explorer rely on."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import Namespace

from .errors import ShapesError

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass
class Violation:
    focus: str  # the node that fails
    path: str  # the property (or path) checked
    message: str
    value: str = ""


@dataclass
class ValidationReport:
    conforms: bool
    checked: int  # triples in the data graph
    violations: list[Violation] = field(default_factory=list)

    def lines(self, limit: int = 50) -> list[str]:
        out = [f"{'conforms' if self.conforms else 'does not conform'}: {len(self.violations)} violation(s) "
               f"in {self.checked} triples"]
        for v in self.violations[:limit]:
            out.append(f"  {v.focus}  {v.path}  {v.message}" + (f"  [{v.value}]" if v.value else ""))
        if len(self.violations) > limit:
            out.append(f"  … {len(self.violations) - limit} more")
        return out


def shapes_graph(path: Path | None = None) -> Graph:
    p = path or ONTOLOGY / "shapes.ttl"
    try:
        return Graph().parse(p, format="turtle")
    except (OSError, SyntaxError, ValueError) as e:
        raise ShapesError(f"{p}: cannot read the shapes: {e}") from e


def ontology_graph() -> Graph:
    g = Graph()
    for name in ("kg.ttl", "measures.ttl"):
        g.parse(ONTOLOGY / name, format="turtle")
    return g


def validate_graph(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Run the shapes over `data` (no inference: the graph must state what the shapes ask for)."""
    from pyshacl import validate

    conforms, results, _text = validate(data, shacl_graph=shapes or shapes_graph(), ont_graph=ontology_graph(),
                                        inference="none", abort_on_first=False, allow_warnings=False)
    violations = []
    for r in results.subjects(SH.resultSeverity, SH.Violation):
        path = results.value(r, SH.resultPath)
        violations.append(Violation(
            focus=str(results.value(r, SH.focusNode)),
            path=_short(path, results) if path is not None else "",
            message=str(results.value(r, SH.resultMessage) or ""),
            value=str(results.value(r, SH.value) or "")))
    violations.sort(key=lambda v: (v.focus, v.path, v.message, v.value))
    return ValidationReport(bool(conforms), len(data), violations)


def validate_dir(kg: Path, shapes: Path | None = None) -> ValidationReport:
    from .query import load_graph

    return validate_graph(load_graph(Path(kg), store="default"), shapes_graph(shapes) if shapes else None)


def _short(node, g: Graph) -> str:
    """A property IRI by its local name; a sequence path as a/b."""
    items = list(g.items(node)) if (node, None, None) in g else []
    if items:
        return "/".join(_short(i, g) for i in items)
    s = str(node)
    return s.rsplit("#", 1)[-1] if "#" in s else s.rsplit("/", 1)[-1]
