"""Debian's Chromium as the tests start it: headless, with no call home (docs/reliability.md)."""

from __future__ import annotations

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
"""The browser the tests drive (Playwright's own download is never used)."""

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Chromium's flags: without the networking ones it reaches for Google's hosts at start."""
