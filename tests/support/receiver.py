"""A callback endpoint for tests: an ASGI app that records what it is sent."""

from __future__ import annotations

import json
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


class Receiver:
    """Answers every POST with ``answer`` and keeps (headers, JSON body) of each."""

    def __init__(self, answer: dict[str, Any] | None = None) -> None:
        self.calls: list[tuple[dict[str, str], Any]] = []
        self._answer = answer if answer is not None else {}
        self.app = Starlette(routes=[Route("/{rest:path}", self.handle, methods=["POST"])])

    async def handle(self, request: Request) -> JSONResponse:
        self.calls.append((dict(request.headers), json.loads(await request.body())))
        return JSONResponse(self._answer)

    @property
    def received(self) -> list[Any]:
        """The JSON bodies received, in order."""
        return [body for _, body in self.calls]
