"""Small talk: a text that is no job search nor a command asked for, and wants an answer of
its own ("what can you do?", "are you a bot?", "ok thanks", "👍", "sorry", "can I follow up on
my application?"): what the bot is and how to begin, or a short word back. Pure; `talk` asks
it first."""

from __future__ import annotations

import re

NOT_A_COMMAND = (
    "Send /alert followed by keywords to get job alerts (<code>/alert rust backend</code>), or "
    "tell me what you look for as you would say it (“remote go jobs in Germany over 80k”) and "
    "I'll offer the alert. /help lists every command."
)
INTRO = (
    "I'm jobbot: I watch job boards and send you a message for each new job that matches one "
    "of your alerts, once, as soon as it is posted. " + NOT_A_COMMAND
)
# "what can you do?", "I'm looking for a job", "are you a bot?": what the bot does, and how
# to begin.
_INTRO = re.compile(
    r"(?:hi|hey|hello)?[\s,!.]*(?:what\s+(?:can|do)\s+you\s+do|how\s+does\s+(?:this|it|the\s+bot)"
    r"\s+work|what\s+(?:is|are)\s+(?:this|you)|help\s+me\s+find\s+(?:a\s+)?(?:job|work)"
    r"|i(?:'?m|\s+am)\s+looking\s+for\s+(?:a\s+(?:new\s+)?)?(?:job|work)|i\s+need\s+(?:a\s+)?"
    r"(?:new\s+)?(?:job|work)|what\s+should\s+i\s+(?:search|look)\s+for|how\s+do\s+i\s+start"
    r"|where\s+do\s+i\s+start|how\s+(?:do|can)\s+i\s+use\s+(?:this|you|it)"
    r"|are\s+you\s+(?:a\s+)?(?:bot|human|person|real|robot|ai|chat\s*gpt)|who\s+are\s+you"
    r"|who\s+(?:made|built|runs|created|wrote)\s+(?:you|this(?:\s+bot)?)"
    r"|what(?:'?s|\s+is)\s+your\s+name)[\s?!.]*",
    re.IGNORECASE,
)
# Thanks or an acknowledgement alone ("ok thanks", "great, thanks!", "cool"): a word back.
_THANKS = re.compile(
    r"(?:(?:ok(?:ay)?|great|cool|nice|awesome|perfect|super|got\s+it|alright|all\s+right|"
    r"thanks?(?:\s+you)?(?:\s+so\s+much)?|thx|ty|cheers|much\s+appreciated|"
    r"danke|merci|gracias|grazie|(?:this|that|it)\s+(?:is|was)\s+(?:great|awesome|amazing|"
    r"helpful|perfect|cool|nice|useful)|(?:good|great|nice)\s+bot|love\s+it)[\s,!.]*)+"
    r"(?:🙏|👍|🙂|😊)*",
    re.IGNORECASE,
)
_THANKED = re.compile(
    r"than|thx|\bty\b|cheer|apprec|dank|merc|grac|\b(?:bot|is|was|love)\b", re.IGNORECASE
)
_ACK = re.compile(
    r"(?:ok(?:ay)?|k|cool|nice|great|awesome|perfect|got\s+it|alright|lol|haha+|hehe|sure|"
    r"yes|yep|yeah|no|nope|hmm+)[\s,!.]*",
    re.IGNORECASE,
)
_SORRY = re.compile(
    r"(?:sorry|oops|my\s+bad|wrong\s+(?:chat|bot|person|window)|never\s*mind|nvm|ignore\s+"
    r"(?:that|this|me))(?:[\s,!.]+(?:sorry|wrong\s+chat|ignore\s+that))*[\s,!.]*",
    re.IGNORECASE,
)
_FOLLOW_UP = re.compile(
    r"\bfollow(?:\s+|-)?up\s+(?:on|with|about)\s+(?:my|an?|the)\s+(?:\w+\s+)?(?:application|"
    r"interview|recruiter|candidacy)",
    re.IGNORECASE,
)
_MINUTE = re.compile(
    r"(?:do|have)\s+you\s+(?:got\s+|have\s+)?a\s+(?:minute|moment|sec(?:ond)?)[\s?!.]*"
    r"|can\s+i\s+ask\s+(?:you\s+)?(?:something|a\s+question)[\s?!.]*",
    re.IGNORECASE,
)


_HIRED = re.compile(
    r"(?:(?:i|we)\s*(?:'?ve|have|'?m|am)?\s*)?(?:just\s+)?(?:got|found|landed|accepted|signed|took|"
    r"start(?:ed|ing)?)\s+(?:a|an|the|my|our)?\s*(?:new\s+|dream\s+)?"
    r"(?:job|offer|role|position|gig)\b(?P<rest>[^?]{0,40})"
    r"|(?:(?:i|we)\s*(?:'?ve|'?m|am|was|have|were|are|'re)?\s+(?:just\s+)?(?:got\s+|been\s+)?"
    r"|(?:just\s+)?(?:got|been)\s+|just\s+)hired\b(?P<also>[^?]{0,40})|hired\W*",
    re.IGNORECASE,
)
_BUT = re.compile(r"\b(?:but|not|why|didn|doesn|isn|wasn|never|no)\b", re.IGNORECASE)
_HIRED_REPLY = (
    "Congratulations! 🎉 <code>/pause</code> keeps your alerts for your next search (/resume "
    "turns them back on); <code>/stop</code> deletes them with all your data."
)


# "do you speak German?" ("sprichst du deutsch", read as that): English replies, German read.
_GERMAN = re.compile(r"(?:do|can)\s+you\s+(?:speak|understand|read)\s+german[\s?!.]*", re.I)
SPEAK_GERMAN = (
    "I reply in English, but I understand German too: say what you want (“bin 2 wochen im "
    "urlaub”, “alert 3 löschen”, “zu viele jobs”) and I offer the command; job searches in "
    "German work as well (“Data Analyst Jobs in München”). /help lists every command."
)
# "undo" ("rückgängig"): which change can be undone, and how.
_UNDO = re.compile(
    r"(?:please\s+)?(?:undo|revert)(?:\s+(?:that|it|this|the\s+last\s+\w+))?[\s?!.]*", re.I
)
UNDO = (
    "There's no undo command. After an /edit, its reply gives the <code>/edit</code> that puts "
    "the alert back as it was; a deleted alert comes back when you send its "
    "<code>/alert</code> again (/alerts lists the ones you have)."
)
DIDNT_UNDERSTAND = "Sorry, I didn't understand that. /help lists what I can do."


def small_talk(text: str) -> str | None:
    """The answer to small talk, or None when `text` is something else."""
    text = text.strip()
    if len(text) > 200:  # small talk is short
        return None
    if (hired := _HIRED.fullmatch(text)) and not _BUT.search(hired["rest"] or hired["also"] or ""):
        return _HIRED_REPLY  # "I got a job!", not "I found a job but it didn't come"
    if _INTRO.fullmatch(text):
        return INTRO
    if _THANKS.fullmatch(text) and _THANKED.search(text):
        return "You're welcome! 🙂"
    if (not re.search(r"\w", text) and "?" not in text) or _ACK.fullmatch(text):  # "👍", "ok"
        return "👍"
    if _SORRY.fullmatch(text):
        return "No problem."
    if _FOLLOW_UP.search(text):  # not /follow: a company's jobs
        return (
            "I can't follow up on an application for you: I find jobs. /saved lists the jobs "
            "you saved, and <code>/applied 3</code> marks one applied, with the day."
        )
    if _GERMAN.fullmatch(text):
        return SPEAK_GERMAN
    if _UNDO.fullmatch(text):
        return UNDO
    if _MINUTE.fullmatch(text):
        return "Sure: ask away. Tell me what jobs you look for, or ask how a command works (/help)."
    return None
