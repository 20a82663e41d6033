"""Moving data between stations and the district office on USB sticks: signed (and sealed) bundles of CSV
tables, their import with a DHIS2-style summary, return bundles, and plain CSV for spreadsheets. No Qt."""
