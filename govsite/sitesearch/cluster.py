"""Index settings for an OpenSearch/Elasticsearch search backend (U1, docs/search.md).

Our search fields arrive pre-segmented (Chinese bigrams and words separated by spaces, `segment.index_text`),
and queries are segmented the same way, so the cluster must split on whitespace only: its standard analyzer
would cut Chinese into single characters and lose phrase positions. No analysis plugin (ik, smartcn) is needed.
"""

CHINESE_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "analyzer": {
                "default": {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]},
            },
        },
    },
}
