"""The reply to a message with no text (a sticker, a photo, a voice message, a file, a shared
location): the bot reads text, so it says what it can do instead; a file may be an export to
restore, so it says how. Pure."""

from __future__ import annotations

_TYPE = "Type what you look for (“rust jobs in Berlin”) and I'll offer the alert, or /help for"
_REPLIES = {
    "file": (
        "That's a file. To restore your alerts and settings from a jobbot export, reply "
        "<code>/import</code> to it; other files I don't read."
    ),
    "voice": f"I can't listen to voice messages. {_TYPE} every command.",
    "location": (
        "I don't read shared locations. For the jobs near a place, name it: <code>/alert rust "
        "near:berlin</code>; <code>/timezone Berlin</code> puts your digests and quiet hours "
        "on its clock."
    ),
}


def reply(kind: str) -> str:
    """What to say to a message of `kind` ("file", "voice", "location", or any other)."""
    return _REPLIES.get(kind, f"I read text only. {_TYPE} every command.")
