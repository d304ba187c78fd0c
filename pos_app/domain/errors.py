"""Errors the domain raises. Each message is meant for a person (the UI translates it)."""
from __future__ import annotations


class DomainError(Exception):
    """A rule refused an operation; `str(error)` says why in words a cashier understands."""


class RuleError(DomainError):
    """A rule definition (from HQ or the demo data) is malformed."""


class RefundError(DomainError):
    """A return cannot be made as asked (already returned, more than sold, unknown line)."""


class PointsError(DomainError):
    """Points cannot be spent or moved as asked."""


class StoredValueError(DomainError):
    """Stored value cannot be spent or refunded as asked."""
