"""Word lists the quantity rules read: number words, scales, qualifiers, currencies, units (data only).

Every entry is lower-case and matched against a token's lower-cased text.
"""

from __future__ import annotations

# Number words with their values ("twenty-five" is read as "twenty" + "five").
NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

# Words that multiply what comes before them ("2.5 million", "two hundred", "a dozen").
SCALE_WORDS: dict[str, int] = {
    "dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}

# Abbreviated scales written straight after digits ("€500m", "£3.2bn", "10k").
SCALE_ABBREVIATIONS: dict[str, int] = {
    "k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "b": 1_000_000_000,
    "bn": 1_000_000_000, "tn": 1_000_000_000_000, "trn": 1_000_000_000_000,
}

# Plural number words that give an order of magnitude but no value ("dozens of residents").
VAGUE_NUMBERS = frozenset({"dozens", "scores", "tens", "hundreds", "thousands", "millions", "billions"})

# Words before "one" that make it a pronoun, not a number ("no one", "the one who").
ONE_AS_PRONOUN_BEFORE = frozenset({"no", "the", "this", "that", "every", "any", "each", "which", "anyone",
                                   "someone", "everyone", "a"})

# Qualifier phrases written before a number, longest matched first.
QUALIFIERS_BEFORE: dict[str, str] = {
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least", "not less than": "at_least",
    "a minimum of": "at_least",
    "more than": "more_than", "over": "more_than", "just over": "more_than", "well over": "more_than",
    "in excess of": "more_than", "upwards of": "more_than", "above": "more_than", "exceeding": "more_than",
    "about": "about", "around": "about", "nearly": "about", "almost": "about", "some": "about",
    "roughly": "about", "approximately": "about", "an estimated": "about", "estimated": "about",
    "close to": "about", "circa": "about", "approx": "about", "an approximate": "about",
    "up to": "up_to", "as many as": "up_to", "as much as": "up_to",
    "less than": "less_than", "fewer than": "less_than", "under": "less_than", "just under": "less_than",
    "below": "less_than",
    "at most": "at_most", "no more than": "at_most", "not more than": "at_most", "a maximum of": "at_most",
}

# Qualifier phrases written after a quantity ("26 people or more").
QUALIFIERS_AFTER: dict[str, str] = {"or more": "at_least", "or so": "about", "or fewer": "at_most",
                                    "or less": "at_most", "and more": "at_least"}

# Currency written before the number ("$", "£", "US$", "Rs").
CURRENCY_SYMBOLS = frozenset({
    "$", "£", "€", "¥", "₹", "₽", "₴", "₩", "₺", "₪", "us$", "a$", "c$", "hk$", "nz$", "s$", "r$", "rs",
    "usd", "eur", "gbp", "jpy", "cny", "chf", "inr", "rub", "uah",
})

# Currency written after the number ("40 dollars", "500 euros").
CURRENCY_WORDS = frozenset({
    "dollar", "dollars", "euro", "euros", "pound", "pounds", "pence", "penny", "cent", "cents", "yen",
    "yuan", "renminbi", "rupee", "rupees", "rouble", "roubles", "ruble", "rubles", "hryvnia", "hryvnias",
    "franc", "francs", "dirham", "dirhams", "riyal", "riyals", "shekel", "shekels", "lira", "rand",
    "peso", "pesos", "krona", "kronor", "krone", "kroner", "zloty", "zlotys",
})

# Percent written after the number; several words long where the key has spaces.
PERCENT_WORDS = ("percentage points", "percentage point", "per cent", "percent", "pc", "%")

# Nouns of time: a number counting them is a duration ("three years of fighting", "48 hours").
TIME_UNITS = frozenset({
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "night", "nights", "week",
    "weeks", "fortnight", "fortnights", "month", "months", "year", "years", "decade", "decades",
    "century", "centuries", "millennium", "millennia",
})

# Units of measure: a number counting them is a measurement ("5km", "40 tonnes").
MEASURE_UNITS = frozenset({
    "km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "mile", "miles", "metre", "metres", "meter",
    "meters", "m", "cm", "mm", "centimetre", "centimetres", "centimeter", "centimeters", "millimetre",
    "millimetres", "millimeter", "millimeters", "nanometre", "nanometres", "nanometer", "nanometers", "ft", "feet",
    "foot", "inch", "inches", "yard", "yards", "kg", "kgs", "kilogram", "kilograms", "kilo", "kilos", "gram",
    "grams", "lb", "lbs", "tonne", "tonnes", "ton", "tons", "litre", "litres", "liter", "liters", "gallon",
    "gallons", "barrel", "barrels", "acre", "acres", "hectare", "hectares", "sq", "kmh", "km/h", "mph", "knots",
    "degrees", "mw", "gw", "kw", "kwh", "mwh", "gwh",
})

# Words after "10m" that make the "m" metres, not million ("a 10m high wall").
DIMENSION_WORDS = frozenset({"high", "tall", "long", "deep", "wide", "away", "thick", "across", "above", "below"})

# Tokens right after a number that make it a clock time ("3pm", "10 a.m.", "0600 GMT").
TIME_OF_DAY = frozenset({"am", "pm", "a.m.", "p.m.", "a.m", "p.m", "gmt", "bst", "utc", "cet", "cest", "est",
                         "edt", "et", "pt", "pst", "hrs", "o'clock", "local"})

# Nouns after a number that never are what it counts ("26 yesterday", "5 ago").
NOT_UNITS = frozenset({"yesterday", "today", "tomorrow", "tonight", "ago", "last", "next", "this", "each",
                       "apiece", "people's"})

# Words before a number that make it a label ("page 5", "No 10", "Flight 17"), when nothing is counted.
LABEL_WORDS = frozenset({"no", "no.", "number", "page", "flight", "route", "article", "chapter", "section",
                         "line", "platform", "gate", "level", "category", "grade", "stage", "phase", "round",
                         "room", "unit", "block", "building", "highway", "road", "resolution", "season",
                         "episode", "version", "team", "tier", "group", "zone", "pier", "terminal", "ward"})

# Numbers that are names, not amounts: emergency telephone numbers ("a 911 call", "dialled 999").
NUMBER_NAMES = frozenset({"911", "999"})

# Ages: "aged 47", "the age of 47".
AGE_WORDS_BEFORE = frozenset({"aged", "age"})

MONTH_NAMES = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
})

# spaCy entity labels a number inside of is part of a name ("Apollo 11", "Group of Seven", "Boeing 737").
NAME_LABELS = frozenset({"PERSON", "ORG", "PRODUCT", "FAC", "WORK_OF_ART", "LAW", "EVENT", "GPE", "LANGUAGE"})
