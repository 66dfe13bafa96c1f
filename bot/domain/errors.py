"""Domain errors: each carries a message key of `locales/*` and its parameters, never a sentence."""

from __future__ import annotations


class DomainError(Exception):
    """A domain rule refused an action; one error handler renders `key` in the user's language."""

    default_key = "error-domain"

    def __init__(self, key: str | None = None, **params: object) -> None:
        self.key: str = key or self.default_key
        self.params: dict[str, object] = params
        super().__init__(self.key, params)


class AccessDenied(DomainError):
    default_key = "error-access-denied"


class NotFound(DomainError):
    """The thing a button or command points at is gone (or was never the user's to see)."""

    default_key = "error-stale"


class InviteInvalid(DomainError):
    default_key = "invite-invalid"


class InviteExpired(DomainError):
    default_key = "invite-expired"


class InviteUsedUp(DomainError):
    default_key = "invite-used-up"


class InvalidInput(DomainError):
    """Typed input failed validation: the key names what is wrong; the question is asked again."""
