"""Errors of the SPARQL service and `kg query` (codes E020–E039): each carries the HTTP status it is
answered with, so the CLI and the server report the same mistake the same way."""
from __future__ import annotations

from .errors import KGError


class SparqlError(KGError):
    code = "E020"
    status = 400


class BadQuery(SparqlError):
    """The parser rejected the query (its message, cleaned to one line)."""
    code = "E021"


class UpdateRefused(SparqlError):
    """INSERT / DELETE / LOAD / CLEAR / … or an `update=` request: the service is read-only."""
    code = "E022"
    status = 403


class ServiceRefused(SparqlError):
    """SERVICE (federated query) is refused before evaluation: the service never connects out."""
    code = "E023"
    status = 403


class QueryTimeout(SparqlError):
    code = "E024"
    status = 503


class QueryTooBig(SparqlError):
    """The query ran out of its memory allowance and was stopped."""
    code = "E025"
    status = 503


class Busy(SparqlError):
    """Every query worker stayed busy for the whole wait: try again later."""
    code = "E026"
    status = 503


class NotAcceptable(SparqlError):
    code = "E027"
    status = 406


class BadRequest(SparqlError):
    """A malformed request: no query, bad UTF-8, a wrong content type, a bad parameter."""
    code = "E028"


class BodyTooLarge(SparqlError):
    code = "E029"
    status = 413


class GraphUnreadable(SparqlError):
    """--kg names something that is not an RDF build."""
    code = "E030"
    status = 500


class ServeError(SparqlError):
    """`kg serve` cannot start: port in use or out of range, unknown host, bad option."""
    code = "E031"


class QueryFileError(SparqlError):
    """`kg query FILE`: the file cannot be read as UTF-8 text."""
    code = "E032"


class WorkerCrashed(SparqlError):
    code = "E033"
    status = 500


class UnsupportedMediaType(SparqlError):
    """A POST body that is neither a form nor application/sparql-query."""
    code = "E034"
    status = 415
