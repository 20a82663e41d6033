"""Create/edit/delete for every entity, each through the rules in app.validate and the audit trail."""
