"""BytePlus ModelArk / Volcengine Ark (the upstream Seedance API): the mapping table.

BytePlus by default; Volcengine where the client's base URL is one of its hosts (the
region names and hosts are the spec's ``servers``). Cancel and list are supported, and the
poller reads up to ``page_size``'s maximum tasks with one list request.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence

from .._call import Answer, Operation
from .._errors import UnexpectedResponseError
from .._models import Task
from .._spec import Schema, operation
from .._validation import check
from ._ark_family import ArkFamilyAdapter
from ._base import set_or_none, text_of

TASKS_PATH = "/contents/generations/tasks"
LIST_OPERATION = "list_content_generation_tasks"


class ArkAdapter(ArkFamilyAdapter):
    name = "ark"
    package = "ark_client"
    env_key = "ARK_API_KEY"
    create_path = TASKS_PATH
    create_operation = (
        "tasks.create_content_generation_task",
        "CreateContentGenerationTaskRequest",
    )
    prompt_schema = "TextContent"
    can_list = True

    def pick_model(self, model: str | None, images: int, base_url: str) -> str:
        """Without a model, a region other than the first (Volcengine) gets the spec's
        default under its alias."""
        elsewhere = [_host(url) for url in list(self.regions.values())[1:]]
        if model or _host(base_url) not in elsewhere or not self.table.aliases:
            return model or self.default_model
        return self.table.aliases[0].apply(self.default_model)

    @property
    def batch_size(self) -> int:
        """The list operation's ``page_size`` maximum: tasks one status request can read."""
        return int(self._list_parameter("page_size")["maximum"])

    def _list_parameter(self, name: str) -> Schema:
        parameters = operation(self.spec, TASKS_PATH, "get")["parameters"]
        schema: Schema = next(p["schema"] for p in parameters if p["name"] == name)
        return schema

    # ------------------------------------------------------------------ operations

    def created_id(self, answer: Answer) -> str:
        return self.answered_id(answer, "id")

    def get(self, task_id: str) -> Operation:
        return self.operation("tasks.get_content_generation_task", id=task_id)

    def to_task(self, task_id: str, answer: Answer) -> Task:
        return self.ark_task(task_id, answer.parsed, answer.body)

    def cancel(self, task_id: str) -> Operation:
        return self.operation("tasks.delete_content_generation_task", id=task_id)

    def list(self, *, page: int, page_size: int, task_ids: Sequence[str] = ()) -> Operation:
        from ark_client.types import UNSET

        for name, value in (("page_num", page), ("page_size", page_size)):
            check(value, self._list_parameter(name), field=name, provider=self.name, model=None)
        return self.operation(
            f"tasks.{LIST_OPERATION}",
            page_num=page,
            page_size=page_size,
            filter_task_ids=list(task_ids) if task_ids else UNSET,
        )

    def to_tasks(self, answer: Answer) -> builtins.list[Task]:
        if self.envelope(answer.body) is not None:
            return []  # a filter naming an id Ark does not know: see error()
        items = set_or_none(getattr(answer.parsed, "items", None))
        raw_items = answer.body.get("items") if isinstance(answer.body, dict) else None
        if not isinstance(items, list) or not isinstance(raw_items, list):
            if answer.parsed is not None and items is None:
                return []
            raise UnexpectedResponseError(
                "ark answered the task list in a shape seedance does not know",
                provider=self.name,
                raw=answer.body,
            )
        return [
            self.ark_task(text_of(getattr(item, "id", None)) or "", item, raw)
            for item, raw in zip(items, raw_items, strict=False)
        ]

    def error(self, op: Operation, answer: Answer, retry_after: float | None) -> Exception | None:
        """As the family, except that a list filtered by task ids answering 404 (an id Ark
        does not know) lists nothing, so the poller asks for each of those tasks alone
        instead of failing every wait in the batch."""
        if (
            answer.status == 404
            and op.name == LIST_OPERATION
            and op.kwargs.get("filter_task_ids")
            and self.envelope(answer.body) is not None
        ):
            return None
        return super().error(op, answer, retry_after)


def _host(url: str) -> str:
    return url.split("://", 1)[-1].split("/", 1)[0].lower()
