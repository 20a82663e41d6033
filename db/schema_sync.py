"""Schema version 3: bundle sync bookkeeping (keys, bundles seen, conflicts)."""

V3 = ""
