"""A client library for accessing BytePlus ModelArk / Volcengine Ark content generation tasks API (Seedance video)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
