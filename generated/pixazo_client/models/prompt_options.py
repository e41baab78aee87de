from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.prompt_options_ratio import PromptOptionsRatio
from ..models.prompt_options_resolution import PromptOptionsResolution
from ..types import UNSET, Unset

T = TypeVar("T", bound="PromptOptions")


@_attrs_define
class PromptOptions:
    """The options Ark reads from `--name value` suffixes of a text prompt, as Pixazo's example
    sends them (`... --ratio 16:9 --resolution 720p --duration 5 --camerafixed false`); the
    property names are the suffix names. Not a request body: the root extension
    `x-seedance-prompt-options` points here, and the wrapper renders suffixes from it.
    Ranges are Ark's (specs/ark/ark.yaml, CreateContentGenerationTaskRequest); per-model
    limits are in `x-seedance-models`.

        Attributes:
            ratio (PromptOptionsRatio | Unset): Aspect ratio; `adaptive` lets the model choose.
            resolution (PromptOptionsResolution | Unset):
            duration (int | Unset): Seconds (the union over models; -1 lets Seedance 1.5 pro choose).
            camerafixed (bool | Unset): Keep the camera still.
            seed (int | Unset): -1 = random.
            watermark (bool | Unset):
    """

    ratio: PromptOptionsRatio | Unset = UNSET
    resolution: PromptOptionsResolution | Unset = UNSET
    duration: int | Unset = UNSET
    camerafixed: bool | Unset = UNSET
    seed: int | Unset = UNSET
    watermark: bool | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        ratio: str | Unset = UNSET
        if not isinstance(self.ratio, Unset):
            ratio = self.ratio.value

        resolution: str | Unset = UNSET
        if not isinstance(self.resolution, Unset):
            resolution = self.resolution.value

        duration = self.duration

        camerafixed = self.camerafixed

        seed = self.seed

        watermark = self.watermark

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if ratio is not UNSET:
            field_dict["ratio"] = ratio
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if duration is not UNSET:
            field_dict["duration"] = duration
        if camerafixed is not UNSET:
            field_dict["camerafixed"] = camerafixed
        if seed is not UNSET:
            field_dict["seed"] = seed
        if watermark is not UNSET:
            field_dict["watermark"] = watermark

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _ratio = d.pop("ratio", UNSET)
        ratio: PromptOptionsRatio | Unset
        if isinstance(_ratio, Unset):
            ratio = UNSET
        else:
            ratio = PromptOptionsRatio(_ratio)

        _resolution = d.pop("resolution", UNSET)
        resolution: PromptOptionsResolution | Unset
        if isinstance(_resolution, Unset):
            resolution = UNSET
        else:
            resolution = PromptOptionsResolution(_resolution)

        duration = d.pop("duration", UNSET)

        camerafixed = d.pop("camerafixed", UNSET)

        seed = d.pop("seed", UNSET)

        watermark = d.pop("watermark", UNSET)

        prompt_options = cls(
            ratio=ratio,
            resolution=resolution,
            duration=duration,
            camerafixed=camerafixed,
            seed=seed,
            watermark=watermark,
        )

        return prompt_options
