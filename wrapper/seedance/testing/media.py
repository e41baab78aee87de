"""The result files the fakes serve: a real, small, playable MP4 and its last frame.

``video_bytes(size)`` pads the sample with an MP4 ``free`` box, which players skip, so a
test or benchmark can download a playable file of any size.
"""

from __future__ import annotations

import struct
from functools import cache
from importlib.resources import files

SAMPLE_MP4 = "sample.mp4"
LAST_FRAME_PNG = "last_frame.png"


@cache
def sample_video() -> bytes:
    return files(__package__).joinpath("media", SAMPLE_MP4).read_bytes()


@cache
def last_frame() -> bytes:
    return files(__package__).joinpath("media", LAST_FRAME_PNG).read_bytes()


def video_bytes(size: int | None = None) -> bytes:
    """The sample video, padded to ``size`` bytes when that is larger than the sample."""
    data = sample_video()
    if size is None or size <= len(data) + 8:
        return data
    pad = size - len(data)
    return data + struct.pack(">I4s", pad, b"free") + bytes(pad - 8)
