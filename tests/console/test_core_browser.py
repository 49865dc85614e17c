"""The console in a real browser (pytest-playwright on Debian's chromium): sign in, switch
to French, revoke a device, sign out — by keyboard and by click, as a person would."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlalchemy import select

from server.models import Device, User
from tests.console.conftest import PASSWORD, ConsoleWorld


def sign_in(page: Page, base: str, username: str, next_path: str = "/account") -> None:
    page.goto(f"{base}{next_path}")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    expect(page).to_have_url(f"{base}{next_path}")


def test_sign_in_switch_to_french_and_back(console_world: ConsoleWorld, live_console: str,
                                           page: Page) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, live_console, "viewer")
    expect(page.get_by_role("heading", name="My account")).to_be_visible()
    # the skip link is the first stop of the keyboard
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.get_by_role("radio", name="Français").check()
    page.get_by_role("button", name="Save the language").click()
    expect(page.get_by_role("heading", name="Mon compte")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    with console_world.sessions() as s:
        user = s.scalar(select(User).where(User.username == "viewer"))
        assert user is not None and user.locale == "fr"
    # the header's switch goes back, staying on the same page
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="My account")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in to the console")).to_be_visible()
    assert errors == []  # no CSP violation, no script error


def test_an_officer_revokes_a_device_in_french(console_world: ConsoleWorld, live_console: str,
                                               page: Page) -> None:
    with console_world.sessions() as s, s.begin():
        officer = s.scalar(select(User).where(User.username == "officer"))
        assert officer is not None
        officer.locale = "fr"
    sign_in(page, live_console, "officer", "/devices")
    expect(page.get_by_role("heading", name="Appareils", exact=True)).to_be_visible()
    row = page.get_by_role("row").filter(has_text="member_a-laptop")
    expect(row).to_contain_text("VN-2027-HANOI")
    row.get_by_role("button", name="Révoquer member_a-laptop de member_a").click()
    expect(page.get_by_role("status")).to_contain_text("révoqué")
    expect(page.get_by_role("row").filter(has_text="member_a-laptop")).to_contain_text(
        "Révoqué le")
    with console_world.sessions() as s:
        device = s.get(Device, console_world.device_id)
        assert device is not None and device.revoked_at is not None


def test_lost_laptop_asks_for_confirmation_first(console_world: ConsoleWorld,
                                                 live_console: str, page: Page) -> None:
    sign_in(page, live_console, "admin", "/devices")
    page.get_by_label("Revoke every device of").select_option(label="member_a — VN-2027-HANOI")
    button = page.get_by_role("button", name="Revoke this user's devices on this mission")
    page.evaluate("window.stillHere = true")  # gone if the form were sent
    page.once("dialog", lambda d: d.dismiss())  # "Cancel": nothing happens
    button.click()
    assert page.evaluate("window.stillHere === true")
    with console_world.sessions() as s:
        device = s.get(Device, console_world.device_id)
        assert device is not None and device.revoked_at is None
    page.once("dialog", lambda d: d.accept())
    button.click()
    expect(page.get_by_role("status")).to_contain_text("recorded in the audit")
    with console_world.sessions() as s:
        device = s.get(Device, console_world.device_id)
        assert device is not None and device.revoked_at is not None
