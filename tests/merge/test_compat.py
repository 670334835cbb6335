"""The merge rules of CODING.md §5 on hand-made reports (independent of extraction)."""

from __future__ import annotations

import pytest

from marsad.kb import get_kb
from marsad.merge.compat import Ctx, actors_match, compatible, link_score, places_match
from tests.merge.records import entity, item, place


@pytest.fixture(scope="module")
def ctx() -> Ctx:
    return Ctx(get_kb())


def test_named_faction_fits_the_generic_iran_backed_factions(ctx):
    assert actors_match([entity("kataib-hezbollah")], [entity("iran-backed-factions-iraq")],
                        ctx) == 0.5


def test_us_and_iran_never_fit(ctx):
    assert actors_match([entity("united-states")], [entity("iran")], ctx) == 0
    assert actors_match([entity("us-military")], [entity("iran-backed-factions-iraq")],
                        ctx) == 0


def test_a_state_stands_for_its_forces_but_not_for_a_militia(ctx):
    assert actors_match([entity("united-states")], [entity("us-military")], ctx) == 0.5
    assert actors_match([entity("iraq")], [entity("kataib-hezbollah")], ctx) == 0


def test_unknown_actor_is_compatible_but_not_evidence(ctx):
    assert actors_match([], [entity("kataib-hezbollah")], ctx) is None


def test_places_same_nested_or_different(ctx):
    assert places_match(place("ain-al-asad"), place("anbar"), ctx) == 0.5
    assert places_match(place("ain-al-asad"), place("iraq"), ctx) == 0.5
    assert places_match(place("victory"), place("baghdad"), ctx) == 0.5
    assert places_match(place("ain-al-asad"), place("harir"), ctx) == 0
    assert places_match(place("harir"), place("anbar"), ctx) == 0
    assert places_match(place("ain-al-asad"), place("syria"), ctx) == 0
    assert places_match(place("syria-iraq-border"), place("syria"), ctx) == 0.5


def test_two_bases_the_same_day_never_merge(ctx):
    a = item("a", recipient=("us-military",), where="ain-al-asad", day="2024-01-20")
    b = item("b", recipient=("us-military",), where="harir", day="2024-01-20")
    assert not compatible(a, b, ctx)


def test_a_threat_never_merges_with_the_attack(ctx):
    a = item("a", actor=("kataib-hezbollah",), recipient=("us-military",),
             where="ain-al-asad", day="2024-01-20")
    b = item("b", "THREATEN", actor=("kataib-hezbollah",), recipient=("us-military",),
             where="ain-al-asad", day="2024-01-20")
    assert link_score(a, b, ctx) is None


def test_same_place_another_week_stays_apart(ctx):
    a = item("a", recipient=("us-military",), where="ain-al-asad", day="2024-01-20")
    b = item("b", recipient=("us-military",), where="ain-al-asad", day="2024-01-27",
             published="2024-01-28")
    assert not compatible(a, b, ctx)


def test_one_attack_from_two_outlets_merges(ctx):
    a = item("a", recipient=("us-military",), where="ain-al-asad", day="2024-01-20")
    b = item("b", actor=("islamic-resistance-in-iraq",), recipient=("us-military",),
             where="anbar", day="2024-01-20")
    assert link_score(a, b, ctx) is not None


def test_publication_date_means_on_or_before_publication(ctx):
    dated = item("a", recipient=("us-military",), where="ain-al-asad", day="2024-01-12")
    undated = item("b", recipient=("us-military",), where="ain-al-asad", day=None,
                   published="2024-01-21")
    too_old = item("c", recipient=("us-military",), where="ain-al-asad", day="2023-12-30")
    later = item("d", recipient=("us-military",), where="ain-al-asad", day="2024-01-25",
                 published="2024-01-26")
    assert compatible(dated, undated, ctx)
    assert not compatible(too_old, undated, ctx)
    assert not compatible(later, undated, ctx)


def test_negated_and_asserted_stay_apart(ctx):
    a = item("a", recipient=("us-military",), where="harir", day="2024-01-20")
    b = item("b", recipient=("us-military",), where="harir", day="2024-01-20",
             factuality="negated")
    assert not compatible(a, b, ctx)


def test_vague_reports_need_evidence_across_stories_but_not_within_one(ctx):
    a = item("a", actor=("houthis",), day=None, published="2024-01-15")
    b = item("b", actor=("houthis",), day=None, published="2024-01-20")
    assert compatible(a, b, ctx)
    assert link_score(a, b, ctx) is None  # only the actor in common: not enough
    a.story_id = b.story_id = "s1"
    assert link_score(a, b, ctx) is not None


def test_matching_is_symmetric(ctx):
    """Two vague entities: «الفصائل المسلحة» can be «الفصائل الموالية لإيران», both ways."""
    vague = {"id": "armed-factions", "sector": "PRM", "country": None, "generic": True}
    iran_backed = entity("iran-backed-factions-iraq")
    assert actors_match([vague], [iran_backed], ctx) == actors_match([iran_backed], [vague], ctx)
    assert actors_match([vague], [iran_backed], ctx) == 0.5


def test_an_undatable_copy_joins_its_story_mate(ctx):
    """An undated syndicated copy says «في 27 يونيو» with no year: its date stays unresolved,
    which bounds nothing, so within the story it meets the dated original; across stories it
    still needs a date."""
    dated = item("a", actor=("us-military",), recipient=("iran-backed-factions-iraq",),
                 day="2021-06-27", published="2021-07-13", story="s1")
    copy = item("b", actor=("us-military",), recipient=("iran-backed-factions-iraq",),
                published="", story="s1",
                date={"start": None, "end": None, "precision": None, "basis": "unresolved"})
    copy.story_published = "2021-07-13"  # set by the store from the story's first report
    copy.__post_init__()
    assert compatible(dated, copy, ctx)
    stranger = item("c", actor=("us-military",), recipient=("iran-backed-factions-iraq",),
                    published="", story="s2",
                    date={"start": None, "end": None, "precision": None, "basis": "unresolved"})
    assert not compatible(dated, stranger, ctx)
