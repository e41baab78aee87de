"""A client library for accessing Pixazo Seedance API (BytePlus ModelArk resale)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
