"""A text that is no command, as a job seeker writes it: the commands it most likely meant,
offered to copy and not run, on a real SQLite store (`tests/alerting.py`'s world)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.models import OutgoingMessage
from bot.store import Stores
from bot.telegram.handlers import Handlers
from bot.transport import Incoming
from tests.alerting import USER, say, world_handlers


@pytest.fixture
def handlers(store: Stores, now: datetime) -> Handlers:
    return world_handlers(store, now)


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        (
            "rust backend",
            "To get a message for each new job with these words, send <code>/alert rust "
            "backend</code>; to see the stored ones, <code>/search rust backend</code>. (Tap to "
            "copy.) /help lists every command.",
        ),
        (
            "boards.greenhouse.io/acme",
            "That's a link. <code>/follow https://boards.greenhouse.io/acme</code> follows the "
            "company's jobs (a careers page or job board); <code>/why "
            "https://boards.greenhouse.io/acme</code> says why a job did or didn't reach you.",
        ),
        (
            "boards.greenhouse.io/acme,\njobs.lever.co/beta https://acme.example/jobs?a=1&b=2",
            "Those are links. <code>/follow https://boards.greenhouse.io/acme "
            "https://jobs.lever.co/beta https://acme.example/jobs?a=1&amp;b=2</code> follows "
            "those companies' jobs (careers pages or job boards).",
        ),
        ("acme.example/jobs rust", "<code>/follow https://acme.example/jobs</code> follows"),
        (
            "https://www.linkedin.com/jobs/view/3812345",
            "That's a LinkedIn link. I don't read LinkedIn: it shows jobs only to people logged in.",
        ),
        ("c++ & <b>go</b>", "send <code>/alert c++ &amp; &lt;b&gt;go&lt;/b&gt;</code>"),
        ("hello there", "Hi! Send /alert followed by keywords to get job alerts"),
        ("Thanks!", "You're welcome! 🙂"),  # thanks or a nod alone: a word back
        ("great, thanks!", "You're welcome! 🙂"),
        ("👍", "👍"),
        ("lol", "👍"),
        ("sorry, wrong chat", "No problem."),
        ("are you a bot?", "I'm jobbot: I watch job boards"),
        ("do you have a minute", "Sure: ask away."),
        ("good morning", "Hi! Send /alert followed by keywords"),
        ("ok", "👍"),
        ("hmm", "👍"),
        ("Olá", "Send /alert followed by keywords"),  # greetings in other languages, accented
        ("Cześć", "Send /alert followed by keywords"),
        ("Grüß dich", "Send /alert followed by keywords"),
        ("Привет", "Send /alert followed by keywords"),
        ("bonjour", "Send /alert followed by keywords"),
        ("golang zürich", "send <code>/alert golang zürich</code>"),
        # German as people write it: its filler words are no words of a job
        ("Gehalt mindestens 90.000 €", "send <code>/alert salary:&gt;=EUR90k</code>"),
        ("nur Jobs mit mindestens 90k Gehalt", "send <code>/alert salary:&gt;=90k</code>"),
        (
            "Kannst du mir Scala Jobs in Berlin schicken?",
            "send <code>/alert scala location:berlin</code>",
        ),
        (
            "Ich suche Rust oder Go Jobs in Berlin, mindestens 90k",
            "send <code>/alert (rust OR go) location:berlin salary:&gt;=90k</code>",
        ),
        ("how do I add an alert", "<code>/alert &lt;query&gt;</code> — Add a keyword alert."),
        # a command asked for in words, or typed without its slash
        ("show me my alerts", "You have no alerts. Add one: <code>/alert rust backend</code>."),
        (
            "what alerts do I have?",
            "You have no alerts. Add one: <code>/alert rust backend</code>.",
        ),
        ("my alerts are not working", "<code>/alerts</code> — Your alerts, with buttons."),
        ("how do I delete an alert", "<code>/delete &lt;id&gt;</code> — Delete an alert."),
        ("can you change my alert?", "<code>/edit &lt;id&gt; &lt;query&gt;</code>"),
        ("my saved jobs", "<code>/saved [page]</code> — Jobs you saved for later."),
        ("settings", "<code>/settings</code> — How and when you get jobs."),
        ("pause for 2 weeks", "Commands start with a slash: <code>/pause for 2 weeks</code>."),
        (  # "2 weeks" is a time, not alert #2
            "pause alerts for 2 weeks",
            "Commands start with a slash: <code>/pause alerts for 2 weeks</code>.",
        ),
        ("pause alert 2 for 3 days", "Commands start with a slash: <code>/pause 2 for 3 days"),
        ("turn off alert 2", "Commands start with a slash: <code>/pause 2</code>."),
        ("switch on alert 2", "Commands start with a slash: <code>/resume 2</code>."),
        ("stop alert 2", "Commands start with a slash: <code>/pause 2</code>."),  # not /stop
        (  # how jobs come, asked in words: a digest, quiet hours
            "send me a daily digest at 9am",
            "One message with all the jobs each day: <code>/digest daily 9am</code>",
        ),
        ("only send jobs once a week", "each week: <code>/digest weekly</code> (your time"),
        ("don't send anything at night", "<code>/quiet 22:00-07:00</code> (your time"),
        ("night shift nurse jobs", "send <code>/alert night shift nurse</code>"),
        # the same asked in the languages of the boards' markets
        ("Ich suche Rust Jobs in Berlin", "send <code>/alert rust location:berlin</code>"),
        (  # "or" and "without" as those languages say them ("oder": a word, it matched nothing)
            "Hallo! Ich suche Rust Jobs in Berlin, remote oder hybrid",
            "<code>/alert rust location:berlin (remote:yes OR remote:hybrid)</code>",
        ),
        (  # "Krypto" as editing an alert in German leaves it out: postings say "crypto" too
            "Rust Jobs ohne Krypto in München",
            "<code>/alert rust -(krypto OR crypto) location:munchen</code>",
        ),
        (
            "busco trabajo de rust o go en Madrid, sin crypto",
            "(rust OR go) location:madrid -crypto",
        ),
        (
            "je cherche un poste rust ou go à Paris",
            "<code>/alert (rust OR go) location:paris</code>",
        ),
        ("busco trabajo de golang en madrid", "send <code>/alert golang location:madrid</code>"),
        ("je cherche un poste scala à paris", "send <code>/alert scala location:paris</code>"),
        # Portuguese as those: its little words, pay ("acima de", "mínimo", "80 mil"), ways of
        # working, "ou" and "sem" ("cripto" left out as postings in English write it too)
        (
            "Procuro vagas de Rust em Lisboa, híbrido, salário acima de 80.000€",
            "send <code>/alert rust location:lisboa remote:hybrid salary:&gt;=EUR80k</code>",
        ),
        (
            "rust or go, lisboa ou remoto na europa, mínimo 80 mil euros, sem cripto",
            "<code>/alert (rust OR go) (location:lisboa OR (remote:yes from:europe)) "
            "salary:&gt;=EUR80k -(cripto OR crypto)</code>",
        ),
        ("Procuro trabalho de golang em Lisboa", "send <code>/alert golang location:lisboa</code>"),
        (  # its "no" before a place is "in the"; English "no" before one leaves it out
            "vagas de estágio em Java no Porto",
            "send <code>/alert type:internship java location:porto</code>",
        ),
        ("rust jobs, no london", "send <code>/alert rust -london</code>"),
        (
            "Procuro emprego de Python, tempo integral, remoto, sem cripto nem apostas",
            "<code>/alert python -type:contract -type:part-time remote:yes -(cripto OR apostas OR crypto)</code>",
        ),
        (
            "Quero uma vaga de Go em São Paulo ou remoto no Brasil",
            "<code>/alert go (location:&quot;sao paulo&quot; OR (remote:yes from:brasil))</code>",
        ),
        (  # the same pay in Spanish and French
            "busco trabajo de rust, mínimo 80 mil euros, sin cripto",
            "send <code>/alert rust salary:&gt;=EUR80k -(cripto OR crypto)</code>",
        ),
        (
            "je cherche un poste rust à Paris, au moins 80 mille euros, sans crypto",
            "send <code>/alert rust location:paris salary:&gt;=EUR80k -crypto</code>",
        ),
        (  # pay asked, or none stated
            "Looking for Rust roles, at least 80k euros or no salary stated",
            "send <code>/alert rust (salary:&gt;=EUR80k OR salary:none)</code>",
        ),
        (
            "Looking for Rust, Go, Scala or Kotlin roles at fintechs, remote in Europe or hybrid "
            "in Lisbon, at least 80k euros or no salary stated, no crypto, web3, blockchain or "
            "gambling",
            "<code>/alert (rust OR go OR scala OR kotlin) fintech ((remote:yes from:europe) OR "
            "(remote:hybrid location:lisbon)) (salary:&gt;=EUR80k OR salary:none) -(crypto OR "
            "web3 OR blockchain OR gambling)</code>",
        ),
        (  # the techs one describes oneself by: any of them ("rust and go jobs": both)
            "I'm a senior backend engineer with 12 years of experience, mostly in Rust and Go",
            "send <code>/alert senior backend engineer years:&lt;=12 (rust OR go)</code>",
        ),
        ("rust and go jobs in berlin", "send <code>/alert rust go location:berlin</code>"),
        (  # many words and none of a job: what was read, and the role or tech asked for
            "I live in Lisbon and would like a remote role in Europe, or hybrid here in Lisbon, "
            "paying at least 80k euros.",
            "I read the way of working, the place and the pay in that, but no role or tech: what "
            "kind of job do you look for? Its words with them: <code>/alert &lt;your keywords&gt; "
            "((remote:yes from:europe) OR (remote:hybrid location:lisbon)) salary:&gt;=EUR80k"
            "</code>.\nLiving in Lisbon? <code>/timezone Lisbon</code>",
        ),
        (  # too long for one sentence: read sentence by sentence, the past and thanks left out
            "I am a senior backend engineer with 12 years of experience, mostly in Rust and Go, "
            "some Scala; I have worked at two payment companies and a bank. I live in Lisbon and "
            "would like a remote role in Europe, or hybrid here in Lisbon, paying at least 80k "
            "euros. Please no crypto, web3 or gambling companies. I am also open to staff roles. "
            "Thanks a lot!",
            "send <code>/alert senior backend engineer years:&lt;=12 (rust OR go OR scala) "
            "((remote:yes from:europe) OR (remote:hybrid location:lisbon)) salary:&gt;=EUR80k "
            "-(crypto OR web3 OR gambling)</code>",
        ),
        ("a reading list app dev", "send <code>/alert a reading list app dev</code>"),
        ("UN jobs in geneva", "send <code>/alert un location:geneva</code>"),  # the UN's
        ("too many messages", "Fewer messages: <code>/digest daily</code> sends one a day"),
        ("less is more manager", "send <code>/alert less is more manager</code>"),
        ("what companies do i follow", "You follow no company yet."),  # the list, as /following
        ("set my timezone to berlin", "Commands start with a slash: <code>/timezone berlin</code>"),
        ("how do I change my timezone", "<code>/timezone &lt;zone | city | +02:00&gt;</code>"),
        (  # asked, not said: the filters it means
            "can you find me rust jobs in berlin?",
            "send <code>/alert rust location:berlin</code>",
        ),
        ("what jobs do you have in london", "send <code>/alert location:london</code>"),
        (  # /why's own answer, asked in words: the jobs with them, to choose from
            "why didn't the rust job in berlin come?",
            "Several jobs have the words “rust berlin”; which one?",
        ),
        ("why?", "reply <code>why?</code> to its message, or send <code>/why</code> with its"),
        (  # the job's words, not the question around them
            "why didn't I get the Go Developer job at Vellum Pay?",
            "Commands start with a slash: <code>/why Go Developer Vellum Pay</code>.",
        ),
        ("mute Acme Corp", "<code>/mute Acme Corp</code>"),
        ("stop sending me jobs", "To stop the messages and keep your alerts: <code>/pause</code>"),
        ("I want to unsubscribe", "<code>/stop</code> unsubscribes you and deletes your alerts"),
        ("help", "Send /help for every command, or <code>/help alert</code>"),
        ("alert rust backend", "send <code>/alert rust backend</code>"),  # keywords after it
        ("search golang remote", "send <code>/alert golang remote:yes</code>"),
        ("data import", "send <code>/alert data import</code>"),  # keywords, not /import
        ("follow up specialist", "with these words: <code>/alert follow up specialist</code>"),
        ("follow stripe", "To follow a company's jobs: <code>/follow stripe</code>."),  # a name
        ("how do I follow a company?", "<code>/follow &lt;careers page, board URL or company"),
        ("I want jobs from Stripe", "send <code>/alert company:stripe</code>"),
        ("remote jobs from Germany", "send <code>/alert remote:yes from:germany</code>"),
        ("follow stripe.com/jobs", "Commands start with a slash: <code>/follow stripe.com/jobs"),
        ("I'd like to follow Adyen's jobs please", "slash: <code>/follow Adyen</code>."),
        (
            "can you watch stripe for me?",
            "Commands start with a slash: <code>/follow stripe</code>",
        ),
        ("watch repair technician", "send <code>/alert watch repair technician</code>"),
        ("I want to follow up on my application", "I can't follow up on an application for you"),
        ("delete all my alerts", "Commands start with a slash: <code>/delete all</code>."),
        ("I want to track my applications", "<code>/applied &lt;number&gt;</code> — Mark a"),
        (  # how jobs come at a time of day, by email; where they come from
            "can I get jobs only in the morning?",
            "every morning: <code>/digest daily 08:00</code> (your time: /timezone sets it).",
        ),
        ("send me jobs every evening", "every evening: <code>/digest daily 18:00</code>"),
        ("can I get them by email?", "I send jobs here in Telegram only. For one message a day"),
        ("which boards do you watch?", "I read the job boards this bot's admin set up and those"),
        ("how often do you check", "each every 15 minutes or so (as set for it), and send a new"),
        ("export compliance manager", "send <code>/alert export compliance manager</code>"),
        ("show me rust jobs", "each new job like that, send <code>/alert rust</code>"),
        ("any good rust jobs today?", "each new job like that, send <code>/alert rust</code>"),
        (
            "I'm looking for rust jobs in Berlin",
            "send <code>/alert rust location:berlin</code>; to see the stored ones, <code>/search "
            "rust location:berlin</code>",
        ),
        (
            "golang roles paying over 120k, remote",
            "send <code>/alert golang salary:&gt;=120k remote:yes</code>",
        ),
        (
            "remote golang jobs in Germany",
            "send <code>/alert remote:yes golang from:germany</code>",  # open to Germany
        ),
        ("remote rust jobs eu", "send <code>/alert remote:yes rust from:eu</code>"),
        ("rust jobs at monzo", "send <code>/alert rust company:monzo</code>"),
        ("contract rust jobs in london", "send <code>/alert type:contract rust location:london"),
        (
            "golang jobs remote from europe",
            "send <code>/alert golang remote:yes from:europe</code>",
        ),
        ("rust jobs in the netherlands", "send <code>/alert rust location:netherlands</code>"),
        ("jobs in the us", "send <code>/alert location:us</code>"),
        (
            "golang roles in berlin or munich",  # OR grouped as meant: places either side
            "send <code>/alert golang location:(berlin OR munich)</code>",
        ),
        (
            "remote rust jobs in germany or austria",
            "send <code>/alert remote:yes rust from:(germany OR austria)</code>",
        ),
        ("python jobs around london", "send <code>/alert python near:london</code>"),
        (
            "golang jobs within 25km of berlin",
            "send <code>/alert golang near:&quot;berlin 25km&quot;</code>",
        ),
        ("thanks for the jobs", "Send /alert followed by keywords"),
        ("I need a job", "Send /alert followed by keywords"),
        # an alert's id in words: the command with it
        ("remove alert 1", "Commands start with a slash: <code>/delete 1</code>."),
        ("delete alerts 1 and 2", "<code>/delete 1 2</code>"),
        ("change alert 1 to go remote", "<code>/edit 1 go remote</code>"),
        ("edit alert #2: rust -crypto", "<code>/edit 2 rust -crypto</code>"),
        ("can you pause alert 3 please", "<code>/pause 3</code>"),
        ("digest alert 2 daily", "<code>/digest 2 daily</code>"),
        # hired: congratulations, and how to keep or end the alerts
        ("I got a job!", "Congratulations! 🎉 <code>/pause</code> keeps your alerts"),
        ("just got hired", "Congratulations!"),
        ("I've landed a new role at Stripe", "Congratulations!"),
        ("I found a job I like but it didn't come", "Send /alert followed by keywords"),
        # an alert asked for in words: what it is for
        (
            "create an alert for rust jobs in berlin",
            "send <code>/alert rust location:berlin</code>",
        ),
        ("alert me about rust jobs in Berlin", "send <code>/alert rust location:berlin</code>"),
        ("notify me when there are new scala jobs", "send <code>/alert scala</code>"),
        ("let me know when Stripe posts a rust job", "<code>/alert rust company:stripe</code>"),
        ("I want an alert for kotlin jobs", "send <code>/alert kotlin</code>"),
        ("new alert: rust", "send <code>/alert rust</code>"),
        ("alert me", "Send /alert with the words a job should have, e.g. <code>/alert rust"),
        ("create an alert", "or tell me what you look for (“remote go jobs in Germany”)."),
        ("I got the job!", "Congratulations!"),  # news, not a question for jobs
        ("what can you do?", "I watch job boards and send you a message for each new job"),
        ("I'm looking for a job", "or tell me what you look for as you would say it"),
        ("which companies do you track?", "I read the job boards this bot's admin set up"),
        ("give me the top 5 rust jobs", "send <code>/alert rust</code>"),
        ("rust not", "send <code>/alert rust</code>"),  # offered mended, as it parses
        (  # an either-or of two kinds of job, as one list
            "Go or Rust jobs, or anything backend in Berlin",
            "send <code>/alert (go OR rust OR backend) location:berlin</code>",
        ),
        ("rust jobs, or go", "send <code>/alert rust OR go</code>"),
        ("(rust OR go", "send <code>/alert (rust OR go)</code>"),
        ("not web3", "Send /alert followed by keywords"),  # nothing to look for
        (
            "senior rust engineer, remote, six figure salary",
            "rust engineer remote:yes salary:&gt;=100k",
        ),
        ("rust or go, remote, europe, 6 figures", "from:europe salary:&gt;=100k</code>"),
        (
            "rust jobs at series A startups in Berlin",
            "send <code>/alert rust location:berlin</code>",
        ),
        ("Rust, Go, Scala", "send <code>/alert rust OR go OR scala</code>"),  # a list: any
        ("rust, go, and scala", "send <code>/alert rust OR go OR scala</code>"),
        ("is Monzo hiring?", "send <code>/alert company:monzo</code>"),
        (
            "are Goldman Sachs still hiring?",
            "<code>/alert company:&quot;goldman sachs&quot;</code>",
        ),
        ("does Adyen have any rust openings?", "send <code>/alert rust company:adyen</code>"),
        ("is anyone hiring scala devs", "send <code>/alert scala developer</code>"),
        ("when do you check for new jobs?", "I read the job boards this bot's admin set up"),
        ("I got hired", "Congratulations!"),
        ("hired rust engineer", "send <code>/alert hired rust engineer</code>"),
        ("I got an interview at Vellum Pay!", "Good luck! 🤞 /saved keeps jobs"),
        ("I have a technical interview at Stripe tomorrow", "Good luck!"),
        ("interview prep jobs", "send <code>/alert interview prep</code>"),
        ("how many jobs did I get this week?", "/alerts shows how many jobs each of your"),
        ("how many rust jobs are there in Berlin?", "<code>/search rust location:berlin</code>"),
        ("rust hiring", "send <code>/alert rust hiring</code>"),
        ("one two three four five six seven", "Send /alert followed by keywords"),
        (  # a sentence long as people write it, a list of techs, a kind of company
            "I'm a senior backend engineer looking for rust, go or scala roles at fintech "
            "companies, remote in Europe, 120k+",
            "send <code>/alert senior backend engineer (rust OR go OR scala) fintech remote:yes "
            "from:europe salary:&gt;=120k</code>",
        ),
        ("rust jobs at fintech startups", "send <code>/alert rust fintech</code>"),
        (
            "Looking for Staff/Principal backend roles in Go, remote US, 200k+",
            "send <code>/alert (staff OR principal) backend go remote:yes from:us "
            "salary:&gt;=200k</code>",  # a slash between words: either
        ),
        (  # names a command's word ("timezone") but asks for jobs
            "I want backend jobs with rust or go, fully remote, EU timezone",
            "send <code>/alert backend (rust OR go) remote:yes from:eu</code>",
        ),
        ("show me jobs at stripe, adyen or wise", "<code>/alert company:(stripe OR adyen OR wise)"),
        ("rust jobs in berlin, munich or hamburg", "rust location:(berlin OR munich OR hamburg)"),
        (  # a greeting first, and a workplace that is welcome, not asked
            "Hi! I'm looking for a Go backend role in Munich, hybrid is ok",
            "Hi! To get a message for each new job like that, send <code>/alert go backend "
            "location:munich</code>",
        ),
        (
            "python contract remote uk £500/day",
            "type:contract remote:yes from:uk salary:&gt;=GBP500/day",
        ),
        ("react dev paid 45 an hour", "<code>/alert react dev salary:&gt;=45/hour</code>"),
        ("hi there", "Hi! Send /alert followed by keywords"),
        ("I'd like go roles", "send <code>/alert go</code>"),
        ("I'm after rust jobs in Berlin", "send <code>/alert rust location:berlin</code>"),
        ("python jobs but not django", "send <code>/alert python -django</code>"),
        ("I'm interested in scala positions in london", "<code>/alert scala location:london"),
        ("rust jobs in berlin or in munich", "<code>/alert rust location:(berlin OR munich)"),
        (  # a place or remote: remote jobs of anywhere too, not the words
            "rust jobs in berlin or remote",
            "<code>/alert rust (location:berlin OR (remote:yes from:berlin))</code>",
        ),  # open to Berlin: not a remote job of the US only
        ("rust jobs in berlin, remote possible", "rust (location:berlin OR (remote:yes from:"),
        (
            "go jobs within 30 km of munich, remote is fine",
            "<code>/alert go (near:&quot;munich 30km&quot; OR (remote:yes from:munich))",
        ),
        (
            "remote or hybrid python jobs in london",
            "<code>/alert (remote:yes OR remote:hybrid) python location:london</code>",
        ),
        (  # a place, or remote work open to a region named after it
            "backend roles in Amsterdam or remote within Europe",
            "<code>/alert backend (location:amsterdam OR (remote:yes from:europe))</code>",
        ),
        ("go jobs in london or remote (uk)", "go (location:london OR (remote:yes from:uk))"),
        ("python in berlin or remote reading", "(remote:yes from:berlin)) reading</code>"),
        (  # remote work open to either country
            "remote germany or austria, rust",
            "<code>/alert remote:yes from:(germany OR austria) rust</code>",
        ),
        (  # remote open to the region, or a job in the town after it
            "remote EU or Berlin, golang",
            "<code>/alert (location:berlin OR (remote:yes from:eu)) golang</code>",
        ),
        ("remote in berlin or munich", "<code>/alert remote:yes from:(berlin OR munich)</code>"),
        (  # "us" after remote is the US, though the word is no place's name alone
            "principal engineer, remote, us or canada",
            "<code>/alert principal engineer remote:yes from:(us OR canada)</code>",
        ),
        (  # a list of places with no "in" before it
            "kotlin or java backend, berlin, hamburg or munich, 80-100k",
            "(kotlin OR java) backend location:(berlin OR hamburg OR munich) salary:&gt;=80k",
        ),
        ("rust, berlin or munich", "<code>/alert rust location:(berlin OR munich)</code>"),
        (  # a time zone to work in: from: its region, not location:
            "senior rust devs in the CET timezone",
            "<code>/alert senior rust developer from:cet</code>",
        ),
        (  # a region's or a zone's hours: from: it, not the words
            "rust jobs in berlin, EU timezone",
            "<code>/alert rust location:berlin from:eu</code>",
        ),
        ("remote golang jobs in european timezones", "<code>/alert remote:yes golang from:europe"),
        ("go developer remote, overlap with CET", "<code>/alert go developer remote:yes from:cet<"),
        ("rust remote, overlap with US hours", "<code>/alert rust remote:yes from:us</code>"),
        ("go jobs remote within EU time zone", "<code>/alert go remote:yes from:eu</code>"),
        ("remote rust within CET +/- 2", "<code>/alert remote:yes rust from:cet</code>"),
        ("python jobs in EST", "<code>/alert python from:est</code>"),
        (  # hyphenated words said as one: the level, remote, the zone
            "looking for staff-level golang positions, remote-first companies, US only",
            "<code>/alert staff golang remote:yes from:us</code>",
        ),
        ("SRE roles, remote within CET±2", "<code>/alert sre remote:yes from:cet</code>"),
        ("senior-level rust, remote-only", "<code>/alert senior rust remote:yes</code>"),
        (  # a place as a part of its own between commas, with its capital: a place to work
            "Data engineer, spark/scala, Zurich, 150k CHF",
            "<code>/alert data engineer (spark OR scala) location:zurich salary:&gt;=CHF150k</code>",
        ),
        ("frontend react jobs, Toronto, hybrid", "frontend react location:toronto remote:hybrid<"),
        (  # a place of two words in an either-or: quoted, not "(singapore OR hong) kong"
            "fintech jobs in Singapore or Hong Kong",
            "<code>/alert fintech location:(singapore OR &quot;hong kong&quot;)</code>",
        ),
        (
            "rust jobs in Hong Kong or remote",
            "rust (location:&quot;hong kong&quot; OR (remote:yes from:&quot;hong kong&quot;))",
        ),
        ("elixir jobs anywhere", "<code>/alert elixir</code>"),  # no place asked
        (  # the word that says pay before an amount, and after it that it is a floor
            "Go developer, Amsterdam or remote, salary at least €90,000",
            "go developer (location:amsterdam OR (remote:yes from:amsterdam)) salary:&gt;=EUR90k<",
        ),
        (
            "Scala or Rust backend roles in London, 120k GBP minimum",
            "<code>/alert (scala OR rust) backend location:london salary:&gt;=GBP120k</code>",
        ),
        (  # a zone's hours after it, "gigs" a word for jobs
            "contract rust gigs, remote (CET ±3h)",
            "<code>/alert type:contract rust remote:yes from:cet</code>",
        ),
        (
            "Backend (Go) · Berlin · 100k+",
            "<code>/alert backend go location:berlin salary:&gt;=100k<",
        ),
        (  # "remote US": the US as a region, "us" alone being a word
            "senior golang dev in NYC or remote US",
            "<code>/alert senior golang dev (location:nyc OR (remote:yes from:us))</code>",
        ),
        (  # with no "in" before the list, and where one is said first
            "I'm a data engineer in Berlin, spark/scala, Berlin, Munich, or remote",
            "data engineer (spark OR scala) (location:(berlin OR munich) OR (remote:yes "
            "from:(berlin OR munich)))</code>",
        ),
        (  # places, then remote, closing a list
            "rust jobs in Berlin, Munich, or remote",
            "rust (location:(berlin OR munich) OR (remote:yes from:(berlin OR munich)))</code>",
        ),
        (  # where one is, then where one would work: the either-or only
            "I'm a backend engineer in Berlin looking for Go roles, remote in the EU or Berlin",
            "<code>/alert backend engineer go (location:berlin OR (remote:yes from:eu))</code>",
        ),
        (  # "want to work on": no words of the job
            "I want to work on trading systems in C++ in Chicago",
            "<code>/alert trading systems c++ location:chicago</code>",
        ),
        ("looking for a rust job at a crypto-free fintech", "<code>/alert rust -crypto fintech<"),
        ("rust jobs on site in berlin", "<code>/alert rust remote:no location:berlin</code>"),
        ("jobs on site reliability", "<code>/alert site reliability</code>"),  # SRE
        (  # a workplace then a place: there; a place or remote with no "in" before it
            "SRE or platform roles with kubernetes, hybrid Amsterdam",
            "<code>/alert (sre OR platform) kubernetes remote:hybrid location:amsterdam</code>",
        ),
        (
            "tech lead positions, fintech, Berlin or remote Germany",
            "tech lead fintech (location:berlin OR (remote:yes from:germany))</code>",
        ),
        (  # "a new job", "as a", "anywhere in": no words of the alert
            "looking for a new job as a scala developer in berlin",
            "<code>/alert scala developer location:berlin</code>",
        ),
        (
            "a remote rust role anywhere in europe",
            "<code>/alert remote:yes rust from:europe</code>",
        ),
        ("new grad jobs", "<code>/alert new grad</code>"),
        (  # "can you", "ideally", "that pay over": no words of the alert
            "can you find me data engineering jobs with spark in Berlin, ideally remote",
            "<code>/alert data engineering spark (location:berlin OR (remote:yes from:berlin))",
        ),
        ("rust jobs, preferably hybrid", "send <code>/alert rust</code>"),  # welcome, not asked
        (
            "lead backend engineer jobs that pay over $200k in the US",
            "<code>/alert lead backend engineer salary:&gt;=USD200k location:us</code>",
        ),
        (  # what to leave out, listed: either is left out
            "rust jobs excluding crypto and gambling",
            "<code>/alert rust -(crypto OR gambling)</code>",
        ),
        ("looking for a go job, nothing in crypto please", "<code>/alert go -crypto</code>"),
        (  # two ORs, each of the words beside it, and a part of several words between them
            "I'm a backend engineer looking for Go or Rust jobs in Berlin or remote, no crypto",
            "<code>/alert backend engineer (go OR rust) (location:berlin OR (remote:yes "
            "from:berlin)) -crypto</code>",
        ),
        (
            "python or django developer job in london or manchester, contract or freelance",
            "<code>/alert (python OR django) developer location:(london OR manchester) "
            "type:contract</code>",
        ),
        (
            "scala or kotlin roles, senior or staff, remote or hybrid",
            "<code>/alert (scala OR kotlin) (senior OR staff) (remote:yes OR remote:hybrid)",
        ),
        (  # pay wished for with no amount: no words of the job, and the floor asked for
            "rust jobs that pay well",
            "<code>/alert rust</code>; to see the stored ones, <code>/search rust</code>. (Tap to "
            "copy.) /help lists every command. For good pay, name the least you want: "
            "<code>salary:&gt;=100k</code>",
        ),
        ("well-paid golang roles in Berlin", "send <code>/alert golang location:berlin</code>"),
        (  # a currency named in words, and "a year" after the amount: the filter's
            "Scala or Kotlin roles in Europe, at least 90k euros a year",
            "<code>/alert (scala OR kotlin) location:europe salary:&gt;=EUR90k</code>",
        ),
        ("rust jobs paying over 120k dollars", "<code>/alert rust salary:&gt;=USD120k</code>"),
        ("go roles in London, 80k pounds p.a.", "go location:london salary:&gt;=GBP80k</code>"),
        ("rust jobs 90k/year", "<code>/alert rust salary:&gt;=90k</code>"),  # not 90k OR year
        ("rust jobs 70-90k euros per annum", "<code>/alert rust salary:&gt;=EUR70k</code>"),
        ("rust jobs, 90k euros a year at least", "<code>/alert rust salary:&gt;=EUR90k</code>"),
        ("rust jobs 100k or more", "<code>/alert rust salary:&gt;=100k</code>"),  # not an OR
        ("go jobs, 150k dollars or more", "<code>/alert go salary:&gt;=USD150k</code>"),
        ("python jobs 100k and up in berlin", "python salary:&gt;=100k location:berlin</code>"),
        ("scala roles, nothing to do with gambling", "<code>/alert scala -gambling</code>"),
        ("rust jobs, avoiding crypto or web3", "<code>/alert rust -(crypto OR web3)</code>"),
        (  # a kind of employer in the plural: its trade, not a company's name
            "Senior Scala engineer roles at fintechs in London",
            "<code>/alert senior scala engineer fintech location:london</code>",
        ),
        ("python jobs in london or hybrid", "<code>/alert python (london OR hybrid)"),  # of where?
        (  # a list after "in" is of places: "Berlin, rust or go" is a place, then either tech
            "hybrid in Berlin, rust or go",
            "<code>/alert remote:hybrid location:berlin (rust OR go)</code>",
        ),
        ("anything rust in the netherlands or belgium", "rust location:(netherlands OR belgium)"),
        # a state's code after its city or "in": the state's name, which finds either
        ("golang jobs in TX", "send <code>/alert golang location:texas</code>"),
        ("rust jobs in NY", "send <code>/alert rust location:&quot;new york&quot;</code>"),
        ("python jobs in Austin, TX", "<code>/alert python location:austin location:texas</code>"),
        (  # a code that is also a word, or a city and state that do not go together: as typed
            "rust jobs in Berlin OR Munich",
            "<code>/alert rust location:(berlin OR munich)</code>",
        ),
        ("backend roles in Toronto, ON, hybrid", "location:toronto location:ontario remote:hybrid"),
        (  # a country's code, after "in", "remote" or a city, or listed: its name
            "rust jobs in DE, NL or CH",
            "<code>/alert rust location:(germany OR netherlands OR switzerland)</code>",
        ),
        ("python jobs remote NL", "<code>/alert python remote:yes from:netherlands</code>"),
        ("golang jobs in Berlin, DE", "<code>/alert golang location:berlin location:germany<"),
        ("rust jobs in US or remote", "<code>/alert rust (location:us OR (remote:yes from:us))<"),
        ("jobs in IT", "Send /alert followed by keywords"),  # IT, not Italy
        ("you got this", "Send /alert followed by keywords"),  # no jobs asked for
        (  # remote: open to each place named, the US too
            "remote go jobs in Austin, TX",
            "<code>/alert remote:yes go from:austin from:texas</code>",
        ),
        ("remote rust jobs in the US", "<code>/alert remote:yes rust from:us</code>"),
        (  # what a job states, asked in words: the filter that finds it
            "rust jobs with visa sponsorship in the Netherlands",
            "<code>/alert rust visa:yes location:netherlands</code>",
        ),
        ("golang jobs in Germany that sponsor visas", "golang location:germany visa:yes</code>"),
        ("python jobs, no visa sponsorship needed", "send <code>/alert python</code>"),
        ("I don't need sponsorship, rust jobs", "send <code>/alert rust</code>"),
        ("data science in Amsterdam, English speaking", "science location:amsterdam lang:en<"),
        ("English-speaking backend jobs in Munich", "<code>/alert lang:en backend location:munich"),
        ("English teacher jobs in Madrid", "<code>/alert english teacher location:madrid</code>"),
        ("SWE internships in NYC", "<code>/alert swe type:internship location:nyc</code>"),
        # kinds of job, pay to be stated, places "within"
        ("full time rust jobs only", "<code>/alert -type:contract -type:part-time rust</code>"),
        ("part time go jobs", "<code>/alert type:part-time go</code>"),
        ("rust jobs, no contract roles", "<code>/alert rust -type:contract</code>"),
        ("rust jobs, permanent only", "<code>/alert rust -type:contract</code>"),
        ("contract manager jobs", "<code>/alert contract manager</code>"),
        ("smart contract engineer", "<code>/alert smart contract engineer</code>"),
        ("rust jobs that list the salary", "<code>/alert rust salary:stated</code>"),
        ("go jobs with salary transparency", "<code>/alert go salary:stated</code>"),
        ("rust jobs with a posted salary range", "<code>/alert rust salary:stated</code>"),
        ("rust jobs, remote within Europe", "<code>/alert rust remote:yes from:europe</code>"),
        ("scala roles across Germany", "<code>/alert scala location:germany</code>"),
        (  # a role in the plural as a title names it; "hiring", "wanted" no words of the job
            "companies hiring rust developers in london",
            "<code>/alert rust developer location:london</code>",
        ),
        ("rust devs wanted in berlin", "<code>/alert rust developer location:berlin</code>"),
        (  # remote said many ways
            "Any Elixir positions in Europe that allow full remote?",
            "<code>/alert elixir from:europe remote:yes</code>",
        ),
        ("100% remote rust jobs", "<code>/alert remote:yes rust</code>"),
        ("rust jobs from home", "<code>/alert rust remote:yes</code>"),  # not company:home
        (  # where one is from: there, or remote from there; "open to remote": remote welcome
            "Rust engineer from Berlin, open to remote",
            "<code>/alert rust engineer (location:berlin OR (remote:yes from:berlin))</code>",
        ),
        (
            "a go developer from Lisbon looking for remote roles",
            "go developer from:lisbon remote:yes<",
        ),
        ("remote-first companies hiring golang engineers", "/alert remote:yes golang engineer<"),
        ("who is hiring scala engineers?", "<code>/alert scala engineer</code>"),
        (
            "contract or freelance go work, remote",
            "<code>/alert type:contract go remote:yes</code>",
        ),
        ("contract or full-time python jobs", "(type:contract OR type:full-time) python</code>"),
        ("social work jobs", "<code>/alert social work</code>"),  # "work" kept: what work
        ("hello, how do I delete an alert", "<code>/delete &lt;id&gt;</code> — Delete an alert."),
        ("delete my data", "<code>/stop</code> deletes all the bot keeps of you"),  # not /delete
        ("remove my account", "<code>/stop</code> deletes all the bot keeps of you"),
        ("delete my alerts", "<code>/delete all</code>"),  # (it asks first)
        ("I'm on holiday until the 4th", "<code>/pause until the 4th</code> stops the messages"),
        ("going on vacation for 2 weeks", "<code>/pause for 2 weeks</code> stops the messages"),
        ("I'm taking a break from job hunting", "<code>/pause 2w</code> stops the messages"),
        ("back from holiday", "Welcome back! <code>/resume</code> turns your notifications on"),
        ("why did I get this job", "reply <code>why?</code> to its message"),  # not /why did …
        ("why https://example.com/jobs/1", "🔍 <b>Senior Rust Engineer</b> — Acme Pay"),  # /why's
        (
            "python jobs in berlin, only English or German postings please",
            "<code>/alert python location:berlin (lang:en OR lang:de)</code>",
        ),
        (
            "I'm moving to Amsterdam next month",
            "<code>/alert &lt;your keywords&gt; location:amsterdam</code>",
        ),
        ("what does remote:yes mean", "<code>/help alert</code> shows how to write an alert"),
        ("how do I use OR", "<code>/help alert</code> shows how to write an alert"),
        ("are there any staff roles?", "<code>/alert staff</code>"),
        ("applied scientist jobs", "<code>/alert applied scientist</code>"),  # not /applied
        ("unsave the rust job", "/saved lists them by number"),
        ("I applied to the Vellum Pay job", "Press <b>☆ Save (then /applied"),
        ("more jobs like the last one", "Reply “more like this” to a job's message"),
        ("this job is closed", "When its board closes a job, I see that at its next read"),
        ("the link doesn't work", "When its board closes a job, I see that at its next read"),
        ("it says remote but it's hybrid", "as its board states them, which can be loose"),
        ("you sent it twice", "a job should reach you once, however many boards list it"),
        ("what's my timezone?", "/settings shows your time zone, digest, quiet hours"),
        ("show me remote scala jobs from this week", "<code>/alert remote:yes scala</code>"),
        ("show me the top paying jobs", "For good pay, name the least you want"),
        ("how fast do you send jobs?", "send a new job as soon as it is read"),
        ("do you support LinkedIn?", "I don't read LinkedIn, Indeed, Glassdoor and the like"),
        ("thanks, this is great!", "You're welcome! 🙂"),
        ("I'm a junior developer", "<code>/alert junior developer</code>"),
        ("I'm a bit confused", "Send /alert followed by keywords"),  # no role: no alert
        ("how many rust jobs are there?", "<code>/search rust</code>"),
        ("jobs @ stripe", "<code>/alert company:stripe</code>"),
        ("rust; go; scala", "<code>/alert rust OR go OR scala</code>"),
        ("de.indeed.com/jobs?q=rust", "That's an Indeed link. I don't read Indeed"),
        ("menu", "Send /help for every command"),
        (
            "I want to watch Monzo, Revolut and Wise for rust roles",
            "<code>/follow Monzo, Revolut, Wise</code> reads their job boards; then <code>/alert "
            "rust company:(monzo OR revolut OR wise)</code> sends each of those jobs there.",
        ),
        (
            "I want to follow Monzo for remote go jobs in Europe",
            "<code>/follow Monzo</code> reads its job board; then <code>/alert remote:yes go "
            "from:europe company:monzo</code>",
        ),
        ("can you watch Adyen for me?", "<code>/follow Adyen</code>."),
        ("rust or go or scala at fintechs", "<code>/alert (rust OR go OR scala) fintech</code>"),
        ("any new rust roles at Wise?", "<code>/alert rust company:wise</code>"),
        # left out whole, not "-working student" (which asks for students)
        ("data engineer, no working student roles", "/alert data engineer -&quot;working student"),
        (
            "data engineer jobs, no consulting, no working student or intern roles",
            "/alert data engineer -consulting -(&quot;working student&quot; OR intern)</code>",
        ),
        (  # was the generic reply: the text grew past 200 characters as it was read
            "Looking for data engineering roles with Python or Scala, Spark/Kafka/dbt, hybrid "
            "Berlin or remote Germany, min 75k EUR, no consulting, no working student or intern "
            "roles",
            "<code>/alert data engineering (python OR scala) (spark OR kafka OR dbt) ((remote:yes "
            "from:germany) OR (remote:hybrid location:berlin)) salary:&gt;=EUR75k -consulting "
            "-(&quot;working student&quot; OR intern)</code>",
        ),
        ("don't message me between 10pm and 8am", "<code>/quiet 22:00-08:00</code>"),
        ("no messages between 22 and 8 please", "<code>/quiet 22:00-08:00</code>"),
        ("weekly summary for alert 2 please", "<code>/digest 2 weekly</code>"),  # not all
        ("send alert 2 once a week", "<code>/digest 2 weekly</code>"),
        ("weekly digest sunday 8pm", "<code>/digest weekly sun 8pm</code> (your time: /timezone"),
        ("weekly digest for alert 1 on sundays", "<code>/digest 1 weekly sun</code>"),  # the day
        ("weekly digest on sundays at 8pm", "<code>/digest weekly sun 8pm</code>"),
        (
            "instant for alert 2",
            "alert #2's jobs as it arrives, even in a digest: <code>/digest 2 off",
        ),
        ("send alert 2 instantly", "<code>/digest 2 off</code>."),
        ("alert 2 instant pls", "<code>/digest 2 off</code>."),
        ("pause alert 2 immediately", "Commands start with a slash: <code>/pause 2</code>."),
        (  # the list as /follow takes it: "Revolut and Canva" in a list is one name to it
            "I want to follow Stripe, Wise, Monzo, Revolut and Canva",
            "slash: <code>/follow Stripe, Wise, Monzo, Revolut, Canva</code>.",
        ),
        (  # no commas, more words than a name: a name each
            "i want to follow stripe wise monzo grab revolut and canva",
            "<code>/follow stripe, wise, monzo, grab, revolut, canva</code>",
        ),
        (  # was "/alert follow Zalando and N26" too: "follow" is the request
            "follow Zalando and N26",
            "To follow each company's jobs: <code>/follow Zalando and N26</code>.",
        ),
        (  # was "send /alert jobs without consulting": what to leave out alone, no role
            "jobs without consulting",
            "I read what to leave out in that, but no role or tech: what kind of job do you look "
            "for? Its words with them: <code>/alert &lt;your keywords&gt; -consulting</code>.",
        ),
        (
            "Hi! I'm looking for jobs, no crypto or web3 please",
            "Hi! I read what to leave out in that, but no role or tech",
        ),
        # Wei, an SRE in Singapore, on a phone; each row names what it offered before
        (  # was "… open from:singapore least sgd salary:>=180k"
            "remote SRE jobs open to singapore paying at least SGD 180k",
            "<code>/alert remote:yes sre from:singapore salary:&gt;=SGD180k</code>",
        ),
        ("remote sre, open to APAC", "<code>/alert remote:yes sre from:apac</code>"),  # "open"
        (  # was "location:london location:(amsterdam OR berlin)": no job is in both
            "im looking for sre jobs in london amsterdam or berlin with visa sponsorship",
            "<code>/alert sre location:(london OR amsterdam OR berlin) visa:yes</code>",
        ),
        (  # was "/alert relocation london location:(amsterdam OR berlin) visa"
            "relocation to london amsterdam or berlin with visa",
            "<code>/alert visa:yes location:(london OR amsterdam OR berlin)</code>",
        ),
        (  # was "sre platform … sgt friendly": AND, and the words "sgt" and "friendly"
            "sre / platform roles, kubernetes terraform go, remote but SGT friendly",
            "<code>/alert (sre OR platform) kubernetes terraform go remote:yes "
            "from:singapore</code>",
        ),
        ("remote sre apac friendly", "<code>/alert remote:yes sre from:apac</code>"),
        ("remote sre EU-friendly", "<code>/alert remote:yes sre from:eu</code>"),
        ("remote sre CET friendly", "<code>/alert remote:yes sre from:cet</code>"),
        (  # was "/alert sre w visa:yes …": "w" a word every job must have
            "sre jobs w visa sponsorship in london/amsterdam/berlin",
            "<code>/alert sre visa:yes location:(london OR amsterdam OR berlin)</code>",
        ),
        ("sre jobs w/ visa sponsorship", "<code>/alert sre visa:yes</code>"),
        ("sre jobs, min salary 90k gbp", "<code>/alert sre salary:&gt;=GBP90k</code>"),  # "min"
        (  # was "salary:>=180k (sgd OR 90k) gbp"
            "sre jobs, salary 180k SGD or 90k GBP",
            "<code>/alert sre (salary:&gt;=SGD180k OR salary:&gt;=GBP90k)</code>",
        ),
        ("sre jobs, need visa sponsorhip", "<code>/alert sre visa:yes</code>"),  # mistyped
        (  # was "-(consulting OR without) crypto": crypto asked for
            "python jobs without consulting and without crypto",
            "<code>/alert python -consulting -crypto</code>",
        ),
        ("python jobs no consulting and no crypto", "<code>/alert python -consulting -crypto"),
        ("python jobs no consulting or crypto", "<code>/alert python -(consulting OR crypto)"),
        (
            "python jobs without consulting or crypto",
            "<code>/alert python -(consulting OR crypto)</code>",
        ),
        (  # a range said is the floor: a better-paid job is welcome
            "Senior Product Designer, $150K–$190K, NYC or remote",
            "<code>/alert senior product designer salary:&gt;=USD150k (location:nyc",
        ),
        ("Senior Product Designer, $150K–$190K", "the lower end is the least pay asked"),
        (  # full-time: the other kinds left out, which keeps the jobs of no stated type
            "product designer jobs, full-time only",
            "<code>/alert product designer -type:contract -type:part-time</code>",
        ),
        (  # contract as the jobs marked so; agencies as "no agencies" alone leaves them out
            "I want senior product designer jobs, no agencies or contract work",
            "<code>/alert senior product designer -(agency OR agencies OR &quot;our client&quot; "
            "OR &quot;my client&quot; OR &quot;recruitment agency&quot;) -type:contract</code>",
        ),
        (
            "I'm looking for senior product designer roles, hybrid in New York or remote in "
            "the US, paying at least $150k. Full-time only, no agencies or contract work.",
            "<code>/alert senior product designer ((remote:yes from:us) OR (remote:hybrid "
            "location:&quot;new york&quot;)) salary:&gt;=USD150k -type:contract "
            "-type:part-time -(agency OR agencies)</code>",  # (all of it: too long)
        ),
        ("hide recruiter posts", "add <code>-(recruiter OR recruiters OR &quot;our client&quot;"),
        (
            "how do I only get jobs from Figma, Notion and Stripe?",
            "<code>/follow Figma, Notion, Stripe</code> follows each company's board: every "
            "new job there comes. To keep an alert to them: <code>company:(figma OR notion "
            "OR stripe)</code>",
        ),
        ("what's open at Figma right now?", "<code>/search company:figma</code>"),
        (  # a complaint: where to see why, not an alert of -getting
            "I'm not getting the hybrid NYC jobs",
            "each one's 🔎 shows what holds it back. For a job you expected, send "
            "<code>/why</code> with its link",
        ),
        ("I'm not getting the hybrid NYC jobs", "<code>/search remote:hybrid location:nyc</code>"),
    ],
)
async def test_a_text_that_is_not_a_command_gets_the_commands_it_likely_meant(
    handlers, store, text: str, reply: str
) -> None:
    assert reply in await say(handlers, text)
    assert store.alerts.alerts(USER) == [], "nothing is done until the command is sent"


async def test_where_one_lives_offers_its_clock_and_where_one_moves_is_the_place(handlers) -> None:
    """ "I live in New York" (based, located, moving to): the /timezone that puts digests and
    quiet hours on its clock, and the jobs there; a place with no zone gets no /timezone."""
    assert await say(handlers, "I live in New York") == (
        "Living in New York? <code>/timezone New York</code> puts your digests and quiet hours "
        "on its clock. For the jobs there, an alert of your words and the place: <code>/alert "
        "&lt;your keywords&gt; location:&quot;new york&quot;</code>."
    ), "no kind of job said: the place is where one lives, an alert of it alone is no help"
    moving = await say(handlers, "rust jobs, I'm moving to Lisbon")
    assert "<code>/alert rust location:lisbon</code>" in moving, moving
    assert "<code>/timezone Lisbon</code>" in moving, moving
    based = await say(handlers, "Hi! I'm based in Berlin and want rust jobs")
    assert based.startswith("Hi! ") and "<code>/alert location:berlin rust</code>" in based
    assert "<code>/timezone Berlin</code>" in based, based
    persona = await say(
        handlers,
        "Hi! Senior backend engineer here, I live in Berlin. Looking for Go/Rust roles at "
        "fintechs, remote within EU timezones or Berlin, 100k+ EUR",
    )  # where they live says less than where they would work: not location:berlin as well
    assert (
        "<code>/alert senior backend engineer (go OR rust) fintech (location:berlin OR "
        "(remote:yes from:eu)) salary:&gt;=EUR100k</code>" in persona
    ), persona
    assert "<code>/timezone Berlin</code>" in persona, persona
    remote = await say(handlers, "I live in Berlin, looking for remote rust jobs")
    assert "<code>/alert from:berlin remote:yes rust</code>" in remote, "open to where one lives"
    assert "/timezone" not in await say(handlers, "rust jobs, I live in Narnia")
    assert "/timezone" not in await say(handlers, "cloud based rust jobs in berlin")


async def test_a_lower_case_word_between_commas_is_no_place(handlers) -> None:
    """ "mobile" is a word of the job (Mobile, Alabama is written with its capital)."""
    reply = await say(handlers, "ios developer jobs, mobile, swift")
    assert "<code>/alert ios developer mobile swift</code>" in reply, reply


async def test_us_after_with_is_no_region_even_before_hours(handlers) -> None:
    """ "work with us hours": the pronoun, not the US's hours (from:us)."""
    reply = await say(handlers, "rust jobs in berlin, work with us hours flexible")
    assert "<code>/alert rust location:berlin" in reply and "from:us" not in reply, reply


async def test_asking_for_jobs_without_saying_which_offers_each_alerts_search(handlers) -> None:
    """ "any new jobs?" offered "/alert new"; now the /search of each alert, or with none how
    to say what to look for. Keywords still get their /alert ("rust jobs", "new grad jobs")."""
    assert "Tell me what to look for: <code>/search rust backend</code>" in await say(
        handlers, "any new jobs?"
    )
    await say(handlers, "/alert rust")
    await say(handlers, "/alert go remote:yes")
    asking = ("any new jobs?", "show me jobs", "latest", "what's new today?", "who is hiring?")
    for asked in (*asking, "what jobs do you have", "what have you got?", "show me everything"):
        assert (await say(handlers, asked)).endswith(
            "(tap to copy):\n<code>/search rust</code>\n<code>/search go remote:yes</code>\n"
            "/saved lists the jobs you saved."
        ), asked
    assert "<code>/alert new grad</code>" in await say(handlers, "new grad jobs")
    assert "<code>/alert rust</code>" in await say(handlers, "rust jobs")


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("how much does the rust job at Moneta Loop pay?", "rust company:&quot;moneta loop&quot;"),
        ("what's the salary for the staff engineer role at Acme?", "staff engineer company:acme"),
        ("is the rust role at Acme remote?", "rust company:acme"),
        ("where is the Harbourcoin rust job based?", "harbourcoin rust"),
    ],
)
async def test_a_question_about_one_job_offers_the_search_whose_line_answers_it(
    handlers, text: str, query: str
) -> None:
    """ "how much does the rust job at Moneta Loop pay?" offered `/alert how much rust
    company:"moneta loop pay"`: the job's words are its /search, whose line shows its pay,
    place and remote; a question that names no job ("how much does it pay?") says where the
    answer is."""
    assert await say(handlers, text) == (
        "Each job's line in /search shows its pay, place and whether it is remote: "
        f"<code>/search {query}</code>. (Tap to copy.)"
    )
    for unnamed in ("how much does it pay?", "is this role remote?", "what does the job pay"):
        assert (await say(handlers, unnamed)).startswith("A job's message shows its pay"), unnamed


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("show me what you have for rust", "rust"),
        ("what do you have for scala in berlin?", "scala location:berlin"),
        ("got anything for go?", "go"),
        ("do you have anything for kotlin?", "kotlin"),
        ("what jobs do you have for rust", "rust"),
        ("Do you have any remote Go roles in Europe?", "remote:yes go from:europe"),
        ("what's available in berlin", "location:berlin"),
    ],
)
async def test_asking_what_the_bot_has_for_some_jobs_offers_their_search(
    handlers, text: str, query: str
) -> None:
    """ "what do you have for scala" got the generic reply: its words after the question are
    the jobs asked for, offered as /search and /alert."""
    reply = await say(handlers, text)
    assert f"<code>/alert {query}</code>" in reply and f"<code>/search {query}</code>" in reply


async def test_asking_for_fewer_of_some_jobs_offers_each_alert_with_the_exclusion(
    handlers, store
) -> None:
    """ "stop sending me crypto jobs": alerts decide what comes, so each gets its /edit with
    -crypto to copy; not one that leaves it out already, nor one that asks for it."""
    assert "put <code>-crypto</code> in an alert, e.g. <code>/alert backend -crypto</code>" in (
        await say(handlers, "stop sending me crypto jobs")
    )
    for query in ("rust", "go remote:yes", "python -crypto"):
        await say(handlers, f"/alert {query}")
    reply = await say(handlers, "no more crypto jobs please")
    assert reply == (
        "Your alerts decide which jobs come. To leave out the ones about crypto, add "
        "<code>-crypto</code> to them (tap to copy):\n<code>/edit all -crypto</code> — #1, #2 at "
        "once\n<code>/edit 1 rust -crypto</code>\n"
        "<code>/edit 2 go remote:yes -crypto</code>\nA company's jobs: /mute &lt;company&gt;."
    )
    remote = await say(handlers, "I don't want any remote jobs")
    assert "<code>/edit 1 rust -remote:yes</code>" in remote and "/edit 2" not in remote
    assert "<code>/edit all -title:senior</code>" in await say(handlers, "no more senior roles")
    assert "-web3" in await say(handlers, "not interested in web3")
    assert "<code>/edit all -frontend</code>" in await say(handlers, "too many frontend jobs")
    grads = await say(handlers, "no new grad jobs")  # it offered /alert -new grad
    assert "<code>/edit all -&quot;new grad&quot;</code>" in grads, grads
    assert "-web3" in await say(handlers, "I'm not interested in web3")
    on_site = await say(handlers, "no more on-site jobs please")
    assert "the ones marked on-site, add <code>-remote:no</code>" in on_site, on_site
    london = await say(handlers, "stop sending me jobs in London")
    assert "the ones in London, add <code>-location:london</code>" in london, london
    assert "<code>/edit all -location:us</code>" in await say(
        handlers, "I don't want jobs in the US"
    )
    berlin = await say(handlers, "I'm not interested in Berlin anymore")  # a place, capitalised
    assert "<code>/edit all -location:berlin</code>" in berlin, berlin
    assert "<code>/edit all -reading</code>" in await say(handlers, "not interested in reading")
    assert "<code>/edit all -consulting</code>" in await say(
        handlers, "exclude consulting companies"
    )
    assert "/pause" in await say(handlers, "stop sending me these"), "nothing named: /pause"
    assert "/pause" in await say(handlers, "stop sending me so many jobs"), "no word: too many"
    assert await say(handlers, "no more jobs from Acme Pay!") == (
        "<code>/mute Acme Pay</code> stops that company's jobs (tap to copy); /muted lists them."
    )
    assert "<code>/mute Revolut</code>" in await say(handlers, "I don't want jobs at Revolut")
    assert (
        len(store.alerts.alerts(USER)) == 3 and "crypto" not in store.alerts.alerts(USER)[0].query
    )
    await say(handlers, "/edit 3 senior backend engineer")  # asks for the word: not offered
    seniority = await say(handlers, "stop sending me senior roles")
    assert "<code>/edit 1 rust -title:senior</code>" in seniority and "/edit 3" not in seniority
    await say(handlers, "/edit 1 rust OR go")
    either = await say(handlers, "no more crypto jobs")  # an OR kept whole
    assert "<code>/edit all -crypto</code> — #1, #2, #3" in either, either  # one line for three


async def test_asking_why_it_is_quiet_says_what_decides_it_with_the_alerts(
    handlers, store, now
) -> None:
    """ "why is it so quiet?", "is the bot working?" got "Send /alert followed by keywords":
    the reply says the bot works and when it last read the boards, what holds jobs (a pause,
    a digest, quiet hours) and the alerts with what each sent, from the /alerts menu."""
    await say(handlers, "/alert rust")
    store.boards.mark_success("Acme", now - timedelta(minutes=3), None, None)
    reply = await say(handlers, "why is it so quiet?")
    assert reply.startswith(
        "I'm working. A job comes as soon as a board I read posts one that an alert of yours "
        "matches. I last read the boards 3m ago.\nEach alert's 🔎 shows"
    ), reply
    assert "#1 <b>rust</b> — 0 jobs sent in 7 days" in reply
    await say(handlers, "/pause 2w")
    await say(handlers, "/digest daily 09:00")
    await say(handlers, "/quiet 22:00-07:00")
    held = await say(handlers, "I haven't received any jobs today")
    assert "⏸ Notifications are paused until" in held, held
    assert "📬 Your jobs come in a daily digest at 09:00 (/digest off" in held, held
    assert "🌙 Quiet hours: 22:00–07:00, your time (/quiet off)." in held, held
    for text in ("is the bot working?", "the bot is not working", "nothing yet?", "did you stop?",
                 "I'm not getting anything", "why am I not getting any jobs?", "no new jobs?",
                 "where are my jobs?", "you stopped sending jobs", "am I still subscribed?"):  # fmt: skip
        assert (await say(handlers, text)).startswith("I'm working."), text
    store.boards.mark_success("Acme", now - timedelta(hours=2), None, None)
    assert (await say(handlers, "is the bot working?")).startswith(
        "⚠️ I last read the boards 2h ago: reading them fails now, and the bot's admins are told."
    ), "no board read for long: not 'working'"
    for text in ("nothing in crypto please", "quiet hours please", "is it remote?"):
        assert not (await say(handlers, text)).startswith("I'm working."), text


async def test_a_misspelled_word_that_no_job_has_gets_the_word_meant_offered(handlers) -> None:
    """ "/alert rsut" matches nothing, ever, and said so only by "no job yet": the word no stored
    job has, one letter off a known one, is named with the alert respelled. A word some job has
    is no typo, whatever it looks like."""
    reply = await say(handlers, "/alert senoir rsut")
    assert reply.endswith(  # every typo fixed: "/edit 1 senior rsut" still matched nothing
        "No job I have read has the words “senoir” or “rsut”: did you mean <b>senior</b> and "
        "<b>rust</b>? <code>/edit 1 senior rust</code>"
    ), reply
    assert "“rsut”: did you mean <b>rust</b>? <code>/search rust</code>" in await say(
        handlers, "/search rsut"
    )
    assert "did you mean" not in await say(handlers, "/search campaigns"), "a word jobs have"
    assert "did you mean" not in await say(handlers, "/alert rust zurich"), "it matches"


async def test_delete_all_is_offered_for_all_the_alerts_only(handlers) -> None:
    """ "delete my alerts" is /delete all (which asks first); "remove alerts about crypto" and
    "delete" alone are not."""
    assert "<code>/delete all</code>" in await say(handlers, "delete my alerts")
    for text in ("delete", "remove alerts about crypto"):
        assert "/delete all" not in await say(handlers, text), text


async def test_a_name_no_job_has_gets_the_follow_of_its_company_offered(handlers) -> None:
    """ "/alert rust monzo", with no Monzo board read, matches nothing, ever: the word no job
    has is named, with the /follow that looks for the company's board."""
    reply = await say(handlers, "/alert rust monzo")
    assert (
        "No job I have read has the word “monzo”. If Monzo is a company, <code>/follow "
        "Monzo</code> looks for its job board, and its jobs then reach your alerts.\n"
        "One part less finds some (jobs of the last 7 days):\n"
        "• without <b>monzo</b>: 3 jobs, <code>/edit 1 rust</code>"
    ) in reply, reply
    assert "No job I have read is from “monzo”." in await say(handlers, "/search company:monzo")
    found = await say(handlers, "/search acme designer")
    assert found.startswith("No stored job matches") and "/follow" not in found, "acme: a job has"


async def test_changing_an_alert_in_words_offers_its_edit_and_changes_nothing(
    handlers, store
) -> None:
    """ "remove crypto from alert 1" was offered /delete 1, which deletes the whole alert: a
    change asked in words gets the /edit that does it, ready to copy."""
    assert "You have no alert yet" in await say(handlers, "add go to my alert")
    await say(handlers, "/alert rust OR go")
    await say(handlers, "/alert python berlin")
    assert await say(handlers, "remove crypto from alert 1") == (
        "To take it out (tap to copy, then send):\n<code>/edit 1 (rust OR go) -crypto</code>"
        " — leaves out the jobs about crypto"
    ), "not in the alert: the alert that leaves it out"
    only = await say(handlers, "remove go from my alert")  # the alert that has it, alone
    assert "<code>/edit 1 rust</code>" in only and "/edit 2" not in only, only
    assert "<code>/edit 2 python</code>" in await say(handlers, "take berlin out of alert 2")
    assert "<code>/edit 1 (rust OR go) -location:berlin</code>" in await say(
        handlers, "please remove Berlin from alert 1"
    )
    assert "Alert #1 is only that: <code>/delete 1</code>" in await say(
        handlers, "remove rust OR go from alert 1"
    )
    added = await say(handlers, "add scala to alert 1")
    assert "<code>/edit 1 (rust OR go) scala</code> — jobs with both" in added, added
    assert "<code>/edit 1 rust OR go OR scala</code> — jobs with either" in added, added
    assert "/edit 2" not in added, "the alert named only"
    for said in ("change alert 1 to include scala", "can you also search for scala"):
        assert "<code>/edit 1 rust OR go OR scala</code> — jobs with either" in await say(
            handlers, said
        ), said
    everywhere = await say(handlers, "add remote to my alerts please")
    assert "<code>/edit 1 (rust OR go) remote:yes</code> — jobs with both" in everywhere
    assert "<code>/edit 2 python berlin remote:yes</code>" in everywhere
    assert "either" not in everywhere, "a filter narrows: no OR offered"
    assert (
        await say(handlers, "add go to alert 1") == "Alert #1 has it already: /alerts lists them."
    )
    assert (
        await say(handlers, "add senior to alert 7") == "You have no alert #7: /alerts lists yours."
    )
    assert "Commands start with a slash: <code>/delete 1</code>" in await say(
        handlers, "remove alert 1"
    ), "the alert itself: /delete"
    assert [a.query for a in store.alerts.alerts(USER)] == ["rust OR go", "python berlin"]
    await say(handlers, "/delete 2")
    await say(handlers, "/alert (rust OR scala) remote:yes")
    assert "<code>/edit 3 rust remote:yes</code>" in await say(
        handlers, "remove scala from alert 3"
    )
    either = await say(handlers, "add go to alert 3")  # its words OR go, its filters kept
    assert "<code>/edit 3 (rust OR scala OR go) remote:yes</code> — jobs with either" in either
    await say(handlers, "/alert senior rust")
    two = await say(handlers, "add go to alert 4")
    assert "<code>/edit 4 senior rust go</code>" in two and "either" not in two, "which of two?"


@pytest.mark.parametrize(
    ("text", "query"),
    [
        (
            "remote in Europe or hybrid in Berlin",
            "(remote:yes from:europe) OR (remote:hybrid location:berlin)",
        ),
        (
            "hybrid in Berlin or remote in the EU",
            "(remote:yes from:eu) OR (remote:hybrid location:berlin)",
        ),
        (
            "rust or go, remote in the EU or hybrid in Berlin",
            "(rust OR go) ((remote:yes from:eu) OR (remote:hybrid location:berlin))",
        ),
        (
            "Rust, Go or Scala, remote EU or Berlin hybrid, 90k+, no crypto",
            "(rust OR go OR scala) ((remote:yes from:eu) OR (remote:hybrid location:berlin)) "
            "salary:&gt;=90k -crypto",
        ),
        (
            "rust jobs remote in latin america or on-site in New York over 100k",
            "rust ((remote:yes from:&quot;latin america&quot;) OR (remote:no location:&quot;new "
            "york&quot;)) salary:&gt;=100k",
        ),
        ("rust jobs in berlin or munich", "rust location:(berlin OR munich)"),  # as before
    ],
)
async def test_remote_in_a_region_or_another_way_in_a_town_is_both_each_there(
    handlers, text: str, query: str
) -> None:
    """ "remote in Europe or hybrid in Berlin", our persona's own wish, was offered
    remote:yes (europe OR hybrid) from:berlin in every wording."""
    assert f"send <code>/alert {query}</code>" in await say(handlers, text)


async def test_an_alert_that_mixes_places_and_ways_of_working_gets_them_sorted(handlers) -> None:
    reply = await say(handlers, "/alert rust OR go remote in Europe or hybrid in Berlin")
    assert (
        "Each way of working in its place: <code>/edit 1 (rust OR go) ((remote:yes from:europe) "
        "OR (remote:hybrid location:berlin))</code>." in reply
    ), reply


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        (
            "why didn't I get this? https://jobs.lever.co/acme/123",
            "I have no job at that link: it is on a job board I don't read",  # /why's answer
        ),
        ("https://jobs.lever.co/acme/1 is this one a match?", "I have no job at that link"),
        (
            "can you watch this company https://jobs.lever.co/acme",
            "To follow that company's jobs: <code>/follow https://jobs.lever.co/acme</code>",
        ),
        (
            "check this out: jobs.lever.co/acme/1",
            "<code>/follow https://jobs.lever.co/acme/1</code>",
        ),
        ("https://www.linkedin.com/jobs/view/123 why not?", "That's a LinkedIn link."),
    ],
)
async def test_a_link_among_words_gets_the_command_they_ask_for(
    handlers, text: str, reply: str
) -> None:
    """ "why didn't I get this? <link>" got the generic reply, or was offered /why with its
    words, which fails."""
    assert reply in await say(handlers, text)


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("add scala", "<code>/edit 1 rust OR go OR scala</code> — jobs with either"),
        ("can you add Scala?", "<code>/edit 1 (rust OR go) scala</code> — jobs with both"),
        ("also kotlin please", "<code>/edit 1 rust OR go OR kotlin</code> — jobs with either"),
        (
            "only remote jobs please",
            "To keep to those (tap to copy, then send):\n<code>/edit 1 (rust OR go) remote:yes"
            "</code> — jobs with both\nOr a new alert of them alone: <code>/alert remote:yes</code>",
        ),
        ("remote only", "<code>/edit 1 (rust OR go) remote:yes</code>"),
        ("just remote please", "<code>/edit 1 (rust OR go) remote:yes</code>"),
        # was a new salary-only alert: "that" read as a thing asked of the bot
        (
            "only roles that pay at least $150k",
            "<code>/edit 1 (rust OR go) salary:&gt;=USD150k</code>",
        ),
        ("only jobs which are remote", "<code>/edit 1 (rust OR go) remote:yes</code>"),
        ("English only please", "<code>/edit 1 (rust OR go) lang:en</code>"),
        ("only jobs in Berlin", "<code>/edit 1 (rust OR go) location:berlin</code>"),
        ("no jobs in German please", "<code>/edit 1 (rust OR go) -lang:de</code>"),
        ("no German required", "leave out the ones written in German, add <code>-lang:de"),
        ("I don't want jobs in German", "<code>/edit 1 (rust OR go) -lang:de</code>"),
        # how jobs come, or a word that narrows by no filter: not these
        ("only send jobs once a day", "<code>/digest daily</code>"),
        ("only rust", "<code>/alert rust</code>"),
    ],
)
async def test_a_change_said_without_naming_the_alert_offers_its_edit(
    handlers, store, text: str, offered: str
) -> None:
    """ "add scala" was offered /alert add scala, "only remote jobs please" a new alert of every
    remote job, "no jobs in German please" /alert -jobs lang:de (German jobs only)."""
    await say(handlers, "/alert rust OR go")
    assert offered in await say(handlers, text)
    assert [a.query for a in store.alerts.alerts(USER)] == ["rust OR go"], "nothing changed"


async def test_asking_for_ones_alerts_in_words_lists_them(handlers) -> None:
    """ "what alerts do I have?" got the help line of /alerts: now the list, with its buttons."""
    await say(handlers, "/alert rust OR go")
    for text in ("what alerts do I have", "what are my alerts?", "list my alerts please"):
        reply = await handlers(Incoming(USER, text))
        assert isinstance(reply, OutgoingMessage) and "#1 rust OR go" in reply.plain, text
        assert any("Edit" in b.text for row in reply.buttons for b in row), "the menu's buttons"


AGENCY_SAYS = (
    " OR &quot;our client&quot; OR &quot;my client&quot; OR &quot;recruitment agency&quot;"
)


@pytest.mark.parametrize(
    ("text", "edit"),
    [
        (  # an agency's post names none: "Our client, a leading bank…"
            "not interested in crypto or agencies",
            f"(rust OR go) -(crypto OR agency OR agencies{AGENCY_SAYS})",
        ),
        ("no more blockchain or web3 stuff", "(rust OR go) -(blockchain OR web3)"),
        ("no agencies please", f"(rust OR go) -(agency OR agencies{AGENCY_SAYS})"),
        ("no recruiters", f"(rust OR go) -(recruiter OR recruiters{AGENCY_SAYS})"),
        (
            "exclude staffing agencies",
            "(rust OR go) -(&quot;staffing agency&quot; OR &quot;staffing agencies&quot; OR "
            "&quot;our client&quot; OR &quot;my client&quot; OR &quot;recruitment agency&quot;)",
        ),
        ("stop sending me Krypto jobs", "(rust OR go) -(krypto OR crypto)"),
        ("keine Krypto Jobs bitte", "(rust OR go) -(krypto OR crypto)"),
    ],
)
async def test_kinds_of_job_left_out_each_as_jobs_write_them(
    handlers, text: str, edit: str
) -> None:
    """ "not interested in crypto or agencies" left out the phrase "crypto or agencies" (no job
    says it); "no agencies please" got the generic reply; -agencies kept a job that says
    "agency"; "Krypto" left out only the German spelling."""
    await say(handlers, "/alert rust OR go")
    assert f"<code>/edit 1 {edit}</code>" in await say(handlers, text)


async def test_a_link_to_search_no_save_command_and_no_thanks(handlers) -> None:
    """ "/search <link>" said "unknown field https:", "/save" was offered /saved of the link,
    "no thanks" was thanked back."""
    link = "https://jobs.lever.co/acme/123"
    assert (await say(handlers, f"/search {link}")).startswith(
        f"That's a link. <code>/follow {link}</code>"
    )
    assert (await say(handlers, f"/save {link}")).startswith(
        "There's no /save: press ☆ Save under a job I sent, or reply “save” to its message."
    )
    assert "welcome" not in await say(handlers, "no thanks")
    assert (await say(handlers, "thanks")).startswith("You're welcome!")


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("how do I exclude crypto?", "<code>/edit 1 (rust OR go) -crypto</code>"),
        (
            "how can I filter out agencies?",
            f"<code>/edit 1 (rust OR go) -(agency OR agencies{AGENCY_SAYS})</code>",
        ),
        ("how do I only get remote jobs?", "<code>/edit 1 (rust OR go) remote:yes</code>"),
        ("how do I add scala?", "<code>/edit 1 rust OR go OR scala</code> — jobs with either"),
        ("how do I set a minimum salary?", "Put the least you want in an alert: <code>salary:"),
        ("how do I delete an alert", "<code>/delete &lt;id&gt;</code> — Delete an alert."),
    ],
)
async def test_how_do_i_change_my_alerts_gets_the_edit_that_does_it(
    handlers, text: str, reply: str
) -> None:
    """ "how do I exclude crypto?" got the generic reply, "how do I only get remote jobs?" was
    offered /alert get remote:yes."""
    await say(handlers, "/alert rust OR go")
    assert reply in await say(handlers, text)


async def test_a_change_said_with_no_alert_offers_the_alert(handlers) -> None:
    assert "You have no alert yet. <code>/alert scala</code> adds one." in await say(
        handlers, "add scala"
    )


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        (
            "/alrt rust backend",
            "I don't know /alrt. Did you mean <code>/alert rust backend</code>?",
        ),
        ("/list", "I don't know /list. Did you mean <code>/alerts</code>?"),  # other bots' names
        ("/unsubscribe", "Did you mean <code>/stop</code>?"),
        ("/serach go <b>", "Did you mean <code>/search go &lt;b&gt;</code>?"),
        ("/Unfolow acme", "I don't know /unfolow. Did you mean <code>/unfollow acme</code>?"),
        ("/lst", "I don't know /lst. Did you mean <code>/alerts</code>?"),  # list, mistyped
        ("/frobnicate", "I don't know /frobnicate. /help lists what I can do."),
        ("/boardz", "I don't know /boardz. /help lists what I can do."),  # not an admin's to a user
    ],
)
async def test_an_unknown_command_gets_the_one_it_likely_meant(
    handlers, store, text: str, reply: str
) -> None:
    assert reply in await say(handlers, text)
    assert store.alerts.alerts(USER) == [], "nothing is done until the command is sent"


@pytest.mark.parametrize(
    ("text", "follow"),
    [
        ("follow Zalando and N26", "/follow Zalando and N26"),
        ("follow stripe", "/follow stripe"),
        ("follow Monzo, Revolut, Wise and N26.", "/follow Monzo, Revolut, Wise, N26"),  # each
    ],
)
async def test_follow_and_company_names_get_their_follow_and_no_alert_of_follow(
    handlers, text: str, follow: str
) -> None:
    said = await say(handlers, text)
    assert f"<code>{follow}</code>" in said and "/alert" not in said, said


async def test_a_change_in_words_offers_only_edits_within_the_configured_length(store, now) -> None:
    """A change asked in words offered an /edit up to 200 characters, which /edit then refused
    over the configured limit (60 here)."""
    handlers = world_handlers(store, now)
    await say(handlers, "/alert senior backend engineer python django postgres redis")  # 53
    said = await say(handlers, "add kubernetes to alert 1")
    assert "Alert #1 is near its length limit" in said and "60 is the most" in said, said
    assert "<code>/edit" not in said
    said = await say(handlers, "how do I add kubernetes to alert 1")
    assert "60 is the most" in said, said
