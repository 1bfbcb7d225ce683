"""The whole graph read back at one version: snapshots, exports (JSON, GraphML, CSV), backups."""
