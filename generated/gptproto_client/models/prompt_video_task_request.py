from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.prompt_video_task_request_dimension import PromptVideoTaskRequestDimension
from ..models.prompt_video_task_request_duration import PromptVideoTaskRequestDuration
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.logo import Logo


T = TypeVar("T", bound="PromptVideoTaskRequest")


@_attrs_define
class PromptVideoTaskRequest:
    """The body of seed 004 (GPTProto's first "Volcengine official format" page).

    Attributes:
        model (str): The model identifier for video generation (endpoint id). Default: 'seedance-1-0-lite-i2v-250428'.
        prompt (str): The video prompt. Options may ride as suffixes, as in Ark
            (`--ratio 16:9 --resolution 720p --duration 5 --camerafixed false`).
        loop (bool | Unset): Whether to generate a looping video. Default: False.
        duration (PromptVideoTaskRequestDuration | Unset): Video duration. Default:
            PromptVideoTaskRequestDuration.VALUE_5S.
        dimension (PromptVideoTaskRequestDimension | Unset): Video resolution. Default:
            PromptVideoTaskRequestDimension.VALUE_768_768.
        seed (int | Unset): Random seed for reproducible results.
        logo (Logo | Unset): Watermark configuration with position and url (the page gives no more).
    """

    prompt: str
    model: str = "seedance-1-0-lite-i2v-250428"
    loop: bool | Unset = False
    duration: PromptVideoTaskRequestDuration | Unset = (
        PromptVideoTaskRequestDuration.VALUE_5S
    )
    dimension: PromptVideoTaskRequestDimension | Unset = (
        PromptVideoTaskRequestDimension.VALUE_768_768
    )
    seed: int | Unset = UNSET
    logo: Logo | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        model = self.model

        prompt = self.prompt

        loop = self.loop

        duration: str | Unset = UNSET
        if not isinstance(self.duration, Unset):
            duration = self.duration.value

        dimension: str | Unset = UNSET
        if not isinstance(self.dimension, Unset):
            dimension = self.dimension.value

        seed = self.seed

        logo: dict[str, Any] | Unset = UNSET
        if not isinstance(self.logo, Unset):
            logo = self.logo.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "model": model,
                "prompt": prompt,
            }
        )
        if loop is not UNSET:
            field_dict["loop"] = loop
        if duration is not UNSET:
            field_dict["duration"] = duration
        if dimension is not UNSET:
            field_dict["dimension"] = dimension
        if seed is not UNSET:
            field_dict["seed"] = seed
        if logo is not UNSET:
            field_dict["logo"] = logo

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.logo import Logo

        d = dict(src_dict)
        model = d.pop("model")

        prompt = d.pop("prompt")

        loop = d.pop("loop", UNSET)

        _duration = d.pop("duration", UNSET)
        duration: PromptVideoTaskRequestDuration | Unset
        if isinstance(_duration, Unset):
            duration = UNSET
        else:
            duration = PromptVideoTaskRequestDuration(_duration)

        _dimension = d.pop("dimension", UNSET)
        dimension: PromptVideoTaskRequestDimension | Unset
        if isinstance(_dimension, Unset):
            dimension = UNSET
        else:
            dimension = PromptVideoTaskRequestDimension(_dimension)

        seed = d.pop("seed", UNSET)

        _logo = d.pop("logo", UNSET)
        logo: Logo | Unset
        if isinstance(_logo, Unset):
            logo = UNSET
        else:
            logo = Logo.from_dict(_logo)

        prompt_video_task_request = cls(
            model=model,
            prompt=prompt,
            loop=loop,
            duration=duration,
            dimension=dimension,
            seed=seed,
            logo=logo,
        )

        return prompt_video_task_request
