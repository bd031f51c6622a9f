"""Content checks (P6): sensitive words, leaders' names, personal data, typos, ad links, secrecy marks."""
