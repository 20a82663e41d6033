"""What each page of the window reads, one module per page, each row typed.

The window only displays these: every query lives here, Qt-free, tested headless (tests/app/test_views.py).
A row type names the columns a page uses; the dict may hold more (a record's bookkeeping columns).
"""
