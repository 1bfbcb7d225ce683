"""Reports for planners and tech firms: tables and figures as HTML, Markdown, JSON or CSV."""
