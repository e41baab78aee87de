"""Webhook signatures providers put on their callbacks."""

from __future__ import annotations

import base64
import hashlib
import hmac


def kie_signature(key: str, task_id: str, timestamp: str) -> str:
    """kie.ai's (and Apikley's) ``X-Webhook-Signature``.

    base64(HMAC-SHA256(key, ``taskId + "." + timestamp``)); only the task id and the
    timestamp are signed, not the body (docs.kie.ai/common-api/webhook-verification).
    """
    digest = hmac.new(key.encode(), f"{task_id}.{timestamp}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()
