"""Site registry (S1, S2, S6): every site of the platform, its filings, domains and change history."""
