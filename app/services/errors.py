class DomainError(Exception):
    """A rule said no. ``message`` is plain English, safe to show the person who asked."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotFoundInUnit(DomainError):
    """The record does not exist in the signed-in user's unit (answered as 404)."""

    def __init__(self, message: str = "We could not find that."):
        super().__init__(message)
