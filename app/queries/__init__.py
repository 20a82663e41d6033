"""Listing queries behind the desktop tables: filtered and sorted in SQL, read a page at a time. No Qt."""
