"""HQ's services, one module per capability; they own transactions and know nothing of HTTP."""
