"""Who sent an update: the person behind a messenger account, with their grants."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.messengers import Account
from bot.domain.roles import Grant, Role, roles_of


@dataclass(frozen=True, slots=True)
class Actor:
    person_id: int
    account: Account
    """The account the update came from: replies go to its chat."""
    locale: str
    full_name: str | None
    grants: tuple[Grant, ...]

    @property
    def roles(self) -> tuple[Role, ...]:
        return roles_of(self.grants)

    @property
    def is_registered(self) -> bool:
        """Consented, named, and holding at least one role: allowed past the front door."""
        return self.full_name is not None and bool(self.grants)

    def has(self, role: Role) -> bool:
        return any(g.role is role for g in self.grants)

    def municipality_ids(self, role: Role) -> tuple[int, ...]:
        return tuple(
            sorted(
                {
                    g.scope.municipality_id
                    for g in self.grants
                    if g.role is role and g.scope.municipality_id
                }
            )
        )

    def school_ids(self, role: Role) -> tuple[int, ...]:
        return tuple(
            sorted({g.scope.school_id for g in self.grants if g.role is role and g.scope.school_id})
        )
