"""Content page types: article, policy document, interpretation, special topic (P1, P2)."""
