"""Pay stated in Portuguese and Spanish (bot/normalize/statedpay.py, bot/normalize/payterms.py):
"Salário: R$ 25.000/mês" is a month's pay in reais, "25.000" with a dot is twenty-five
thousand as in German, a bare "$" by Spanish words is a peso's sign too (read only with its
code), and funding, bonuses and vouchers are no pay in these languages either (walk 1, B9)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.index import Matcher
from bot.models import Alert, BoardInfo, RawPosting
from bot.normalize import posting
from bot.normalize.statedpay import stated_pay
from bot.render import notification
from bot.salary import describe
from tests import cputime

N = (None, None, None, None)

PAY = [
    # Portuguese: pay words, periods, "mil", ranges joined by words, floors and tops.
    ("walk-b9", "Salário: R$ 25.000/mês + benefícios", (25000.0, 25000.0, "BRL", "month")),
    ("faixa-a", "Faixa salarial: R$ 20.000 a R$ 25.000 por mês", (20000.0, 25000.0, "BRL", "month")),
    ("entre-mil-e", "Remuneração entre R$ 20 mil e R$ 25 mil mensais",
     (20000.0, 25000.0, "BRL", "month")),
    ("k-range-pj", "Salário: R$ 15k - 20k (PJ)", (15000.0, 20000.0, "BRL", "month")),
    ("mil-for-both", "Faixa salarial: R$ 15 a 20 mil", (15000.0, 20000.0, "BRL", "month")),
    ("ate", "Salário de R$ 20.000 até R$ 25.000 mensais", (20000.0, 25000.0, "BRL", "month")),
    ("cents-clt", "Remuneração: R$ 20.000,00 a R$ 25.000,00 (CLT) + benefícios",
     (20000.0, 25000.0, "BRL", "month")),
    ("code-clt", "Salário: R$ 15.000 - R$ 20.000 CLT", (15000.0, 20000.0, "BRL", "month")),
    ("no-period-is-a-month", "Salário: R$ 8.000 + bônus", (8000.0, 8000.0, "BRL", "month")),
    ("a-years-size", "Salário: R$ 300.000", (300000.0, 300000.0, "BRL", None)),
    ("ao-ano", "Salário: R$ 300 mil ao ano", (300000.0, 300000.0, "BRL", "year")),
    ("a-a", "Remuneração: R$ 300.000 a.a.", (300000.0, 300000.0, "BRL", "year")),
    ("por-hora", "Salário: R$ 120 por hora", (120.0, 120.0, "BRL", "hour")),
    ("valor-hora", "Valor hora: R$ 120/hora", (120.0, 120.0, "BRL", "hour")),
    ("a-partir-de", "Salário a partir de R$ 8.000 por mês", (8000.0, None, "BRL", "month")),
    ("de-ate", "Salário de até R$ 12.000,00 mensais (CLT)", (None, 12000.0, "BRL", "month")),
    ("ou-mais", "Salário: R$ 15.000 ou mais", (15000.0, None, "BRL", "month")),
    ("code-brl", "Salário: BRL 18k por mês", (18000.0, 18000.0, "BRL", "month")),
    ("and-a-bonus-after", "Salário: R$ 8.000 mensais e bônus", (8000.0, 8000.0, "BRL", "month")),
    ("shape-plus-beneficios", "R$ 20.000 - R$ 25.000 + benefícios",
     (20000.0, 25000.0, "BRL", "month")),
    # Spanish: a "$" with the code or name after it (the trailing-code rule, now for pesos).
    ("mxn-code", "Sueldo: $30.000 MXN mensuales", (30000.0, 30000.0, "MXN", "month")),
    ("mxn-range", "Rango salarial: $30.000 - $40.000 MXN por mes",
     (30000.0, 40000.0, "MXN", "month")),
    ("entre-y-brutos", "Rango salarial: entre $30.000 y $40.000 MXN brutos mensuales",
     (30000.0, 40000.0, "MXN", "month")),
    ("pesos-mexicanos", "Sueldo: $30.000 pesos mexicanos mensuales",
     (30000.0, 30000.0, "MXN", "month")),
    ("code-after-period", "Sueldo: $30.000 mensuales (MXN)", (30000.0, 30000.0, "MXN", "month")),
    ("cop", "Remuneración: $8.000.000 - $10.000.000 COP mensuales",
     (8000000.0, 10000000.0, "COP", "month")),
    ("ars", "Sueldo: $1.500.000 ARS por mes", (1500000.0, 1500000.0, "ARS", "month")),
    ("clp", "Salario: $2.500.000 CLP mensual", (2500000.0, 2500000.0, "CLP", "month")),
    ("usd-in-spanish", "Salario: USD 3.000 mensuales", (3000.0, 3000.0, "USD", "month")),
    ("usd-after", "Salario: $3,000 - $4,000 USD mensuales", (3000.0, 4000.0, "USD", "month")),
    ("euros-in-words", "Salario: 30.000 euros brutos anuales", (30000.0, 30000.0, "EUR", "year")),
    ("euro-sign-anual", "Salario: 30.000 € brutos anuales", (30000.0, 30000.0, "EUR", "year")),
    # The German dot, as before; English as before (and "annually and bonus" is pay now).
    ("german-dot", "Gehalt: € 65.000 pro Jahr", (65000.0, 65000.0, "EUR", "year")),
    ("annually-and-bonus", "Salary: $150,000 annually and bonus",
     (150000.0, 150000.0, "USD", "year")),
    # Sums that are not pay, or whose currency is not said.
    ("captou", "Salário competitivo. A empresa captou R$ 100 milhões em investimento", N),
    ("bilhoes", "Salário competitivo. R$ 5 bilhões em investimento", N),
    ("bilhoes-alone", "R$ 5 bilhões em investimento", N),
    ("faturamento", "Salário competitivo. Faturamento anual de R$ 50 milhões", N),
    ("bonus-before", "Salário fixo + bônus de até R$ 10.000", N),
    ("bonus-after", "Salário: R$ 8.000 de bônus", N),
    ("vale", "Salário: a combinar. Vale alimentação R$ 1.000 por mês", N),
    ("vale-no-pay-word", "Benefícios: vale-refeição de R$ 1.200/mês", N),
    ("auxilio", "Salário compatível com o mercado; auxílio home office de R$ 200 por mês", N),
    ("recaudo", "Sueldo competitivo. La empresa recaudó $50.000.000 MXN en su ronda", N),
    ("millones", "Sueldo competitivo. $300 millones de inversión", N),
    ("contract-forms", "CLT: R$ 8.000 a R$ 10.000 / PJ: R$ 12.000 a R$ 15.000", N),
    ("bare-dollar-spanish", "Sueldo: $30.000 mensuales", N),
    ("bare-dollar-portuguese", "Salário: $5.000 por mês", N),
    ("whose-pesos", "Sueldo: $30.000 pesos mensuales", N),
    ("spanish-period-no-word", "$30.000 - $40.000 mensuales", N),
    # "BRL" and "MXN" before an amount are looked for in a text of theirs: a letter ("Salário",
    # "code-brl" above) or, written without one, " de " early on.
    ("mxn-first-no-accent", "Buscamos desarrollador de Go. Sueldo: MXN 45.500 mensuales",
     (45500.0, 45500.0, "MXN", "month")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in PAY], ids=[c[0] for c in PAY])
def test_stated_pay_in_portuguese_and_spanish(text: str, expected: tuple) -> None:
    assert stated_pay(text) == expected


@pytest.mark.parametrize(
    ("pay", "line"),
    [
        ((25000.0, 25000.0, "BRL", "month"), "R$25k a month"),
        ((20000.0, 25000.0, "BRL", "month"), "R$20k–25k a month"),
        ((8500.0, 8500.0, "BRL", "month"), "R$8,500 a month"),
        ((30000.0, 40000.0, "MXN", "month"), "MX$30k–40k a month"),
        ((8000.0, None, "BRL", "month"), "from R$8k a month"),
    ],
)
def test_a_months_pay_reads_as_a_months(pay: tuple, line: str) -> None:
    assert describe(*pay) == line


def test_the_nubank_job_shows_its_pay_and_a_monthly_salary_alert_finds_it() -> None:
    """Walk 1, B9: Lucas's `kotlin salary:>=R$20k/month` passed over "Salário: R$ 25.000/mês"
    (a Lever posting's description), and its message had no 💰 line."""
    raw = RawPosting(
        external_id="b9",
        title="Senior Software Engineer (Kotlin)",
        url="https://jobs.lever.co/nubank/b9",
        location="São Paulo, Brazil",
        description_html="<p>Construa nossa plataforma em Kotlin.</p><h3>Benefícios</h3>"
        "<ul><li>Salário: R$ 25.000/mês + benefícios</li><li>Vale-refeição</li></ul>",
    )
    p = posting(raw, BoardInfo("Nubank", "lever", "https://jobs.lever.co/nubank"))
    assert (p.salary_min, p.salary_max, p.salary_currency, p.salary_period) == (
        25000.0,
        25000.0,
        "BRL",
        "month",
    )
    alerts = [
        Alert(1, 7, "kotlin salary:>=R$20k/month"),
        Alert(2, 8, "kotlin salary:>=R$30k/month"),
        Alert(3, 9, "kotlin salary:>=20k reais/month"),
        Alert(4, 10, "kotlin salary:none"),
    ]
    assert [a.id for a in Matcher(alerts).match(p)] == [1, 3]
    message = notification(p, ["kotlin"], datetime(2026, 12, 7, tzinfo=UTC))
    assert "💰 R$25k a month" in message.plain


def test_words_that_join_a_range_keep_a_hostile_text_cheap() -> None:
    """ "a", "e", "y", "até" between amounts and "mil" after them cost what a "-" does."""
    ordinary = ("Our payments run in many currencies $ and more. " * 2000)[:100_000]
    hostile = ("R$ 1 mil e R$ 2 mil a R$ 3 até R$ 4 y $5 mil " * 3000)[:100_000]
    assert stated_pay(hostile) == N
    assert cputime.ratio(lambda: stated_pay(hostile), lambda: stated_pay(ordinary)) < 20
