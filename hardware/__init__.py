"""Devices at the till: receipt documents and their renderers, printers, scanners, scan
classification and member-code verification. Knows nothing of sales (services build documents)."""
