"""Accepting a cookie banner, so what is measured afterwards is the page and not the banner.

A banner of a known consent manager is found by the manager's own accept button; any other by
the wording of its accept button, and only inside something that looks like a consent banner,
so a page's own "Accept" button is never clicked. The click is a real one (Playwright's): the
manager stores the consent as it would for a visitor, in cookies the speed pass starts with.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any, TypeVar

from playwright.async_api import Error, Frame, Locator, Page

from checker.gather.device_page import IsolatedWorld

T = TypeVar("T")


@dataclass(frozen=True)
class ConsentManager:
    name: str
    # CSS selectors of its "accept all" button, best first. Playwright-only syntax is not
    # allowed: they run in the page's own querySelectorAll.
    accept: tuple[str, ...]
    # Set when the manager shows its banner in an iframe: a selector of that <iframe> element.
    # Its accept selectors are then looked for only in such frames, where the whole document is
    # the banner.
    frame: str | None = None


# Sources: DuckDuckGo's autoconsent rules (github.com/duckduckgo/autoconsent, lib/cmps/*.ts and
# rules/autoconsent/*.json: each manager's optIn step), checked against the selectors other
# public scrapers click; the iframe ids are the managers' own markup as those rules detect it.
CONSENT_MANAGERS: tuple[ConsentManager, ...] = (
    # lib/cmps/onetrust.ts: the banner #onetrust-banner-sdk and its accept button.
    ConsentManager("OneTrust", ("#onetrust-accept-btn-handler",)),
    # lib/cmps/cookiebot.ts optIn; "Allow all" is the button of Cookiebot's current dialog.
    ConsentManager(
        "Cookiebot",
        (
            "#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll",
            "#CybotCookiebotDialogBodyButtonAccept",
            "#CybotCookiebotDialogBodyLevelButtonAccept",
        ),
    ),
    # rules/autoconsent/didomi.json optIn.
    ConsentManager("Didomi", ("#didomi-notice-agree-button",)),
    # rules/autoconsent/quantcast.json optIn (Quantcast Choice, TCF v2).
    ConsentManager("Quantcast", ('.qc-cmp2-summary-buttons > button[mode="primary"]',)),
    # lib/cmps/trustarc-top.ts (the banner in the page) and trustarc-frame.ts (the
    # consent-pref.trustarc.com frame, whose accept button is .call).
    ConsentManager("TrustArc", ("#truste-consent-button",)),
    ConsentManager("TrustArc", (".call",), frame='iframe[src*="consent-pref.trustarc.com"]'),
    # Usercentrics v2/v3 renders in #usercentrics-root's open shadow root (the accept button's
    # data-testid); v1's banner is rules/autoconsent/usercentrics-button.json.
    ConsentManager(
        "Usercentrics", ('[data-testid="uc-accept-all-button"]', "#uc-btn-accept-banner")
    ),
    # lib/cmps/sourcepoint-frame.ts optIn: choice type 11 is "accept all"; the message is an
    # iframe sp_message_iframe_<id> in a div sp_message_container_<id> (sourcepoint-top.ts).
    ConsentManager(
        "Sourcepoint",
        (".sp_choice_type_11", ".sp_choice_type_ACCEPT_ALL"),
        frame='iframe[id^="sp_message_iframe"]',
    ),
    # Widespread managers beyond the list, from the same rules.
    ConsentManager("CookieYes", (".cky-consent-container [data-cky-tag=accept-button]",)),
    ConsentManager("iubenda", (".iubenda-cs-accept-btn",)),
    ConsentManager("consentmanager.net", (".cmpboxbtnyes",)),
    # Google's Privacy & messaging (Funding Choices) consent message.
    ConsentManager("Google Funding Choices", (".fc-cta-consent",)),
)

# The whole trimmed text of an accept button, lower case, spaces collapsed, straight
# apostrophes: "accept all" wordings are preferred to plain "accept" ones. Only exact matches
# count, so "Reject all", "Settings" or "Accept selected" are never among them. Sources: the
# buttons of the managers above in their translations, and autoconsent's localised labels.
ACCEPT_ALL_WORDS: tuple[str, ...] = (
    # English
    "accept all", "accept all cookies", "allow all", "allow all cookies", "agree to all",
    "accept and close", "accept & close", "agree and close", "i accept all cookies",
    # German
    "alle akzeptieren", "alle cookies akzeptieren", "alles akzeptieren", "alle zulassen",
    "alle cookies zulassen", "alle erlauben", "allen zustimmen", "alle annehmen",
    "akzeptieren und schließen", "zustimmen und schließen",
    # French
    "tout accepter", "accepter tout", "accepter tous les cookies", "tout autoriser",
    "accepter et fermer", "autoriser tous les cookies",
    # Spanish
    "aceptar todo", "aceptar todas", "aceptar todas las cookies", "permitir todas",
    "permitir todas las cookies", "aceptar y cerrar",
    # Italian
    "accetta tutti", "accetta tutto", "accetta tutti i cookie", "consenti tutti",
    "accetta e chiudi", "accetto tutti",
    # Portuguese
    "aceitar todos", "aceitar tudo", "aceitar todos os cookies", "permitir todos",
    "aceitar e fechar",
    # Dutch
    "alles accepteren", "alle cookies accepteren", "accepteer alles", "accepteer alle cookies",
    "alles toestaan", "alle toestaan",
    # Polish
    "akceptuj wszystkie", "zaakceptuj wszystkie", "akceptuję wszystkie",
    "zezwól na wszystkie", "zgadzam się na wszystkie",
    # Swedish
    "acceptera alla", "godkänn alla", "tillåt alla", "acceptera alla cookies",
    # Danish
    "accepter alle", "tillad alle", "accepter alle cookies", "godkend alle",
    # Norwegian
    "godta alle", "aksepter alle", "tillat alle",
    # Finnish
    "hyväksy kaikki", "salli kaikki", "hyväksy kaikki evästeet",
    # Czech
    "přijmout vše", "přijmout všechny", "povolit vše", "souhlasím se vším",
    # Japanese
    "すべて同意する", "すべて受け入れる", "すべて許可する", "全て同意する", "全て受け入れる",
    "全て許可する",
)  # fmt: skip
ACCEPT_WORDS: tuple[str, ...] = (
    # English
    "accept", "accept cookies", "i accept", "agree", "i agree", "allow", "allow cookies",
    "ok", "okay", "got it",
    # German
    "akzeptieren", "zustimmen", "einverstanden", "ich stimme zu", "annehmen", "verstanden",
    # French
    "accepter", "j'accepte", "d'accord",
    # Spanish
    "aceptar", "acepto", "aceptar cookies", "de acuerdo", "entendido",
    # Italian
    "accetta", "accetto", "accetta i cookie",
    # Portuguese
    "aceitar", "aceito", "concordo", "aceitar cookies",
    # Dutch
    "accepteren", "accepteer", "akkoord", "ik ga akkoord",
    # Polish
    "akceptuj", "akceptuję", "zaakceptuj", "zgadzam się",
    # Swedish
    "acceptera", "godkänn", "jag godkänner",
    # Danish
    "godkend", "jeg accepterer",  # and "accepter", as in French
    # Norwegian
    "godta", "aksepter", "jeg godtar",
    # Finnish
    "hyväksy", "hyväksyn",
    # Czech
    "přijmout", "souhlasím", "rozumím",
    # Japanese
    "同意する", "同意します", "受け入れる", "許可する", "承諾する",
)  # fmt: skip

# A consent container by its id, class or aria-label (the words the issue names, plus GDPR
# in German, French and Spanish), or a dialog, fixed or sticky box whose text mentions
# cookies ("cookie" is the word in most languages; Swedish, Finnish, Norwegian, Polish and
# Japanese have their own).
CONTAINER_PATTERN = "cookie|consent|gdpr|privacy|cmp|dsgvo|rgpd"
COOKIE_TEXT_PATTERN = "cookie|kakor|eväste|informasjonskapsl|ciasteczk|クッキー"

# The attribute that marks, for the click, the button the in-page search chose.
MARK = "data-readiness-consent"
UNMARK_JS = """(mark) => {
  const roots = [document];
  for (let i = 0; i < roots.length; i++) {
    for (const el of roots[i].querySelectorAll("*")) {
      if (el.shadowRoot) roots.push(el.shadowRoot);
      if (el.hasAttribute(mark)) el.removeAttribute(mark);
    }
  }
}"""
SCROLL_JS = "() => [window.scrollX, window.scrollY]"
SCROLL_TO_JS = "([x, y]) => window.scrollTo(x, y)"

# A consent manager's script loads async and usually renders its banner after `load`, once
# its configuration has arrived: one or two more round trips (150 ms each on Lighthouse's
# slow 4G) and some parsing. 1.5 s covers that several times over, and it is what a page
# without a banner pays, so it stays small beside a layout pass. Total, not per selector.
BANNER_WAIT_S = 1.5
# How often the page is searched meanwhile: each search is one evaluate per frame, ~1-3 ms.
POLL_S = 0.1
# Kept for the DOM-click fallback when the real click fails (covered, never still).
DISPATCH_RESERVE_S = 0.3
# A banner's closing animation (OneTrust and Cookiebot fade out in well under a second); a
# banner still up after this stays up.
HIDE_WAIT_S = 1.0
# Kept at the end of the time allowed to take the mark off and put the scroll back.
CLEANUP_S = 0.2


@dataclass(frozen=True)
class ConsentClick:
    """The accept button clicked: its manager ("generic" for a wording match), the selector
    that found it (the table's, or the button's own path for a wording match), its text."""

    manager: str
    selector: str
    text: str


async def accept_consent(
    page: Page, *, timeout_s: float = 3.0, world: IsolatedWorld | None = None
) -> ConsentClick | None:
    """Click the accept button of the page's cookie banner and wait until the banner is gone
    (at most HIDE_WAIT_S). None when no banner with an accept button showed within
    BANNER_WAIT_S, or it could not be clicked. Never takes longer than timeout_s, whatever
    the page does. The page's own document is searched from `world` (one is made if none is
    given), where built-ins the page replaced do not reach."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_s
    work_deadline = deadline - CLEANUP_S
    if world is None:
        world = await _bounded(lambda: IsolatedWorld.attach(page.context, page), work_deadline)
        if world is None:
            return None
    searching = _Searching(page, world)
    found = await _find_button(
        searching, min(work_deadline, loop.time() + BANNER_WAIT_S), work_deadline
    )
    if found is None:
        return None
    frame, hit = found
    button = frame.locator(f"[{MARK}]").first
    scroll = await _bounded(lambda: world.evaluate(SCROLL_JS), work_deadline)
    clicked = await _click(frame, button, work_deadline)
    if clicked:
        await _wait_hidden(button, work_deadline)
    await _bounded(lambda: _clean_up(searching, frame, scroll), deadline)
    if not clicked:
        return None
    return ConsentClick(manager=hit["manager"], selector=hit["selector"], text=hit["text"])


@dataclass(frozen=True)
class _Searching:
    page: Page
    world: IsolatedWorld

    async def evaluate(self, frame: Frame, function: str, arg: Any) -> Any:
        """`function(arg)` in `frame`: the page's own document from our world; another frame
        (a consent manager's own document, which has no reason to replace built-ins) in its
        own world, as our world reaches the main frame only."""
        if frame is self.page.main_frame:
            return await self.world.evaluate(function, arg)
        return await frame.evaluate(function, arg)


async def _find_button(
    searching: _Searching, until: float, deadline: float
) -> tuple[Frame, dict[str, Any]] | None:
    """The frame holding the best accept button, marked there; polls until `until`."""
    loop = asyncio.get_running_loop()
    page = searching.page
    frame_managers: dict[Frame, ConsentManager | None] = {}
    while True:
        hits = []
        for order, frame in enumerate(_frames(page)):
            if frame not in frame_managers:
                frame_managers[frame] = await _frame_manager(page, frame, deadline)
            manager = frame_managers[frame]
            hit = await _bounded(
                lambda f=frame, m=manager: searching.evaluate(f, _script(), _search_args(m)),
                deadline,
            )
            if hit:
                hits.append((hit["rank"], order, frame, hit))
        if hits:
            hits.sort(key=lambda h: (h[0], h[1]))
            for _, _, other, _ in hits[1:]:
                await _bounded(lambda f=other: _unmark(searching, f), deadline)
            _, _, frame, hit = hits[0]
            return frame, hit
        remaining = until - loop.time()
        if remaining <= 0:
            return None
        await asyncio.sleep(min(POLL_S, remaining))


def _frames(page: Page) -> list[Frame]:
    main = page.main_frame
    return [main, *(f for f in page.frames if f is not main and not f.is_detached())]


async def _frame_manager(page: Page, frame: Frame, deadline: float) -> ConsentManager | None:
    """The manager whose banner iframe this frame is, if any. Playwright's own selector
    engine finds the managers' <iframe> elements (it runs apart from the page's scripts, which
    may have replaced Element.prototype.matches), and each tells which frame it holds."""
    framed = [m for m in CONSENT_MANAGERS if m.frame]
    parent = frame.parent_frame
    if frame is page.main_frame or parent is None or not framed:
        return None

    async def owner() -> ConsentManager | None:
        for manager in framed:
            for element in await parent.query_selector_all(manager.frame or ""):
                try:
                    if await element.content_frame() is frame:
                        return manager
                finally:
                    await element.dispose()
        return None

    return await _bounded(owner, deadline)


@cache
def _search_args(frame_manager: ConsentManager | None) -> dict[str, Any]:
    if frame_manager is None:
        managers = [m for m in CONSENT_MANAGERS if m.frame is None]
    else:
        managers = [frame_manager]
    return {
        "managers": [{"name": m.name, "selectors": list(m.accept)} for m in managers],
        "allWords": list(ACCEPT_ALL_WORDS),
        "oneWords": list(ACCEPT_WORDS),
        "containerPattern": CONTAINER_PATTERN,
        "cookiePattern": COOKIE_TEXT_PATTERN,
        "wholeDocument": frame_manager is not None,
        "frameManager": frame_manager.name if frame_manager else "generic",
        "mark": MARK,
    }


async def _click(frame: Frame, button: Locator, deadline: float) -> bool:
    if frame.is_detached():
        return False
    timeout = _remaining_ms(deadline - DISPATCH_RESERVE_S)
    if timeout:
        try:
            await button.click(timeout=timeout)
            return True
        except Error:
            if frame.is_detached():
                return True  # the click landed and the banner took its own frame away
    # Covered by another element or never still: a DOM click still reaches the banner's
    # own handler, which is all a consent manager listens to.
    timeout = _remaining_ms(deadline)
    if not timeout:
        return False
    try:
        await button.dispatch_event("click", timeout=timeout)
        return True
    except Error:
        return False


async def _wait_hidden(button: Locator, deadline: float) -> None:
    timeout = _remaining_ms(deadline, HIDE_WAIT_S)
    if timeout:
        # A timeout leaves the banner up; an error means its frame went away with it.
        with contextlib.suppress(Error):
            await button.wait_for(state="hidden", timeout=timeout)


async def _clean_up(searching: _Searching, frame: Frame, scroll: list[float] | None) -> None:
    """The button's mark off, and the page scrolled back to where it was: Playwright scrolls
    a button into view to click it, and the layout pass reads the page from where it loaded."""
    if not frame.is_detached():
        await _unmark(searching, frame)
    if scroll:
        await searching.world.evaluate(SCROLL_TO_JS, scroll)


async def _unmark(searching: _Searching, frame: Frame) -> None:
    await searching.evaluate(frame, UNMARK_JS, MARK)


def _remaining_ms(deadline: float, cap_s: float = float("inf")) -> float:
    """Milliseconds left for one wait: at most cap_s, 0 when the deadline has passed (0
    would mean "no timeout" to Playwright, so callers skip the wait)."""
    remaining = min(cap_s, deadline - asyncio.get_running_loop().time())
    return max(0.0, remaining) * 1000


async def _bounded(make: Callable[[], Awaitable[T]], deadline: float) -> T | None:
    """The result of one exchange with the page, or None when it failed or the deadline
    passed: a hung page (an endless script) cannot hold the run."""
    remaining = deadline - asyncio.get_running_loop().time()
    if remaining <= 0:
        return None
    try:
        return await asyncio.wait_for(make(), remaining)
    except (TimeoutError, Error):
        return None


@cache
def _script() -> str:
    return files("checker.gather").joinpath("consent.js").read_text(encoding="utf-8")
