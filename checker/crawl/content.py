"""What counts as a page: an HTML response, and which links are files by their extension."""

from __future__ import annotations

import posixpath
from urllib.parse import unquote, urlsplit

from checker.gather.fetch import Fetched

HTML_TYPES = ("text/html", "application/xhtml+xml")

# Files sites link to that are never pages. A link ending so is skipped without a download:
# a crawl of a few dozen pages should not pull brochures and videos over the wire to learn
# their type. Written out (not the system's mime.types) so every machine gives the same answer.
FILE_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
    ".bmp": "image/bmp",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".wav": "audio/wav",
    ".ogg": "audio/ogg",
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".mov": "video/quicktime",
    ".webm": "video/webm",
    ".avi": "video/x-msvideo",
    ".zip": "application/zip",
    ".gz": "application/gzip",
    ".tgz": "application/gzip",
    ".rar": "application/vnd.rar",
    ".7z": "application/x-7z-compressed",
    ".exe": "application/vnd.microsoft.portable-executable",
    ".dmg": "application/x-apple-diskimage",
    ".apk": "application/vnd.android.package-archive",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ppt": "application/vnd.ms-powerpoint",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".csv": "text/csv",
    ".css": "text/css",
    ".js": "text/javascript",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
}


def file_type_of(url: str) -> str | None:
    """The MIME type a link's extension stands for, when it is a file that is never a page."""
    extension = posixpath.splitext(unquote(urlsplit(url).path))[1].lower()
    return FILE_TYPES.get(extension)


def media_type(fetched: Fetched) -> str:
    """The response's MIME type without parameters; "" when the server sent none."""
    return fetched.headers.get("content-type", "").split(";")[0].strip().lower()


def is_html(fetched: Fetched) -> bool:
    kind = media_type(fetched)
    if kind:
        return kind in HTML_TYPES
    # No Content-Type: browsers sniff, and so do we (WHATWG MIME sniffing, HTML patterns).
    start = fetched.body[:512].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))
