"""Habits of real attack reports that the extractor reads: a number with no noun of its own ("Of these, 33 were
shot down"), "a total of 94 drones", a toll of none ("there were no casualties"), a war's toll and a headline's
"400+ Drones" that are not an attack's casualties, makers that are not attackers ("Iranian-made"), and several
counts of what was shot down. Every sentence is ours, each in another newsroom's habit."""

from __future__ import annotations

import pytest

import newsdesk


def attacks(text: str, published: str = "2025-03-14") -> list:
    return [e for e in newsdesk.analyze("Headline\n\n" + text, published=published).events if e.type == "attack"]


def only(text: str, published: str = "2025-03-14"):
    found = attacks(text, published)
    assert len(found) == 1, [e.summary for e in found]
    return found[0]


def weapons(event) -> dict:
    return {(w.kind, w.model): (w.launched, w.intercepted) for w in event.weapons}


@pytest.mark.parametrize("text, want", [
    # an agency's style: the total, then "Of these" in the next sentence
    ("Russia sent 62 unmanned aerial vehicles against Ukraine overnight, the air force said. Of these, 33 were "
     "shot down over ten regions while contact was lost with 25 others.", (62, 33)),
    # a broadcaster's style: "Of the N launched" fronted in one sentence
    ("Of the 54 drones launched overnight, 52 were shot down by air defence systems, the air force said.", (54, 52)),
    # a semicolon and a bare number
    ("Russia attacked Ukraine with 142 drones overnight; 81 were downed, while 51 failed to reach their targets, "
     "the military said.", (142, 81)),
    # a verb of saying between the number and the interception
    ("Russia fired 40 drones at the Kharkiv region overnight. Of them, 31 were confirmed to have been shot down, "
     "the regional governor said.", (40, 31)),
])
def test_a_number_with_no_noun_counts_the_weapon_just_named(text, want):
    assert weapons(only(text))[("drone", None)] == want


def test_a_bare_number_doing_something_else_is_no_interception():
    event = only("Russia launched 20 drones at Odesa overnight, the navy said. Of these, 3 hit port buildings.")
    assert weapons(event)[("drone", None)] == (20, None)


@pytest.mark.parametrize("text, want", [
    ("Russia launched a total of 94 Shahed-type drones overnight, the air force said.", ("drone", "Shahed", 94)),
    ("Moscow fired a total of 31 missiles at the energy grid overnight, officials said.", ("missile", None, 31)),
])
def test_a_total_of_n(text, want):
    kind, model, value = want
    assert weapons(only(text))[(kind, model)][0] == value


@pytest.mark.parametrize("text, killed, wounded", [
    ("Russian drones struck Poltava overnight, damaging two houses. There were no casualties, the military said.",
     0, 0),
    ("A Russian missile hit a warehouse overnight. No one was injured, officials wrote on Telegram.",
     None, 0),
    ("Russian drones hit the port of Izmail overnight. No fatalities have been recorded, the navy said.", 0, None),
])
def test_no_casualties_is_a_toll_of_none(text, killed, wounded):
    hurt = only(text).casualties
    assert (hurt.killed.value if hurt and hurt.killed else None) == killed
    assert (hurt.wounded.value if hurt and hurt.wounded else None) == wounded


def test_one_region_s_no_casualties_is_not_a_country_wide_barrage_s():
    event = only("Russia launched 120 drones and 20 missiles at Ukraine overnight, the air force said. The State "
                 "Emergency Service reported damage in Odesa, but no casualties.")
    assert event.casualties is None or event.casualties.killed is None


def test_a_figure_told_elsewhere_outweighs_no_casualties():
    event = only("Russian missiles struck Kharkiv overnight, killing two people, officials said. In the "
                 "neighbouring district there were no casualties.")
    assert event.casualties.killed.value == 2


def test_a_war_toll_in_a_related_headline_is_not_the_attack_s():
    event = only("At least 23 people were killed in Russia's missile strike on Uman overnight, officials said.\n\n"
                 "Read more: Media identifies nearly 85,000 Russian soldiers killed in Ukraine.", "2023-04-28")
    assert event.casualties.killed.value == 23


def test_a_headline_count_of_drones_is_not_of_people():
    event = only("Russia Launches 400+ Drones, Dozens Of Missiles In Ukraine Strike, Killing 6\n\n"
                 "The overnight strikes killed six people, officials said.")
    assert event.casualties.killed.value == 6


@pytest.mark.parametrize("text", [
    "Russia launched 54 Iranian-made Shahed drones at Kyiv overnight, the air force said.",
    "Russia attacked Odesa overnight with 18 Iranian-designed drones, the southern command said.",
])
def test_who_made_the_weapon_is_not_who_fired_it(text):
    assert only(text).actor.name == "Russia"


def test_the_national_count_of_downed_drones_outweighs_a_city_s():
    event = only("Russia launched 54 drones at Ukraine overnight. Kyiv's military administration said air defence "
                 "shot down more than 40 drones over the capital. Of the 54 drones launched, 52 were shot down "
                 "across the country, the air force said.", "2023-05-28")
    assert weapons(event)[("drone", None)] == (54, 52)


@pytest.mark.parametrize("caption", [
    "Maria Hrytsenko, 71, looks at her damaged flat in Kharkiv, Ukraine, on March 12 2025.",
    "A view shows a residential building damaged during a drone strike in Odesa, Ukraine, 12 March, 2025.",
    "Rescuers work at the site of a strike in Dnipro. (Photo: State Emergency Service)",
    "Firefighters put out a blaze after a drone attack in Lviv, Ukraine March 12, 2025. REUTERS/Jane Roe",
])
def test_a_caption_neither_makes_nor_dates_an_attack(caption):
    text = (f"{caption}\n\nRussia launched 112 drones at Ukraine overnight, the air force said on Friday. "
            "Air defence shot down 80 of them.")
    event = only(text, "2025-03-14")
    assert event.date.value == "2025-03-14"
    assert weapons(event)[("drone", None)] == (112, 80)


@pytest.mark.parametrize("text, published, day", [
    ("Russia fired 70 missiles and 145 drones at Ukraine between late Wednesday and early Thursday, the air "
     "force said.", "2025-03-14", "2025-03-13"),
    ("\"From 18:00 on March 12 to 09:00 on March 13, the enemy attacked with 72 Shahed drones,\" the air force "
     "said.", "2025-03-14", "2025-03-13"),
    ("Moscow launched 90 drones during the night from March 12 to March 13, the military said.", "2025-03-14",
     "2025-03-13"),
    # a ministry's window given by the clock: the night ends on the second day
    ("Air defence units destroyed 86 Ukrainian drones between 10pm local time (7pm GMT) on Tuesday and 6am on "
     "Wednesday, the defence ministry said.", "2025-08-13", "2025-08-13"),
    ("The army downed 31 drones between 23:00 on Saturday and 05:00 on Sunday.", "2025-08-11", "2025-08-10"),
    # "overnight Monday" is either night as outlets use it: the window the air force writes out decides
    ("Air defences shot down 47 drones overnight Monday, the air force said.\n\n\"From 10:00 on December 22 to "
     "09:00 on December 23, the enemy attacked with 72 drones,\" the report said.\n\nAs of 09:00, 47 drones were "
     "shot down.", "2024-12-24", "2024-12-23"),
    ("Russia launched 60 drones overnight into Friday, Ukraine's air force said.", "2025-06-14", "2025-06-13"),
])
def test_a_night_told_by_its_two_ends_is_dated_by_the_morning(text, published, day):
    assert only(text, published).date.value == day


def test_two_days_of_attacks_are_not_a_night():
    assert only("Russian drones hit Kharkiv on Sunday and Monday, the mayor said.", "2025-03-14").date.value \
        == "2025-03-09"


@pytest.mark.parametrize("text, lost", [
    ("Russia launched 273 drones overnight. Air defence destroyed 88 of them. The attack also included 128 decoy "
     "drones that were lost along the way, the air force said.", 128),
    ("Russia launched 72 Shahed drones overnight, and 47 were shot down. Because of electronic countermeasures, "
     "25 drones diverted off course, causing no damage.", 25),
    ("The air force said 62 drones were launched. Of these, 33 were shot down while 25 were locationally lost.", 25),
])
def test_lost_apart_from_shot_down(text, lost):
    event = only(text)
    drones = [w for w in event.weapons if w.kind == "drone"]
    assert max(w.lost or 0 for w in drones) == lost
    assert all(w.intercepted != lost for w in drones)


def test_an_earlier_record_night_is_not_the_story_s_attack():
    events = attacks("The largest Russian drone attack since the war began killed a woman in the Kyiv region, "
                     "officials said. Russia had launched 273 drones, the air force said. The record was previously "
                     "held by a Feb. 23, 2025, strike, when Russia launched 267 drones.", "2025-05-18")
    by_day = {e.date.value if e.date else None: e for e in events}
    assert by_day["2025-05-18"].weapons[0].launched == 273
    assert by_day["2025-02-23"].weapons[0].launched == 267


@pytest.mark.parametrize("text, kind, want", [
    ("The air force said more than 60 of over 70 missiles sent by Russia were shot down.", ("missile", None),
     (70, 60)),
    ("Russia fired six missiles at Lviv overnight. Two of the six that were launched were shot down, the western "
     "command said.", ("missile", None), (6, 2)),
    ("Fifty-one of 70 cruise missiles were shot down overnight, the air force said.", ("cruise missile", None),
     (70, 51)),
    ("Russia fired 70 cruise missiles of the Kh-101 and Kh-555 types overnight, and 51 of them were destroyed.",
     ("cruise missile", None), (70, 51)),
])
def test_pairs_in_other_words(text, kind, want):
    assert weapons(only(text))[kind] == want


def test_a_number_fired_with_the_weapon_named_before_it():
    event = only("Russian forces used a variety of missile types, firing 36 in all in a two-hour overnight burst, "
                 "the military chief said.")
    assert weapons(event)[("missile", None)][0] == 36


def test_what_carries_the_weapons_is_not_a_weapon_count():
    event = only("Russia struck Ukraine overnight with about 90 cruise missiles fired from 14 missile carrier "
                 "aircraft and three missile ships, the air force said.")
    assert weapons(event) == {("cruise missile", None): (90, None)}


@pytest.mark.parametrize("text, published, span", [
    ("On Sunday, President Zelensky said that over the past week Russia had launched more than 800 guided bombs, "
     "about 460 drones and more than 20 missiles at Ukraine.", "2024-11-25", "2024-11-18/2024-11-24"),
    ("Since the start of the full-scale invasion, Russia has launched 1,961 Shahed drones at Ukraine, the air "
     "force said.", "2023-08-03", "2022-02-24/2023-08-03"),
    ("Russia launched a total of 5,660 missiles and long-range drones at Ukraine in November, the air force's "
     "daily reports showed.", "2025-12-02", "2025-11"),
])
def test_a_period_total_is_dated_by_its_period(text, published, span):
    event = only(text, published)
    assert event.subtype == "period total"
    assert event.date.value == span


def test_more_people_after_a_number_keep_their_own_verb():
    event = only("Two people died and at least 17 more were injured as Russian drones struck the port city of Odesa "
                 "overnight, officials said.")
    assert (event.casualties.killed.value, event.casualties.wounded.value) == (2, 17)


def test_a_headline_s_passive_names_the_target_not_the_attacker():
    text = ("Kyiv struck with missiles and drones overnight\n\nRussia fired 70 missiles and 145 drones at Ukraine "
            "overnight, killing at least eight people, the air force said.")
    events = [e for e in newsdesk.analyze(text, published="2025-04-24").events if e.type == "attack"]
    assert {e.actor.name for e in events if e.actor} == {"Russia"}


@pytest.mark.parametrize("text", [
    "The air force said Russia had launched 5,445 long-range drones and 215 missiles, a three percent increase "
    "over the previous month.",
    "Over the three winter months, the Russians launched more than 14,670 guided aerial bombs, 738 missiles and "
    "about 19,000 attack drones, the president said.",
    "Civilian targets in Ukrainian cities remain under sporadic Russian missile attack, the general said.",
])
def test_totals_and_talk_of_attacks_are_no_night_s_attack(text):
    nights = [e for e in attacks(text, "2025-12-02") if e.subtype != "period total"]
    assert nights == []


def test_a_month_s_total_told_twice_is_one_tally():
    text = ("More than 2,000 Shahed drones were launched by Russia at Ukraine in October 2024, the air force said.\n\n"
            "Thus, last month, the invaders launched a total of 2,023 drones.")
    tallies = [e for e in attacks(text, "2024-11-01") if e.date and e.date.value == "2024-10"]
    assert len(tallies) == 1


@pytest.mark.parametrize("text, want, alternate", [
    # a city's count before the air force's
    ("Russia launched 54 drones at Ukraine overnight, the air force said. Kyiv's military administration said air "
     "defence shot down more than 40 drones over the capital. Of the 54 drones launched, 52 were shot down, the air "
     "force said.", (54, 52), 40),
    # a governor's count after the air force's
    ("Ukraine's air force said it shot down 31 of 36 drones launched overnight. The Mykolaiv governor said 13 "
     "drones were shot down over the region.", (36, 31), 13),
])
def test_a_local_count_is_an_alternate_never_the_event_s(text, want, alternate):
    event = only(text, "2024-08-06")
    assert weapons(event)[("drone", None)] == want
    assert [a["intercepted"] for a in event.attributes["alternates"]] == [alternate]


def test_a_local_count_stands_when_no_national_one_is_told():
    event = only("The Kharkiv governor said 12 drones were shot down over the region overnight.", "2024-08-06")
    assert weapons(event)[("drone", None)] == (None, 12)


def test_all_six_in_words_and_a_model_told_apart():
    event = only("Russia targeted Odesa overnight with six Kalibr cruise missiles and drones. All six missiles and 25 "
                 "drones were shot down by air defences in the south, the military said.", "2023-07-18")
    assert weapons(event)[("cruise missile", "Kalibr")] == (6, 6)
    assert weapons(event)[("drone", None)][1] == 25


def test_rockets_and_missiles_of_one_count_are_one_weapon():
    event = only("At least 69 rockets were fired at Ukraine overnight, officials said. In all, 54 of 69 missiles were "
                 "shot down by air defences.", "2022-12-29")
    assert weapons(event) == {("missile", None): (69, 54)}


@pytest.mark.parametrize("text, want", [
    ("The air force said the barrage included 465 strike and decoy drones, as well as 32 missiles of various types.",
     {("drone", None): (465, None), ("missile", None): (32, None)}),
    ("The strikes included 78 air-, ground- and sea-launched missiles as well as 106 drones, the air force said.",
     {("missile", None): (78, None), ("drone", None): (106, None)}),
])
def test_a_number_counts_the_weapon_its_list_of_kinds_ends_with(text, want):
    assert weapons(only(text, "2025-10-10")) == want


def test_an_open_count_gives_way_to_a_larger_open_count():
    event = only("Russia Launches 400+ Drones At Ukraine\n\nRussia launched over 430 drones and 68 missiles at "
                 "Ukraine overnight, the air force said.", "2026-03-14")
    drones = next(w for w in event.weapons if w.kind == "drone")
    assert (drones.launched, drones.qualifier) == (430, "more_than")


def test_a_winter_s_total_and_a_week_s_stay_apart():
    text = ("Russia launched about 19,000 attack drones, 738 missiles and 14,670 guided bombs at Ukraine over the "
            "three winter months, the president said. In the last week of winter alone, more than 1,720 drones were "
            "launched, he said.")
    spans = sorted(e.date.value for e in attacks(text, "2026-03-01") if e.date)
    assert spans == ["2025-12-01/2026-02-28", "2026-02-22/2026-02-28"]  # said on 1 March: the week to its eve


def test_a_night_said_on_a_day_is_dated_by_that_day():
    event = only("Ukraine's air force said early on Sunday it had destroyed 22 Russian drones in an overnight attack "
                 "on the Odesa region.", "2023-09-04")
    assert event.date.value == "2023-09-03"


def test_one_count_told_on_two_days_is_one_attack():
    text = ("Ukraine's air force said on Thursday it had shot down 176 out of 205 drones launched overnight.\n\n"
            "Russia began the year with war, targeting Ukraine with more than 200 attack drones on the night of "
            "December 31, the president said. Air defence shot down 176 drones, he said.")
    assert len(attacks(text, "2026-01-01")) == 1


@pytest.mark.parametrize("text, killed, wounded, places", [
    # one sentence, two cities, no national toll: each city's figures summed
    ("Russia launched 375 drones at Ukraine overnight. Kyiv's mayor said one person was killed in the capital and four "
     "injured, including three being treated in hospital, while 19 people were wounded in Kharkiv.", 1, 23,
     {"the capital", "Kharkiv"}),
    # a national toll beside the per-city figures: the toll
    ("Russian strikes killed six people across Ukraine overnight, including five in the Kyiv region, and injured "
     "at least 18 others, officials said. In Odesa, two people were injured.", 6, 18, None),
])
def test_casualties_told_per_place(text, killed, wounded, places):
    event = only(text, "2026-01-24")
    assert (event.casualties.killed.value, event.casualties.wounded.value) == (killed, wounded)
    if places:
        assert set(event.attributes["casualties_by_place"]) == places


def test_throughout_the_night_is_no_period():
    event = only("Russia launched another vast attack on the energy system in the small hours of Saturday, rocking "
                 "Kyiv with explosions throughout the night.", "2026-01-24")
    assert event.subtype != "period total" and event.date.value == "2026-01-24"


@pytest.mark.parametrize("claim", [
    "The air force spokesman said this drone attack was the largest since Russia's full-scale invasion began.",
    "The commander-in-chief called it the “largest air attack” on Ukraine since the beginning of the war.",
])
def test_a_war_record_told_in_a_sentence_of_its_own(claim):
    event = only(f"Russia launched 355 drones at Ukraine overnight, the air force said. {claim}", "2025-05-26")
    assert event.claims == ["record"]


def test_casualties_told_before_the_attack_belong_to_it():
    event = only("At least two people were killed and nine wounded, the regional governor said.\n\nRussia launched 62 "
                 "drones and four missiles at Ukraine overnight, the air force said.", "2025-03-14")
    assert (event.casualties.killed.value, event.casualties.wounded.value) == (2, 9)


@pytest.mark.parametrize("text, want", [
    ("The air force said it intercepted 54 drones overnight, with 52 more drones being jammed.", (54, 52)),
    ("Air defences intercepted or jammed 405 drones overnight, the air force said.", (405, None)),
])
def test_jammed_apart_is_lost_jammed_with_shot_down_is_one_count(text, want):
    drones = next(w for w in only(text).weapons if w.kind == "drone")
    assert (drones.intercepted, drones.lost) == want


def test_casualties_in_the_attacker_s_own_country_are_not_its_attack_s():
    events = attacks("Russia launched 78 missiles and 106 drones at Ukraine's energy grid overnight, the air force "
                     "said.\n\nIn Russia, meanwhile, one woman died and three people were wounded after debris from a "
                     "downed drone fell on a house in North Ossetia.", "2024-12-25")
    russia = next(e for e in events if e.actor and e.actor.name == "Russia")
    assert russia.casualties is None


@pytest.mark.parametrize("text, want", [
    ("According to the air force, the strike on Lviv was carried out by a ballistic missile, the mayor said.",
     {("ballistic missile", None): (1, None)}),
    ("Lviv was hit with an Oreshnik missile overnight, the mayor said.",
     {("ballistic missile", "Oreshnik"): (1, None)}),
])
def test_one_weapon_told_by_its_article(text, want):
    assert weapons(only(text, "2026-01-09")) == want


@pytest.mark.parametrize("text", [
    "A military official said one of the buildings may have been hit by an air-launched cruise missile overnight.",
    "Rescuers worked overnight in a shopping centre hit by a Russian missile strike, officials said.",
])
def test_no_weapon_count_from_a_guess_or_a_strike(text):
    assert all(w.launched is None for e in attacks(text, "2025-11-19") for w in e.weapons)


def test_talk_of_attacks_said_on_a_day_is_no_attack():
    text = ("President Zelensky said on Monday that Russia had ordered around 2,000 drones from Iran, the same kind "
            "that Kyiv says Moscow has been using in its recent attacks against Ukraine.")
    assert attacks(text, "2022-10-24") == []


def test_unmanned_aircraft_and_a_cyrillic_kh_are_read():
    event = only("Kyiv said its military had destroyed eight of nine unmanned aircraft launched overnight. At least 10 "
                 "planes fired 17 cruise missiles of the Х-101 type, the air force said.", "2023-11-26")
    assert weapons(event)[("drone", None)] == (9, 8)
    assert weapons(event)[("cruise missile", "Kh-101")][0] == 17


def test_all_shot_down_including_each_kind():
    event = only("All 18 missiles were shot down, the military said, including six Kinzhal aerial ballistic missiles, "
                 "nine Kalibr cruise missiles fired from ships and three ground-launched missiles.", "2023-05-16")
    assert weapons(event) == {("ballistic missile", "Kinzhal"): (6, 6), ("cruise missile", "Kalibr"): (9, 9),
                              ("missile", None): (3, 3)}


def test_a_line_without_its_full_stop_never_runs_into_the_next_paragraph():
    text = ("Fifty-one of 70 cruise missiles shot down - Air Force\n\nThe Russian invaders fired 70 cruise missiles on "
            "Wednesday, 51 of them were destroyed by air defences.\n\nTwo people were killed in Kyiv.")
    from newsdesk.language.nlp import load_nlp

    sentences = [s.text.strip() for s in load_nlp()(text).sents]
    assert sentences[0] == "Fifty-one of 70 cruise missiles shot down - Air Force"
    assert weapons(only(text, "2022-11-23"))[("cruise missile", None)] == (70, 51)


@pytest.mark.parametrize("text, actor", [
    ("Drones launched by Ukraine on Thursday night were shot down by Russian air defences near Kursk, the governor "
     "said.", "Ukraine"),
    ("Air defences destroyed 37 drones fired by Russia at the Kyiv region overnight, officials said.", "Russia"),
])
def test_the_agent_of_a_launch_owns_the_weapons(text, actor):
    assert only(text, "2023-06-02").actor.name == actor


def test_without_causing_any_casualties():
    event = only("Russian drones hit the capital overnight without causing any casualties, officials said.")
    assert (event.casualties.killed.value, event.casualties.wounded.value) == (0, 0)


def test_of_these_opening_a_sentence_counts_the_total_before():
    event = only("Russia fired a total of 537 aerial weapons at Ukraine, including 477 drones and decoys and 60 "
                 "missiles, the air force said. Of these, 249 were shot down and 226 were lost, likely having been "
                 "electronically jammed.", "2025-06-29")
    assert weapons(event) == {("drone", None): (477, None), ("missile", None): (60, None)}


def test_a_monday_report_of_the_past_week_is_the_week_to_sunday():
    event = only("Over the past week, Russia launched more than 800 guided bombs, about 460 drones and more than 20 "
                 "missiles at Ukraine, the president said.", "2024-11-25")
    assert event.date.value == "2024-11-18/2024-11-24"


def test_a_day_s_toll_is_not_the_night_s():
    text = ("Russia launched 126 drones and an Iskander-M missile at Ukraine overnight, the air force said. Air "
            "defences shot down 117 drones.\n\nRussian strikes across Ukraine killed at least three people and "
            "injured 27 others over the past day, regional officials said.\n\nIn Kherson, Russian attacks injured "
            "11 civilians over the past day, the governor said.")
    events = attacks(text, "2026-03-13")
    night = next(e for e in events if e.date.value == "2026-03-13")
    day = next(e for e in events if e.date.value == "2026-03-12/2026-03-13")
    assert night.casualties is None
    assert (day.casualties.killed.value, day.casualties.wounded.value) == (3, 27)
    assert len(events) == 2


def test_one_drone_shot_down_by_its_article_in_an_earlier_month():
    events = attacks("Russia's defence ministry said three Ukrainian drones were shot down over the Moscow region "
                     "overnight. Drone strikes deep inside Russia have increased since a drone was destroyed over the "
                     "Kremlin in early May.", "2023-08-13")
    may = next(e for e in events if e.date.value == "2023-05")
    assert [(w.kind, w.intercepted) for w in may.weapons] == [("drone", 1)]


@pytest.mark.parametrize("text", [
    "Ukraine has been sending drones and missiles into Russian territory almost daily since it launched a "
    "counteroffensive in June 2023.",
    "The commander wrote that it was the most massive aerial attack since the full-scale invasion in February 2022.",
])
def test_a_month_named_in_passing_makes_no_attack(text):
    assert [e for e in attacks(text, "2024-02-17") if e.date and len(e.date.value) == 7] == []


def test_drones_shot_down_by_one_side_are_the_other_side_s_attack():
    events = attacks("Russia launched 151 drones at Ukraine overnight, of which 70 were shot down, the air force "
                     "said.\n\nMeanwhile, Moscow said it had shot down at least 35 drones over Russian territory.",
                     "2025-02-09")
    by_actor = {e.actor.name if e.actor else None: e for e in events}
    assert set(by_actor) == {"Russia", "Ukraine"}
    assert weapons(by_actor["Ukraine"])[("drone", None)] == (None, 35)


def test_aircraft_shot_down_at_the_front_are_no_weapons_of_the_attack():
    event = only("Ukraine's air force said it shot down 23 of more than 30 Shahed drones overnight. Two Ka-52 "
                 "helicopters were also shot down near the front, the military said.", "2022-10-28")
    assert {w.kind for w in event.weapons} == {"drone"}


def test_a_night_said_on_a_day_in_another_clause():
    event = only("Ukraine and Russia accused each other on Saturday of launching airstrikes overnight that killed ten "
                 "people in Ukraine, officials said.", "2026-03-08")
    assert event.date.value == "2026-03-07"


@pytest.mark.parametrize("text, want", [
    ("The air force said the occupiers launched 4,198 drones over Ukraine in March, 3,912 in February, and 2,567 in "
     "January.", {"2025-03": 4198, "2025-02": 3912, "2025-01": 2567}),
    ("During March, the Russian occupiers launched 87 missiles of various types over Ukraine, during February – 99, "
     "and during January – 61.", {"2025-03": 87, "2025-02": 99, "2025-01": 61}),
])
def test_counts_listed_for_several_months_are_each_month_s(text, want):
    months = {e.date.value: e.weapons[0].launched for e in attacks(text, "2025-05-02")}
    assert months == want


def test_ballistic_ones_among_missiles_counted():
    event = only("President Zelensky said Russia launched 420 drones and 39 missiles, including 11 ballistic ones, "
                 "at Ukraine's energy sector overnight.", "2026-02-26")
    assert weapons(event) == {("drone", None): (420, None), ("missile", None): (28, None),
                              ("ballistic missile", None): (11, None)}
    assert attacks("The strike is the eighth one on Kyiv this month, officials said.", "2026-02-26") == []


def test_what_one_drone_s_debris_did_is_no_launch_count():
    event = only("Russia attacked the Kyiv region with drones overnight. The detonation of one drone injured two "
                 "people and damaged windows in two apartment blocks, the governor said.", "2025-02-25")
    assert all(w.launched is None for w in event.weapons)


def test_people_told_one_by_one_are_counted():
    event = only("Russian missiles hit Kryvyi Rih overnight. The mayor said a 51-year-old woman and a 60-year-old man "
                 "were injured.", "2026-01-28")
    assert event.casualties.wounded.value == 2


def test_the_other_side_of_a_story_of_two_sides_is_the_state_it_names_most():
    text = ("Ukraine and Russia both said they had repelled drone attacks overnight.\n\n"
            "Kyiv said its air defences had destroyed 14 of 17 drones launched overnight by invading forces.\n\n"
            "Moscow said it had shot down 12 drones over Russian territory.\n\n"
            "A woman was hurt in the town of Yelets when debris fell on a house, the regional governor said.")
    found = attacks(text, "2025-04-02")
    by_actor = {e.actor.name if e.actor else None: e for e in found}
    assert set(by_actor) == {"Russia", "Ukraine"}
    assert weapons(by_actor["Russia"]) == {("drone", None): (17, 14)}
    assert weapons(by_actor["Ukraine"]) == {("drone", None): (None, 12)}
    assert by_actor["Ukraine"].casualties.wounded.value == 1  # told right after the other side's count
    assert by_actor["Russia"].casualties is None or by_actor["Russia"].casualties.wounded is None


def test_both_sides_are_not_two_weapons():
    event = only("Ukraine and Russia both said they had repelled drone attacks overnight. Russia launched 40 drones at "
                 "Ukraine, the air force said.", "2025-04-02")
    assert weapons(event) == {("drone", None): (40, None)}


def test_none_hurt_in_some_areas_is_no_toll_of_the_attack():
    event = only("Russia attacked Ukraine with 72 drones overnight, the air force said. In the Khmelnytskyi and Kyiv "
                 "areas, houses were damaged by debris, with no dead or wounded reported.", "2024-12-23")
    assert event.casualties is None or (event.casualties.killed is None and event.casualties.wounded is None)


@pytest.mark.parametrize("text, want", [
    ("Russia's defence ministry reported the interception and destruction of 28 Ukrainian drones overnight.",
     {("drone", None): (None, 28)}),
    ("The ministry noted the downing of 14 drones over the Belgorod region overnight.", {("drone", None): (None, 14)}),
    ("The president said the wave included 45 drones that his forces shot down overnight.",
     {("drone", None): (45, 45)}),  # all of those it included
])
def test_what_was_shot_down_told_by_a_noun_or_a_clause(text, want):
    assert weapons(only(text, "2025-03-24")) == want


def test_a_city_s_all_is_no_launch_count_for_the_country():
    event = only("Ukraine's air force said it had intercepted 23 Shahed drones during the night, mostly in Odesa and "
                 "Kyiv.\n\nAll 10 drones directed at Kyiv were intercepted, the head of the city administration said.",
                 "2023-08-02")
    assert weapons(event) == {("drone", "Shahed"): (None, 23)}


def test_the_night_before_is_another_night():
    found = attacks("Russia attacked Ukraine overnight with waves of drones, officials said.\n\nThe mayor said Russia "
                    "sent 40 drones toward the capital and that all of them were destroyed.\n\nThe attack followed a "
                    "wave the night before that included 45 drones.", "2023-01-02")
    assert sorted(e.date.value for e in found) == ["2023-01-01", "2023-01-02"]


def test_missile_strikes_launched_since_the_invasion_are_a_period_total():
    event = only("Russia has conducted nearly 5,000 missile strikes against Ukraine since the start of its full-scale "
                 "invasion, a general said at a briefing.", "2023-02-23")
    assert event.date.value == "2022-02-24/2023-02-23"
    assert weapons(event) == {("missile", None): (5000, None)}
    assert all(e.weapons == [] or e.weapons[0].launched is None
               for e in attacks("Four missile strikes hit the city centre overnight, the mayor said.", "2023-02-23"))


def test_one_weapon_shot_down_and_earlier_nights_told_without_figures():
    text = ("Air defence shot down a Russian cruise missile over the Mykolaiv region, the regional head said.\n\n"
            "Previously: on the morning of 3 May, air defence shot down Russian missiles over the coast. Missiles "
            "launched from the sea were also shot down on 1 May.")
    found = sorted(attacks(text, "2023-05-05"), key=lambda e: e.date.value)
    assert [e.date.value for e in found] == ["2023-05-01", "2023-05-03", "2023-05-05"]
    assert weapons(found[-1]) == {("cruise missile", None): (None, 1)}
    assert attacks("Air defences could shoot down more missiles if partners sent more systems.", "2023-05-05") == []


def test_a_defender_s_system_destroyed_is_no_weapon_of_the_attack():
    event = only("Russia attacked Ukraine with 73 drones overnight, the air force said, and 50 were shot down. The "
                 "military later said its forces had destroyed a Russian S-400 anti-aircraft missile system.",
                 "2024-11-24")
    assert weapons(event) == {("drone", None): (73, 50)}


def test_the_enemy_is_the_other_side_of_the_one_who_says_it():
    text = ("Russian air defences shot down several Ukrainian drones near Kursk overnight, the governor said.\n\n"
            "\"Last night, the enemy used 15 cruise missiles and 18 attack drones - all these air targets were "
            "destroyed by our defenders,\" the Ukrainian army said in a statement.")
    found = attacks(text, "2023-06-02")
    by_actor = {e.actor.name if e.actor else None: e for e in found}
    assert set(by_actor) == {"Russia", "Ukraine"}
    assert weapons(by_actor["Russia"]) == {("cruise missile", None): (15, 15), ("drone", None): (18, 18)}


def _attacks_under(headline: str, body: str, published: str) -> list:
    return [e for e in newsdesk.analyze(f"{headline}\n\n{body}", published=published).events if e.type == "attack"]


@pytest.mark.parametrize("headline, body, want", [
    # a broadcaster's headline counts what the body calls "dozens"
    ("Russia fires 122 missiles and 36 drones in the biggest aerial barrage of the war",
     "Russia launched 122 missiles and dozens of drones against Ukrainian targets overnight, officials said.",
     {("missile", None): (122, None), ("drone", None): (36, None)}),
    # an agency's headline gives both figures, the body only the launch
    ("Air defence downs 31 out of 40 drones overnight",
     "Russia attacked Ukraine with 40 drones overnight, the air force said. Most were shot down.",
     {("drone", None): (40, 31)}),
    # a body's own figure always stands over the headline's
    ("Russia launches 400+ drones at Ukraine", "Russia launched 426 drones at Ukraine overnight, the air force said.",
     {("drone", None): (426, None)}),
    # the people a headline counts are not weapons
    ("At Least 26 Killed In Russian Missile Strike On Ternopil",
     "Russian missiles hit two apartment buildings in Ternopil overnight, killing at least 26 people.",
     {("missile", None): (None, None)}),
])
def test_a_headline_fills_what_the_body_names_without_counting(headline, body, want):
    (event,) = _attacks_under(headline, body, "2025-11-19")
    assert weapons(event) == want


def test_a_headline_quoting_the_other_side_fills_nothing():
    found = _attacks_under(
        "'The enemy used 15 cruise missiles and 18 drones,' the Ukrainian army said",
        "Russian air defences shot down Ukrainian drones near Kursk overnight, the governor said.\n\n\"Last night, "
        "the enemy used 15 cruise missiles and 18 drones - all these air targets were destroyed,\" the Ukrainian "
        "army said.", "2023-06-02")
    by_actor = {e.actor.name if e.actor else None: e for e in found}
    assert all(w.launched is None for w in by_actor["Ukraine"].weapons)


def test_the_following_night_is_its_own_attack():
    text = ("Russia attacked the Sumy region with drones overnight, officials said.\n\nThese attacks follow a record "
            "assault overnight on February 22, when Russia launched 267 drones against Ukraine, and another attack "
            "the following night, involving 185 drones.")
    found = {e.date.value: e for e in attacks(text, "2025-02-25")}
    assert weapons(found["2025-02-22"]) == {("drone", None): (267, None)}
    assert weapons(found["2025-02-23"]) == {("drone", None): (185, None)}
    assert found["2025-02-22"].claims == ["record"] and found["2025-02-23"].claims == []


@pytest.mark.parametrize("text, published, targets", [
    # "A separate … attack" opens its own
    ("Russia attacked Kharkiv with 37 Shahed drones overnight, the air force said, and 33 were shot down.\n\n"
     "A separate missile attack on a residential area in the town of Chuhuiv wounded seven people, the governor "
     "said.", "2024-03-08", {"Ukraine"}),
    # an attack on another state the same day
    ("Russian missiles have landed in NATO member Poland and have killed two people, officials said.\n\nIt comes "
     "after Russia launched a raft of missiles at Ukraine today which knocked out power for seven million "
     "households.", "2022-11-15", {"Poland", "Ukraine"}),
])
def test_another_attack_told_in_turn_is_its_own_event(text, published, targets):
    found = attacks(text, published)
    assert len(found) == 2
    assert found[0].casualties is None or found[1].casualties is None  # each toll stays with its own attack
    assert {e.target.name for e in found if e.target} <= targets


def test_one_weapon_an_assault_involved_and_drones_of_every_model():
    event = only("Russia launched an overnight assault involving an Iskander-M ballistic missile and 126 drones, the "
                 "air force said.", "2026-03-13")
    assert weapons(event) == {("ballistic missile", "Iskander-M"): (1, None), ("drone", None): (126, None)}
    tally = attacks("More than 2,000 Shahed attack UAVs and other unidentified drones were launched by the occupiers "
                    "in October. Of these, 1,185 were destroyed, and another 29 UAVs hit their targets.", "2024-11-01")
    assert [weapons(e) for e in tally] == [{("drone", None): (2000, 1185)}]


def test_a_day_s_toll_told_region_by_region_stays_the_day_s():
    text = ("Russian strikes across Ukraine killed at least three people and injured 27 others over the past day, "
            "officials said.\n\nRussia launched 126 drones overnight, the air force said, and 117 were shot down.\n\n"
            "In Donetsk Oblast, two people were killed and six injured in Russian attacks over the past day.\n\n"
            "In Kharkiv Oblast, three people were wounded during strikes on the city.")
    found = attacks(text, "2026-03-13")
    night = next(e for e in found if e.weapons)
    assert night.casualties is None


def test_missiles_not_destroyed_and_a_governor_s_own_region_are_no_figures_of_the_night():
    text = ("Ukraine's air defence shot down two Iskander-M ballistic missiles and 15 attack drones overnight, the air "
            "force said.\n\nRussia had launched in total four Iskander-M ballistic missiles, the air force said, "
            "without saying what happened to the two missiles that were not destroyed.\n\nThe governor of the Mykolaiv "
            "region said that the air force destroyed 13 Shahed drones over his region.")
    event = only(text, "2024-08-06")
    assert weapons(event) == {("ballistic missile", "Iskander-M"): (4, 2), ("drone", None): (None, 15)}


def test_a_headline_s_list_under_one_verb_of_interception():
    (event,) = _attacks_under("Ukraine says it downs 4 missiles, 15 Russia-launched drones",
                              "Russia attacked Ukraine with missiles and drones overnight, the air force said.",
                              "2024-08-06")
    assert weapons(event) == {("missile", None): (None, 4), ("drone", None): (None, 15)}


@pytest.mark.parametrize("sentence, wounded", [
    ("Four civilians, including a child, were injured by falling debris in the city, the mayor said.", 4),
    ("At least three people - including a 14-year-old girl - were taken to hospital, the mayor said.", 3),
    ("The blast resulted in injuries to two individuals and damaged windows in an apartment block.", 2),
    ("A 15-year-old was also injured in the town, the regional governor said.", 1),
    ("Local officials reported 11 injuries, multiple fires and damage to a dormitory.", 11),
    ("According to the mayor of Kharkiv, Ihor Terekhov, four Ukrainian civilians, including a child, were injured "
     "by falling wreckage in the city.", 4),
])
def test_wounded_told_around_a_parenthesis_or_as_injuries_to(sentence, wounded):
    event = only("Russia attacked the city with drones overnight, officials said. " + sentence, "2025-02-25")
    assert event.casualties.wounded.value == wounded


def test_one_rocket_of_a_missile_attack_is_one_of_the_missiles():
    event = only("Russia fired 69 missiles at Ukraine overnight, and 54 of 69 missiles were shot down, the air force "
                 "said. One rocket reportedly landed on the territory of Belarus.", "2022-12-29")
    assert weapons(event) == {("missile", None): (69, 54)}


def test_a_period_total_takes_the_month_the_story_named():
    text = ("Russia escalated its drone and missile attacks on Ukraine throughout November, an analysis showed.\n\n"
            "The air force said Russia had launched 5,445 long-range drones and 215 missiles -- a three percent "
            "increase in drones.")
    (event,) = attacks(text, "2025-12-02")
    assert event.date.value == "2025-11"
    assert weapons(event) == {("drone", None): (5445, None), ("missile", None): (215, None)}


def test_a_running_total_published_on_the_first_counts_to_the_month_s_end():
    (event,) = attacks("In total, since the beginning of 2024, the enemy has launched 6,987 attack drones on the "
                       "territory of Ukraine.", "2024-11-01")
    assert event.date.value == "2024-01-01/2024-10-31"


def test_shelling_told_in_a_story_of_drones_is_its_own_attack():
    text = ("Russia attacked the Odesa region with 40 drones overnight, the air force said, and 35 were shot down.\n\n"
            "Russian shelling killed a 43-year-old man in Stepnohirsk, a frontline town, the governor said.")
    found = attacks(text, "2023-12-30")
    assert len(found) == 2
    drones, shelling = found
    assert weapons(drones) == {("drone", None): (40, 35)} and drones.casualties is None
    assert shelling.casualties.killed.value == 1
    record = only("Russia fired 90 cruise missiles overnight. The energy minister called the attack the most massive "
                  "shelling of the energy system since the start of the war.", "2022-11-15")
    assert weapons(record) == {("cruise missile", None): (90, None)}


def test_later_another_wave_is_its_own_attack():
    text = ("Russian air defences downed 33 Ukrainian drones over several Russian regions overnight, the defence "
            "ministry said.\n\nLater in the day, another two drones were downed over the Volgograd region, the "
            "ministry said.")
    found = attacks(text, "2023-12-17")
    assert sorted(weapons(e)[("drone", None)] for e in found) == [(None, 2), (None, 33)]


def test_a_toll_on_the_attacker_s_own_soil_is_the_other_side_s_attack():
    text = ("Russia launched 78 missiles and 106 drones at Ukraine's energy system on Christmas morning, the air "
            "force said.\n\nIn Russia, meanwhile, one woman died and three people were wounded after debris from a "
            "downed drone sparked a fire, the regional governor said.")
    found = attacks(text, "2024-12-25")
    assert len(found) == 2
    russia, other = found
    assert russia.casualties is None
    assert (other.casualties.killed.value, other.casualties.wounded.value) == (1, 3)
    assert other.target is not None and other.target.name == "Russia"


def test_these_were_the_biggest_claims_a_record_for_the_story_s_attack():
    event = only("Russia launched 309 drones and eight cruise missiles at Kyiv overnight, the air force said. These "
                 "were the biggest airstrikes since the deadline was brought forward.", "2025-07-31")
    assert event.claims == ["bounded_record"]


def test_a_toll_since_a_night_is_the_toll_of_the_nights_since():
    text = ("Two people were injured in Kyiv after a nighttime attack by Russian drones, officials said on Monday.\n\n"
            "The latest drone strikes on Kyiv have killed at least three people and wounded 10 since Saturday night, "
            "authorities said.")
    found = {e.date.value: e for e in attacks(text, "2025-03-24")}
    assert found["2025-03-24"].casualties.wounded.value == 2
    assert found["2025-03-23/2025-03-24"].casualties.killed.value == 3


def test_the_attack_a_day_before_is_its_own_with_its_record():
    text = ("Kyiv said its military had destroyed eight of nine drones launched overnight by Russia.\n\nThe attack "
            "comes a day after what officials described as Russia's largest drone offensive of the war.")
    found = {e.date.value: e for e in attacks(text, "2023-11-26")}
    assert weapons(found["2023-11-26"]) == {("drone", None): (9, 8)} and found["2023-11-26"].claims == []
    assert found["2023-11-25"].claims == ["record"]


def test_a_demonym_on_a_list_of_weapons_names_the_attacker():
    event = only("At least 12 people have been killed across Ukraine in overnight Russian drone and missile attacks, "
                 "officials said.", "2025-05-25")
    assert event.actor is not None and event.actor.name == "Russia"


@pytest.mark.parametrize("text, want", [
    # a translated report: "rockets" beside drones, with no missile and no artillery told, are the missiles
    ("Russia attacked Ukraine overnight with 122 rockets and 36 drones, the army said.",
     {("missile", None): (122, None), ("drone", None): (36, None)}),
    # a count shot down larger than the remainder entry counts both kinds of missile: no one entry gets it
    ("Russia launched 420 drones and 39 missiles, including 11 ballistic ones, overnight. Air defence shot down 374 "
     "drones and 32 missiles, the air force said.",
     {("drone", None): (420, 374), ("missile", None): (28, None), ("ballistic missile", None): (11, None)}),
    # a count shot down larger than the drones of no model: the drones again, as one entry
    ("Russia launched 126 drones overnight, about 80 of which were Shaheds. Air defences shot down 117 drones.",
     {("drone", None): (126, 117)}),
])
def test_counts_shot_down_that_span_a_breakdown(text, want):
    assert weapons(only(text, "2026-03-13")) == want


def test_a_drone_that_crashed_is_no_launch_count():
    found = attacks("Officials in Russia reported a Ukrainian drone attack overnight. One drone crashed into a "
                    "residential high-rise in the city of Saratov, and another hit a building in Engels.", "2024-08-26")
    assert all(w.launched is None for e in found for w in e.weapons)


def test_the_state_that_wages_the_war_is_not_a_place_hit():
    text = ("Ukraine's capital was subjected to the largest drone attack since the start of Russia's war, officials "
            "said.\n\nRussia launched the most massive attack on the city overnight with Shahed drones, the mayor "
            "said. Of the 54 drones launched, 52 were shot down.")
    event = only(text, "2023-05-28")
    assert event.claims == ["record"] and weapons(event) == {("drone", None): (54, 52)}


def test_the_toll_of_the_attack_avenged_is_not_this_attack_s():
    found = attacks("Russia launched 81 missiles at Ukraine overnight, the air force said.\n\nThe defence ministry "
                    "said it had carried out the strikes in retaliation for an attack last week in which two "
                    "civilians were killed.", "2023-03-09")
    assert all(e.casualties is None for e in found)


def test_tolls_told_region_by_region_are_summed_when_no_national_toll_is_given():
    event = only("Ukrainian drones attacked Russia overnight, the defence ministry said.\n\nA drone crashed on a farm "
                 "in the Lipetsk region, killing one person and injuring another, the governor said.\n\nOne person was "
                 "killed and another injured in the attack on the Tula region, the regional governor said.",
                 "2025-07-11")
    assert (event.casualties.killed.value, event.casualties.wounded.value) == (2, 2)


def test_a_toll_told_by_a_place_s_official_is_that_place_s():
    event = only("Russia launched 420 drones at Ukraine overnight, the air force said.\n\nAt least 14 people were "
                 "injured in the Kharkiv region, the governor said.\n\nZaporizhzhia Governor Ivan Fedorov said at "
                 "least 10 people were injured in the attack on the city.", "2026-02-26")
    assert event.casualties.wounded.value == 24
    assert set(event.attributes["casualties_by_place"]) == {"Kharkiv", "Zaporizhzhia"}


def test_an_earlier_record_told_with_its_date_is_that_day_s_attack():
    found = {e.date.value if e.date else None: e for e in attacks(
        "Russia launched 122 missiles at Ukraine overnight, officials said.\n\nThis year, the biggest was 81 missiles "
        "on March 9, air force records show.", "2023-12-29")}
    assert weapons(found["2023-03-09"]) == {("missile", None): (81, None)}


def test_the_kind_told_after_of_them():
    event = only("The foreign minister said Russia launched four missiles at Kharkiv overnight, three of them "
                 "ballistic and carrying cluster munitions.", "2025-04-18")
    assert weapons(event) == {("missile", None): (1, None), ("ballistic missile", None): (3, None)}


def test_rockets_fired_from_a_system_and_destroyed_are_shot_down_not_launched():
    event = only("The defence ministry said its air defences intercepted two Tochka-U ballistic missiles over the past "
                 "day.\n\nIn addition, nine rockets fired from HIMARS multiple launch rocket systems were destroyed in "
                 "midair near Donetsk, it said.", "2022-10-03")
    assert weapons(event) == {("ballistic missile", None): (None, 2), ("rocket", None): (None, 9)}


def test_the_other_side_is_where_the_places_hit_lie_when_no_state_is_named():
    event = only("A defence ministry spokesman said that Russian air defences had shot down six unmanned aerial "
                 "vehicles near Horlivka over the past day.", "2022-10-03")
    assert event.actor is not None and event.actor.name == "Ukraine"


def test_weapons_a_defender_hit_are_shot_down():
    event = only("Russia attacked the north overnight with Shahed drones. The army said its units hit 14 Shahed "
                 "drones over the Chernihiv region.", "2022-10-19")
    assert weapons(event) == {("drone", "Shahed"): (None, 14)}


def test_all_of_a_kind_shot_down_with_no_article():
    event = only("Russia fired seven Kh-101 cruise missiles and 120 drones at Ukraine overnight, the air force said. "
                 "Air defences destroyed all cruise missiles and 95 drones.", "2025-06-02")
    assert weapons(event) == {("cruise missile", "Kh-101"): (7, 7), ("drone", None): (120, 95)}


@pytest.mark.parametrize("sentence, day", [
    ("Explosions were heard in Lviv late on Sunday as Russia launched 40 drones at the west, the mayor said.",
     "2024-03-11"),  # the night into Monday, the morning it ended
    ("A missile struck a house in the Kursk region late Sunday evening, injuring two people, the governor said.",
     "2024-03-10"),  # an evening strike is that day's
])
def test_late_on_a_day_is_the_night_after_it_unless_told_as_evening(sentence, day):
    assert only(sentence, "2024-03-11").date.value == day


@pytest.mark.parametrize("text, want", [
    ("The largest barrage until then came in December, when 158 missiles and drones were fired at Ukraine.",
     {("mixed", None): (158, None)}),  # one count of two kinds
    ("Air defences shot down 296 drones and seven missiles overnight, the air force said.",
     {("drone", None): (None, 296), ("missile", None): (None, 7)}),  # each kind its own number
])
def test_one_number_for_missiles_and_drones_is_a_count_of_both(text, want):
    counted = {key: figures for key, figures in weapons(only(text, "2024-08-27")).items() if figures != (None, None)}
    assert counted == want


def test_the_first_figures_give_way_and_a_town_s_toll_is_its_region_s():
    event = only("Seven people were killed and three injured when a Russian drone hit a minibus in the Kharkiv "
                 "region, the governor said.\n\nThe drone struck the minibus near Chuhuiv early on Saturday, killing "
                 "seven people and injuring three.\n\nInitially, six people were reported dead and four injured, "
                 "but one of the injured died in hospital.", "2025-06-14")
    assert (event.casualties.killed.value, event.casualties.wounded.value) == (7, 3)
