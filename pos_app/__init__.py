"""MemberTill: the cashier desktop app (till)."""

__version__ = "0.1.0"
