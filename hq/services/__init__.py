"""HQ's services, one module per capability (rule publishing, member administration, ...)."""
