"""A job message's two rows of buttons, and their callback data: `link_buttons` (View job,
Apply, Save) and `job_actions` (Not interested, Mute the company, Pause the alert).
`bot.telegram.buttons` answers the presses."""

from __future__ import annotations

from bot.models import Button, Keyboard, Posting
from bot.wording import shorten

# Callback data of a job message's buttons (parsed in bot.telegram.buttons): the delivery's
# id, never a secret; whoever presses must own that delivery and its message.
HIDE, MUTE, PAUSE, UNDO, BACK, SAVE = "jh", "jm", "jp", "ju", "jb", "js"
MUTE_LABEL = 24  # characters of a company's name on its Mute button


def job_actions(
    delivery_id: int | None, company: str, alert_queries: tuple[str, ...] | list[str] = ("",)
) -> Keyboard:
    """Row 2 of a job's message: `Not interested`, `Mute <company>`, `Pause alert`."""
    if delivery_id is None:
        return ()
    row = [Button("Not interested", data=f"{HIDE}:{delivery_id}")]
    if company.strip():
        row.append(Button(f"Mute {shorten(company, MUTE_LABEL)}", data=f"{MUTE}:{delivery_id}"))
    if alert_queries:
        row.append(Button("Pause alert", data=f"{PAUSE}:{delivery_id}"))
    return (tuple(row),)


def link_buttons(posting: Posting, delivery_id: int | None = None, saved: bool = False) -> Keyboard:
    """Row 1 of a job's message: `View job` (the posting), `Apply` only when the board gives
    an application page of its own, and with a `delivery_id`, `☆ Save` (`★ Saved` once
    saved: pressed again, it forgets the job)."""
    web = ("http://", "https://")
    view = posting.url if posting.url.startswith(web) else None
    apply = posting.apply_url if posting.apply_url and posting.apply_url.startswith(web) else None
    row = [Button("View job", url=view)] if view else []
    if apply and apply != view:
        row.append(Button("Apply", url=apply))
    if delivery_id is not None:
        row.append(Button("★ Saved" if saved else "☆ Save", data=f"{SAVE}:{delivery_id}"))
    return (tuple(row),) if row else ()
