"""Sync protocol (versioned schemas) shared by tills and HQ, and the till-side sync worker."""
