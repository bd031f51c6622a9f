"""Static publishing (X4): each site's public pages as files, written atomically, with a manifest (X6)."""
