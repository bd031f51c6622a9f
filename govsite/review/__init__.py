"""Roles, separation of duties and the review workflow (P3-P5, X1)."""
