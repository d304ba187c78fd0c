"""Errors the services raise; each message is meant for the cashier (the UI translates it)."""

from __future__ import annotations

from pos_app.domain import DomainError
from pos_app.store.uow import StorageError  # noqa: F401  (raised by every use case that writes)


class ServiceError(DomainError):
    """An operation was refused; nothing was changed."""


class NotFound(ServiceError):
    pass


class InvalidInput(ServiceError):
    pass


class PermissionDenied(ServiceError):
    pass


class LockedOut(ServiceError):
    pass
