"""Receipt documents and renderers, printers, scanners, drawer, member-code verification."""
