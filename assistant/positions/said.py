"""Answer "what did X say about Y" from attributed statements: is X quoted at all, and on Y?"""

from __future__ import annotations

from typing import Any

from assistant.errors import UnknownActor
from assistant.evidence.find import SaidCheck
from assistant.evidence.items import QuestionItems


def said_check(finder: Any, registry: Any, items: QuestionItems) -> SaidCheck | None:
    """The first named thing of the question that is a known speaker is X; the rest of the question's named
    things and key terms are the topic Y. None when no speaker is named or nothing is left as a topic."""
    for e in items.entities:
        try:
            actor = registry.resolve(e.text).actor
        except UnknownActor:
            continue
        rest = [o.text for o in items.entities if o is not e] + [t.surface or t.text for t in items.terms]
        topic = " ".join(rest).strip()
        if not topic:
            return None
        own = [s for s, kind in finder.attributions().get(actor.name, []) if kind != "third_party"]
        on_topic = [s for _score, s, kind in finder.relevant(topic, actor) if kind != "third_party"]
        return SaidCheck(actor.name, topic, len(own), len(on_topic))
    return None
