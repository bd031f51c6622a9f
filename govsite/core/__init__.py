"""Shared public-page parts: site context, metadata tags, base templates and styles."""
