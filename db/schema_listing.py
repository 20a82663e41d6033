"""Schema version 4: indexes that keep paged, sorted and filtered listings fast on large databases.

Two parts:

- Sort indexes. A listing page is "the rowids of rows 400..599 in this order", answered by walking one index;
  SQLite appends the rowid to every index, so ORDER BY col, rowid walks (col) alone. Filters that tables are
  usually narrowed by (status, category, community, station) get a (filter, date) index, so the default
  newest-first order within a filter is an index walk too.

- Short-text indexes (items_chars, visits_chars). The trigram index (schema version 2) cannot answer a query of
  one or two characters, and Chinese search terms are often exactly two (电梯, 停车, 物业). These FTS5 tables
  index every character as its own token, stored with its position, so the phrase "电 梯" finds the two
  characters side by side in the same column: any 1-2 character substring, from the index. Contentless (only
  rowids and positions are stored); the triggers give the tokenizer the text with a space after each
  character, built with a numbers table because triggers cannot use recursive CTEs. Punctuation and symbols
  are tokens too (categories), so "电，梯" is not taken for 电梯.
"""

from __future__ import annotations

# Longest text indexed character by character: items' content and reply are capped at 8000 by validation.
MAX_INDEXED_CHARS = 10000

CHARS_TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S*'"

ITEMS_TEXT_COLUMNS = ("title", "content", "community", "category", "department", "reply")
VISITS_TEXT_COLUMNS = ("visitor_name", "community", "raised", "category")


# Whitespace would be a separator to the tokenizer, making "ab cd" look like "abcd"; each whitespace character
# is indexed as this private-use character instead, which a typed word (split on whitespace) never contains.
WHITESPACE_TOKEN = "char(57344)"
_WHITESPACE = ("' '", "char(9)", "char(10)", "char(13)", "char(12288)")  # 12288: the ideographic space


def spaced(expression: str) -> str:
    """SQL that turns a text into its characters separated by spaces, in order."""
    # Whitespace is replaced in each one-character piece: replacing in the whole text inside substr() would
    # redo it for every character, and a CASE here measured three times slower on bulk inserts.
    token = "ch"
    for blank in _WHITESPACE:
        token = f"replace({token}, {blank}, {WHITESPACE_TOKEN})"
    return (
        f"(SELECT group_concat({token}, ' ')"
        f" FROM (SELECT substr({expression}, n, 1) AS ch"
        f" FROM listing_numbers WHERE n <= length({expression}) ORDER BY n))"
    )


def _chars_index(table: str, columns: tuple[str, ...]) -> str:
    index = f"{table}_chars"
    column_list = ", ".join(columns)
    new_values = ", ".join(spaced(f"new.{c}") for c in columns)
    old_values = ", ".join(spaced(f"old.{c}") for c in columns)
    base_values = ", ".join(spaced(c) for c in columns)
    return f"""
CREATE VIRTUAL TABLE {index} USING fts5(
    {column_list}, content='', columnsize=0, tokenize="{CHARS_TOKENIZER}"
);
INSERT INTO {index}(rowid, {column_list}) SELECT rowid, {base_values} FROM {table};
CREATE TRIGGER {index}_ai AFTER INSERT ON {table} BEGIN
    INSERT INTO {index}(rowid, {column_list}) VALUES (new.rowid, {new_values});
END;
CREATE TRIGGER {index}_ad AFTER DELETE ON {table} BEGIN
    INSERT INTO {index}({index}, rowid, {column_list}) VALUES ('delete', old.rowid, {old_values});
END;
CREATE TRIGGER {index}_au AFTER UPDATE OF {column_list} ON {table} BEGIN
    INSERT INTO {index}({index}, rowid, {column_list}) VALUES ('delete', old.rowid, {old_values});
    INSERT INTO {index}(rowid, {column_list}) VALUES (new.rowid, {new_values});
END;
"""


V4 = f"""
CREATE TABLE listing_numbers (n INTEGER PRIMARY KEY);
INSERT INTO listing_numbers (n)
    WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < {MAX_INDEXED_CHARS})
    SELECT n FROM seq;

CREATE INDEX items_date ON items(date);
CREATE INDEX items_title ON items(title);
CREATE INDEX items_category_date ON items(category, date);
CREATE INDEX items_community_date ON items(community, date);
CREATE INDEX items_department ON items(department);
CREATE INDEX items_due_date ON items(due_date);
CREATE INDEX items_satisfaction ON items(satisfaction);

CREATE INDEX visits_date ON visits(date);
CREATE INDEX visits_community_date ON visits(community, date);
CREATE INDEX visits_category_date ON visits(category, date);
CREATE INDEX visits_visitor_name ON visits(visitor_name);
CREATE INDEX visits_headcount ON visits(headcount);

CREATE INDEX reception_days_date ON reception_days(date);
CREATE INDEX duties_day_status ON duties(reception_day_uuid, status);
{_chars_index("items", ITEMS_TEXT_COLUMNS)}
{_chars_index("visits", VISITS_TEXT_COLUMNS)}
"""
