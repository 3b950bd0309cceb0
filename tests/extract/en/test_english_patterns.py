"""Hand-written sentences for the attribution, modality and frame patterns of the English rules:
one general pattern per test, worded freshly (not taken from the shared cases or the corpora)."""
from __future__ import annotations

from sanctionwatch.extract import Extractor
from sanctionwatch.model import Claim


def only(claims: list[Claim], value: float | None = None, ctype: str | None = None) -> Claim:
    hits = [c for c in claims
            if (c.quantity.value if c.quantity else None) == value and (ctype is None or c.type == ctype)]
    assert len(hits) == 1, claims
    return hits[0]


def source(c: Claim) -> str | None:
    return c.attributed_to.name if c.attributed_to else None


def test_closing_attribution_read_from_the_words(extractor: Extractor) -> None:
    c = only(extractor.extract_text("Pyongyang has sent a further 2,500 soldiers to Russia, South Korea's Joint Chiefs "
                                    "of Staff said."), 2500)
    assert source(c) == "South Korea's Joint Chiefs of Staff"


def test_closing_estimate_tagged_as_noun(extractor: Extractor) -> None:
    c = only(extractor.extract_text("About 9,000 North Korean workers are employed in Russia, Seoul's spy agency "
                                    "estimates."), 9000)
    assert source(c) == "South Korea's National Intelligence Service"


def test_raising_passive_subject_is_not_the_source(extractor: Extractor) -> None:
    c = only(extractor.extract_text("Some 4,000 North Korean soldiers are believed to have been moved to Kursk, "
                                    "according to Ukrainian intelligence."), 4000)
    assert source(c) == "Ukrainian intelligence"
    assert c.modality == "reported_estimate"


def test_description_stays_a_description(extractor: Extractor) -> None:
    c = only(extractor.extract_text("North Korea shipped 2,000 shells to Russia in May, U.S. officials said."), 2000)
    assert source(c) == "U.S. officials"


def test_relative_clause_does_not_name_the_speaker(extractor: Extractor) -> None:
    c = only(extractor.extract_text("Lavrov, who met Choe Son Hui in Moscow, said North Korea would send 3,000 "
                                    "builders to Kursk."), 3000)
    assert source(c) == "Sergei Lavrov"


def test_pronoun_is_the_previous_subject(extractor: Extractor) -> None:
    claims = extractor.extract_text("Sergei Lavrov held talks with Choe Son Hui on Monday. "
                                    "He later said North Korea would send 2,000 sappers to Kursk.")
    assert source(only(claims, 2000)) == "Sergei Lavrov"


def test_possessor_of_an_announcement_is_the_source(extractor: Extractor) -> None:
    c = only(extractor.extract_text("Seoul has not commented on Lavrov's statement that 2,000 sappers would be sent to "
                                    "Kursk by North Korea."), 2000)
    assert source(c) == "Sergei Lavrov"
    assert c.modality == "announced_planned" and not c.negated


def test_title_of_a_person_already_named(extractor: Extractor) -> None:
    claims = extractor.extract_text("Sergei Shoigu arrived in Pyongyang on Monday. "
                                    "North Korea, Russia's Security Council secretary said, would send 4,000 builders "
                                    "to Kursk.")
    assert source(only(claims, 4000)) == "Sergei Shoigu"


def test_the_agency_refers_back(extractor: Extractor) -> None:
    claims = extractor.extract_text("South Korea's National Intelligence Service briefed lawmakers on Tuesday. "
                                    "The agency said 2,000 North Korean workers had arrived in Russia.")
    assert source(only(claims, 2000)) == "South Korea's National Intelligence Service"


def test_figures_from_a_source_reported_by_an_outlet(extractor: Extractor) -> None:
    c = only(extractor.extract_text("According to figures from Russia's interior ministry reported by Interfax, "
                                    "9,000 North Koreans entered Russia in 2024."), 9000)
    assert source(c) is not None and "interior ministry" in source(c)
    assert c.via == "Interfax"


def test_speaker_over_the_belief_of_his_government(extractor: Extractor) -> None:
    c = only(extractor.extract_text("Blinken said on Friday that Washington believed about 7,000 North Korean troops "
                                    "were in Russia."), 7000)
    assert source(c) == "Antony Blinken"


def test_negation_by_the_accused_side_is_a_denial(extractor: Extractor) -> None:
    c = only(extractor.extract_text("Iran has not supplied any drones to Russia, an Iranian diplomat said."))
    assert c.modality == "denied" and c.negated


def test_its_ministry_speaks_for_the_subject_state(extractor: Extractor) -> None:
    c = only(extractor.extract_text("Iran did not send missiles to Russia, its foreign ministry said."))
    assert c.modality == "denied" and c.negated
    assert source(c) is not None and source(c).startswith("Iran")


def test_not_yet_is_a_status_not_a_denial(extractor: Extractor) -> None:
    c = only(extractor.extract_text("No North Korean builders have reached Kursk yet, a Russian official said."))
    assert c.modality == "completed" and c.negated


def test_background_relative_clause_keeps_its_tense(extractor: Extractor) -> None:
    claims = extractor.extract_text("Pyongyang, which sent troops to Kursk last year, will now dispatch 3,000 workers "
                                    "to Russia.")
    assert only(claims, 3000).modality == "announced_planned"
    assert only(claims, None, "troop_deployment").modality == "completed"


def test_participle_modifier_gives_the_state(extractor: Extractor) -> None:
    claims = extractor.extract_text("North Korea's 2,000 builders will work beside North Korean troops already "
                                    "deployed in Kursk.")
    assert only(claims, None, "troop_deployment").modality in ("ongoing", "completed")
    assert only(claims, 2000).modality == "announced_planned"


def test_noncommittal_statement_yields_nothing(extractor: Extractor) -> None:
    assert extractor.extract_text("The Kremlin neither confirmed nor denied that North Korean soldiers were in "
                                  "Kursk.") == []
    assert extractor.extract_text("The spokesman declined to say whether North Korean units had reached Kursk in "
                                  "Russia.") == []


def test_a_few_thousand_is_vague(extractor: Extractor) -> None:
    c = only(extractor.extract_text("North Korea sent a few thousand labourers to Russia in 2023, the NIS said."))
    assert c.quantity and c.quantity.kind == "workers" and c.quantity.value is None


def test_builders_and_sappers_under_one_number(extractor: Extractor) -> None:
    c = only(extractor.extract_text("North Korea will send 4,000 military builders and sappers to Kursk."), 4000)
    assert c.quantity and c.quantity.kind == "workers"


def test_builders_and_deminers_without_numbers(extractor: Extractor) -> None:
    c = only(extractor.extract_text("Pyongyang may soon start sending construction workers and deminers to Russia."))
    assert c.type == "labor_dispatch" and c.quantity and c.quantity.kind == "workers"


def test_treaty_term_and_signing_order(extractor: Extractor) -> None:
    c = only(extractor.extract_text("Tehran and Moscow signed a 25-year cooperation agreement on Monday."), 25,
             "agreement")
    assert c.actor and c.actor.id == "country:IR" and c.target and c.target.id == "country:RU"
    assert c.quantity and c.quantity.kind == "term years"


def test_treaty_with_unnamed_signers(extractor: Extractor) -> None:
    claims = extractor.extract_text("North Korean troops fought in Kursk. "
                                    "The two countries, which signed a defence pact in 2024, deny any wrongdoing.")
    c = only(claims, None, "agreement")
    assert c.actor and c.actor.id == "country:KP" and c.target and c.target.id == "country:RU"


def test_treaty_signed_by_he(extractor: Extractor) -> None:
    claims = extractor.extract_text("Kim Jong Un visited a factory. He praised the pact he signed with Russia in 2024.")
    c = only(claims, None, "agreement")
    assert c.actor and c.actor.id == "country:KP"


def test_the_two_leaders_met(extractor: Extractor) -> None:
    claims = extractor.extract_text("Choe Son Hui flew to Moscow on Thursday to see Sergei Lavrov. "
                                    "The two ministers met for talks on Friday.")
    c = only(claims, None, "meeting")
    assert {c.actor.name if c.actor else None, c.target.name if c.target else None} == {"Choe Son Hui", "Sergei Lavrov"}


def test_meeting_target_is_not_a_passive_agent(extractor: Extractor) -> None:
    c = only(extractor.extract_text("The plan was outlined by Sergei Shoigu after he met Kim Jong Un on Monday."), None,
             "meeting")
    assert c.actor and c.actor.name == "Sergei Shoigu"


def test_troops_said_to_be_in_ukraine(extractor: Extractor) -> None:
    c = only(extractor.extract_text("There are no North Korean soldiers inside Ukraine, the Pentagon said."))
    assert c.type == "troop_deployment" and c.negated
    assert c.target and c.target.id == "country:UA"


def test_participial_casualties_take_the_main_tense(extractor: Extractor) -> None:
    claims = extractor.extract_text("A North Korean missile fired by Russia struck Kharkiv on Monday, killing two "
                                    "people and injuring 30.")
    c = only(claims, 30)
    assert c.type == "casualties" and c.modality == "completed"
    assert c.actor and c.actor.name == "Ukraine (civilians)"


def test_progressive_passive_is_ongoing(extractor: Extractor) -> None:
    c = only(extractor.extract_text("Iranian drones are being flown to Russia every week, Kyiv says."))
    assert c.modality == "ongoing"


def test_restated_background_yields_to_the_main_clause(extractor: Extractor) -> None:
    claims = extractor.extract_text("Lavrov said Moscow would honour the North Korean soldiers who fought in Kursk. "
                                    "Last month Russia and North Korea acknowledged that North Korean troops had "
                                    "fought in Kursk.")
    troops = [c for c in claims if c.type == "troop_deployment"]
    assert len(troops) == 1 and source(troops[0]) != "Sergei Lavrov"


def test_vague_lead_total_yields_to_the_parts(extractor: Extractor) -> None:
    claims = extractor.extract_text("Thousands of North Korean builders and deminers are set to go to Russia's Kursk "
                                    "region. "
                                    "North Korea will send 3,000 builders and 500 sappers there, Lavrov said.")
    assert sorted(c.quantity.value for c in claims if c.quantity) == [500, 3000]


# -- modality: estimates, derived figures, scoped plan cues ---------------------------------------

def test_intelligence_casualty_count_is_an_estimate(extractor: Extractor) -> None:
    claims = extractor.extract_text("Ukraine's military intelligence said roughly 900 North Korean soldiers had been "
                                    "killed in Kursk, "
                                    "a toll it put together from intercepted Russian radio traffic.")
    assert only(claims, 900).modality == "reported_estimate"


def test_intelligence_running_total_is_an_estimate(extractor: Extractor) -> None:
    c = only(extractor.extract_text("The NIS said Pyongyang had so far delivered more than 40 self-propelled guns and "
                                    "about 2,000 ballistic missiles to Russia."), 2000)
    assert c.modality == "reported_estimate"


def test_intelligence_count_of_one_movement_keeps_its_verb(extractor: Extractor) -> None:
    c = only(extractor.extract_text("About 700 North Korean troops were flown to Khabarovsk last week, the NIS "
                                    "said."), 700)
    assert c.modality == "completed"


def test_exact_casualty_figure_from_a_minister_stays_completed(extractor: Extractor) -> None:
    c = only(extractor.extract_text("Russia's missile strikes with North Korean weapons killed 31 civilians in "
                                    "Ukraine, Kyiv's interior minister said."), 31)
    assert c.modality == "completed"


def test_derived_capacity_figure_is_an_estimate(extractor: Extractor) -> None:
    claims = extractor.extract_text("North Korea has moved some 900 freight cars of munitions to Russia, enough to "
                                    "carry "
                                    "about two million shells, a South Korean lawmaker said.")
    assert only(claims, 2_000_000).modality == "reported_estimate"


def test_would_correspond_is_not_a_plan(extractor: Extractor) -> None:
    claims = extractor.extract_text("Pyongyang has shipped 14,000 containers to Russia, a volume that would correspond "
                                    "to "
                                    "six million artillery shells, Seoul's military said.")
    assert only(claims, 6_000_000).modality == "reported_estimate"


def test_expected_in_a_relative_clause_is_not_the_claims_plan(extractor: Extractor) -> None:
    claims = extractor.extract_text("Kyiv believes 3,000 North Korean soldiers are now in Russia's Belgorod region, "
                                    "where they are expected to join assaults next month.")
    assert only(claims, 3000).modality in ("reported_estimate", "ongoing")


# -- attribution: framing clauses, relatives, figures given, elliptical continuations -----------

def test_in_what_x_presented_as_names_the_source(extractor: Extractor) -> None:
    c = only(extractor.extract_text("North Korea will send 2,000 deminers to Kursk, in what Russia's foreign minister "
                                    "Sergei Lavrov described as a gesture of friendship."), 2000)
    assert source(c) == "Sergei Lavrov"


def test_title_before_the_name_resolves_forward(extractor: Extractor) -> None:
    claims = extractor.extract_text("Pyongyang will send 3,000 builders to Russia, in what Moscow's top security "
                                    "official "
                                    "called fraternal help. Sergei Shoigu, secretary of the Security Council, spoke "
                                    "after talks.")
    assert source(only(claims, 3000)) == "Sergei Shoigu"


def test_relative_pronoun_speaker_is_its_antecedent(extractor: Extractor) -> None:
    c = only(extractor.extract_text("The praise came from Valery Gerasimov, who told reporters that North Korean "
                                    "troops "
                                    "had fought alongside Russian units in Kursk."))
    assert source(c) == "Valery Gerasimov"


def test_giving_an_estimate_reports_it(extractor: Extractor) -> None:
    claims = extractor.extract_text("Kyiv puts North Korean losses in Russia's Kursk region at about 5,000 killed or "
                                    "wounded, "
                                    "while Western officials have given a lower estimate of around 2,000.")
    assert source(only(claims, 2000)) == "Western officials"
    assert only(claims, 2000).modality == "reported_estimate"


def test_figures_given_by_reattribute_the_previous_sentence(extractor: Extractor) -> None:
    claims = extractor.extract_text("According to RIA Novosti, 4,000 North Korean builders are to be sent to Kursk. "
                                    "The numbers were given by Sergei Shoigu after talks in Pyongyang.")
    c = only(claims, 4000)
    assert source(c) == "Sergei Shoigu" and c.via == "RIA Novosti"


def test_elliptical_superlative_continues_the_previous_report(extractor: Extractor) -> None:
    claims = extractor.extract_text("North Korean KN-23 missiles fired by Russia struck Ukraine nine times in March, "
                                    "according to the prosecutor general's office. "
                                    "The worst hit Zaporizhzhia, killing 11 civilians.")
    c = only(claims, 11)
    assert source(c) is not None and "prosecutor" in source(c)


def test_listed_nationalities_stay_one_description(extractor: Extractor) -> None:
    c = only(extractor.extract_text("Japanese, South Korean and British officials say North Korea sent 2,500 troops to "
                                    "Russia."), 2500)
    assert source(c) == "Japanese, South Korean and British officials"


def test_both_governments_are_the_two_sides(extractor: Extractor) -> None:
    c = only(extractor.extract_text("Western capitals say Iran ships missiles to Russia, but both governments deny any "
                                    "arms trade."),
             None, "arms_transfer")
    assert source(c) is not None and ("Russia" in source(c) or "Iran" in source(c))


# -- destination: the claim's own clause ----------------------------------------------------------

def test_each_conjunct_keeps_its_own_place(extractor: Extractor) -> None:
    claims = extractor.extract_text("Seoul said about 9,000 North Korean soldiers were in Russia and that 4,000 of "
                                    "them "
                                    "had been moved to the Kursk region.")
    assert only(claims, 9000).location is None
    assert only(claims, 4000).location is not None and only(claims, 4000).location.name == "Kursk Oblast"


def test_place_of_a_coordinated_clause_is_not_the_destination(extractor: Extractor) -> None:
    c = only(extractor.extract_text("Kyiv said Pyongyang had agreed to send 7,000 more soldiers, and that a first "
                                    "battalion had already landed in Vladivostok."), 7000)
    assert c.location is None and c.target is not None and c.target.id == "country:RU"


def test_far_east_is_named_as_a_region_of_russia(extractor: Extractor) -> None:
    c = only(extractor.extract_text("North Korea sent 1,200 labourers to Khabarovsk in March."), 1200)
    assert c.location is not None and c.location.name == "Far East" and c.location.country == "RU"


# -- frames: characterisations and training are not deployments or help ------------------------

def test_characterising_word_is_not_help_given(extractor: Extractor) -> None:
    claims = extractor.extract_text("North Korea will send 800 builders to Russia, said Lavrov, describing it as "
                                    "friendly assistance.")
    assert [c.type for c in claims] == ["labor_dispatch"]


def test_soldiers_trained_by_russia_are_training_not_a_deployment(extractor: Extractor) -> None:
    claims = extractor.extract_text("Russian instructors are training North Korean soldiers in artillery drills, Seoul "
                                    "says.")
    assert [c.type for c in claims] == ["other"]
