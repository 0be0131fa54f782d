"""The speed run's resources fetched again and measured for the savings audits: body bytes,
the gzip size of text served uncompressed, and images decoded with Pillow and re-encoded as
WebP, AVIF and at the size they are displayed. Audits only judge these facts."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gzip
import io
import math
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError, features

from checker.gather.fetch import fetch_async
from checker.model.dom_facts import DomFacts, ImageFacts
from checker.model.load_facts import NetworkRequest, ResourceFacts, SpeedRun
from checker.model.urls import without_fragment

MAX_RESOURCES = 60  # the largest of the run's resources; a page's long tail saves little
MAX_BYTES = 8_000_000  # per resource; a larger one is reported, not measured
FETCH_TIMEOUT_S = 10.0
PARALLEL = 4  # fetches and encodes at once (encodes use one core each)
ENCODER_NICENESS = 19
# Lighthouse core/audits/byte-efficiency/uses-text-compression.js: IGNORE_THRESHOLD_IN_BYTES
# = 1400 (about one TCP packet); smaller bodies are not worth compressing.
GZIP_MIN_BYTES = 1400
GZIP_LEVEL = 6  # the default of gzip(1), nginx's common setting and Lighthouse's gzip estimate
# WebP at quality 80: what Lighthouse's OptimizedImages gatherer asks Chrome for (0.8).
WEBP_QUALITY = 80
WEBP_METHOD = 4  # Pillow's default effort
AVIF_QUALITY = 80
# libavif speed 8 of 0-10 and one thread: ~3x faster than Pillow's default 6 and about 15%
# larger files on photographs, so the savings estimate stays on the safe side.
AVIF_SPEED = 8
# Re-encoding at the displayed size: JPEG at 85, what Lighthouse's uses-optimized-images
# compares against; PNG losslessly with optimize.
JPEG_QUALITY = 85
MAX_PIXELS = 25_000_000  # above this an image is not re-encoded (CPU), and says so

LOADED_TYPES = {"document", "script", "stylesheet", "xhr", "fetch", "image"}
TEXT_TYPES = {"document", "script", "stylesheet", "xhr", "fetch"}
TEXT_MIME_HINTS = ("json", "svg", "xml", "text/plain", "javascript", "css", "html")
IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}  # re-encoded; SVG and ICO are not

AVIF_AVAILABLE = bool(features.check("avif"))
DEFAULT_USER_AGENT = "Mozilla/5.0 (compatible; readiness)"


@dataclass(frozen=True)
class Displayed:
    """The largest size (CSS px) at which an image is drawn on the page."""

    width: float
    height: float


async def gather_resources(
    run: SpeedRun,
    dom: DomFacts,
    device_scale_factor: float,
    *,
    timeout_s: float,
    is_blocked: Callable[[str], bool] | None,
    user_agent: str = DEFAULT_USER_AGENT,
    verify_tls: bool = True,
) -> list[ResourceFacts]:
    """Fetch the run's loaded resources again (largest first, at most MAX_RESOURCES) and
    measure each; a resource that cannot be fetched or decoded carries an `error`."""
    wanted = measurable_requests(run.network)[:MAX_RESOURCES]
    displayed = displayed_sizes(dom.images)
    limit = asyncio.Semaphore(PARALLEL)
    options = {
        "max_bytes": MAX_BYTES,
        "timeout_s": min(FETCH_TIMEOUT_S, timeout_s),
        "is_blocked": is_blocked,
        "verify_tls": verify_tls,
    }

    async def one(request: NetworkRequest) -> ResourceFacts:
        async with limit:
            fetched = await fetch_async(request.url, user_agent, **options)
            base = _base(request)
            if fetched.error or fetched.status != 200:
                reason = fetched.error or f"HTTP {fetched.status} when fetched again"
                return ResourceFacts(**base, body_bytes=len(fetched.body), error=reason)
            if fetched.truncated:
                too_big = f"larger than {MAX_BYTES:,} bytes: not measured"
                return ResourceFacts(**base, body_bytes=MAX_BYTES, error=too_big)
            shown = displayed.get(without_fragment(request.url))
            return await asyncio.get_running_loop().run_in_executor(
                _encoders(), measure, request, fetched.body, shown, device_scale_factor
            )

    return list(await asyncio.gather(*(one(r) for r in wanted)))


@functools.cache
def _encoders() -> ThreadPoolExecutor:
    """Threads at the lowest CPU priority for the re-encodes (Pillow lets go of the GIL
    while it encodes): they take seconds on a large photo, and run while the next page loads,
    whose observed load they must not slow."""
    return ThreadPoolExecutor(PARALLEL, "encoder", initializer=_lowest_priority)


def _lowest_priority() -> None:
    # Linux keeps a niceness per thread; elsewhere the encodes run at the usual priority.
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), ENCODER_NICENESS)


def measurable_requests(network: list[NetworkRequest]) -> list[NetworkRequest]:
    """The loaded, measurable requests, one per URL, largest first."""
    seen: dict[str, NetworkRequest] = {}
    for request in network:
        if request.blocked or request.failure or request.status != 200:
            continue
        if request.method != "GET" or not request.url.startswith(("http://", "https://")):
            continue
        if request.resource_type not in LOADED_TYPES and not _text_mime(request.mime_type):
            continue
        seen.setdefault(request.url, request)
    return sorted(seen.values(), key=lambda r: -max(r.transfer_bytes, r.decoded_bytes))


def displayed_sizes(images: list[ImageFacts]) -> dict[str, Displayed]:
    """By image URL: the largest drawn size among the visible <img> showing it."""
    sizes: dict[str, Displayed] = {}
    for image in images:
        width = image.content_width or image.box.width
        height = image.content_height or image.box.height
        if not image.src or not image.visible or width <= 0 or height <= 0:
            continue
        key = without_fragment(image.src)
        known = sizes.get(key)
        if known is not None:
            width, height = max(width, known.width), max(height, known.height)
        sizes[key] = Displayed(width, height)
    return sizes


def measure(
    request: NetworkRequest,
    body: bytes,
    displayed: Displayed | None,
    device_scale_factor: float,
) -> ResourceFacts:
    """One fetched resource measured: gzip for text, Pillow for images."""
    base = _base(request)
    if is_text(request):
        gzipped = None
        if len(body) > GZIP_MIN_BYTES and base["content_encoding"] is None:
            gzipped = gzip_size(body)
        return ResourceFacts(**base, body_bytes=len(body), gzip_bytes=gzipped)
    if request.resource_type == "image":
        image = measure_image(body, displayed, device_scale_factor)
        return ResourceFacts(**base, body_bytes=len(body), **image)
    return ResourceFacts(**base, body_bytes=len(body))


def is_text(request: NetworkRequest) -> bool:
    if request.resource_type in TEXT_TYPES:
        return True
    return _text_mime(request.mime_type)


def gzip_size(body: bytes) -> int:
    """Bytes of `body` gzipped at GZIP_LEVEL (header and trailer included)."""
    return len(gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0))


def measure_image(
    body: bytes, displayed: Displayed | None, device_scale_factor: float
) -> dict[str, object]:
    """Size, format and re-encoded sizes of an image, as ResourceFacts fields."""
    try:
        with Image.open(io.BytesIO(body)) as image:
            width, height = image.size
            facts: dict[str, object] = {"width": width, "height": height, "format": image.format}
            if displayed is not None:
                facts["displayed_width"] = displayed.width
                facts["displayed_height"] = displayed.height
            if image.format not in IMAGE_FORMATS:
                return facts  # ICO, BMP, AVIF...: measured, not re-encoded
            if width * height > MAX_PIXELS:
                too_large = f"{width}x{height} is over {MAX_PIXELS:,} pixels: not re-encoded"
                return {**facts, "error": too_large}
            if getattr(image, "is_animated", False):
                return {**facts, "error": "animated: not re-encoded"}
            image.load()
            facts |= modern_sizes(_for_modern(image))
            if displayed is not None:
                resized = resized_size(image, displayed, device_scale_factor)
                # Not larger than its box needs: nothing to gain by resizing.
                facts["resized_bytes"] = len(body) if resized is None else resized
            return facts
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        if "svg" in body[:200].decode("latin-1").lower():
            return {"format": "SVG"}
        return {"error": f"not an image Pillow can read: {exc}"[:200]}


def modern_sizes(image: Image.Image) -> dict[str, int]:
    """`image`'s bytes as WebP and, where Pillow has it, AVIF, the two encoded at once: a large
    photo's take most of a second each, and once a run's last page is loaded nothing else is
    left to use the other core. The helper thread keeps this one's low priority (Linux gives a
    new thread its creator's niceness); it encodes a copy, as Pillow keeps a save's options on
    the image it saves."""
    if not AVIF_AVAILABLE:
        return {"webp_bytes": encoded_size(image, "WEBP")}
    with ThreadPoolExecutor(1, "encoder-avif") as beside:
        avif = beside.submit(encoded_size, image.copy(), "AVIF")
        webp = encoded_size(image, "WEBP")
        return {"webp_bytes": webp, "avif_bytes": avif.result()}


def encoded_size(image: Image.Image, fmt: str) -> int:
    """Bytes of `image` saved in `fmt`: WEBP or AVIF at quality 80, JPEG at 85, PNG optimized."""
    out = io.BytesIO()
    if fmt == "WEBP":
        image.save(out, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
    elif fmt == "AVIF":
        image.save(out, "AVIF", quality=AVIF_QUALITY, speed=AVIF_SPEED, max_threads=1)
    elif fmt == "JPEG":
        image.save(out, "JPEG", quality=JPEG_QUALITY)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=True)
    else:  # GIF and anything else: as Pillow writes it by default
        image.save(out, fmt)
    return len(out.getvalue())


def target_size(
    width: int, height: int, displayed: Displayed, device_scale_factor: float
) -> tuple[int, int] | None:
    """The size the image needs to cover its displayed box at the device's pixel ratio,
    keeping its aspect ratio; None when it is not larger than that."""
    scale = max(
        displayed.width * device_scale_factor / width,
        displayed.height * device_scale_factor / height,
    )
    if scale >= 1:
        return None
    return max(1, math.ceil(width * scale)), max(1, math.ceil(height * scale))


def resized_size(
    image: Image.Image, displayed: Displayed, device_scale_factor: float
) -> int | None:
    """Bytes of the image resized (LANCZOS) to what its displayed box needs and re-encoded
    in its own format; None when it is not larger than that."""
    size = target_size(image.width, image.height, displayed, device_scale_factor)
    if size is None:
        return None
    fmt = image.format or "PNG"
    source = image
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        source = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):
        source = image.convert("RGBA")  # palette images: resampled in full colour
    resized = source.resize(size, Image.LANCZOS)
    if image.mode == "P":
        resized = resized.quantize(colors=256)  # back to a palette, as it was served
    return encoded_size(resized, fmt)


def _for_modern(image: Image.Image) -> Image.Image:
    if image.mode in ("RGB", "RGBA"):
        return image
    has_alpha = image.mode in ("LA", "PA") or "transparency" in image.info
    return image.convert("RGBA" if has_alpha else "RGB")


def _base(request: NetworkRequest) -> dict[str, object]:
    encoding = (request.headers.get("content-encoding") or "").strip().lower()
    return {
        "url": request.url,
        "resource_type": request.resource_type,
        "transfer_bytes": request.transfer_bytes,
        "content_encoding": encoding if encoding and encoding != "identity" else None,
    }


def _text_mime(mime: str | None) -> bool:
    mime = (mime or "").lower()
    return mime.startswith("text/") or any(hint in mime for hint in TEXT_MIME_HINTS)
