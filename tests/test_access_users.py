"""Who may use the bot, as an operator runs it (the Sam operator test): an /unban that puts
the user back as before, a message that undoes a block, a ban of an id nobody used, invite
links listed, revoked and pasted by hand, the refusals that name the user's id, the audit log
and `check-config`'s warning of an invite-only bot with no admins. Through the fake Bot API."""

from __future__ import annotations

import re

from bot.cli import main
from bot.telegram.access import BAD_CODE, BANNED, INVITE_ONLY, NOT_ALLOWED, WELCOME
from bot.telegram.quiet import NOT_SUBSCRIBED
from tests.test_access import ADMIN, ANA, BEN, CAT, Clock, running, say
from tests.test_cli_commands import write_config
from tests.waiting import until

WORKING = "I'm working."


async def test_an_unban_puts_the_user_back_as_before_the_ban(tmp_path, tg, caplog) -> None:
    """W1: /ban then /unban left the user 'blocked' (no jobs, no broadcasts) while every
    reply said all was well; now they are back active, or paused if they were."""
    caplog.set_level("INFO", logger="bot.telegram.access")
    async with running(tmp_path, tg, {"mode": "open"}) as app:
        for chat in (ANA, BEN):
            await say(tg, chat, "/alert rust")
        await say(tg, BEN, "/pause")
        for chat in (ANA, BEN):
            await say(tg, ADMIN, f"/ban {chat}")
        assert app.store.users.user(ANA).state == "blocked"
        unban = await say(tg, ADMIN, f"/unban {ANA}")
        assert unban == f"Unbanned {ANA} (Ada); their alerts are on again.", unban
        assert "can /start again" not in unban
        assert app.store.users.user(ANA).state == "active", "not left 'blocked'"
        paused = await say(tg, ADMIN, f"/unban {BEN}")
        assert paused == (
            f"Unbanned {BEN} (Ada); their notifications stay paused as before (they /resume)."
        )
        assert app.store.users.user(BEN).state == "paused"
        assert "Queued for 1 active user" in await say(tg, ADMIN, "/broadcast Maintenance")
        await tg.wait_for_async(lambda sent: any(m.text == "Maintenance" for m in sent))
        assert [m.chat_id for m in tg.sent if m.text == "Maintenance"] == [ANA]
        assert (await say(tg, ANA, "is the bot working?")).startswith(WORKING), "true now"
    logged = [r.getMessage() for r in caplog.records]
    assert f"admin {ADMIN} unbanned user {ANA}" in logged, "ANNOYING 6: /unban is logged"


async def test_a_message_from_a_chat_that_blocked_the_bot_subscribes_it_again(tmp_path, tg) -> None:
    """Telegram brings nothing from a chat that blocks the bot: a message means it was
    unblocked, so the user gets their jobs again (paused stays paused); a banned user never.
    "Is the bot working?" from someone not subscribed says so, not "I'm working"."""
    async with running(tmp_path, tg, {"mode": "open"}) as app:
        for chat in (ANA, BEN, CAT):
            await say(tg, chat, "/alert rust")
        await say(tg, BEN, "/pause 2w")
        tg.block(ANA)
        tg.push_text(ADMIN, "/broadcast Maintenance")
        await until(lambda: app.store.users.user(ANA).state == "blocked")
        await until(lambda: any(m.text == "Maintenance" for m in tg.messages_to(CAT)))
        tg.blocked.discard(ANA)
        assert "#1" in await say(tg, ANA, "/alerts"), "a look, not an act: it did not reactivate"
        assert app.store.users.user(ANA).state == "active"
        app.store.users.set_user_state(BEN, "blocked", app.clock())
        await say(tg, BEN, "/alerts")
        assert app.store.users.user(BEN).state == "paused", "their pause kept"
        await say(tg, ADMIN, f"/ban {CAT}")
        assert await say(tg, CAT, "hello") == BANNED
        assert app.store.users.user(CAT).state == "blocked", "a banned user stays out"
        await say(tg, CAT, "/start")
        assert app.store.users.user(CAT).state == "blocked"
        dan = 5005
        assert await say(tg, dan, "is the bot working?") == NOT_SUBSCRIBED[None]
        await say(tg, dan, "/start")
        app.store.users.set_user_state(dan, "stopped", app.clock())
        stopped = await say(tg, dan, "is the bot working?")
        assert stopped == NOT_SUBSCRIBED["stopped"] and WORKING not in stopped
        assert "Send /start" in stopped


async def test_a_ban_of_an_id_nobody_used_says_so_and_names_known_users(tmp_path, tg) -> None:
    """W4: `/ban 30001` (a typo for 3001) said "Banned 30001." An id never seen is banned all
    the same (they can't join then), and the reply says so with those who joined last."""
    async with running(tmp_path, tg, {"mode": "invite"}):
        invite = await say(tg, ADMIN, "/invite 2")
        code = re.search(r"start=([\w-]+)", invite).group(1)
        tg.push_text(CAT, f"/start {code}", first_name="Spammer", username="spam")
        await tg.wait_for_async(lambda sent: bool(tg.messages_to(CAT)))
        typo = await say(tg, ADMIN, "/ban 40004")
        assert typo == (
            "40004 has never used this bot; banned anyway, so they can't join. The latest to "
            f"join: {CAT} (Spammer, @spam). Mistyped? /unban 40004"
        ), typo
        assert typo != "Banned 40004."
        assert await say(tg, 40004, f"/start {code}") == BANNED
        assert (
            await say(tg, ADMIN, "/unban 40004") == "Unbanned 40004, who has never used this bot."
        )
        assert (
            await say(tg, ADMIN, "/unban 123")
            == "123 was not banned (and has never used this bot)."
        )
        banned = await say(tg, ADMIN, f"/ban {CAT}")
        assert banned == f"Banned {CAT} (Spammer, @spam): no more commands or messages for them."
        assert await say(tg, ADMIN, f"/ban {CAT}") == f"{CAT} (Spammer, @spam) was already banned."


async def test_invites_are_listed_with_who_joined_and_a_revoked_one_lets_nobody_in(
    tmp_path, tg, caplog
) -> None:
    """W5, ANNOYING 3, 4 and 6: /invite reads its expiry as /pause does and says what it took;
    the link pasted after /start, or the bare code, lets a friend in; /invites lists each live
    code with its uses left, expiry and who joined; /revoke ends one (by its first 4
    characters too); /invite and /revoke are logged."""
    caplog.set_level("INFO", logger="bot.telegram")
    clock = Clock()
    async with running(tmp_path, tg, {"mode": "invite"}, clock):
        week = await say(tg, ADMIN, "/invite 3 1w")
        assert "Invite: 3 uses, 7 days (until 2026-11-28 09:00 UTC)" in week, week
        reply = await say(tg, ADMIN, "/invite 3 2 weeks")
        assert "Invite: 3 uses, 14 days (until 2026-12-05 09:00 UTC)" in reply, reply
        assert "I don't understand" not in week + reply
        assert "10 what?" in await say(tg, ADMIN, "/invite 5 10"), "no longer 10 uses silently"
        link = re.search(r"https://t\.me/\S+\?start=([\w-]+)", reply)
        code = link.group(1)
        assert await say(tg, ANA, f"/start {link.group(0)}") == WELCOME, "the link pasted"
        assert await say(tg, BEN, code) == WELCOME, "the bare code"
        assert await say(tg, CAT, "Thankyouuuuuu") == INVITE_ONLY.format(id=CAT), "no code"
        listed = await say(tg, ADMIN, "/invites")
        assert f"<code>{code}</code>: 1 of 3 uses left, until 2026-12-05 09:00 UTC." in listed
        assert f"Joined with it: {ANA} (Ada), {BEN} (Ada)." in listed, listed
        assert "Nobody joined with it yet." in listed, "the 1w one"
        revoked = await say(tg, ADMIN, f"/revoke {code[:4]}")
        assert revoked == (
            f"Revoked <code>{code}</code>: nobody more gets in with it. {ANA} (Ada), {BEN} (Ada) "
            "joined with it and stay in: /ban &lt;user id&gt; removes one."
        ), revoked
        assert await say(tg, CAT, f"/start {code}") == BAD_CODE
        assert code not in await say(tg, ADMIN, "/invites")
        assert "No live invite starts with" in await say(tg, ADMIN, f"/revoke {code}")
        assert "/invites" in await say(tg, ADMIN, "/help") and "/revoke" in await say(
            tg, ADMIN, "/help revoke"
        )
    logged = [r.getMessage() for r in caplog.records]
    assert any(m.startswith(f"admin {ADMIN} made invite {code[:4]} (3 uses") for m in logged)
    assert f"admin {ADMIN} revoked invite {code[:4]}" in logged
    assert f"chat {CAT} tried invite {code[:4]}: not valid, expired or used up" in logged


async def test_a_refusal_tells_the_user_their_id_for_the_admin(tmp_path, tg) -> None:
    """C1: nobody could find a user id, an admin their own included: each refusal names it."""
    async with running(tmp_path, tg, {"mode": "allowlist", "allow": [ANA]}):
        refused = await say(tg, BEN, "/start")
        assert refused == NOT_ALLOWED.format(id=BEN)
        assert f"Your Telegram user id is <code>{BEN}</code>: give it to the bot's admin" in refused
        assert "/stats" not in refused
    async with running(tmp_path, tg, {"mode": "open"}):
        admin_only = await say(tg, ANA, "/invites")
        assert admin_only == (
            "Sorry, only the bot's admins can do that. Your Telegram user id is "
            f"<code>{ANA}</code> ([telegram] admins lists theirs)."
        )


def test_check_config_warns_of_an_invite_only_bot_with_no_admins(tmp_path, capsys) -> None:
    """C2: `check-config` said OK for an invite-only bot nobody could ever get into."""
    for mode, lost in (
        ("invite", "nobody can make an invite"),
        ("allowlist", "only [access] allow gets in"),
    ):
        config = write_config(
            tmp_path, "https://boards.example/acme", extra=f'[access]\nmode = "{mode}"\n'
        )
        assert main(["check-config", "--config", str(config)]) == 0
        out = capsys.readouterr().out
        assert f'warning: access.mode = "{mode}" with no telegram.admins: {lost}' in out, out
        assert "send the bot /start: its refusal says your id" in out
    admins = write_config(
        tmp_path, "https://boards.example/acme",
        extra='[telegram]\nadmins = [1001]\n[access]\nmode = "invite"\n',
    )  # fmt: skip
    assert main(["check-config", "--config", str(admins)]) == 0
    assert "telegram.admins" not in capsys.readouterr().out
