"""The small tables of places no library has, which `bot.gazetteer` builds on: regions
("europe", "apac") and their countries, the names people use for countries, cities and states
that no library lists ("uk", "nyc", "bavaria"), areas ("bay area"), words no town is named for,
and the ISO codes of states that geonames numbers.
"""

from __future__ import annotations

_EU = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"
_MIDDLE_EAST = "AE BH CY EG IL IQ IR JO KW LB OM PS QA SA SY TR YE"
_CENTRAL_AMERICA = "GT BZ SV HN NI CR PA"
_CARIBBEAN = (
    "AG AI AN AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI"
)
_NORTH_AFRICA = "DZ EG LY MA TN"
_BALTICS = "EE LV LT"
# Region: (its names, its countries: ISO codes, "@XX" for geonames' continent XX, "-XX" not XX).
REGIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "europe": (("europe",), "@EU"),
    "eu": (("eu", "european union"), _EU),
    "emea": (("emea",), f"@EU @AF {_MIDDLE_EAST}"),
    "dach": (("dach",), "DE AT CH"),
    "nordics": (("nordics", "nordic", "scandinavia"), "DK FI IS NO SE"),
    "benelux": (("benelux",), "BE NL LU"),
    "baltics": (("baltics", "baltic states"), _BALTICS),
    "cee": (
        ("cee", "central and eastern europe", "central eastern europe", "eastern europe"),
        f"PL CZ SK HU SI HR RO BG RS BA ME MK AL MD UA {_BALTICS}",
    ),
    "north america": (("north america",), "US CA MX"),
    "latam": (
        ("latam", "latin america", "america latina", "latinoamerica", "latino america"),
        f"@SA MX {_CENTRAL_AMERICA} CU DO PR",
    ),
    "south america": (
        ("south america", "america do sul", "america del sur", "sudamerica", "suramerica"),
        "@SA",
    ),
    "central america": (("central america", "america central", "centroamerica"), _CENTRAL_AMERICA),
    "caribbean": (("caribbean", "caribe"), _CARIBBEAN),
    # "AMER" as sales regions name the Americas beside EMEA and APAC
    "americas": (("americas", "amer", "western hemisphere"), "@NA @SA"),
    "apac": (
        ("apac", "asia pacific"),
        "@AS @OC " + " ".join(f"-{c}" for c in _MIDDLE_EAST.split()),
    ),
    "asia": (("asia",), "@AS"),
    "middle east": (("middle east",), _MIDDLE_EAST),
    "mena": (("mena", "middle east and north africa"), f"{_MIDDLE_EAST} {_NORTH_AFRICA}"),
    "gcc": (("gcc", "gulf states"), "AE BH KW OM QA SA"),
    "anz": (("anz",), "AU NZ"),
    "southeast asia": (
        ("southeast asia", "south east asia", "asean"),
        "BN KH ID LA MY MM PH SG TH VN",
    ),
    "africa": (("africa",), "@AF"),
    "oceania": (("oceania",), "@OC"),
    # A job that says it is open anywhere: no country lies in it, nor is it in any region.
    "worldwide": (("worldwide", "anywhere", "global"), ""),
}
# Names people use that no library lists; the first three kinds are added to postings too.
ALIASES = {"GB": ("uk", "great britain", "britain"), "US": ("usa",), "AE": ("uae",)}
RESOLVE_ONLY = {
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "holland": "NL",
}
# Time zones a remote job names ("Remote (CET +/- 2h)", "Remote (EST)"); not CST, China's too.
# Read only in capitals: "Grand Est" is a French region.
TIME_ZONES = {
    **dict.fromkeys(("cet", "cest", "eet", "eest"), "+europe"),
    **dict.fromkeys(("est", "edt", "pst", "pdt", "mst", "mdt", "cdt"), "+north america"),
}
RESOLVE_ONLY |= TIME_ZONES
# Short names of big cities that geonames lacks or that are too short to trust from it.
CITY_ALIASES = {
    ("new york city", "US"): ("nyc", "new york"),
    ("san francisco", "US"): ("sf", "sf bay area", "bay area", "san francisco bay area"),
    ("san jose", "US"): ("silicon valley",),
    ("tampa", "US"): ("tampa bay", "tampa bay area"),  # not San Francisco's bay area
    ("monterey", "US"): ("monterey bay", "monterey bay area"),
    ("mexico city", "MX"): ("ciudad de mexico",),
    ("hannover", "DE"): ("hanover",),  # the English name, though small US towns have it
    ("dallas", "US"): ("dfw", "dallas fort worth", "metroplex"),
    ("toronto", "CA"): ("gta",),
    ("minneapolis", "US"): ("twin cities",),
    ("durham", "US"): ("research triangle", "research triangle park"),
}
# Areas people name that no city is, or a city that geonames cuts into parts (Brooklyn): the
# cities of a state within so many kilometres of a centre.
METROS = {
    "+bay area": (("bay area", "silicon valley"), "~US-CA", (37.775, -122.419), 80),
    "+nyc": (("nyc", "new york city"), "~US-NY", (40.758, -73.986), 20),
    "+dfw": (("dfw", "metroplex"), "~US-TX", (32.80, -97.03), 60),
    "+gta": (("gta",), "~CA-ON", (43.70, -79.42), 52),  # Oshawa, not Hamilton
    "+twin cities": (("twin cities",), "~US-MN", (44.97, -93.17), 40),
    "+research triangle": (("research triangle",), "~US-NC", (35.90, -78.86), 37),
}
_NOT_CITY_WORDS = (
    "of the and or in on at to by for remote hybrid office home field central mobile union "
    "time independence san santa north south east west city county state part julia "
    "bay area metro greater region downtown capital "
    "site onsite hub based from within fully flexible only "
    "para federal centro sur este nur can canton kanton"  # "for", "south", "only": towns too
    " remoto remota remotos remotas teletrabajo teletravail homeoffice todo toda"
)
NOT_CITIES = frozenset(_NOT_CITY_WORDS.split())
# Words a part open to whole countries or regions has besides their names: "USA only",
# "Anywhere in the World", "Remote (US time zones)", "United States - Remote Flexibility".
WIDE_WORDS = frozenset({
    "world", "wide", "zone", "zones", "hours", "hour", "flexibility", "friendly", "first", "any",
    "all", "eligible", "residents", "candidates", "timezone", "timezones", "distributed", "work",
    "plus", "hires",  # "Remote; hires in Brazil" (`bot.hiring`: what its description says)
})  # fmt: skip
# States, provinces and territories people write after a city: "Austin, TX", "Toronto, ON",
# "Sydney (NSW)", "Munich, Bavaria". geonames numbers them outside the US: these are their
# ISO codes (checked against the states of each country's big cities).
ADMIN1 = {
    country: dict(pair.split("=") for pair in spec.split())
    for country, spec in {
        "CA": "01=AB 02=BC 03=MB 04=NB 05=NL 07=NS 08=ON 09=PE 10=QC 11=SK 12=YT 13=NT 14=NU",
        "AU": "01=ACT 02=NSW 03=NT 04=QLD 05=SA 06=TAS 07=VIC 08=WA",
        "DE": "01=BW 02=BY 03=HB 04=HH 05=HE 06=NI 07=NW 08=RP 09=SL 10=SH 11=BB 12=MV 13=SN "
        "14=ST 15=TH 16=BE",
        "BR": "01=AC 02=AL 03=AP 04=AM 05=BA 06=CE 07=DF 08=ES 11=MS 13=MA 14=MT 15=MG 16=PA "
        "17=PB 18=PR 20=PI 21=RJ 22=RN 23=RS 24=RO 25=RR 26=SC 27=SP 28=SE 29=GO 30=PE 31=TO",
        "ZA": "02=KZN 03=FS 05=EC 06=GP 07=MP 08=NC 09=LP 10=NW 11=WC",
        "IN": "01=AN 02=AP 03=AS 05=CH 07=DL 09=GJ 10=HR 11=HP 12=JK 13=KL 16=MH 17=MN 18=ML "
        "19=KA 21=OD 22=PY 23=PB 24=RJ 25=TN 26=TR 28=WB 29=SK 31=MZ 34=BR 35=MP 36=UP 37=CG "
        "38=JH 39=UK 40=TS",
    }.items()
}
CODED = ("US", "CA", "AU")  # whose state codes follow cities; Germany's "BE" is Belgium's
STATE_ALIASES = {
    "US-DC": ("washington dc", "washington d c", "d c"),
    "CA-NL": ("newfoundland",),
    "AU-NSW": ("nsw",),
    "AU-VIC": ("vic",),
    "AU-QLD": ("qld",),
    "AU-TAS": ("tas",),
    "DE-BW": ("baden wuerttemberg",),
    "DE-BY": ("bavaria",),
    "DE-HE": ("hesse",),
    "DE-NI": ("lower saxony",),
    "DE-NW": ("nrw", "north rhine westphalia"),
    "DE-RP": ("rhineland palatinate",),
    "DE-SN": ("saxony",),
    "DE-ST": ("saxony anhalt",),
    "DE-TH": ("thuringia", "thueringen"),
    "DE-MV": ("mecklenburg western pomerania",),
    "IN-OD": ("orissa",),
    "IN-PY": ("pondicherry",),
}
# A state's code that is a word of its place, as people write it alone: `location:ny` finds
# a job in "NYC" or "New York, New York, United States" (the state; `location:nyc` the city).
# Not the codes that are countries' too ("de") or words ("oh", "ok").
STATE_WORDS = {"US-NY": ("ny",)}
# States' names that are words or other places' names first: "para" (Pará) is Spanish for
# "for", "north west" England's, "distrito federal" Mexico City's old name.
NOT_STATE_NAMES = frozenset(("para", "acre", "amazonas", "north west", "distrito federal"))
