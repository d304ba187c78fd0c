"""The error answers HQ's JSON routes document (`{"detail": "..."}`)."""
from sync.protocol import Problem

ERRORS = {401: {"model": Problem}, 403: {"model": Problem}, 409: {"model": Problem}, 422: {"model": Problem}}
