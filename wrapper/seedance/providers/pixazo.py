"""Pixazo (a BytePlus ModelArk reseller): the mapping table.

Pixazo's bodies carry no option fields: options ride on the prompt as Ark's text suffixes
(``... --ratio 16:9 --resolution 720p --duration 5 --camerafixed false``). Which suffixes
exist, and their enums and ranges, come from the spec's ``x-seedance-prompt-options``
(narrowed per model by ``x-seedance-models``); the adapter validates against them and
renders them in the schema's order. Text to video uses the ``content`` form of
``generateVideoTask``; with an image, ``generateImage2VideoTask`` (one image, as a URL).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from ..errors import UnexpectedResponseError
from ..models import Task, VideoRequest
from .ark import ArkFamilyAdapter, default_model_of
from .base import HttpCall, ImageTransport, ModelInfo, generated_call, resolve

PACKAGE = "pixazo_client"

# neutral option -> the prompt suffix (a PromptOptions property) that carries it
OPTION_FIELDS = {
    "aspect_ratio": "ratio",
    "resolution": "resolution",
    "duration": "duration",
    "seed": "seed",
    "camera_fixed": "camerafixed",
    "watermark": "watermark",
}


class PixazoAdapter(ArkFamilyAdapter):
    name = "pixazo"
    package = PACKAGE
    env_key = "PIXAZO_API_KEY"
    image_transport: ClassVar[ImageTransport] = "url"
    default_model = default_model_of(PACKAGE)
    option_fields = OPTION_FIELDS
    prompt_schema = "TextContentItem"

    def auth_headers(self, api_key: str) -> dict[str, str]:
        """Pixazo's gateway key header; its page sends ``Cache-Control: no-cache`` always."""
        return {"Ocp-Apim-Subscription-Key": api_key, "Cache-Control": "no-cache"}

    def prompt_with_options(self, prompt: str, fields: dict[str, Any]) -> str:
        """The prompt with one ``--name value`` suffix per option, in the schema's order."""
        order = resolve(self.spec, self.spec["x-seedance-prompt-options"])["properties"]
        suffixes = [f"--{name} {_suffix_value(fields[name])}" for name in order if name in fields]
        return " ".join([prompt.rstrip(), *suffixes]) if suffixes else prompt

    def create_call(
        self,
        request: VideoRequest,
        info: ModelInfo,
        fields: dict[str, Any],
        image_urls: Sequence[str],
        callback_url: str | None,
    ) -> HttpCall:
        from pixazo_client.api.default import generate_image_2_video_task, generate_video_task
        from pixazo_client.models import ContentVideoTaskRequest, GenerateImage2VideoTaskRequest

        text = {"type": "text", "text": self.prompt_with_options(request.prompt, fields)}
        images = [{"type": "image_url", "image_url": url} for url in image_urls]
        body: dict[str, Any] = {"model": info.model, "content": [text, *images]}
        if callback_url:
            body["callback_url"] = callback_url
        body.update(request.extra)
        if images:
            generated = self.generated_body(GenerateImage2VideoTaskRequest, body, info)
            return generated_call(generate_image_2_video_task, create=True, body=generated)
        generated = self.generated_body(ContentVideoTaskRequest, body, info)
        return generated_call(generate_video_task, create=True, body=generated)

    def created_id(self, body: Any) -> str:
        from pixazo_client.models import TaskCreated

        try:
            task_id = TaskCreated.from_dict(body).id
        except (KeyError, TypeError, AttributeError):
            task_id = None
        if not isinstance(task_id, str) or not task_id:
            raise UnexpectedResponseError(
                "pixazo accepted the task but its answer has no id", provider=self.name, raw=body
            )
        return task_id

    def get_call(self, task_id: str) -> HttpCall:
        from pixazo_client.api.default import get_video_result
        from pixazo_client.models import GetVideoResultRequest

        return generated_call(get_video_result, body=GetVideoResultRequest(task_id=task_id))

    def to_task(self, task_id: str, body: Any) -> Task:
        from pixazo_client.models import ArkTask

        return self.ark_task(task_id, body, ArkTask)


def _suffix_value(value: Any) -> str:
    """As Ark's suffixes write values: booleans in lower case."""
    return str(value).lower() if isinstance(value, bool) else str(value)
