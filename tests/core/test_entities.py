"""Entity extraction, alias merging and query expansion (plain pytest, no Textual)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tui.core.entities import (  # noqa: E402
    Aliases,
    Entity,
    Mention,
    expand_query_name,
    extract,
    load_aliases,
    load_gazetteer,
    merge,
    parse_aliases,
)

GAZETTEER_PATH = ROOT / "corpus" / "gazetteer.yaml"
ALIASES_PATH = ROOT / "corpus" / "aliases.yaml"


@pytest.fixture(scope="module")
def gaz():
    gazetteer, problems = load_gazetteer(GAZETTEER_PATH)
    assert problems == []
    return gazetteer


@pytest.fixture(scope="module")
def aliases():
    loaded, problems = load_aliases(ALIASES_PATH)
    assert problems == []
    return loaded


def found(text, gaz, etype=None):
    return [(m.type, m.text) for m in extract(text, gaz) if etype is None or m.type == etype]


def texts(text, gaz, etype):
    return [m.text for m in extract(text, gaz) if m.type == etype]


# ------------------------------------------------------------------ extraction
def test_mentions_carry_offsets_into_the_text(gaz):
    text = "«Kazakhstan is ready,» said James Cleverly in London on Friday."
    ms = extract(text, gaz)
    assert ms and all(isinstance(m, Mention) for m in ms)
    assert all(text[m.start:m.end] == m.text for m in ms)
    assert [m.start for m in ms] == sorted(m.start for m in ms)


def test_titles_are_not_part_of_person_names(gaz):
    text = (
        "James Cleverly will be received by President Kassym-Jomart Tokayev and Prime Minister "
        "Alikhan Smailov. Kazakhstan’s Deputy Foreign Minister Roman Vassilenko met Leo Docherty MP. "
        "A square was named after Queen Elizabeth II."
    )
    assert texts(text, gaz, "person") == [
        "James Cleverly", "Kassym-Jomart Tokayev", "Alikhan Smailov", "Roman Vassilenko",
        "Leo Docherty", "Elizabeth II",
    ]


def test_title_complements_and_appositions(gaz):
    text = (
        "UK Secretary of State for Foreign, Commonwealth and Development Affairs James Cleverly "
        "arrived. He was met by the Deputy Foreign Minister of the Republic of Kazakhstan, Roman "
        "Vasilenko, and later met Nusrat Ghani, First Deputy Speaker of the UK House of Commons. "
        "Director of the British-Kazakh Society David Skeels told reporters."
    )
    assert texts(text, gaz, "person") == ["James Cleverly", "Roman Vasilenko", "Nusrat Ghani", "David Skeels"]
    assert texts(text, gaz, "organization") == ["UK House of Commons", "British-Kazakh Society"]
    assert texts(text, gaz, "place") == ["UK", "Republic of Kazakhstan"]


def test_possessives_are_stripped(gaz):
    text = ("Kazakhstan’s economy grew. "
            "A MoU was signed with the UK’s Gangmasters and Labor Abuse Authority.")
    assert found(text, gaz) == [
        ("place", "Kazakhstan"), ("place", "UK"), ("organization", "Gangmasters and Labor Abuse Authority"),
    ]


def test_initials_and_mr(gaz):
    people = texts("Dr. J. K. Rowling met Mr. Boris Johnson.", gaz, "person")
    assert people == ["J. K. Rowling", "Boris Johnson"]


def test_acronym_defined_in_parentheses_is_reused(gaz):
    text = ("A MoU was signed with the Gangmasters and Labor Abuse Authority (GLAA). "
            "The GLAA protects workers.")
    ms = [m for m in extract(text, gaz) if m.type == "organization"]
    assert [m.text for m in ms] == ["Gangmasters and Labor Abuse Authority", "GLAA", "GLAA"]
    assert len({m.key for m in ms}) == 1


def test_unknown_acronyms_and_events_are_not_entities(gaz):
    text = ("Nazarbayev spoke at the Europe-Asia Meeting summit (ASEM) in Brussels. FDI grew. "
            "The Joint Statement and the Strategic Dialogue were welcomed at COP29.")
    assert found(text, gaz) == [("place", "Europe"), ("place", "Asia"), ("place", "Brussels")]


def test_sentence_starts_months_and_boilerplate_are_not_names(gaz):
    text = (
        "Following the meeting, the sides agreed.\n\nConsidering ample opportunities, they met.\n"
        "During January-August trade grew. In May and June talks continued on Monday.\n"
        "Photo: mfa.gov.kz\nTell a friend\nThe parties discussed it. Regular contacts are important; "
        "regular meetings too."
    )
    assert extract(text, gaz) == []


def test_headline_case_does_not_make_names(gaz):
    text = "Kazakhstan And UK Sign Landmark Strategic Partnership Agreement In London\n\nThe deal was signed."
    assert found(text, gaz) == [("place", "Kazakhstan"), ("place", "UK"), ("place", "London")]


def test_demonyms_are_not_places(gaz):
    text = "Kazakh-British trade and British experience helped Kazakh products reach European countries."
    assert found(text, gaz) == []


def test_hyphen_compounds_yield_their_places(gaz):
    text = "The Kazakhstan-UK Strategic Dialogue and over 600 UK-invested companies."
    assert texts(text, gaz, "place") == ["Kazakhstan", "UK", "UK"]


def test_country_qualified_institutions(gaz):
    text = ("He met the Kazakh Ministry of Foreign Affairs, the Kazakh MFA and the Ministry of Foreign "
            "Affairs of the Republic of Kazakhstan, then the Security Council of the Republic of "
            "Kazakhstan and the UN Security Council.")
    ms = [m for m in extract(text, gaz) if m.type == "organization"]
    keys = [m.key for m in ms]
    assert keys[:3] == ["Ministry of Foreign Affairs of Kazakhstan"] * 3
    assert keys[3:] == ["Security Council of Kazakhstan", "United Nations Security Council"]
    assert found(text, gaz, "place") == []  # places inside organization names are not separate


def test_turk_is_a_person_and_turkey_a_place(gaz):
    text = "He met UN High Commissioner for Human Rights Volker Turk and visited Turkey and Georgia."
    assert found(text, gaz) == [
        ("organization", "UN"), ("person", "Volker Turk"), ("place", "Turkey"), ("place", "Georgia"),
    ]


def test_us_in_us_dollars_is_a_currency_not_a_place(gaz):
    assert found("Investments reached 18 billion US dollars.", gaz, "place") == []


# ------------------------------------------------------------------ figures
@pytest.mark.parametrize(
    "text, figure, kind, value, unit",
    [
        ("Investment exceeded $18 billion.", "$18 billion", "money", 18e9, "USD"),
        ("It costs £3.5m a year.", "£3.5m", "money", 3.5e6, "GBP"),
        ("Trade reached 1.8 billion US dollars.", "1.8 billion US dollars", "money", 1.8e9, "USD"),
        ("Trade grew by more than 60% in 2022.", "60%", "percent", 60, "%"),
        ("There are about 600 companies.", "about 600 companies", "count", 600, "companies"),
        ("Around 550 companies operate there.", "Around 550 companies", "count", 550, "companies"),
    ],
)
def test_figures(gaz, text, figure, kind, value, unit):
    [m] = [m for m in extract(text, gaz) if m.type == "figure"]
    assert (m.text, m.kind, m.value, m.unit) == (figure, kind, pytest.approx(value), unit)
    assert text[m.start:m.end] == figure


def test_bare_amounts_need_a_stated_currency(gaz):
    with_currency = "Trade reached 1.8 billion US dollars. The economy attracted 661 million in FDI."
    without = "The economy attracted 661 million in FDI. The top 10 investors and 2022 are not figures."
    [_, bare] = [m for m in extract(with_currency, gaz) if m.type == "figure"]
    assert (bare.text, bare.unit, bare.value) == ("661 million", "USD", 661e6)
    assert [m for m in extract(without, gaz) if m.type == "figure"] == []


# ------------------------------------------------------------------ merging
ARTICLES = {
    "a": ("The Deputy Foreign Minister of the Republic of Kazakhstan, Roman Vasilenko, met the head "
          "of the British Foreign Office, James Cleverley. Later, Vasilenko and Cleverly talked. "
          "Great Britain and the UK are one; President Kassym-Jomart Kemelevich Tokayev agreed."),
    "b": ("Deputy Foreign Minister Roman Vassilenko welcomed James Cleverly in Astana. Vassilenko "
          "said President Kassym-Jomart Tokayev would meet James Cleverly. The United Kingdom and "
          "Kazakhstan signed a deal. Kazinform learned from the MFA press office."),
    "c": ("Minister Roman Vassilenko met the Kazakh MFA staff. President Kassym-Jomart Tokayev met "
          "UN High Commissioner for Human Rights Volker Turk, then visited Turkey. The UK welcomed it."),
}


@pytest.fixture(scope="module")
def entities(gaz, aliases):
    return merge({aid: extract(t, gaz) for aid, t in ARTICLES.items()}, aliases)


def entity(entities, name):
    [e] = [e for e in entities if e.name == name]
    return e


def test_surnames_and_transliterations_merge(entities):
    roman = entity(entities, "Roman Vassilenko")
    assert isinstance(roman, Entity) and roman.type == "person"
    assert set(roman.aliases) == {"Roman Vasilenko", "Vasilenko", "Vassilenko"}
    assert roman.articles == {"a": 2, "b": 2, "c": 1}
    james = entity(entities, "James Cleverly")
    assert set(james.aliases) == {"James Cleverley", "Cleverly"}
    assert james.articles == {"a": 2, "b": 2}


def test_patronymic_variants_merge(entities):
    tokayev = entity(entities, "Kassym-Jomart Tokayev")
    assert tokayev.aliases == ("Kassym-Jomart Kemelevich Tokayev",)
    assert set(tokayev.articles) == {"a", "b", "c"}


def test_country_spellings_and_institutions(entities):
    uk = entity(entities, "United Kingdom")
    assert set(uk.aliases) == {"Great Britain", "UK"}
    mfa = entity(entities, "Ministry of Foreign Affairs of Kazakhstan")
    assert set(mfa.aliases) == {"MFA", "Kazakh MFA"}
    kz = entity(entities, "Kazakhstan")
    assert kz.type == "place" and "MFA" not in kz.aliases
    fcdo = entity(entities, "Foreign, Commonwealth and Development Office")
    assert fcdo.aliases == ("British Foreign Office",)


def test_things_that_only_look_alike_stay_apart(entities):
    assert entity(entities, "Volker Turk").type == "person"
    assert entity(entities, "Turkey").type == "place"
    names = [e.name for e in entities]
    assert len(names) == len(set(names))


def test_two_councils_stay_apart(gaz, aliases):
    text_a = "He hosted a meeting of the Security Council of the Republic of Kazakhstan."
    text_b = "Kazakhstan sat on the UN Security Council. The Security Council met."
    ents = merge({"a": extract(text_a, gaz), "b": extract(text_b, gaz)}, aliases)
    orgs = {e.name for e in ents if e.type == "organization"}
    assert {"Security Council of the Republic of Kazakhstan", "United Nations Security Council"} <= orgs


def test_different_people_with_one_surname_stay_apart(gaz):
    text = "Prime Minister Boris Johnson met Ambassador Jack Johnson. Johnson said nothing."
    people = [e for e in merge({"a": extract(text, gaz)}) if e.type == "person"]
    assert sorted(e.name for e in people) == ["Boris Johnson", "Jack Johnson", "Johnson"]


def test_canonical_name_is_the_most_frequent_full_form_then_the_longest(gaz):
    ents = merge({
        "a": extract("Minister Roman Vasilenko spoke.", gaz),
        "b": extract("Minister Roman Vassilenko spoke. Vassilenko left.", gaz),
    })
    # one full form each: the tie goes to the longer spelling
    assert [e.name for e in ents] == ["Roman Vassilenko"]
    ents = merge({
        "a": extract("Minister Roman Vasilenko spoke. Minister Roman Vasilenko left.", gaz),
        "b": extract("Minister Roman Vassilenko spoke.", gaz),
    })
    assert [e.name for e in ents] == ["Roman Vasilenko"]


def test_merge_is_deterministic(gaz, aliases):
    mentions = {aid: extract(t, gaz) for aid, t in ARTICLES.items()}
    reordered = {aid: mentions[aid] for aid in reversed(list(mentions))}
    assert merge(mentions, aliases) == merge(reordered, aliases)


def test_keep_apart_overrides_the_heuristics(gaz):
    custom, problems = parse_aliases({"keep_apart": [["Roman Vasilenko", "Roman Vassilenko"]]})
    assert problems == []
    ents = merge({"a": extract("Minister Roman Vasilenko met Minister Roman Vassilenko.", gaz)}, custom)
    assert sorted(e.name for e in ents) == ["Roman Vasilenko", "Roman Vassilenko"]


def test_expand_query_name(entities):
    spellings = expand_query_name("vasilenko", entities)
    assert spellings[0] == "Roman Vassilenko"
    assert set(spellings) == {"Roman Vassilenko", "Roman Vasilenko", "Vasilenko", "Vassilenko"}
    assert expand_query_name("Great Britain", entities)[0] == "United Kingdom"
    assert expand_query_name("Nobody Known", entities) == ["Nobody Known"]


# ------------------------------------------------------------------ YAML files
def test_bundled_aliases_load(aliases):
    assert aliases.entry_for("MFA", "organization").canonical == "Ministry of Foreign Affairs of Kazakhstan"
    assert ("Turkey", "Volker Turk") in aliases.keep_apart


def test_invalid_aliases_yaml_is_reported_not_raised(tmp_path):
    bad = tmp_path / "aliases.yaml"
    bad.write_text("entities:\n  - canonical: [unclosed\n", encoding="utf-8")
    loaded, problems = load_aliases(bad)
    assert loaded == Aliases()
    assert len(problems) == 1 and "invalid YAML" in problems[0] and "line" in problems[0]


def test_missing_aliases_file_is_reported(tmp_path):
    loaded, problems = load_aliases(tmp_path / "nope.yaml")
    assert loaded == Aliases() and "not found" in problems[0]


def test_malformed_alias_entries_are_skipped_with_problems():
    loaded, problems = parse_aliases({
        "entities": [
            {"canonical": "A", "variants": ["B"]},
            {"variants": ["C"]},
            {"canonical": "D", "type": "planet"},
            {"canonical": "E", "variants": ["B"]},
        ],
        "keep_apart": [["A", "B"], ["X"]],
    })
    assert [e.canonical for e in loaded.entries] == ["A", "E"]
    assert len(problems) == 5


def test_invalid_gazetteer_yaml_is_reported_not_raised(tmp_path):
    bad = tmp_path / "gazetteer.yaml"
    bad.write_text("countries:\n  Kazakhstan: {aliases: [oops\n", encoding="utf-8")
    gazetteer, problems = load_gazetteer(bad)
    assert len(gazetteer) == 0 and "invalid YAML" in problems[0]


# ------------------------------------------------------------------ whole package
def test_no_textual_import():
    code = "import sys, tui.core.entities; assert not any(m.startswith('textual') for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_eval_precision_and_recall_at_least_0_9():
    spec = importlib.util.spec_from_file_location("eval_entities", ROOT / "scripts" / "eval_entities.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = module.evaluate()
    assert result["problems"] == []
    for level in ("entity", "surface"):
        for etype in ("person", "organization", "place"):
            score = result[level][etype]
            assert score["precision"] >= 0.9, (level, etype, score["spurious"])
            assert score["recall"] >= 0.9, (level, etype, score["missed"])


def test_bare_mfa_rule_does_not_capture_other_ministries(gaz, aliases):
    ents = merge({
        "ru": extract("The Russian Ministry of Foreign Affairs protested.", gaz),
        "x": extract("He said the Ministry of Foreign Affairs was ready.", gaz),
        "kz": extract("Kazinform learned from the MFA press office.", gaz),
    }, aliases)
    names = {e.name: set(e.articles) for e in ents if e.type == "organization"}
    assert names["Ministry of Foreign Affairs of Kazakhstan"] == {"kz"}
    assert names["Russian Ministry of Foreign Affairs"] == {"ru"}
    assert names["Ministry of Foreign Affairs"] == {"x"}


def test_different_countries_never_merge(gaz):
    ents = merge({"a": extract("Austria and Australia, Niger and Nigeria, Iran and Iraq.", gaz)})
    assert len([e for e in ents if e.type == "place"]) == 6
