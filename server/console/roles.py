"""The console's roles (DESIGN.md §11): what a signed-in person may see and do."""

from __future__ import annotations

from enum import StrEnum


class ConsoleRole(StrEnum):
    ADMIN = "admin"        # everything, users included
    OFFICER = "officer"    # admissions officer: manages missions, devices
    VIEWER = "viewer"      # reads every mission's results
    MEMBER = "member"      # no console role: their own missions, read-only


# The roles an administrator can give (MEMBER is the absence of one).
GRANTABLE = (ConsoleRole.ADMIN, ConsoleRole.OFFICER, ConsoleRole.VIEWER)
MANAGERS = (ConsoleRole.ADMIN, ConsoleRole.OFFICER)


def role_of(console_role: str | None, is_admin: bool = False) -> ConsoleRole:
    """A user row's console role: an API administrator is a console administrator."""
    if is_admin:
        return ConsoleRole.ADMIN
    try:
        return ConsoleRole(console_role) if console_role else ConsoleRole.MEMBER
    except ValueError:
        return ConsoleRole.MEMBER
