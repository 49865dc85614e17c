"""Errors raised by domain rules; their messages are shown to users as they are."""


class DomainError(Exception):
    """A rule of the mission was broken; the message says which, in plain words."""


class ValidationError(DomainError):
    """A value is out of its allowed range or shape."""


class PermissionDenied(DomainError):
    """The acting assessor may not make this change."""


class NotFound(DomainError):
    """A referenced record does not exist."""
