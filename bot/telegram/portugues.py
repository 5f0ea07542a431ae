"""A text in Portuguese (as a job seeker in Brazil writes to the bot): a request about the bot
("apagar alerta 2", "pausar por 2 semanas", "quais são meus alertas?", "tem vagas novas?") is
the English one it makes, which the bot's reading of English (texts, talk, asked) then answers
as it answers that; what it leaves out is never read as wanted ("não quero vagas de cripto":
"no cripto jobs", `portugues_not`); talk it cannot read gets "I didn't understand that" and the
commands that would do it, not an alert of its words (`portugues_talk`). A Portuguese job search
the sentence reader reads ("vagas remotas de golang") is left to it. Replies stay in English.
Pure; `texts.answer` asks it first."""

from __future__ import annotations

from bot.telegram.portugues_not import rewritten
from bot.telegram.portugues_parts import english_phrases
from bot.telegram.portugues_said import SAID, Read, asking_dropped
from bot.telegram.portugues_talk import cleaned, is_portuguese, junk, unread

__all__ = ["Read", "read"]


def read(text: str) -> Read | None:
    """`text` read as Portuguese: a request's English ("apagar alerta 2": "delete alert 2"), a
    search with what it leaves out said so ("sem vagas presenciais": "no onsite jobs"), or
    the reply to talk not read; None for a text not Portuguese, or a search read as it is."""
    if len(text) > 2000 or not is_portuguese(text):
        return None
    if len(text) > 300:  # a paragraph, read sentence by sentence: only what it leaves out
        search = rewritten(english_phrases(text))[0]
        return Read(search) if search != text else None
    said, thanked = cleaned(text)
    if not said:  # "valeu!", "obrigado", "por favor"
        return Read("thanks" if thanked else "hi")
    for pattern, english in SAID:
        if (found := pattern.fullmatch(said)) and (meant := english(found)) is not None:
            return meant if isinstance(meant, Read) else Read(meant)
    search, alone = rewritten(english_phrases(asking_dropped(said)))
    if junk(search, read=not alone):  # "quero um resumo às 7": no alert of its words
        return Read("", unread(search))
    return Read(search) if search != text else None
