"""Each coding rule on sentences written for it: the rule is named where it fires, and does what it says."""

import datetime as dt

import pytest

from eventwire import Article
from eventwire.coding import filters, roles, rules, sides
from eventwire.coding.filters import Scene
from eventwire.coding.triggers import candidates

# (rule, sentence, the PLOVER type it leaves, or None when the rule drops the candidate)
CASES = [
    ("negated", "Turkish troops did not attack the Kurdish villages on Sunday.", None),
    ("negated", "Iranian officials said there would be no talks with Washington this year.", None),
    ("hypothetical", "Russian forces could attack the Ukrainian port within days, analysts said.", None),
    ("conditional_mark", "The ceasefire will hold until rebels attack the capital again.", None),
    ("conditional_on_clause", "France would impose sanctions on Mali if the junta delays the election.",
     None),
    ("negating_verb", "The army said it had failed to capture the rebel stronghold near Goma.", None),
    ("denied_report", "Russia denied reports that its troops had attacked a Ukrainian convoy.", None),
    ("alleged_act", "Kenya accused Uganda of shelling the border town.", None),
    ("in_the_event_of", "The treaty commits Moscow to help Minsk in the event of an attack on Belarus.",
     None),
    ("asked_not_done", "The United Nations urged Israel to halt settlement building and release Palestinian "
                       "prisoners.", None),
    ("conditional_ancestor", "If Iran blocks the strait and seizes tankers, the United States will respond.",
     None),
    ("governing_verb_negated", "Brazil did not try to block the resolution.", None),
    ("question", "Will China invade Taiwan this year?", None),
    ("went_back_itself", "The Kenyan soldiers returned to their barracks after the exercise.", None),
    ("negated_cooperation_is_refusal", "Egypt did not agree to the Israeli proposal for a truce in Gaza.",
     "REJECT"),
    ("negated_cooperation_is_refusal", "Iran said it will not negotiate with the United States.", "REJECT"),
    ("stated_condition_is_ultimatum", "Hamas said it will fire rockets at Israel unless the blockade of "
                                      "Gaza is lifted.", "THREATEN"),
    ("stated_condition_is_ultimatum", "Japan said it would meet the North Korean envoy if Pyongyang freed "
                                      "the abductees.", "AGREE"),
    ("future_act_is_pledge", "Germany will send tanks to Ukraine next month.", "AGREE"),
    ("obligation_is_demand", "China said on Thursday that Japan must withdraw its ships from the disputed "
                             "waters.", "REQUEST"),
    ("obligation_is_demand", "Japan must withdraw its ships from the disputed waters.", None),
    ("thing_not_actor", "The central bank vowed to fight inflation in Kenya.", None),
    ("thing_not_actor", "Storms killed four people in Germany on Monday.", None),
    ("done_by_a_force", "A powerful cyclone hit the coast of Bangladesh, killing 26 villagers.", None),
    ("done_by_a_force", "An overloaded ferry capsized on Lake Kivu, killing 30 passengers.", None),
    ("warning_about_how_things_stand", "They warned that the alternative was isolation.", None),
    ("warning_about_how_things_stand", "Floods cut off the northern towns, Red Cross staff warned.", None),
    ("sports_result", "Spain beat England 2-1 in the World Cup semifinal in Madrid.", None),
    ("no_actor_named", "A statement criticised the new policy.", None),
    ("no_actor_named", "The old engine exploded on the test stand last week.", None),
    ("peacekeeping_is_aid", "Nepal sent 300 soldiers to the UN peacekeeping mission in Lebanon.", "AID"),
    ("protest_in_another_sense", "The leaked memo demonstrates that Kenya's ministers knew of the plan.",
     None),
    ("named_thing", "Kenyan officials discussed the Minsk Agreement with Ukraine.", None),
    ("place_in_a_name", "The Paris Agreement commits nations to cut their emissions.", None),
    ("business_news", "Kenyan firms criticised Ugandan investors.", None),
    ("background_reason", "The European Union imposed sanctions on Belarus over the crackdown on protesters.",
     None),
    ("done_together_is_cooperation", "The navies of India and Japan staged exercises in the Bay of Bengal on "
                                     "Monday.", "COOPERATE"),
    ("event_noun_is_no_actor", "Beijing summoned the Japanese ambassador to protest the visit.",
     "PROTEST"),
    ("demand_in_speech", "China said on Thursday that Japan must withdraw its ships from the disputed "
                         "waters.",
     "REQUEST"),
    ("subject_of_governing_verb", "Hamas claimed responsibility for the attack on Israeli soldiers.",
     "ASSAULT"),
    ("speaker_is_source", "The minister said that sanctions on Iran were a mistake and condemned them.",
     "ACCUSE"),
    ("protest_defies_named", "Thousands of protesters blocked streets in Hong Kong in defiance of Chinese "
                             "authorities.", "PROTEST"),
    ("place_is_target", "Thousands of people protested in Minsk on Sunday.", "PROTEST"),
    ("place_acted_on", "Government forces shelled Kandahar overnight.", "ASSAULT"),
    ("owner_of_the_source_noun", "Kenyan President William Ruto said his country will not lift the ban on "
     "Ugandan sugar.", "REJECT"),
    ("partners_of_a_mutual_act", "Kenya and Uganda signed a border agreement on Friday.", "SUPPORT"),
    ("named_recipient_first", "Spain returned the stolen paintings to Mexican officials.", "RETREAT"),
    ("subject_of_holding_clause", "Norway spent millions on helping Syrian refugees.", "AID"),
    ("actor_in_phrase", "Latvia and Lithuania warned that the alternative was sanctions against Belarus.",
     "THREATEN"),
    ("own_forces_unnamed", "Russia mobilised more police on Tuesday.", "MOBILIZE"),
    ("ultimatum_addressee", "Hamas threatened to resume rocket fire unless Israel lifted the blockade.",
     "THREATEN"),
    ("implied_sides", "The convoy was attacked by rebels near Goma.", "ASSAULT"),
    ("frame_noun_owners", "Israel rejected Egypt's demand for a ceasefire.", "REJECT"),
    ("event_noun_participants", "Hamas claimed responsibility for the bombing of the Israeli embassy.",
     "ASSAULT"),
    ("verb_objects", "Russia attacked Ukraine on Monday.", "ASSAULT"),
    ("purpose_of_summons", "Beijing summoned the Japanese ambassador to protest the visit.", "PROTEST"),
    ("verb_prepositions", "China protested to Japan over the Japanese patrols near the islands.", "PROTEST"),
    ("object_phrases", "The European Union imposed sanctions on Belarus over the crackdown on protesters.",
     "SANCTION"),
    ("object_owners", "Kenya accused Somali militants of attacking a police post in Mandera.", "ACCUSE"),
    ("complaint_subject_first", "Japan criticised China over its patrols near the islands.", "ACCUSE"),
    ("passive_agent", "The convoy was attacked by rebels near Goma.", "ASSAULT"),
    ("predicate_subject", "Russia attacked Ukraine on Monday.", "ASSAULT"),
    ("frame_objects", "The United Nations urged Israel to release the prisoners.", "REQUEST"),
    ("clause_subjects", "China demanded that Japan withdraw its ships.", "REQUEST"),
    ("answered_party", "Iran rejected a U.S. offer of talks.", "REJECT"),
    ("punishment_asked_is_accusation", "Several Nordic governments called for sanctions against Minsk over "
                                       "the crackdown.", "ACCUSE"),
    ("accused_party", "The opposition leader demanded sanctions on the ruling generals.", "ACCUSE"),
    ("act_judged", "The UN chief condemned the bombing of a mosque in Kabul.", "ACCUSE"),
    ("weapon_stands_for_doer", "A car bomb in Baghdad killed twelve people on Monday.", "ASSAULT"),
    ("harmed_subject", "A student died after a beating by police in Tehran.", "ASSAULT"),
    ("giver_of_what_is_received", "Yemen received $50 million in aid from Saudi Arabia.", "AID"),
    ("partner_before_topic", "Later on Thursday, Macron discussed Ukraine with the German chancellor by "
                             "phone.", "CONSULT"),
    ("thing_boycotted", "The main opposition party in Togo boycotted the referendum.", "PROTEST"),
    ("destination_of_announced_move", "Kenya on Monday announced the deployment of 300 police officers to "
                                      "Haiti on a peacekeeping mission.", "AID"),
]
# rules the sentences above cannot reach through the whole coder; they are tested one by one below
ALONE = {"inside_condition", "statement_only", "verbal_act_unaddressed"}


@pytest.mark.parametrize(("rule", "text", "kind"), CASES)
def test_rule_fires_on_its_sentence(code, rule, text, kind):
    result = code(text)
    if kind is None:
        drops = {d.rule for d in result.dropped}
        assert rule in drops, f"{rule} did not drop anything: {[(d.trigger, d.rule) for d in result.dropped]}"
        dropped_triggers = {d.trigger for d in result.dropped if d.rule == rule}
        assert not [e for e in result.events if e.trigger in dropped_triggers]
    else:
        fired = [e for e in result.events if rule in e.rules]
        assert fired, f"{rule} did not fire: {[(e.type, e.rules) for e in result.events]}"
        assert kind in {e.type for e in fired}


def test_a_negated_hostile_act_is_dropped_not_refused(code):
    result = code("Turkish troops did not attack the Kurdish villages on Sunday.")
    assert result.events == [] and "not" in result.dropped[0].reason


def test_the_articles_own_conditional_is_no_ultimatum(code):
    result = code("France would impose sanctions on Mali if the junta delays the election.")
    assert not any("stated_condition_is_ultimatum" in e.rules for e in result.events)
    assert result.events == []


def test_an_ultimatum_keeps_its_own_condition(code):
    result = code("The president has issued an ultimatum to the rebels, warning of military action if the "
                  "army does not withdraw its forces from the posts.")
    assert "THREATEN" in {e.type for e in result.events}
    assert "conditional_on_clause" not in {d.rule for d in result.dropped if d.trigger == "issued"}


def test_the_doer_of_a_judged_act_named_by_a_participle_is_the_target(code):
    result = code("The Kenyan government condemned the attacks carried out by Somali militants.")
    assert [(e.type, [a.text for a in e.target]) for e in result.events] == [("ACCUSE", ["Somali militants"])]
    rejected = code("The council rejected the proposal put forward by the opposition.")
    assert [[a.text for a in e.target] for e in rejected.events] == [["the opposition"]]


def test_an_infinitive_marker_is_no_destination(code):
    trained = code("Britain will train Ukrainian pilots to fly fighter jets.")
    assert "CONSULT" not in {e.type for e in trained.events}
    trip = code("The Kenyan foreign minister flew to Uganda on Monday.")
    assert [e.type for e in trip.events] == ["CONSULT"]


def test_whom_talks_are_held_with_comes_before_their_topic(code):
    result = code("The Kenyan foreign minister discussed Somalia with the Ugandan president on Monday.")
    assert [(e.type, [a.text for a in e.target]) for e in result.events] == \
        [("CONSULT", ["the Ugandan president"])]


def test_what_is_boycotted_is_the_target_when_no_one_is_named(code):
    result = code("Opposition parties in Togo said they will boycott the talks scheduled for Monday.")
    assert [[a.text for a in e.target] for e in result.events] == [["the talks"]]
    strike = code("Nurses in Nairobi went on strike for better pay.")
    assert "thing_boycotted" not in {r for e in strike.events for r in e.rules}


def test_where_an_announced_deployment_goes_is_its_target(code):
    result = code("Kenya on Monday announced the deployment of 300 police officers to Haiti on a UN "
                  "peacekeeping mission.")
    assert [(e.type, [a.text for a in e.target]) for e in result.events] == [("AID", ["Haiti"])]


def test_a_warning_of_someones_hostile_act_stays_a_threat(code):
    result = code("Latvia warned that Russia would invade the Baltic states.")
    assert "warning_about_how_things_stand" not in {d.rule for d in result.dropped}


def test_asking_for_punishment_accuses_whom_it_would_punish(code):
    result = code("Human rights groups called for an independent investigation into the killing of the "
                  "journalist Ahmed Salem.")
    assert [(e.type, [a.text for a in e.target]) for e in result.events] == \
        [("ACCUSE", ["the journalist Ahmed Salem"])]
    talks = code("The senator called for talks with Beijing.")
    assert [e.type for e in talks.events] == ["REQUEST"]


def test_a_judged_act_is_the_target_not_its_victims(code):
    attack = code("The UN chief condemned the bombing of a mosque in Kabul.").events[0]
    assert attack.target[0].text == "the bombing of a mosque in Kabul" and attack.target[0].country == "AFG"
    strikes = code("Egypt condemned the Israeli air strikes on Gaza.").events[0]
    assert (strikes.target[0].text, strikes.target[0].code) == ("the Israeli air strikes", "ISR")
    annexation = code("The Lithuanian foreign minister condemned Russia's invasion of Georgia.").events[0]
    assert annexation.target[0].code == "RUSGOV"
    blame = code("Washington blamed the bombing on Hezbollah.").events[0]
    assert blame.target[0].text == "Hezbollah"


def test_a_weapon_subject_is_the_source_mention_coded_as_an_unknown_force(code):
    bomb = code("A car bomb in Baghdad killed twelve people on Monday.").events[0]
    assert (bomb.source[0].text, bomb.source[0].code) == ("A car bomb in Baghdad", "IRQUAF")
    named = code("Turkish jets bombed Kurdish positions in northern Iraq.").events[0]
    assert "weapon_stands_for_doer" not in named.rules and named.source[0].country == "TUR"


def test_someone_located_in_a_country_is_a_civilian_there(code):
    event = code("Gunmen shot dead a shepherd in Somalia on Friday.").events[0]
    assert event.target[0].code == "SOMCVL"


def _candidates(pipeline, text):
    document = pipeline.parse(Article("t", text, published=dt.date(2021, 3, 10)))
    return [c for s in document.sentences for c in candidates(s, pipeline.resources)], document


def test_inside_condition_drops_an_event_heading_an_if_clause(pipeline):
    found, _ = _candidates(pipeline, "If Uganda attacks the border post, Kenya will respond.")
    attack = next(c for c in found if c.trigger.lemma_ == "attack")
    assert rules.inside_condition(attack, attack.trigger, pipeline.resources) == "conditional clause"
    assert rules.inside_condition(attack, attack.trigger.head, pipeline.resources) is None


def test_statement_only_drops_a_code_without_plover_type(pipeline):
    found, document = _candidates(pipeline, "Russia attacked Ukraine on Monday.")
    from eventwire.coding.actors import ArticleActors
    scene = Scene(ArticleActors(document, pipeline.resources), pipeline.resources, sports=False)
    assert "no PLOVER type" in filters.statement_only(found[0], scene)
    scene.info = pipeline.resources.info(found[0].cameo)
    assert filters.statement_only(found[0], scene) is None


def test_a_verbal_act_needs_a_named_speaker_or_addressee(pipeline):
    found, document = _candidates(pipeline, "Kenya criticised Uganda on Monday.")
    from eventwire.coding.actors import ArticleActors
    from eventwire.model import ActorRef
    scene = Scene(ArticleActors(document, pipeline.resources), pipeline.resources, sports=False,
                  info=pipeline.resources.info("111"))
    scene.source = (ActorRef("", "KENGOV", 0, 0, "implied"),)
    assert filters.verbal_act_unaddressed(found[0], scene)
    scene.direct = True
    assert filters.verbal_act_unaddressed(found[0], scene) is None


def _tables():
    return {
        "reality": rules.CHILD_RULES + rules.CHAIN_RULES + rules.EVENT_RULES,
        "recode": rules.RECODE_RULES,
        "relevance": filters.BEFORE_SIDES + filters.AFTER_SIDES,
        "roles": roles.ROLE_RULES,
        "sides": tuple(r for r in sides.SIDE_RULES if r.__name__ not in sides.ALWAYS_RUN),
    }


def test_every_rule_has_a_docstring_and_a_test_sentence():
    named = {rule for rule, _, _ in CASES} | ALONE | {"done_together_is_cooperation"}
    for table, entries in _tables().items():
        for rule in entries:
            assert rule.__doc__, f"{table} rule {rule.__name__} has no docstring"
            assert rule.__name__ in named, f"{table} rule {rule.__name__} has no test sentence"
    assert len({r.__name__ for t in _tables().values() for r in t}) == sum(len(t) for t in _tables().values())
