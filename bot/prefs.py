"""A user's preferences as one record: their delivery settings and the hourly cap of instant
messages, with the cap's one default and bounds (`/settings cap`, `/import` and the store all
read them here). A new preference is a field of `UserPrefs`, read and written whole by
`Users.prefs` and `Users.set_prefs` and carried by /export and /import (`bot.transfer`,
`bot.importing`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.policy import DeliverySettings

DEFAULT_CAP = 20  # as the users table's column default (migration 0007)
MAX_CAP = 100  # the most instant messages an hour a user may ask for


@dataclass(frozen=True, slots=True)
class UserPrefs:
    """One user's preferences: when jobs come (`settings`) and how many instant messages an
    hour at most (`hourly_cap`, 1 to `MAX_CAP`; the rest come in one summary)."""

    settings: DeliverySettings = field(default_factory=DeliverySettings)
    hourly_cap: int = DEFAULT_CAP
