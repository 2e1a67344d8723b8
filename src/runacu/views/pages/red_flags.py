"""Warning signs on any page: a level's callout, and an action with the emergency number a link."""

from __future__ import annotations

from typing import TYPE_CHECKING

from runacu.views.blocks import BulletList, Callout, CalloutLevel, Inline, Inlines, Link, Paragraph, Strong
from runacu.words import N_

if TYPE_CHECKING:
    from runacu.content.models import RedFlags
    from runacu.words import Words


#: The US emergency number: made a `tel:` link wherever an action names it.
EMERGENCY_NUMBER = "911"

#: How each red-flag level looks: the most urgent is a danger callout.
CALLOUT_LEVELS: dict[str, CalloutLevel] = {"emergency": "danger", "today": "warning", "soon": "note"}
#: Each level's title, said in the reader's language.
LEVEL_TITLES = {"emergency": N_("Emergency"), "today": N_("Today"), "soon": N_("Soon")}


def red_flag_callout(words: Words, flags: RedFlags, handed_out: bool = False) -> Callout:
    """One level of warning signs: the action in bold, then the signs.

    On a page handed out (HTML) the emergency number in the action is a `tel:` link, as on a check's outcome.
    """
    return Callout(
        CALLOUT_LEVELS[flags.level],
        words.say(LEVEL_TITLES[flags.level]),
        (
            Paragraph(action_inlines(flags.action) if handed_out else (Strong(flags.action),)),
            Paragraph((words.say("If you have back pain and any of these:"),)),
            BulletList(tuple((Paragraph((sign,)),) for sign in flags.signs)),
        ),
    )


def action_inlines(action: str) -> Inlines:
    """A red-flag action in bold, the emergency number in it a `tel:` link."""
    before, found, after = action.partition(EMERGENCY_NUMBER)
    if not found:
        return (Strong(action),)
    parts: list[Inline] = [Strong(before)] if before else []
    parts.append(Link(EMERGENCY_NUMBER, f"tel:{EMERGENCY_NUMBER}", strong=True))
    if after:
        parts.append(Strong(after))
    return tuple(parts)
