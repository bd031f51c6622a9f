"""Columns (栏目): the column tree of every site, its templates and structure-change requests (C1-C7)."""
