"""Word lists the entity rules read: honorifics, titles, pronouns, place names (data only, no logic).

Kept as Python constants rather than package data files so they always ship with the code.
Every list is matched case-sensitively unless its comment says otherwise.
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    """A frozenset of the comma- or newline-separated entries of ``block`` (blank ones ignored)."""
    return frozenset(word.strip() for line in block.splitlines() for word in line.split(",") if word.strip())


# spaCy labels that name no referent (numbers, dates, amounts): never entities.
SKIP_LABELS = frozenset({"CARDINAL", "DATE", "QUANTITY", "MONEY", "PERCENT", "ORDINAL", "TIME"})

# Labels whose referents may carry roles (titles, appositions).
ROLE_LABELS = frozenset({"PERSON", "ORG"})

# Honorifics before a name (matched without a trailing "."), with the gender they imply (None: either).
HONORIFICS: dict[str, str | None] = {
    "Mr": "m", "Mister": "m", "Sir": "m", "Lord": "m", "Monsieur": "m", "Herr": "m", "Senor": "m",
    "Señor": "m", "Signor": "m",
    "Mrs": "f", "Ms": "f", "Miss": "f", "Mx": None, "Dame": "f", "Lady": "f", "Madame": "f", "Mme": "f",
    "Frau": "f", "Senora": "f", "Señora": "f",
    "Dr": None, "Prof": None, "Professor": None, "Rev": None, "Fr": "m",
    "Messrs": None, "Mmes": None,
}

# Titles that may stand before a name and make a role ("President Trump", "Prime Minister X").
TITLE_WORDS = _words("""
President, Vice, Prime, Minister, Chancellor, Secretary, Governor, Senator, Sen, Rep, Representative
Congressman, Congresswoman, Mayor, King, Queen, Prince, Princess, Pope, Patriarch, Archbishop
Bishop, Cardinal, Sheikh, Emir, Sultan, General, Gen, Colonel, Col, Major, Maj, Lieutenant, Lt
Captain, Capt, Commander, Admiral, Marshal, Sergeant, Sgt, Judge, Justice, Speaker, Chairman
Chairwoman, Chair, Director, Commissioner, Ambassador, Envoy, Spokesman, Spokeswoman, Spokesperson
Premier, Chief, Deputy, Acting, Foreign, Defence, Defense, Interior, Health, Finance, CEO, Coach
Manager, Officer, Inspector, Detective, Superintendent, Constable, Attorney, Prosecutor, Leader
Head
""")

# An office's domain after "<Title> of" ("Secretary of State"): part of the title, not an entity.
OFFICE_DOMAINS = _words("""
State, Defense, Defence, Health, Justice, Interior, Finance, Education, Energy, Labor, Labour
Treasury, Agriculture, Commerce, Transportation, Transport, Homeland Security, Veterans Affairs
Foreign Affairs, Home Affairs, Staff
""")

# Lowercase particles inside surnames ("Ursula von der Leyen", "Luiz Inácio Lula da Silva").
NAME_PARTICLES = _words("""
von, van, der, den, de, del, della, di, da, dos, das, du, la, le, ter, ten, bin, bint, ibn, al, el
""")

# Generational suffixes after a person's name, casefolded without dots ("Jr." → "jr").
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})

# Nouns after a proper name that make it a place ("the Donetsk region"); matched lowercased.
PLACE_NOUNS = _words("""
region, oblast, province, district, county, city, town, village, state, prefecture, governorate
municipality, republic, krai, territory, peninsula
""")

# Third-person singular pronouns resolved to people, with their gender; matched lowercased.
PERSON_PRONOUNS: dict[str, str] = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}

# Role words that imply a gender (so "she" never resolves to "the spokesman"); matched lowercased.
GENDERED_ROLE_WORDS: dict[str, str] = {
    "spokesman": "m", "chairman": "m", "congressman": "m", "businessman": "m", "king": "m",
    "prince": "m", "father": "m", "husband": "m", "son": "m", "brother": "m", "actor": "m",
    "man": "m", "boy": "m", "sheikh": "m", "emir": "m", "sultan": "m", "pope": "m",
    "spokeswoman": "f", "chairwoman": "f", "congresswoman": "f", "businesswoman": "f",
    "queen": "f", "princess": "f", "mother": "f", "wife": "f", "daughter": "f", "sister": "f",
    "actress": "f", "woman": "f", "girl": "f", "grandmother": "f",
}

# Nouns that may follow "the N-year-old" and still describe a person; matched lowercased.
PERSON_NOUNS = _words("""
man, woman, boy, girl, mother, father, son, daughter, player, star, striker, forward, defender
midfielder, goalkeeper, veteran, resident, student, pensioner, grandmother, grandfather, actor
actress, singer
""")

# Places the general model often tags as PERSON or ORG. Countries, capitals, big cities, and the
# Ukrainian and Russian places that war reporting names most.
PLACES = _words("""
Afghanistan, Albania, Algeria, Argentina, Armenia, Australia, Austria, Azerbaijan, Bahrain
Bangladesh, Belarus, Belgium, Bolivia, Bosnia, Brazil, Britain, Bulgaria, Cambodia, Cameroon, Canada
Chad, Chile, China, Colombia, Congo, Croatia, Cuba, Cyprus, Czechia, Denmark, Ecuador, Egypt
England, Eritrea, Estonia, Ethiopia, Finland, France, Gaza, Georgia, Germany, Ghana, Greece
Guatemala, Haiti, Honduras, Hungary, Iceland, India, Indonesia, Iran, Iraq, Ireland, Israel, Italy
Japan, Jordan, Kazakhstan, Kenya, Kosovo, Kuwait, Kyrgyzstan, Laos, Latvia, Lebanon, Libya
Lithuania, Luxembourg, Malaysia, Mali, Malta, Mexico, Moldova, Mongolia, Montenegro, Morocco
Mozambique, Myanmar, Nepal, Netherlands, Nicaragua, Niger, Nigeria, Norway, Oman, Pakistan
Palestine, Panama, Peru, Philippines, Poland, Portugal, Qatar, Romania, Russia, Rwanda, Scotland
Senegal, Serbia, Singapore, Slovakia, Slovenia, Somalia, Spain, Sudan, Sweden, Switzerland, Syria
Taiwan, Tajikistan, Tanzania, Thailand, Tunisia, Turkey, Turkmenistan, Uganda, Ukraine, Uruguay
Uzbekistan, Venezuela, Vietnam, Wales, Yemen, Zambia, Zimbabwe, Abu Dhabi, Amsterdam, Ankara, Athens
Baghdad, Baku, Bangkok, Beijing, Beirut, Belgrade, Berlin, Bratislava, Brussels, Bucharest, Budapest
Cairo, Caracas, Chisinau, Copenhagen, Damascus, Delhi, Doha, Dubai, Dublin, Geneva, Hanoi, Havana
Helsinki, Islamabad, Istanbul, Jakarta, Jerusalem, Kabul, Khartoum, Kinshasa, Kyiv, Kiev, Lagos
Lisbon, Ljubljana, London, Madrid, Manila, Minsk, Moscow, Mumbai, Nairobi, Oslo, Ottawa, Paris
Prague, Pyongyang, Riga, Riyadh, Rome, Seoul, Shanghai, Sofia, Stockholm, Tallinn, Tbilisi, Tehran
Tokyo, Tripoli, Vienna, Vilnius, Warsaw, Washington, Yerevan, Zagreb, Avdiivka, Bakhmut, Belgorod
Berdiansk, Bryansk, Cherkasy, Chernihiv, Chernivtsi, Crimea, Dnipro, Donbas, Donetsk, Kharkiv
Kherson, Khmelnytskyi, Kramatorsk, Kropyvnytskyi, Kupiansk, Kursk, Luhansk, Lutsk, Lviv, Mariupol
Melitopol, Mykolaiv, Odesa, Odessa, Pokrovsk, Poltava, Rivne, Rostov, Sevastopol, Sloviansk, Sumy
Taganrog, Ternopil, Toretsk, Uzhhorod, Vinnytsia, Volgograd, Voronezh, Vovchansk, Zaporizhzhia
Zhytomyr, St Petersburg, Saint Petersburg
""")

# Words ignored when spelling a name's initials ("European Union" → "EU"); matched lowercased.
ACRONYM_STOPWORDS = frozenset({"of", "the", "and", "for", "on", "in", "&"})

# Nouns naming what a person is or does, beyond those the suffixes in ROLE_SUFFIXES catch; a
# one-word role before a name ("actress Mila Kunis") must be one, so "in court Chancey Luna" gives
# none. Matched lowercased.
ROLE_NOUNS = _words("""
boss, chief, head, star, legend, prop, hooker, wife, husband, son, fiance, fiancee, fiancé, fiancée
ally, aide, envoy, pilot, cleric, judge, chef, nurse, student, captain, coach, champion, rival, icon
veteran, graduate, candidate, nominee, deputy, official, expert, analyst, activist, colleague
compatriot, teammate, team-mate, patron, host, guest, victim, suspect, survivor, witness, resident
citizen, model, mp, mep, president, chancellor, secretary, governor, senator, mayor, king, queen
prince, princess, pope, general, colonel, major, lieutenant, sergeant, spokesperson, premier, ceo
heir, pupil, child, baby, girl, boy, man, woman, lady, gentleman, teen, youngster, mum, mom, dad
uncle, aunt, nephew, niece, cousin, stepson, stepdaughter, friend, pal, mate, beau, widow, widower
bride, groom, monk, nun, priest, imam, rabbi, bishop, archbishop, cardinal, sheikh, emir, sultan
dictator, tycoon, billionaire, millionaire, magnate, mogul, celebrity, athlete, jockey, international
seed, astronaut, tourist, attorney, soldier, marine, chief, diplomat, consul, delegate, adviser
consultant, assistant, intern, employee, staffer, executive, entrepreneur, tenant, passenger
motorist, pedestrian, patient, surgeon, midwife, paramedic, vet, veterinarian, academic, hero
heroine, villain, fan, militant, rebel, jihadist, gunman, attacker, assailant, defendant, accused
convict, inmate, detainee, hostage, mourner, relative, agent, director, founder, partner, official
girlfriend, boyfriend, landlord, landlady, substitute, elder, chairperson, scholar, priest, teen
""")

# Endings of nouns that name people ("songwriter", "saxophonist", "historian", "countryman").
ROLE_SUFFIXES = ("er", "or", "ist", "ian", "man", "woman", "ess", "ee", "eer", "ant", "ent")

# Nouns with those endings that name no person; matched lowercased.
NOT_ROLE_NOUNS = _words("""
career, corner, border, order, number, water, letter, paper, power, computer, cancer, river
quarter, center, centre, matter, winter, summer, manner, chapter, disaster, tower, flower, weather
error, mirror, sector, factor, floor, door, color, colour, behaviour, behavior, honour, honor
labour, labor, favour, favor, rumour, rumor, tumour, tumor, motor, interior, exterior, horror
terror, anchor, harbour, harbor, list, fist, twist, mist, wrist, guardian, median
woman's, fee, tree, knee, degree, committee, coffee, agreement, statement, government, moment
comment, event, incident, element, payment, movement, department, parliament, document, treatment
restaurant, plant, grant, tournament, management, environment, segment, content, percent, accident
present, talent, extent, argument, investment, apartment, settlement, announcement
weekend, trend, dinner, offer, answer, shower
""")
