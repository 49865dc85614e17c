"""Users (administrators) and one's own account (everyone signed in): issue 14 §2."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from .. import accounts
from ..models import User
from ..passwords import verify_password
from . import sessions as console_sessions
from .deps import (
    ConsoleError,
    ConsoleUser,
    CsrfProtected,
    CurrentUser,
    DbSession,
    require_role,
    safe_next,
)
from .i18n import LOCALES, N_
from .render import render
from .roles import GRANTABLE, ConsoleRole, role_of

router = APIRouter()
Admin = Annotated[ConsoleUser, Depends(require_role(ConsoleRole.ADMIN))]
NO_ROLE = "member"  # the form's value for "no console role"

# Messages of AccountError (English, from server.accounts) shown translated.
ACCOUNT_MESSAGES = {
    "the last administrator cannot lose that role":
        N_("The last administrator cannot lose that role."),
    f"a password needs at least {accounts.MIN_PASSWORD} characters":
        N_("A password needs at least 8 characters."),
    "a password cannot hold that character": N_("A password cannot hold that character."),
}


def _message(exc: accounts.AccountError) -> str:
    text = str(exc)
    if text.endswith("already exists"):
        return N_("That user name is taken.")
    return ACCOUNT_MESSAGES.get(text, N_("That change was refused."))


def _user(s: DbSession, user_id: str) -> User:
    user = s.get(User, user_id) if len(user_id) <= 36 else None
    if user is None:
        raise ConsoleError(404, N_("No such user."))
    return user


def _users_page(request: Request, s: DbSession, user: ConsoleUser, status: int = 200,
                error: str = "", done: str = "", form: dict[str, str] | None = None
                ) -> Response:
    rows = [(u, role_of(u.console_role, u.is_admin))
            for u in s.scalars(select(User).order_by(User.username))]
    return render(request, user, "users.html", status=status, rows=rows, error=error,
                  done=done, roles=GRANTABLE, form=form or {})


@router.get("/users", include_in_schema=False)
def users(request: Request, s: DbSession, user: Admin, done: str = "") -> Response:
    return _users_page(request, s, user, done=done[:20])


@router.post("/users", include_in_schema=False, dependencies=[CsrfProtected])
def create_user(request: Request, s: DbSession, user: Admin,
                username: Annotated[str, Form(max_length=150)] = "",
                name: Annotated[str, Form(max_length=200)] = "",
                email: Annotated[str, Form(max_length=254)] = "",
                role: Annotated[str, Form(max_length=16)] = NO_ROLE,
                password: Annotated[str, Form(max_length=1000)] = "") -> Response:
    username = username.strip()
    form = {"username": username, "name": name, "email": email, "role": role}
    if not username or not username.isprintable() or not accounts.storable(username):
        return _users_page(request, s, user, 400, N_("Give a user name."), form=form)
    try:
        accounts.check_new_password(password)
        accounts.create_user(s, username, password, name=name.strip(), email=email.strip(),
                             console_role=None if role == NO_ROLE else role)
    except accounts.AccountError as exc:
        return _users_page(request, s, user, 400, _message(exc), form=form)
    return RedirectResponse("/users?done=created", status_code=303)


@router.post("/users/{user_id}/role", include_in_schema=False, dependencies=[CsrfProtected])
def change_role(request: Request, user_id: str, s: DbSession, user: Admin,
                role: Annotated[str, Form(max_length=16)] = NO_ROLE) -> Response:
    target = _user(s, user_id)
    try:
        accounts.set_console_role(s, target, None if role == NO_ROLE else role)
    except accounts.AccountError as exc:
        return _users_page(request, s, user, 400, _message(exc))
    return RedirectResponse("/users?done=role", status_code=303)


@router.post("/users/{user_id}/password", include_in_schema=False,
             dependencies=[CsrfProtected])
def reset_password(request: Request, user_id: str, s: DbSession, user: Admin,
                   password: Annotated[str, Form(max_length=1000)] = "") -> Response:
    target = _user(s, user_id)
    try:
        accounts.set_password(target, password)
    except accounts.AccountError as exc:
        return _users_page(request, s, user, 400, _message(exc))
    # Whoever knew the old password is signed out of the console.
    console_sessions.close_sessions_of(s, target.id)
    return RedirectResponse("/users?done=password", status_code=303)


def _account_page(request: Request, user: ConsoleUser, status: int = 200, error: str = "",
                  done: str = "") -> Response:
    return render(request, user, "account.html", status=status, error=error, done=done,
                  locales=LOCALES)


@router.get("/account", include_in_schema=False)
def account(request: Request, user: CurrentUser, done: str = "") -> Response:
    return _account_page(request, user, done=done[:20])


@router.post("/account/password", include_in_schema=False, dependencies=[CsrfProtected])
def change_password(request: Request, s: DbSession, user: CurrentUser,
                    old_password: Annotated[str, Form(max_length=1000)] = "",
                    new_password: Annotated[str, Form(max_length=1000)] = "",
                    confirm: Annotated[str, Form(max_length=1000)] = "") -> Response:
    # A sync route: argon2 runs in a worker thread, off the event loop.
    me = _user(s, user.user_id)
    if not verify_password(me.password_hash, old_password):
        return _account_page(request, user, 400, N_("The current password is wrong."))
    if new_password != confirm:
        return _account_page(request, user, 400, N_("The two new passwords differ."))
    try:
        accounts.set_password(me, new_password)
    except accounts.AccountError as exc:
        return _account_page(request, user, 400, _message(exc))
    console_sessions.close_sessions_of(s, me.id, keep=user.session_id)
    return RedirectResponse("/account?done=password", status_code=303)


@router.post("/account/language", include_in_schema=False, dependencies=[CsrfProtected])
def change_language(s: DbSession, user: CurrentUser,
                    locale: Annotated[str, Form(max_length=5)] = "en",
                    next: Annotated[str, Form(max_length=500)] = "") -> Response:
    if locale not in LOCALES:
        raise ConsoleError(400, N_("That language is not available."))
    _user(s, user.user_id).locale = locale
    return RedirectResponse(safe_next(next, "/account"), status_code=303)
