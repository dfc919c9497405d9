"""Word lists the incident rules read: who counts as a person, which predicates say what befell them.

Lemmas, lower case. The lists were grown on the dev set's local news (dev-101…116) and widened with the
synonyms wire copy uses; a word belongs here only when its reading does not depend on the article.
"""

from __future__ import annotations

# Nouns that name people without saying what they do.
GENERIC_PEOPLE = frozenset(
    {"person", "people", "victim", "individual", "other", "civilian", "casualty", "someone", "anyone", "everyone"}
)
# Nouns that give sex and age; value: (gender, lowest age, highest age).
GENDER_AGE: dict[str, tuple[str | None, int, int]] = {
    "man": ("m", 18, 120), "woman": ("f", 18, 120), "boy": ("m", 0, 19), "girl": ("f", 0, 19),
    "teenager": (None, 13, 19), "teen": (None, 13, 19), "youth": (None, 12, 25), "child": (None, 0, 17),
    "kid": (None, 0, 17), "baby": (None, 0, 2), "infant": (None, 0, 2), "toddler": (None, 1, 4),
    "juvenile": (None, 0, 17), "minor": (None, 0, 17), "adult": (None, 18, 120), "male": ("m", 0, 120),
    "female": ("f", 0, 120), "gentleman": ("m", 18, 120), "lady": ("f", 18, 120), "pensioner": (None, 60, 120),
    "schoolboy": ("m", 5, 18), "schoolgirl": ("f", 5, 18), "teenage": (None, 13, 19),
}
KIN: dict[str, str | None] = {
    "wife": "f", "husband": "m", "mother": "f", "father": "m", "son": "m", "daughter": "f", "brother": "m",
    "sister": "f", "boyfriend": "m", "girlfriend": "f", "partner": None, "grandmother": "f", "grandfather": "m",
    "grandson": "m", "granddaughter": "f", "nephew": "m", "niece": "f", "uncle": "m", "aunt": "f",
    "cousin": None, "relative": None, "spouse": None, "fiance": None, "fiancee": "f", "stepfather": "m",
    "stepson": "m", "stepdaughter": "f", "parent": None, "sibling": None, "mom": "f", "dad": "m",
}
# People named by what they do or where they were; a role says more than sex and age.
ROLES = frozenset(
    """driver passenger rider motorcyclist cyclist biker pedestrian motorist pilot clerk cashier officer
    policeman policewoman deputy trooper constable sergeant agent guard firefighter fireman paramedic nurse
    doctor worker labourer laborer miner employee manager owner shopkeeper vendor customer shopper student
    pupil teacher patient soldier militant fighter insurgent rebel gunman shooter attacker assailant robber
    burglar thief suspect perpetrator bomber protester protestor demonstrator rioter journalist reporter
    photographer bystander passerby neighbour neighbor resident villager farmer fisherman tourist migrant
    refugee prisoner inmate detainee hostage occupant homeowner tenant guest spectator fan player worshipper
    pilgrim trucker hiker climber swimmer official lawmaker commander mayor priest imam activist sailor
    marine lifeguard electrician director technician contractor builder crewman teller waiter bartender
    dealer smuggler kidnapper abductor raider gunmen jihadist militiaman volunteer rescuer medic landlord
    operator conductor engineer mechanic courier cleaner caretaker shepherd herder trader merchant
    staffer colleague friend acquaintance stranger intruder invader ex passer
    cadre maoist naxal naxalite guerrilla guerilla terrorist extremist combatant jawan commando policeman
    cop paramilitary ranger guardsman gendarme serviceman servicewoman troop personnel informer leader
    member supporter sympathiser sympathizer accomplice associate aide courier headman chief councillor
    councilor legislator politician minister candidate tribal landowner businessman trader contractor
    cadet recruit deserter kingpin gangster mobster dacoit smuggler poacher
    judge magistrate prosecutor lawyer attorney senator congressman congresswoman councilman councilwoman
    governor diplomat ambassador consul mayor-elect deputy-mayor peasant campesino nun bishop archbishop jesuit
    monk pastor preacher cleric rabbi unionist bodyguard escort chauffeur secretary professor lecturer
    scientist economist banker industrialist landlord headmaster principal clerk labourer peon rancher
    villager tribesman tribesmen elder chieftain sheikh activist dissident opponent candidate mp
    sarpanch patrolman policeman watchman sentry gunner pilot copilot crew crewmember""".split()
)
# Roles that corefer with each other when a definite description picks one up ("the gunman … the suspect").
ROLE_CLASSES: tuple[frozenset[str], ...] = (
    frozenset({"gunman", "shooter", "attacker", "assailant", "suspect", "perpetrator", "robber", "intruder"}),
    frozenset({"officer", "policeman", "policewoman", "deputy", "trooper", "constable", "sergeant", "agent", "cop",
               "gendarme", "personnel", "jawan", "commando", "paramilitary", "ranger"}),
    frozenset({"soldier", "troop", "serviceman", "servicewoman", "paratrooper", "marine", "guardsman"}),
    # the armed side of an insurgency, under the many names one report gives it ("two cadres … the Maoists")
    frozenset({"militant", "insurgent", "rebel", "fighter", "guerrilla", "guerilla", "cadre", "maoist", "naxal",
               "naxalite", "extremist", "terrorist", "jihadist", "combatant", "militiaman"}),
    frozenset({"rider", "motorcyclist", "biker", "cyclist"}),
    frozenset({"driver", "motorist"}),
    frozenset({"worker", "labourer", "laborer", "employee", "miner", "builder", "contractor"}),
    frozenset({"protester", "protestor", "demonstrator", "rioter"}),
    frozenset({"firefighter", "fireman"}),
)
PRONOUNS: dict[str, tuple[str | None, bool]] = {  # pronoun -> (gender, plural)
    "he": ("m", False), "him": ("m", False), "himself": ("m", False), "she": ("f", False),
    "her": ("f", False), "herself": ("f", False), "they": (None, True), "them": (None, True),
    "themselves": (None, True),
}
# Adjectives used as nouns for groups: "the dead", "the injured".
FATE_ADJECTIVES = {"dead": "killed", "deceased": "killed", "injured": "injured", "wounded": "injured",
                   "arrested": "arrested", "detained": "arrested"}

# Predicates. "patient" verbs tell what happened to their object or passive subject.
KILL_VERBS = frozenset({"kill", "murder", "slay", "behead", "execute", "assassinate", "massacre", "slaughter",
                        "lynch", "neutralise", "neutralize", "eliminate"})
WOUND_VERBS = frozenset(
    {"shoot", "stab", "wound", "injure", "hurt", "hit", "strike", "graze", "burn", "beat", "assault", "maim",
     "harm", "slash", "knife", "batter", "trample", "crush", "scald", "bite", "gun", "pistol-whip", "punch",
     "kick", "pepper-spray", "run"}
)
ARREST_VERBS = frozenset({"arrest", "detain", "apprehend", "charge", "book", "remand", "handcuff", "nab", "jail",
                          "capture"})
CARE_VERBS = frozenset({"treat", "hospitalize", "hospitalise", "admit", "airlift", "medevac", "hospitalized"})
CONVEY_VERBS = frozenset({"take", "rush", "fly", "transport", "carry", "bring", "drive", "transfer", "send"})
# "agent" verbs tell what happened to their subject.
DIE_VERBS = frozenset({"die", "perish", "succumb", "drown", "suffocate"})
SUFFER_VERBS = frozenset({"suffer", "sustain", "receive", "nurse", "undergo"})
INJURY_NOUNS = frozenset(
    {"injury", "wound", "cut", "burn", "bruise", "fracture", "laceration", "gunshot", "trauma", "surgery",
     "concussion", "stab", "graze", "break", "bone", "inhalation"}
)
HOSPITAL_WORDS = frozenset({"hospital", "center", "centre", "clinic", "infirmary", "trauma", "er", "icu"})
CONDITION_WORDS = frozenset({"condition", "coma", "hospital", "care"})
DEATH_NOUNS = frozenset({"death", "body", "killing", "murder", "funeral", "remains", "corpse", "assassination",
                         "execution", "lynching", "beheading", "slaying"})
# Prepositions that make a death the cause of what the sentence reports ("riots after the death of a teen").
TRIGGER_PREPS = frozenset({"after", "following", "over", "since"})
NEGATIVE_DETS = frozenset({"no", "none", "nobody", "noone"})
ZERO_NOUNS = {"arrest": ("arrested",), "injury": ("injured",), "death": ("killed",), "fatality": ("killed",),
              "casualty": ("killed", "injured"), "victim": ("killed", "injured")}

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "a": 1, "an": 1, "both": 2, "couple": 2, "pair": 2, "twins": 2, "single": 1, "lone": 1,
}
