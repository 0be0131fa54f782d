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


def test_social_profiles_reads_twitter_site_and_article_publisher(saved_snapshot):
    # What X and Facebook attribute shares to: a page that declares its accounts only there.
    head = (
        '<meta name="twitter:site" content="@harbor_pine">'
        '<meta property="article:publisher" content="https://www.facebook.com/harborpine">'
    )
    outcome = _run(saved_snapshot, head)
    assert outcome.score == 1
    assert outcome.display == "Links profiles on X, Facebook"
    assert outcome.details["profiles"] == {
        "X": [{"url": "https://x.com/harbor_pine", "from": "twitter:site"}],
        "Facebook": [{"url": "https://www.facebook.com/harborpine", "from": "article:publisher"}],
    }


def test_social_profiles_takes_a_twitter_site_written_as_a_url(saved_snapshot):
    # The value= attribute some sites write (nytimes) is read as content= is.
    outcome = _run(saved_snapshot, '<meta name="twitter:site" value="https://twitter.com/hp">')
    assert outcome.score == 1
    assert outcome.details["profiles"]["X"] == [
        {"url": "https://twitter.com/hp", "from": "twitter:site"}
    ]


def test_social_profiles_fails_when_the_declared_accounts_are_no_profiles(saved_snapshot):
    # A name is no address, and neither is an @ with characters X usernames cannot hold.
    head = (
        '<meta name="twitter:site" content="@harbor pine">'
        '<meta property="article:publisher" content="Harbor &amp; Pine Ltd">'
        '<meta property="article:publisher" content="https://www.facebook.com/sharer.php">'
    )
    outcome = _run(saved_snapshot, head)
    assert outcome.score == 0
    assert outcome.findings[0].message == (
        "No link to a profile on Facebook, X, LinkedIn, Instagram, YouTube, TikTok or "
        "Pinterest, in the page's links, follow widgets, JSON-LD sameAs, twitter:site or "
        "article:publisher."
    )


def test_social_profiles_ignores_twitter_site_written_only_by_scripts(saved_snapshot):
    # Read from the server's HTML head, as the crawlers read it.
    page = snapshot(
        saved_snapshot("mobile-ready"),
        html_page("<title>t</title>"),
        rendered_html=html_page('<meta name="twitter:site" content="@harborpine">'),
    )
    assert social_profiles(page).score == 0


def test_social_profiles_reads_the_networks_follow_widgets(saved_snapshot):
    body = (
        '<div class="fb-page fb_iframe_widget" data-href="https://www.facebook.com/msn"></div>'
        '<div class="fb-like-box" data-href="https://www.facebook.com/msnnews"></div>'
        '<a class="twitter-follow-button" href="https://twitter.com/msn">Follow @msn</a>'
        '<div class="fb-page-footer" data-href="https://www.facebook.com/not-a-widget"></div>'
    )
    outcome = _run(saved_snapshot, body=body)
    assert outcome.score == 1
    assert outcome.details["profiles"] == {
        "Facebook": [
            {"url": "https://www.facebook.com/msn", "from": "fb-page"},
            {"url": "https://www.facebook.com/msnnews", "from": "fb-like-box"},
        ],
        "X": [{"url": "https://twitter.com/msn", "from": "twitter-follow-button"}],
    }
