"""Start the Briefing Assistant UI on http://127.0.0.1:7860 (see README)."""

from __future__ import annotations

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant.facade import Assistant
from assistant.ui.app import launch

if __name__ == "__main__":
    a = Assistant()
    if a.index.is_empty:
        a.ingest()
    launch(a, host=os.environ.get("BRIEFING_HOST", "127.0.0.1"), port=int(os.environ.get("BRIEFING_PORT", "7860")))
