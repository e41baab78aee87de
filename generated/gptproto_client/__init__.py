"""A client library for accessing GPTProto Seedance API (Volcengine/BytePlus Ark format)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
