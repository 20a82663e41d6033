"""The Qt desktop window: pages, dialogs, table models and workers. Holds no business rules."""
