"""Hostile and broken sites, served on 127.0.0.1: one fault per path, an HTTPS twin with a
self-signed certificate made at test time (trustme), and the addresses that fail
before any server is reached (a closed port, a host under .invalid).

A handler that holds its connection (a slow first byte, a body that never ends) gives up by
itself after HOLD_S or as soon as the server stops, so no test can hang on it."""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import trustme

# Longer than any timeout a test gives a page; held connections end by then at the latest.
HOLD_S = 60.0
ENDLESS_CHUNK_EVERY_S = 0.05
HUGE_BYTES = 50 * 1024 * 1024
TAP_TARGETS = 10_000
# RFC 6761: names under .invalid never resolve, so these cannot reach anybody's server.
UNRESOLVABLE_URL = "http://no-such-host.invalid/"
OFF_MACHINE_URL = "http://www.elsewhere.invalid/landing.html"
# An XSS payload that escapes an attribute, and one that is a script element: if the report
# ran either, window.__pwned would be set, a dialog would open, the console would say PWNED.
ATTRIBUTE_PAYLOAD = '"><img src=x onerror="window.__pwned=1;console.log(\'PWNED\');alert(1)">'
SCRIPT_PAYLOAD = "<script>window.__pwned=1;console.log('PWNED');alert(1)</script>"

# name -> path; FaultSite.url(name) gives the address.
PATHS = {
    "ok": "/ok.html",
    "landing": "/landing.html",
    "slow-first-byte": "/slow-first-byte",
    "endless-body": "/endless-body",
    "http-404": "/status/404",
    "http-410": "/status/410",
    "http-500": "/status/500",
    "http-503": "/status/503",
    "redirect-loop": "/redirect-loop",
    "redirect-other-host": "/redirect-other-host",
    "redirect-off-machine": "/redirect-off-machine",
    "huge-page": "/huge.html",
    "infinite-scroll": "/infinite-scroll.html",
    "dialogs": "/dialogs.html",
    "beforeunload": "/beforeunload.html",
    "navigates-away": "/navigates-away.html",
    "popups": "/popups.html",
    "renderer-crash": "/renderer-crash.html",
    "hung-script": "/hung-script.html",
    "pdf": "/document.pdf",
    "image": "/image.png",
    "json": "/data.json",
    "download": "/download.zip",
    "endless-share-image": "/endless-share-image.html",
    "tap-targets": "/tap-targets.html",
    "garbage-metadata": "/garbage-metadata.html",
    "legacy-charset": "/legacy-charset.html",
    "hostile": "/hostile.html",
}

VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'


def _page(title: str, body: str, head: str = "") -> bytes:
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">{VIEWPORT}'
        f"<title>{title}</title>{head}</head><body>{body}</body></html>"
    ).encode()


OK_PAGE = _page("A page that works", "<h1>It works</h1><p>Nothing wrong here.</p>")
LANDING_PAGE = _page("Where the page went", "<h1>Landed</h1><p>The page moved itself here.</p>")
INFINITE_SCROLL_PAGE = _page(
    "Endless feed",
    "<main id=feed></main><script>"
    "const feed = document.getElementById('feed');"
    "function more() { for (let i = 0; i < 20; i++) {"
    " const p = document.createElement('p'); p.style.height = '400px';"
    " p.textContent = 'Story ' + feed.children.length; feed.appendChild(p); } }"
    "more(); setInterval(more, 20); addEventListener('scroll', more);"
    "</script>",
)
DIALOGS_PAGE = _page(
    "Shouting page",
    "<h1>Dialogs</h1><script>alert('Welcome!'); confirm('Stay?'); prompt('Your name?');"
    "addEventListener('load', () => setTimeout(() => alert('Still here?'), 0));</script>"
    "<p>After the dialogs.</p>",
)
BEFOREUNLOAD_PAGE = _page(
    "Do not leave",
    "<h1>Do not leave</h1><script>"
    "addEventListener('beforeunload', (event) => { event.preventDefault();"
    " event.returnValue = 'Leave?'; return 'Leave?'; });</script>",
)
NAVIGATES_AWAY_PAGE = _page(
    "A page that leaves",
    "<h1>Leaving</h1><script>"
    "addEventListener('load', () => setTimeout(() => location.replace('/landing.html'), 0));"
    "</script>",
)
POPUPS_PAGE = _page(
    "Pop-up page",
    "<h1>Pop-ups</h1><script>"
    "for (let i = 0; i < 3; i++) window.open('/ok.html?popup=' + i, '_blank');"
    "addEventListener('load', () => window.open('/dialogs.html', 'second'));</script>",
)
# Elements nested this deep overflow the renderer's stack in layout: the tab crashes in
# about 0.4 s (filling the heap instead takes 7 s and 4 GB).
RENDERER_CRASH_PAGE = _page(
    "A page that crashes its tab",
    "<script>let el = document.body;"
    "for (let i = 0; i < 300000; i++) { const d = document.createElement('div');"
    " el.appendChild(d); el = d; }"
    "el.textContent = 'deep'; document.body.offsetHeight;</script>",
)
# Once loaded, the page's script never yields: nothing can be asked of it any more.
HUNG_SCRIPT_PAGE = _page(
    "A page that hangs",
    "<h1>Busy</h1><script>addEventListener('load', () => setTimeout(() => { for (;;) {} }, 0));"
    "</script>",
)
# A fine page whose share image never finishes arriving: only the crawlers' fetch meets it.
ENDLESS_SHARE_IMAGE_PAGE = _page(
    "A page with an endless share image",
    "<h1>Share me</h1>",
    head='<meta property="og:image" content="/endless-body">',
)
TAP_TARGETS_PAGE = _page(
    "Ten thousand links",
    "<h1>Links</h1><nav>"
    + "".join(f'<a href="#t{i}" style="margin:1px">{i}</a> ' for i in range(TAP_TARGETS))
    + "</nav>",
)
GARBAGE_METADATA_PAGE = (
    b"<!doctype html><html><head><meta charset='utf-8'>"
    + VIEWPORT.encode()
    + b"<title></title><title>Second title</title>"
    b'<meta name="description" content="">'
    b'<meta name="description" content="' + b"huge " * 200_000 + b'">'
    b'<meta property="og:title" content="">'
    b'<meta property="og:title" content="\x00\x01\xff\xfe junk \xc3\x28">'
    b'<meta property="og:image" content="http://[::1:bad/">'
    b'<meta property="og:url" content="javascript:alert(1)">'
    b'<meta name="twitter:card" content="\x00">'
    b'<link rel="canonical" href="">'
    b'<link rel="canonical" href="http://">'
    b'<link rel="icon" href="data:,">'
    b'<script type="application/ld+json">{"@context": "https://schema.org", "name": </script>'
    b'<script type="application/ld+json">[1, 2, {"@type": null}]</script>'
    b'<script type="application/ld+json">\x00\x9f\x92\x96</script>'
    b"</head><body><h1>Garbage \x00\x80\xff</h1></body></html>"
)
LEGACY_TITLE = "日本語のページ"
LEGACY_DESCRIPTION = "シフトJISで書かれた説明"
LEGACY_CHARSET_PAGE = (
    '<!doctype html><html lang="ja"><head><meta charset="shift_jis">'
    f'{VIEWPORT}<title>{LEGACY_TITLE}</title><meta name="description" '
    f'content="{LEGACY_DESCRIPTION}"></head><body><h1>{LEGACY_TITLE}</h1></body></html>'
).encode("shift_jis")


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


HOSTILE_PAGE = _page(
    # <title> is raw text: the payloads are its text, as a crawler reads them.
    SCRIPT_PAYLOAD + ATTRIBUTE_PAYLOAD,
    f'<h1 style="font-size:8px">{_escaped(SCRIPT_PAYLOAD)}</h1>'
    f'<a href="#" style="font-size:8px" title="{_escaped(ATTRIBUTE_PAYLOAD)}">'
    f'{_escaped(ATTRIBUTE_PAYLOAD)}</a> <a href="#">x</a>'
    f'<div id="{_escaped(ATTRIBUTE_PAYLOAD)}" style="position:fixed;inset:0;background:red">'
    f"{_escaped(SCRIPT_PAYLOAD)}</div>",
    head=f'<meta name="description" content="{_escaped(SCRIPT_PAYLOAD + ATTRIBUTE_PAYLOAD)}">'
    f'<meta property="og:title" content="{_escaped(ATTRIBUTE_PAYLOAD)}">'
    f'<meta property="og:description" content="{_escaped(SCRIPT_PAYLOAD)}">'
    f'<meta property="og:image" content="javascript:alert(1)">'
    f'<meta property="og:url" content="javascript:window.__pwned=1">'
    f'<meta name="theme-color" content="red;background:url(javascript:alert(1))">'
    f'<link rel="canonical" href="{_escaped(ATTRIBUTE_PAYLOAD)}">'
    '<script type="application/ld+json">{"@type": "Organization", "name": '
    '"</script><script>window.__pwned=1</script>"}</script>',
)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
# A 1x1 transparent PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
STATIC = {
    "/ok.html": ("text/html; charset=utf-8", OK_PAGE),
    "/landing.html": ("text/html; charset=utf-8", LANDING_PAGE),
    "/infinite-scroll.html": ("text/html; charset=utf-8", INFINITE_SCROLL_PAGE),
    "/dialogs.html": ("text/html; charset=utf-8", DIALOGS_PAGE),
    "/beforeunload.html": ("text/html; charset=utf-8", BEFOREUNLOAD_PAGE),
    "/navigates-away.html": ("text/html; charset=utf-8", NAVIGATES_AWAY_PAGE),
    "/popups.html": ("text/html; charset=utf-8", POPUPS_PAGE),
    "/renderer-crash.html": ("text/html; charset=utf-8", RENDERER_CRASH_PAGE),
    "/hung-script.html": ("text/html; charset=utf-8", HUNG_SCRIPT_PAGE),
    "/endless-share-image.html": ("text/html; charset=utf-8", ENDLESS_SHARE_IMAGE_PAGE),
    "/tap-targets.html": ("text/html; charset=utf-8", TAP_TARGETS_PAGE),
    # No charset in the header: the page's own declaration is all a reader has.
    "/garbage-metadata.html": ("text/html", GARBAGE_METADATA_PAGE),
    "/legacy-charset.html": ("text/html", LEGACY_CHARSET_PAGE),
    "/hostile.html": ("text/html; charset=utf-8", HOSTILE_PAGE),
    "/document.pdf": ("application/pdf", PDF),
    "/image.png": ("image/png", PNG),
    "/data.json": ("application/json", b'{"page": false}'),
}
REDIRECTS = {
    "/redirect-loop": "/redirect-loop/again",
    "/redirect-loop/again": "/redirect-loop",
    # A host off this machine; under .invalid, so not even its lookup ever leaves it.
    "/redirect-off-machine": OFF_MACHINE_URL,
}
RETRY_AFTER_S = 120


@dataclass
class _State:
    """What handlers share: when to stop holding, and which paths were asked for."""

    stopping: threading.Event = field(default_factory=threading.Event)
    # path and query -> set once a request for it reached the server, and when (monotonic)
    arrived: dict[str, threading.Event] = field(default_factory=dict)
    first_seen: dict[str, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    other_host_base: str = ""

    def arrival(self, target: str) -> threading.Event:
        with self.lock:
            return self.arrived.setdefault(target, threading.Event())

    def seen(self, target: str) -> None:
        with self.lock:
            self.first_seen.setdefault(target, time.monotonic())
        self.arrival(target).set()


class _Handler(BaseHTTPRequestHandler):
    state: _State  # set on the subclass each server gets
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        self.state.seen(self.path)
        with contextlib.suppress(ConnectionError, TimeoutError, ssl.SSLError):
            self._answer(path)

    def _answer(self, path: str) -> None:
        if path in STATIC:
            content_type, body = STATIC[path]
            self._send(200, body, content_type)
        elif path.startswith("/status/"):
            code = int(path.rsplit("/", 1)[1])
            headers = {"Retry-After": str(RETRY_AFTER_S)} if code == 503 else {}
            self._send(code, _page(f"Error {code}", f"<h1>{code}</h1>"), headers=headers)
        elif path in REDIRECTS:
            self._send(302, b"", headers={"Location": REDIRECTS[path]})
        elif path == "/redirect-other-host":
            self._send(302, b"", headers={"Location": self.state.other_host_base + "landing.html"})
        elif path == "/slow-first-byte":
            if not self.state.stopping.wait(HOLD_S):
                self._send(200, OK_PAGE)
        elif path == "/endless-body":
            self._endless_body()
        elif path == "/huge.html":
            self._huge_page()
        elif path == "/download.zip":
            disposition = {"Content-Disposition": 'attachment; filename="prices.zip"'}
            self._send(200, b"PK\x05\x06" + bytes(18), "application/zip", disposition)
        else:
            self._send(404, _page("Not found", "<h1>Not found</h1>"))

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _endless_body(self) -> None:
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(f"<!doctype html><html><head>{VIEWPORT}<title>Endless</title>".encode())
        self.wfile.write(b"</head><body><h1>Still coming</h1>")
        ends = time.monotonic() + HOLD_S
        number = 0
        while time.monotonic() < ends and not self.state.stopping.wait(ENDLESS_CHUNK_EVERY_S):
            number += 1
            self.wfile.write(f"<p>Line {number}</p>\n".encode())
            self.wfile.flush()

    def _huge_page(self) -> None:
        head = f"<!doctype html><html><head>{VIEWPORT}<title>Huge</title></head><body>".encode()
        chunk = b"<p>" + b"A very long page. " * 55 + b"</p>\n"  # about 1 KB
        count = (HUGE_BYTES - len(head)) // len(chunk)
        tail = b" " * (HUGE_BYTES - len(head) - count * len(chunk))
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(HUGE_BYTES))
        self.end_headers()
        self.wfile.write(head)
        block = chunk * 1024
        for start in range(0, count, 1024):
            if self.state.stopping.is_set():
                return
            self.wfile.write(block if start + 1024 <= count else chunk * (count - start))
        self.wfile.write(tail)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients that give up (a refused certificate, a closed tab) are the point here


@dataclass(frozen=True)
class FaultSite:
    base: str  # http://127.0.0.1:PORT/
    https_base: str  # the same paths over HTTPS, with a self-signed certificate
    other_host_base: str  # http://localhost:PORT/: the same server under another host name
    refused_url: str  # a port of 127.0.0.1 nobody listens on
    state: _State

    def url(self, name: str) -> str:
        return self.base + PATHS[name].lstrip("/")

    def https_url(self, name: str) -> str:
        return self.https_base + PATHS[name].lstrip("/")

    def arrived(self, url: str) -> threading.Event:
        """Set once a request for this address (path and query) reached the server."""
        return self.state.arrival(_target(url))

    def first_seen(self, url: str) -> float | None:
        """When (time.monotonic()) the first request for this address reached the server."""
        return self.state.first_seen.get(_target(url))


def _target(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


@contextlib.contextmanager
def serve_faults() -> Iterator[FaultSite]:
    """Serve every fault over HTTP and HTTPS on 127.0.0.1; yields the site's addresses."""
    state = _State()
    handler = type("FaultHandler", (_Handler,), {"state": state})
    plain = _Server(("127.0.0.1", 0), handler)
    secure = _Server(("127.0.0.1", 0), handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    # Issued by a test authority no browser trusts, as a staging site's self-signed one.
    trustme.CA().issue_cert("127.0.0.1").configure_cert(context)
    # The handshake happens in the handler thread, never in the accepting one.
    secure.socket = context.wrap_socket(
        secure.socket, server_side=True, do_handshake_on_connect=False
    )
    state.other_host_base = f"http://localhost:{plain.server_port}/"
    servers = (plain, secure)
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield FaultSite(
            base=f"http://127.0.0.1:{plain.server_port}/",
            https_base=f"https://127.0.0.1:{secure.server_port}/",
            other_host_base=state.other_host_base,
            refused_url=closed_port_url(),
            state=state,
        )
    finally:
        state.stopping.set()
        for server in servers:
            server.shutdown()
            server.server_close()
