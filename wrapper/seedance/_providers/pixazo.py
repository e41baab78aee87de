"""Pixazo (a BytePlus ModelArk reseller): the mapping table.

Pixazo's bodies carry no option fields: options ride on the prompt as Ark's text suffixes
(``... --ratio 16:9 --resolution 720p --duration 5 --camerafixed false``). Which suffixes
exist, and their enums and ranges, come from the spec's ``x-seedance-prompt-options``
(narrowed per model by ``x-seedance-models``); the adapter validates against them and
renders them in the schema's order. Text to video uses the ``content`` form of
``generateVideoTask``; with an image, ``generateImage2VideoTask`` (one image, as a URL).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from itertools import pairwise
from typing import Any, ClassVar

from .._call import Answer, Operation
from .._models import Task, VideoRequest
from .._spec import resolve
from ._ark_family import OPTION_FIELDS as ARK_OPTION_FIELDS
from ._ark_family import ArkFamilyAdapter
from ._base import CreateBody, ImageTransport, ModelInfo

# neutral option -> the prompt suffix (a PromptOptions property) that carries it: Ark's
# names, which the spec filters, with camerafixed as the suffix writes it
OPTION_FIELDS = {**ARK_OPTION_FIELDS, "camera_fixed": "camerafixed"}


class PixazoAdapter(ArkFamilyAdapter):
    name = "pixazo"
    package = "pixazo_client"
    env_key = "PIXAZO_API_KEY"
    image_transport: ClassVar[ImageTransport] = "url"
    option_fields = OPTION_FIELDS
    prompt_schema = "TextContentItem"
    create_path = "/byteplus/v1/generateVideoTask"
    # Pixazo's gateway key header; its page sends ``Cache-Control: no-cache`` always.
    auth_header = "Ocp-Apim-Subscription-Key"
    auth_prefix = ""
    extra_headers: ClassVar[Mapping[str, str]] = {"Cache-Control": "no-cache"}

    def pick_model(self, model: str | None, images: int, base_url: str) -> str:
        """With images and no model named: the first model that takes that many images."""
        if model or not images:
            return super().pick_model(model, images, base_url)
        fits = self.models_taking(images)
        return fits[0] if fits else self.default_model

    @cached_property
    def _suffixes(self) -> dict[str, Any]:
        """The prompt options (``x-seedance-prompt-options``), in the schema's order."""
        return dict(resolve(self.spec, self.spec["x-seedance-prompt-options"])["properties"])

    def validate(self, request: VideoRequest) -> tuple[ModelInfo, dict[str, Any]]:
        """Ark's checks, and a prompt that writes an option as a suffix itself is refused:
        Pixazo would read it as the option, unchecked (and beside the checked one)."""
        info, fields = super().validate(request)
        for word, _value in pairwise(request.prompt.split()):  # "--name value", any case
            name = word[2:].lower()
            if word.startswith("--") and name in self._suffixes:
                neutral = {v: k for k, v in self.option_fields.items()}.get(name, name)
                message = (
                    f"prompt: {word!r} is an option {self.name} reads from the prompt; pass "
                    f"{neutral}= instead, so it is checked"
                )
                raise self.invalid(info, message, "prompt", word, "a prompt without --options")
        return info, fields

    def prompt_with_options(self, prompt: str, fields: dict[str, Any]) -> str:
        """The prompt with one ``--name value`` suffix per option, in the schema's order."""
        suffixes = [
            f"--{name} {_suffix_value(fields[name])}" for name in self._suffixes if name in fields
        ]
        return " ".join([prompt.rstrip(), *suffixes]) if suffixes else prompt

    def create_body(
        self, request: VideoRequest, info: ModelInfo, fields: dict[str, Any], urls: Sequence[str]
    ) -> CreateBody:
        """Text to video as ``content``; with an image, ``generateImage2VideoTask``."""
        text = {"type": "text", "text": self.prompt_with_options(request.prompt, fields)}
        images = [{"type": "image_url", "image_url": url} for url in urls]
        body = {"model": info.model, "content": [text, *images], **request.extra}
        if images:
            return "default.generate_image_2_video_task", "GenerateImage2VideoTaskRequest", body
        return "default.generate_video_task", "ContentVideoTaskRequest", body

    def created_id(self, answer: Answer) -> str:
        return self.answered_id(answer, "id")

    def get(self, task_id: str) -> Operation:
        from pixazo_client.models import GetVideoResultRequest

        return self.operation(
            "default.get_video_result", body=GetVideoResultRequest(task_id=task_id)
        )

    def to_task(self, task_id: str, answer: Answer) -> Task:
        return self.ark_task(task_id, answer.parsed, answer.body)


def _suffix_value(value: Any) -> str:
    """As Ark's suffixes write values: booleans in lower case."""
    return str(value).lower() if isinstance(value, bool) else str(value)
