"""Schema version 4: indexes that keep paged, sorted and filtered listings fast on large databases.

Two parts:

- Sort indexes. A listing page is "the rowids of rows 400..599 in this order", answered by walking one index;
  SQLite appends the rowid to every index, so ORDER BY col, rowid walks (col) alone. Filters that tables are
  usually narrowed by (status, category, community, station, satisfaction) get a (filter, date) index, so the
  default newest-first order within a filter, and the workflow-ordered status sort, are index walks too.

- Short-text indexes (items_bigrams, visits_bigrams). The trigram index (schema version 2) cannot answer a query
  of one or two characters, and Chinese search terms are often exactly two (电梯, 停车, 物业). These FTS5 tables
  index every two-character piece of every column as one token (加装电梯 -> 加装 装电 电梯 梯), so a two-character
  word is one token lookup and a one-character word one prefix lookup (prefix='1' keeps a prefix index for
  that). Contentless, detail=none: only rowids are stored, no text and no positions. The triggers hand the
  tokenizer the pieces separated by spaces, built with a numbers table because triggers cannot use recursive
  CTEs. Punctuation and symbols are token characters (categories), so 电，梯 is not taken for 电梯; whitespace
  is replaced by a private-use character, so "ab cd" is not taken for "abcd".
"""

from __future__ import annotations

# Longest text indexed piece by piece: items' content and reply are capped at 8000 by validation.
MAX_INDEXED_CHARS = 10000

BIGRAM_TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* N* Co M* P* S*'"

ITEMS_TEXT_COLUMNS = ("title", "content", "community", "category", "department", "reply")
VISITS_TEXT_COLUMNS = ("visitor_name", "community", "raised", "category")


# Whitespace would be a separator to the tokenizer, making "ab cd" look like "abcd"; each whitespace character
# is indexed as this private-use character instead, which a typed word (split on whitespace) never contains.
WHITESPACE_TOKEN = "char(57344)"
_WHITESPACE = ("' '", "char(9)", "char(10)", "char(13)", "char(12288)")  # 12288: the ideographic space


def bigrams(expression: str) -> str:
    """SQL that turns a text into its two-character pieces separated by spaces (the last piece is its last
    character alone, so a one-character prefix query finds a character at the end too)."""
    # Whitespace is replaced in each two-character piece: replacing in the whole text inside substr() would
    # redo it for every character, and a CASE here measured three times slower on bulk inserts.
    token = "ch"
    for blank in _WHITESPACE:
        token = f"replace({token}, {blank}, {WHITESPACE_TOKEN})"
    return (
        f"(SELECT group_concat({token}, ' ')"
        f" FROM (SELECT substr({expression}, n, 2) AS ch"
        f" FROM listing_numbers WHERE n <= length({expression}) ORDER BY n))"
    )


def _bigram_index(table: str, columns: tuple[str, ...]) -> str:
    index = f"{table}_bigrams"
    column_list = ", ".join(columns)
    new_values = ", ".join(bigrams(f"new.{c}") for c in columns)
    old_values = ", ".join(bigrams(f"old.{c}") for c in columns)
    base_values = ", ".join(bigrams(c) for c in columns)
    return f"""
CREATE VIRTUAL TABLE {index} USING fts5(
    {column_list}, content='', columnsize=0, detail=none, prefix='1', tokenize="{BIGRAM_TOKENIZER}"
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
-- The district's usual narrowing: one station's items in one status tab, newest first.
CREATE INDEX items_station_status_date ON items(station_uuid, status, date);
-- The items page is tabbed by status: a category chosen, or a column sorted, within one tab. Department and
-- satisfaction follow the status (no department before 交办, no satisfaction before 反馈), so without these a
-- sort inside a tab walks past every row of the other statuses first.
CREATE INDEX items_status_category_date ON items(status, category, date);
CREATE INDEX items_status_department ON items(status, department);
CREATE INDEX items_status_satisfaction_date ON items(status, satisfaction, date);
CREATE INDEX items_title ON items(title);
CREATE INDEX items_category_date ON items(category, date);
CREATE INDEX items_community_date ON items(community, date);
CREATE INDEX items_department ON items(department);
CREATE INDEX items_due_date ON items(due_date);
CREATE INDEX items_satisfaction_date ON items(satisfaction, date);

CREATE INDEX visits_date ON visits(date);
CREATE INDEX visits_community_date ON visits(community, date);
CREATE INDEX visits_category_date ON visits(category, date);
CREATE INDEX visits_visitor_name ON visits(visitor_name);
CREATE INDEX visits_headcount ON visits(headcount);

CREATE INDEX reception_days_date ON reception_days(date);
CREATE INDEX duties_day_status ON duties(reception_day_uuid, status);
{_bigram_index("items", ITEMS_TEXT_COLUMNS)}
{_bigram_index("visits", VISITS_TEXT_COLUMNS)}
"""
