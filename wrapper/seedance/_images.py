"""Local input images, read and checked by their content against the provider's spec limits
(size, types) before anything is journaled or sent: a text file called ``.png`` is refused,
and so is a 40 MB image where the provider takes 10 MB."""

from __future__ import annotations

import base64
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from attrs import define

from ._errors import ValidationError
from ._models import ImageInput, ImageSource

# magic bytes -> MIME type (enough for the types the providers document)
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)
EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/bmp": ".bmp",
    "image/tiff": ".tiff",
}


@define(frozen=True)
class ImageLimits:
    """What a provider accepts for one image (from its spec; ``max_bytes`` inclusive)."""

    max_bytes: int | None = None
    types: tuple[str, ...] = ()

    @classmethod
    def of(cls, raw: Mapping[str, Any] | None) -> ImageLimits:
        """From a spec's ``x-seedance-image-limits`` (or a media field's own limits)."""
        raw = raw or {}
        return cls(raw.get("max_bytes"), tuple(raw.get("types", ())))

    def narrowed(self, other: ImageLimits) -> ImageLimits:
        """Both limits at once: the smaller size, the types both accept."""
        sizes = [n for n in (self.max_bytes, other.max_bytes) if n is not None]
        both = self.types and other.types
        types = (
            tuple(t for t in self.types if t in other.types) if both else self.types or other.types
        )
        return ImageLimits(min(sizes, default=None), types)


@define(frozen=True)
class LocalImage:
    """A local image's bytes, its file name for uploads and its sniffed type."""

    data: bytes
    name: str
    mime: str

    def data_uri(self) -> str:
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode()}"


def sniff(data: bytes) -> str | None:
    """The image type the bytes are, or None when they are no image we know."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return next((mime for magic, mime in SIGNATURES if data.startswith(magic)), None)


def read_local(image: ImageInput, limits: ImageLimits, provider: str) -> LocalImage:
    """Read and check one local image (path or bytes); :class:`ValidationError` names the
    file, its size or type, and the limit."""
    source: ImageSource = image.source
    shown = image.describe()

    def check_size(size: int) -> None:
        if limits.max_bytes is not None and size > limits.max_bytes:
            raise ValidationError(
                f"images: {shown} has {size} bytes; {provider} accepts at most {limits.max_bytes}",
                field="images",
                value=shown,
                allowed=f"at most {limits.max_bytes} bytes",
                provider=provider,
            )

    if isinstance(source, bytes):
        data, name = source, "image"
    else:
        path = Path(source)
        try:
            status = path.stat()
            if not stat.S_ISREG(status.st_mode):  # a FIFO or /dev/zero would never end
                raise ValidationError(
                    f"images: {shown} is not a regular file",
                    field="images",
                    value=shown,
                    allowed="an image file or a URL",
                    provider=provider,
                )
            check_size(status.st_size)  # before reading it all
            data, name = path.read_bytes(), path.name
        except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
            if isinstance(exc, ValidationError):
                raise
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)
            raise ValidationError(
                f"images: cannot read {shown}: {reason}", field="images", value=shown
            ) from exc
    check_size(len(data))
    mime = sniff(data)
    if mime is None or (limits.types and mime not in limits.types):
        what = "not an image" if mime is None else mime
        allowed = list(limits.types) or sorted(EXTENSIONS)
        raise ValidationError(
            f"images: {shown} is {what} (by its content); {provider} accepts {allowed}",
            field="images",
            value=shown,
            allowed=allowed,
            provider=provider,
        )
    if "." not in name:
        name += EXTENSIONS.get(mime, "")
    return LocalImage(data, name, mime)


def check_all(images: Sequence[ImageInput], limits: Sequence[ImageLimits], provider: str) -> None:
    """Check every local image of a request against its own limits (URLs are the
    provider's to judge)."""
    for image, limit in zip(images, limits, strict=True):
        if not image.is_url:
            read_local(image, limit, provider)
