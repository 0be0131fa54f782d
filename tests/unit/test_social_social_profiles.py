from __future__ import annotations

from social_snapshots import html_page, snapshot

from audits.social.social_profiles import profile_network, social_profiles


def _run(saved_snapshot, head: str = "<title>t</title>", body: str = ""):
    return social_profiles(snapshot(saved_snapshot("mobile-ready"), html_page(head, body)))


def test_social_profiles_lists_profiles_from_links_and_same_as(saved_snapshot):
    same_as = (
        '<script type="application/ld+json">{"@type": "Organization", "name": "H", '
        '"sameAs": ["https://www.linkedin.com/company/harborpine"]}</script>'
    )
    body = '<a href="https://instagram.com/harborpine">ig</a><a href="/about">about</a>'
    outcome = _run(saved_snapshot, same_as, body)
    assert outcome.score == 1
    assert outcome.display == "Links profiles on LinkedIn, Instagram"
    assert outcome.details["profiles"]["LinkedIn"][0]["from"] == "sameAs"
    assert outcome.details["profiles"]["Instagram"][0]["from"] == "link"


def test_social_profiles_fails_with_only_share_buttons(saved_snapshot):
    body = (
        '<a href="https://www.facebook.com/sharer/sharer.php?u=x">share</a>'
        '<a href="https://twitter.com/intent/tweet?text=x">tweet</a>'
        '<a href="https://www.youtube.com/">yt</a>'
    )
    outcome = _run(saved_snapshot, body=body)
    assert outcome.score == 0
    assert outcome.findings[0].message.startswith("No link to a profile")


def test_social_profiles_is_not_applicable_without_the_servers_html(saved_snapshot):
    assert social_profiles(saved_snapshot("mobile-ready")).score is None


def test_profile_network_recognises_hosts_and_skips_other_sites():
    assert profile_network("https://x.com/harborpine") == "X"
    assert profile_network("https://m.facebook.com/harborpine") == "Facebook"
    assert profile_network("https://www.tiktok.com/@harborpine") == "TikTok"
    assert profile_network("https://notfacebook.com/harborpine") is None
    assert profile_network("mailto:hi@example.com") is None
