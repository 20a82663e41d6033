"""Small reusable widgets: field errors beside inputs, charts, figures."""
