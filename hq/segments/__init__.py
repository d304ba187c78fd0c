"""Member facts, tags, segments, campaigns and analytics (issue 19; docs/segments.md)."""
