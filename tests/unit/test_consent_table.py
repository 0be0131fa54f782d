"""The consent table and wordings: the in-page search compares a button's normalised text with
them exactly, so an entry that is not normalised, or that refuses, would misbehave silently."""

from __future__ import annotations

import re

from checker.gather.consent import (
    ACCEPT_ALL_WORDS,
    ACCEPT_WORDS,
    CONSENT_MANAGERS,
    CONTAINER_PATTERN,
    _search_args,
)

# Words of buttons that must never be clicked, in the languages of the wordings.
REFUSING = re.compile(
    r"reject|decline|deny|refuse|settings|manage|options|customi[sz]e|necessary|only|"
    r"ablehnen|einstellungen|verweigern|nur |refuser|paramètres|sans|rechazar|configurar|"
    r"rifiuta|impostazioni|rejeitar|recusar|weigeren|instellingen|odrzuć|ustawienia|"
    r"avvisa|neka|inställningar|afvis|indstillinger|avslå|innstillinger|hylkää|asetukset|"
    r"odmítnout|nastavení|拒否|設定"
)


def _normalised(text: str) -> str:
    # What consent.js does to a button's text before comparing it.
    return " ".join(re.sub("[\u2018\u2019\u02bc]", "'", text).split()).lower()


def test_every_accept_wording_is_written_as_the_page_search_normalises_it():
    for word in ACCEPT_ALL_WORDS + ACCEPT_WORDS:
        assert word == _normalised(word), word


def test_accept_wordings_are_unique_and_never_refuse():
    words = ACCEPT_ALL_WORDS + ACCEPT_WORDS
    assert len(words) == len(set(words))
    assert [w for w in words if REFUSING.search(w)] == []


def test_a_consent_managers_frame_is_searched_for_that_manager_alone():
    (sourcepoint,) = [m for m in CONSENT_MANAGERS if m.name == "Sourcepoint"]
    args = _search_args(sourcepoint)
    assert args["managers"] == [{"name": "Sourcepoint", "selectors": list(sourcepoint.accept)}]
    assert args["wholeDocument"] is True
    assert args["frameManager"] == "Sourcepoint"


def test_the_page_itself_is_searched_for_every_manager_not_tied_to_a_frame():
    args = _search_args(None)
    names = [m["name"] for m in args["managers"]]
    assert "Sourcepoint" not in names
    assert {"OneTrust", "Cookiebot", "Didomi", "Quantcast", "TrustArc", "Usercentrics"} <= set(
        names
    )
    assert args["wholeDocument"] is False
    assert args["frameManager"] == "generic"


def test_the_container_words_match_consent_names_and_not_ordinary_ones():
    pattern = re.compile(CONTAINER_PATTERN, re.IGNORECASE)
    for name in ("cookie-banner", "CookieConsent", "gdpr-notice", "privacy-bar", "cmpbox"):
        assert pattern.search(name), name
    for name in ("order-terms", "newsletter", "site-header", "component"):
        assert not pattern.search(name), name
