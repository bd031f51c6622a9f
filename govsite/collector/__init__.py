"""信息采集 (G1, P8): upstream list pages and feeds collected on a schedule into mapped columns, each item
once, with its files in the site's library; important items from superior portals reposted within 12 hours.

Rules (encoding, extraction, cleaning, dedupe, breakage, deadlines) are pure modules; `runs` wires them to
HTTP, the models, the review workflow and the alerts.
"""
