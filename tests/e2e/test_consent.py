"""accept_consent on cookie banners in real Chromium: the accept button of each kind of banner
is clicked, the banner goes, the consent cookie stays for the next pass; nothing else is
clicked on pages without an accept button in a banner."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser, Playwright, async_playwright

from checker.demo.server import serve_directory
from checker.gather.access import Access
from checker.gather.browser import launch
from checker.gather.consent import MARK, ConsentClick, accept_consent
from checker.gather.device_page import device_page
from checker.gather.devices import resolve
from checker.gather.dom import click_listener_script
from checker.model.snapshot import DeviceInfo

PAGES = Path(__file__).parents[1] / "fixtures" / "pages" / "consent"
HANG_LIMIT_S = 10


@dataclass
class Session:
    runner: asyncio.Runner
    playwright: Playwright
    browser: Browser
    device: DeviceInfo
    base_url: str


@dataclass(frozen=True)
class Visit:
    result: ConsentClick | None
    seconds: float
    banner_visible: bool
    clicks: list[str]
    cookies: set[str]
    marked: int


@pytest.fixture(scope="module")
def session() -> Iterator[Session]:
    with serve_directory(PAGES) as base_url, asyncio.Runner() as runner:
        playwright = runner.run(async_playwright().start())
        try:
            browser = runner.run(launch(playwright, None, blocked_except={"127.0.0.1"}))
            device = resolve("iphone-se", playwright.devices)
            yield Session(runner, playwright, browser, device, base_url)
            runner.run(browser.close())
        finally:
            runner.run(playwright.stop())


def visit(session: Session, page_name: str, banner: str, **options: Any) -> Visit:
    """Load a fixture page as an iPhone SE, accept its consent, and report what happened."""

    async def run() -> Visit:
        async with device_page(
            session.browser, session.device, init_script=click_listener_script(), access=Access()
        ) as opened:
            page = opened.page
            await page.goto(session.base_url + page_name, wait_until="load")
            started = time.perf_counter()
            result = await accept_consent(page, **options)
            seconds = time.perf_counter() - started
            state = await opened.context.storage_state()
            return Visit(
                result=result,
                seconds=seconds,
                banner_visible=await page.locator(banner).is_visible(),
                clicks=await page.evaluate("window.__clicks"),
                cookies={c["name"] for c in state["cookies"]},
                marked=await page.locator(f"[{MARK}]").count(),
            )

    return session.runner.run(run())


def time_on_hung_page(session: Session, page_name: str, timeout_s: float) -> tuple[Any, float]:
    """accept_consent on a page whose scripts never yield: its result and how long it took
    (nothing else can be asked of such a page)."""

    async def run() -> tuple[Any, float]:
        async with device_page(
            session.browser, session.device, init_script=click_listener_script(), access=Access()
        ) as opened:
            await opened.page.goto(session.base_url + page_name, wait_until="load")
            started = time.perf_counter()
            # Were a wait unbounded, this fails here instead of hanging the suite.
            result = await asyncio.wait_for(
                accept_consent(opened.page, timeout_s=timeout_s), HANG_LIMIT_S
            )
            return result, time.perf_counter() - started

    return session.runner.run(run())


BANNERS = [
    # page, its banner, manager, selector, text, the one click expected, the consent cookie
    (
        "onetrust.html",
        "#onetrust-banner-sdk",
        "OneTrust",
        "#onetrust-accept-btn-handler",
        "Accept All Cookies",
        "onetrust-accept-btn-handler",
        "OptanonAlertBoxClosed",
    ),
    (
        "cookiebot.html",
        "#CybotCookiebotDialog",
        "Cookiebot",
        "#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll",
        "Allow all",
        "CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll",
        "CookieConsent",
    ),
    (
        "didomi.html",
        "#didomi-notice",
        "Didomi",
        "#didomi-notice-agree-button",
        "Accepter & Fermer",
        "didomi-notice-agree-button",
        "didomi_token",
    ),
    (
        "usercentrics-shadow.html",
        '[data-testid="uc-default-banner"]',
        "Usercentrics",
        '[data-testid="uc-accept-all-button"]',
        "Accept All",
        "uc-accept-all-button",
        "uc_user_interaction",
    ),
    (
        "sourcepoint.html",
        "#sp_message_container_1234",
        "Sourcepoint",
        ".sp_choice_type_11",
        "Accept",
        "Accept",
        "consentUUID",
    ),
    (
        "generic-german.html",
        ".hinweis",
        "generic",
        "#alle",
        "Alle akzeptieren",
        "alle",
        "cookie_hinweis",
    ),
]


@pytest.mark.parametrize(
    ("page_name", "banner", "manager", "selector", "text", "click", "cookie"),
    BANNERS,
    ids=[b[0].removesuffix(".html") for b in BANNERS],
)
def test_accept_consent_clicks_the_accept_button_and_keeps_the_consent_cookie(
    session, page_name, banner, manager, selector, text, click, cookie
):
    seen = visit(session, page_name, banner)
    assert seen.result == ConsentClick(manager=manager, selector=selector, text=text)
    assert seen.clicks == [click]  # never reject, settings or a plain "accept" beside "accept all"
    assert not seen.banner_visible
    assert cookie in seen.cookies
    assert seen.marked == 0


def test_accept_consent_waits_for_a_banner_that_appears_after_load(session):
    seen = visit(session, "quantcast-late.html", "#qc-cmp2-ui")
    assert seen.result == ConsentClick(
        manager="Quantcast",
        selector='.qc-cmp2-summary-buttons > button[mode="primary"]',
        text="AGREE",
    )
    assert seen.clicks == ["agree"]
    assert not seen.banner_visible
    assert "euconsent-v2" in seen.cookies
    assert seen.seconds > 0.4  # the dialog came 500 ms after load, and was waited for


def test_accept_consent_never_clicks_a_pages_own_accept_button_outside_a_banner(session):
    seen = visit(session, "no-banner-own-accept.html", "#own-accept")
    assert seen.result is None
    assert seen.clicks == []
    assert seen.cookies == set()
    assert seen.marked == 0


def test_accept_consent_leaves_a_banner_that_only_offers_to_reject(session):
    seen = visit(session, "reject-only.html", "#cookie-banner")
    assert seen.result is None
    assert seen.clicks == []
    assert seen.banner_visible


def test_accept_consent_reports_the_click_when_the_banner_stays(session):
    seen = visit(session, "stubborn.html", ".cookie-notice")
    assert seen.result == ConsentClick(manager="generic", selector="#accept", text="OK")
    assert seen.clicks == ["accept"]
    assert seen.banner_visible
    assert seen.marked == 0


def test_accept_consent_gives_up_at_its_timeout_on_a_page_that_never_answers(session):
    result, seconds = time_on_hung_page(session, "hung.html", timeout_s=1.0)
    assert result is None
    assert seconds < 1.3  # the timeout, and a little scheduling
