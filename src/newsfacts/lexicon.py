"""Word lists the counting rules rest on: what makes a figure a count of the killed, the injured, houses...

Lemmas, not surface forms: spaCy's lemmatizer maps "killing", "were killed", "kills" to "kill". The lists were
built from the event vocabulary of ACLED/UCDP codebooks and news style guides, then checked against the dev
set's misses (classes of phrasing, never single sentences).
"""

from __future__ import annotations

import re

# Predicates (verb or adjective lemmas) that make a count of people a count of a category.
PERSON_PREDICATES: dict[str, str] = {
    # killed
    "kill": "killed", "die": "killed", "murder": "killed", "slay": "killed", "massacre": "killed",
    "execute": "killed", "perish": "killed", "drown": "killed", "behead": "killed", "assassinate": "killed",
    "dead": "killed", "deceased": "killed", "lose": "killed", "succumb": "killed",
    "neutralise": "killed", "neutralize": "killed", "lifeless": "killed", "electrocute": "killed",
    "lynch": "killed", "slaughter": "killed", "eliminate": "killed",
    # injured
    "injure": "injured", "wound": "injured", "hurt": "injured", "hospitalise": "injured",
    "hospitalize": "injured", "maim": "injured", "injured": "injured", "wounded": "injured",
    "stab": "injured", "burn": "injured",
    # arrested / detained / imprisoned
    "arrest": "arrested", "apprehend": "arrested", "nab": "arrested", "capture": "arrested", "detain": "detained", "imprison": "imprisoned",
    "jail": "imprisoned", "incarcerate": "imprisoned",
    # missing, displaced, evacuated, abducted
    "missing": "missing", "unaccounted": "missing", "disappear": "missing", "trap": "missing",
    "displace": "displaced", "homeless": "displaced", "displaced": "displaced", "flee": "displaced",
    "shelter": "displaced",
    "evacuate": "evacuated", "relocate": "evacuated",
    "abduct": "abducted", "kidnap": "abducted", "kidnapped": "abducted", "abducted": "abducted",
}

# Nouns whose count is itself a category ("eight more bodies", "3,400 deaths", "14 arrests").
COUNT_NOUNS: dict[str, str] = {
    "body": "killed", "death": "killed", "fatality": "killed", "corpse": "killed", "life": "killed",
    "arrest": "arrested", "detention": "detained", "interpellation": "arrested",
    "injury": "injured", "kidnapping": "abducted", "abduction": "abducted", "evacuee": "evacuated",
    "hostage": "abducted", "captive": "abducted", "evacuation": "evacuated", "displacement": "displaced",
    "killing": "killed",
}

# Nouns that, as a predicate's object or a prepositional complement, give the category
# ("lost their lives", "treated for injuries", "taken to hospital", "sent to prison").
COMPLEMENT_NOUNS: dict[str, str] = {
    "life": "killed", "injury": "injured", "hospital": "injured", "burn": "injured", "wound": "injured",
    "surgery": "injured", "treatment": "injured", "inhalation": "injured", "condition": "injured", "custody": "detained", "prison": "imprisoned",
    "jail": "imprisoned", "hostage": "abducted", "captivity": "abducted", "housing": "displaced",
    "imprisonment": "imprisoned", "detention": "detained", "station": "detained",
    "accommodation": "displaced", "shelter": "displaced",
}

# Verbs that need a complement to say what happened to people (take ... to hospital, send ... to prison).
CARRIER_VERBS = frozenset({
    "take", "rush", "fly", "airlift", "bring", "send", "transfer", "treat", "admit", "lose", "suffer",
    "require", "need", "hold", "put", "hand", "sentence", "remain", "be", "leave", "list", "keep",
    "help", "provide", "house", "sustain", "claim", "receive", "undergo",
})

# Modifiers that turn an injury into a death ("fatally wounded", "shot dead").
FATAL_MODIFIERS = frozenset({"fatally", "mortally", "dead"})

# A shooting or beating without a fatal word is an injury.
HARM_VERBS = frozenset({"shoot", "hit", "strike", "beat", "stab", "attack", "assault", "graze"})

# Verbs that end a state, so "rescued 11 of the abducted" or "released 30 detainees" count no one.
REVERSAL_VERBS = frozenset({
    "rescue", "release", "free", "discharge", "return", "survive", "escape", "save", "reunite", "pardon",
    "acquit",
})

# Objects and the verbs that damage them.
BUILDING_NOUNS = frozenset({
    "house", "home", "building", "shop", "store", "warehouse", "apartment", "flat", "school", "granary",
    "structure", "dwelling", "church", "mosque", "temple", "office", "business", "kiosk", "stall",
    "residence", "property", "premise", "hut", "shelter", "factory", "hotel", "restaurant", "bank",
    "clinic", "classroom", "barn", "cottage", "villa", "homestead", "storefront", "market", "synagogue",
    "centre", "center", "facility", "hall", "mall", "supermarket", "pharmacy", "tower", "hostel",
})
VEHICLE_NOUNS = frozenset({
    "car", "vehicle", "truck", "lorry", "bus", "motorbike", "motorcycle", "ambulance", "van", "tanker",
    "tractor", "minibus", "jeep", "suv", "taxi", "trailer", "coach", "scooter", "bicycle", "boat",
    "train", "tram", "wagon", "pickup",
})
DAMAGE_PREDICATES = frozenset({
    "damage", "destroy", "burn", "torch", "raze", "flatten", "smash", "loot", "shell", "gut", "ransack",
    "vandalize", "vandalise", "demolish", "collapse", "wreck", "bomb", "hit", "blow", "fire", "set",
    "ablaze", "destroyed", "damaged", "burnt", "burned", "level", "bulldoze", "topple", "sweep", "gutted",
})

# Heads that make a number a measure, an identifier or money, never a count of victims.
NON_COUNT_HEADS = frozenset({
    "year", "month", "week", "day", "hour", "minute", "second", "time", "decade", "century", "night",
    "metre", "meter", "kilometre", "kilometer", "km", "mile", "mph", "foot", "feet", "inch", "yard",
    "tonne", "ton", "kg", "kilogram", "litre", "liter", "gallon", "percent", "%", "per", "cent",
    "dollar", "euro", "pound", "peso", "naira", "crown", "sol", "rupee", "yuan", "ruble", "rouble",
    "franc", "shilling", "dinar", "lira", "manat", "yen", "won", "real", "rand", "cfa", "$", "€", "£",
    "vote", "seat", "point", "degree", "megawatt", "kilowatt", "storey", "story", "floor", "block",
    "round", "shot", "bullet", "shell", "rocket", "missile", "drone", "times", "mm", "cm", "km/h",
    "route", "article", "flight", "gate", "highway", "marker", "lane", "street", "road",
    "avenue", "no", "number", "page", "chapter", "section", "item", "version", "age", "aged", "ages",
    "bed", "address", "warrant", "country", "nation", "team", "match", "goal", "game", "shift",
    "community", "village", "town", "city", "district", "province", "region", "state", "county",
    # animals die in floods and raids too, but the counts are of people
    "livestock", "cattle", "animal", "dog", "sheep", "goat", "cow", "bird", "horse", "camel", "chicken",
    "pig", "donkey", "head",
    # events and activities are counted in news copy too, but they are not people
    "operation", "attack", "raid", "incident", "case", "clash", "strike", "explosion", "blast", "bombing",
    "shooting", "checkpoint", "crash", "protest", "demonstration", "patrol", "mission", "trip", "call",
    "complaint", "charge", "offence", "offense", "count", "session", "hearing", "trial", "wave", "episode",
    "airstrike", "ambush", "assault", "sortie", "journey", "phase", "stage",
})

# Words before a figure that make it an increment to an earlier figure ("eight more", "another 744").
INCREMENT_WORDS = frozenset({"more", "additional", "further", "another"})

# Words that mark the figure as an overall count ("Thus, 147 ...", "In total, 270 ...").
TOTAL_WORDS = frozenset({"thus", "total", "overall", "altogether", "all told", "in all", "cumulative"})

# Verbs of a rising toll: "the toll rose to 19" updates an earlier figure.
UPDATE_VERBS = frozenset({"rise", "climb", "increase", "jump", "reach", "grow", "mount", "soar", "swell", "hit",
                          "revise", "lower", "fall", "drop", "correct"})
BRING_VERBS = frozenset({"bring", "raise", "push", "take", "lift"})

# Verbs that attribute a figure to a source ("police said", "put the death toll at 15").
SPEECH_VERBS = frozenset({
    "say", "tell", "report", "announce", "state", "confirm", "put", "estimate", "add", "declare",
    "write", "claim", "count", "record", "quote", "repeat", "insist", "maintain", "reiterate", "explain",
})

# Nouns that name a running count ("the death toll", "the number of dead", "the tally of arrests").
TALLY_NOUNS = frozenset({"toll", "number", "tally", "count", "figure", "total"})

# Severity adverbs after a bare figure: "three were injured, one seriously" — a subset of the figure before.
SEVERITY_ADVERBS = frozenset({"seriously", "critically", "severely", "badly", "gravely", "fatally", "slightly"})


# Figures read off a vague word ("dozens" = 24): they give way to counted figures and are never disputed.
# Words that date a figure to an earlier count than the article's own ("initially", "on the day of the fire,
# officials put the toll at 17", "had put the toll at nine", "up from 12"): a later figure supersedes it.
EARLIER_COUNT = re.compile(
    r"\b(?:earlier|previous(?:ly)?|initial(?:ly)?|at first|originally|on the day of|at the time|"
    r"(?:in )?the first (?:hours?|minutes?|reports?)|early on|"
    r"had (?:put|given|said|reported|counted|been put)|up from|first (?:count|figure|toll|reports?)|"
    r"early (?:reports?|figures?|counts?)|old figure)\b",
    re.IGNORECASE,
)
VAGUE_FIGURE = re.compile(r"\b(dozens|hundreds|thousands|scores|a dozen)\b", re.IGNORECASE)


def category_family(category: str) -> str:
    """Detained and taken into custody count as arrested wherever counts are compared."""
    return "arrested" if category == "detained" else category
