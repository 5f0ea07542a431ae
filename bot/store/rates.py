"""The exchange rates in use (`bot.rates`), one row a currency, replaced whole by each fetch."""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from bot.rates import Rates
from bot.store.db import Table


class ExchangeRates(Table):
    def save_rates(self, rates: Rates) -> None:
        """Replace the stored rates with `rates`, in one transaction."""
        with self.db.transaction():
            self.db.execute("DELETE FROM exchange_rates")
            self.db.executemany(
                "INSERT INTO exchange_rates (currency, per_eur, as_of) VALUES (?, ?, ?)",
                [(code, rate, rates.as_of.isoformat()) for code, rate in rates.per_eur.items()],
            )

    def rates(self) -> Rates | None:
        """The stored rates, or None before the first fetch."""
        rows = self.db.execute("SELECT currency, per_eur, as_of FROM exchange_rates").fetchall()
        if not rows:
            return None
        per_eur = {row["currency"]: row["per_eur"] for row in rows}
        return Rates(date.fromisoformat(rows[0]["as_of"]), MappingProxyType(per_eur))
