"""A static file server on 127.0.0.1, for the bundled demo (and the tests)."""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Text files in which the demo writes its own origin (absolute URLs in og:image, canonical...).
ORIGIN_PLACEHOLDER = b"__ORIGIN__"
_TEXT_SUFFIXES = (".html", ".xml", ".txt", ".webmanifest", ".json")


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {  # noqa: RUF012 - the base class defines it as a class attribute
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".webmanifest": "application/manifest+json",
    }
    origin: bytes = b""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (self.origin and path.suffix in _TEXT_SUFFIXES and path.is_file()):
            return super().send_head()
        body = path.read_bytes().replace(ORIGIN_PLACEHOLDER, self.origin)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _BytesFile(body)


class _BytesFile:
    def __init__(self, data: bytes) -> None:
        self._data = data

    def read(self, size: int = -1) -> bytes:
        data, self._data = self._data, b""
        return data

    def close(self) -> None:
        pass


@contextlib.contextmanager
def serve_directory(directory: Path, *, fill_origin: bool = False) -> Iterator[str]:
    """Serve `directory` on a free port of 127.0.0.1; yields the base URL ending in '/'.
    With fill_origin, __ORIGIN__ in text files becomes the server's origin."""
    handler_class = type("Handler", (_Handler,), {})
    handler = functools.partial(handler_class, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    base_url = f"http://127.0.0.1:{server.server_port}/"
    if fill_origin:
        handler_class.origin = base_url.rstrip("/").encode()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base_url
    finally:
        server.shutdown()
        server.server_close()
