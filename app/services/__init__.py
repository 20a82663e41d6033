"""Create/edit/delete for every entity, each through its rule book (app.rules) and the audit trail."""
