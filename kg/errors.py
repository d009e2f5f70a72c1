"""The project's own errors: each has a code and a message a user can act on (shown without traceback)."""


class KGError(Exception):
    """Base class; `code` is a short stable identifier such as E001."""

    code = "E000"

    def __init__(self, message: str):
        super().__init__(f"[{self.code}] {message}")


class ReadError(KGError):
    code = "E001"


class NoArticlesError(KGError):
    code = "E002"


class QueryError(KGError):
    code = "E003"


class GraphMissingError(KGError):
    code = "E004"


class GoldError(KGError):
    code = "E005"


class EntityNotFound(KGError):
    code = "E006"


class ShapesError(KGError):
    code = "E080"


class ValidationFailed(KGError):
    code = "E081"


# E060–E079: corpus hygiene, build outputs, store, cache, distribution, push (docs/scale.md)
class FileTooLargeError(ReadError):
    code = "E060"


class SymlinkRefusedError(ReadError):
    code = "E061"


class MetadataError(KGError):
    code = "E062"


class MarkupError(ReadError):
    code = "E063"


class NotAnArticleError(ReadError):
    code = "E064"


class StoreError(KGError):
    code = "E065"


class BuildLockedError(KGError):
    code = "E066"


class SchedulerError(KGError):
    code = "E067"


class PushError(KGError):
    code = "E068"


class ExplorerNotFound(KGError):
    """The explorer was asked for an entity or article the build does not have."""
    code = "E040"


class ExplorerParamError(KGError):
    """A bad parameter to the explorer's API (an unknown type or relation, a non-number limit)."""
    code = "E041"


class PairModelError(KGError):
    """The relation model's weights cannot be read, or training lacks what it needs."""

    code = "E090"


class MentionModelError(KGError):
    """The mention filter's weights cannot be read, or training lacks what it needs."""

    code = "E091"
