"""A page's pictures (screenshots, share-image thumbnails) as files in the output folder, so
a run holds no image in memory once a page is done, and reports read them back one page at
a time."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path

from checker.model.results import DeviceResult, PageResult
from checker.store.files import write_atomic

PAGES_DIR = "pages"
_UNSAFE = re.compile(r"[^a-z0-9]+")


def page_folder(url: str) -> str:
    """The page's folder, relative to the output folder: readable, and the same for the same
    URL in every run and shard, so merged shards never collide."""
    slug = _UNSAFE.sub("-", url.lower().split("://", 1)[-1]).strip("-")[:40]
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:10]
    return f"{PAGES_DIR}/{slug}-{digest}"


def store_images(page: PageResult, output_dir: Path) -> PageResult:
    """The page with its pictures written out: file paths set, bytes dropped."""
    folder = page_folder(page.url)
    devices = [_store_device(d, output_dir, f"{folder}/{_safe(d.device)}") for d in page.devices]
    thumbnails = dict(page.share_thumbnail_files)
    for number, (url, data) in enumerate(page.share_thumbnails.items(), start=1):
        thumbnails[url] = _write(output_dir, f"{folder}/share-{number}.jpg", data)
    return dataclasses.replace(
        page, devices=devices, share_thumbnails={}, share_thumbnail_files=thumbnails
    )


def load_images(page: PageResult, output_dir: Path | None) -> PageResult:
    """The page with its pictures read back (a missing or unreadable file is no picture)."""
    if output_dir is None:
        return page
    devices = [
        dataclasses.replace(
            d,
            screenshot=d.screenshot or _read(output_dir, d.screenshot_file),
            full_screenshot=d.full_screenshot or _read(output_dir, d.full_screenshot_file),
        )
        for d in page.devices
    ]
    thumbnails = dict(page.share_thumbnails)
    for url, name in page.share_thumbnail_files.items():
        data = _read(output_dir, name)
        if data is not None:
            thumbnails.setdefault(url, data)
    return dataclasses.replace(page, devices=devices, share_thumbnails=thumbnails)


def _store_device(device: DeviceResult, output_dir: Path, stem: str) -> DeviceResult:
    return dataclasses.replace(
        device,
        screenshot_file=_write(output_dir, stem + _extension(device.screenshot), device.screenshot)
        or device.screenshot_file,
        full_screenshot_file=_write(output_dir, f"{stem}-full.jpg", device.full_screenshot)
        or device.full_screenshot_file,
        screenshot=None,
        full_screenshot=None,
    )


def _extension(picture: bytes | None) -> str:
    """.png for a PNG (a snapshot saved before the browser encoded JPEG), else .jpg."""
    return ".png" if picture and picture.startswith(b"\x89PNG") else ".jpg"


def _write(output_dir: Path, name: str, data: bytes | None) -> str | None:
    if not data:
        return None
    write_atomic(output_dir / name, data)
    return name


def _read(output_dir: Path, name: str | None) -> bytes | None:
    if not name:
        return None
    path = (output_dir / name).resolve()
    # report.json may come from elsewhere (a merge): never read outside the output folder.
    if not path.is_relative_to(output_dir.resolve()):
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def _safe(name: str) -> str:
    return _UNSAFE.sub("-", name.lower()).strip("-") or "device"
