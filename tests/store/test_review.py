"""Coders' review in the store: revisions are append-only, the machine's fact stays beside them, events are
merged again from the reviewed facts, concurrent corrections conflict instead of overwriting, re-ingesting keeps
them. Runs on SQLite and PostgreSQL (the `store` fixture)."""

from __future__ import annotations

import pytest
from sqlalchemy import text as sql

from newsfacts.errors import ReviewConflictError, ReviewError
from newsfacts.store import EventFilters, ReviewRequest, open_store

from .builders import F, I, build_article

TOLL = (
    "Gunmen attacked the Orvena bus depot on Monday. Police said 9 people were killed and 14 were wounded. "
    "The regional health office later said 11 people died. Two drivers were among the dead. "
    "Four more people were hurt in the crush at the gate."
)
SECOND = (
    "Orvena depot attack: the toll is 10, a hospital said on Tuesday, after the Monday shooting at the bus depot "
    "in Orvena."
)


def orvena():
    return build_article(
        TOLL, published="2025-05-06", source="Orvena Post", url="https://post.example/orvena",
        facts=[
            F("killed", "9 people were killed", 9, role="total", source="Police"),
            F("injured", "14 were wounded", 14),
            F("killed", "11 people died", 11, role="update", source="The regional health office"),
            F("killed", "Two drivers", 2, role="subset"),
        ],
        incidents=[I("shooting", "2025-05-05", "Orvena", {"killed": 11, "injured": 14}, {"killed": [2], "injured": [1]})],
    )


def second_outlet():
    return build_article(
        SECOND, published="2025-05-06", source="Depot Daily", url="https://daily.example/orvena",
        facts=[F("killed", "the toll is 10", 10, role="total")],
        incidents=[I("shooting", "2025-05-05", "Orvena", {"killed": 10}, {"killed": [0]})],
    )


def ask(action: str, fact: int | None = None, coder: str = "ana", **fields) -> ReviewRequest:
    return ReviewRequest(action=action, coder=coder, fact=fact, **fields)


def the_event(store):
    (event,) = store.events()
    return event


def test_a_correction_changes_the_event_and_keeps_the_machine_value(store):
    article_id = store.add_article(orvena()).article_id
    assert the_event(store).figures["killed"].best == 11
    result = store.review(article_id, ask("correct", 2, value=12, note="the office's later statement says 12"))
    assert result.revision.old_value == 11 and result.revision.value == 12 and result.revision.coder == "ana"
    assert result.fact.state == "corrected" and result.fact.machine is not None and result.fact.machine.value == 11
    event = the_event(store)
    assert event.figures["killed"].best == 12 and event.reviewed
    assert event.figures["killed"].reviewed is False  # the police's 9, that day too, is still the machine's
    figure = next(f for f in event.source_figures if f.category == "killed" and f.total)
    assert figure.fact == 2 and figure.reviewed
    # the stored machine record is untouched: the revision sits beside it
    assert store.article(article_id).facts[2].value == 11
    assert result.event_ids == [event.id]


def test_reject_and_add_recount_the_incident(store):
    article_id = store.add_article(orvena()).article_id
    facts = store.reviewed_facts(article_id)
    injured = facts[1]
    assert injured.state == "machine" and injured.revision_id is None
    # the machine missed "Four more people were hurt": a coder adds it as a part of the injured
    start = TOLL.index("Four more people were hurt")
    added = store.review(article_id, ask("add", category="injured", value=4, role="part", start=start,
                                         end=start + len("Four more people were hurt")))
    assert added.fact.state == "added" and added.fact.index == 4 and added.fact.fact.evidence.text.startswith("Four")
    store.review(article_id, ask("correct", 1, role="part"))
    assert the_event(store).figures["injured"].best == 18  # 14 + 4, parts summed
    store.review(article_id, ask("reject", 2, note="not the same incident"))
    # without the update, the police total stands
    assert the_event(store).figures["killed"].best == 9
    states = [f.state for f in store.reviewed_facts(article_id)]
    assert states == ["machine", "corrected", "rejected", "machine", "added"]


def test_two_coders_on_one_fact_the_second_is_told(store):
    article_id = store.add_article(orvena()).article_id
    first = store.review(article_id, ask("correct", 0, value=8, coder="ana"))
    with pytest.raises(ReviewConflictError) as raised:
        store.review(article_id, ask("correct", 0, value=10, coder="ben", seen_revision=None))
    assert raised.value.current is not None
    assert raised.value.current["fact"]["value"] == 8 and raised.value.current["coder"] == "ana"
    # ben saw the conflict, read the revision and sends again on top of it: both changes are in the trail
    second = store.review(article_id, ask("correct", 0, value=10, coder="ben", seen_revision=first.revision.id))
    trail = store.revisions(article_id=article_id)
    assert [(r.coder, r.old_value, r.value) for r in trail] == [("ana", 9, 8), ("ben", 8, 10)]
    assert second.revision.previous_id == first.revision.id


def test_revisions_are_append_only_in_the_database(store):
    article_id = store.add_article(orvena()).article_id
    store.review(article_id, ask("confirm", 1))
    for statement in ("UPDATE fact_revision SET value = 1", "DELETE FROM fact_revision"):
        with pytest.raises(Exception, match="append-only"), store.engine.begin() as conn:
            conn.execute(sql(statement))
    assert len(store.revisions(article_id=article_id)) == 1


def test_reingesting_keeps_the_corrections(store):
    article_id = store.add_article(orvena()).article_id
    store.review(article_id, ask("correct", 2, value=13))
    again = store.add_article(orvena())
    assert again.status == "duplicate" and again.article_id == article_id
    store.add_article(second_outlet())  # another source joins the event: it is merged again, from the rows
    event = the_event(store)
    assert sorted(f.value for f in event.source_figures if f.category == "killed" and f.total) == [10, 13]
    assert store.reviewed_facts(article_id)[2].fact.value == 13


def test_bad_requests_are_refused_before_anything_is_written(store):
    article_id = store.add_article(orvena()).article_id
    for request in (
        ask("correct", 9, value=1),
        ask("correct", 0),
        ask("correct", 0, value=9, role="total"),  # what it already is
        ask("correct", 0, category="exploded"),
        ask("add", category="killed", value=3, start=5, end=len(TOLL) + 1),
        ask("explode", 0),
        ask("confirm", 0, coder=" "),
    ):
        with pytest.raises(ReviewError):
            store.review(article_id, request)
    assert store.revisions(article_id=article_id) == []
    start = TOLL.index("9 people")
    with pytest.raises(ReviewConflictError):  # the machine's fact already stands on these words
        store.review(article_id, ask("add", category="killed", value=9, start=start, end=start + len("9 people were killed")))


def test_reviewed_filter_queue_and_coders(store):
    store.add_article(orvena())
    other = store.add_article(second_outlet()).article_id
    assert store.events(EventFilters(reviewed=True)) == []
    queue = store.review_queue()
    assert [item.reasons for item in queue] == [["sources disagree"]]  # 11 (ministry) vs 10 (hospital)
    store.review(other, ask("confirm", 0))
    assert len(store.events(EventFilters(reviewed=True))) == 1
    assert store.review_queue() == []  # reviewed events leave the queue
    token = store.add_coder("Dara Coder")
    assert store.coder_for_token(token) == "Dara Coder" and store.coder_for_token(token + "x") is None
    with pytest.raises(ReviewError):
        store.add_coder("Dara  Coder")


def test_an_old_store_is_migrated(tmp_path):
    """A store made before revision 0003 (no revision table, no reviewed columns) is upgraded when opened."""
    path = tmp_path / "old.db"
    with open_store(path) as store:
        store.add_article(orvena())
        with store.engine.begin() as conn:
            for statement in ("DROP TABLE fact_revision", "DROP TABLE coder", "DROP INDEX ix_event_reviewed",
                              "ALTER TABLE event DROP COLUMN reviewed", "ALTER TABLE figure DROP COLUMN reviewed",
                              "ALTER TABLE figure DROP COLUMN fact_idx", "UPDATE alembic_version SET version_num = '0002'"):
                conn.execute(sql(statement))
    with open_store(path) as store:
        store.review(1, ask("correct", 0, value=8))
        event = store.event(1)
        assert event.reviewed and event.figures["killed"].best == 11  # the office's update still counts
        assert sorted(f.value for f in event.source_figures if f.category == "killed") == [8, 11]


def test_cli_coder_token_reviewed_filter_and_export(tmp_path, capsys):
    import csv
    import io

    from newsfacts.cli import main

    db = str(tmp_path / "cli.db")
    with open_store(db) as store:
        store.add_article(orvena())
        other = store.add_article(build_article(
            "Riot police detained 30 people in Halvic square on Saturday.", published="2025-08-10",
            source="Halvic News", facts=[F("detained", "detained 30 people", 30, role="total")],
            incidents=[I("riot", "2025-08-09", "Halvic", {"arrested": 30}, {"arrested": [0]})])).article_id
        store.review(other, ask("correct", 0, value=31))
    assert main(["coder", "add", "Eli", "--db", db]) == 0
    token = capsys.readouterr().out.strip()
    with open_store(db) as store:
        assert store.coder_for_token(token) == "Eli"
    assert main(["events", "--reviewed", "--json", "--db", db]) == 0
    assert '"Halvic"' in capsys.readouterr().out
    assert main(["events", "--db", db]) == 0
    table = capsys.readouterr().out
    assert "reviewed" in next(line for line in table.splitlines() if "Halvic" in line)
    assert "reviewed" not in next(line for line in table.splitlines() if "Orvena" in line)
    assert main(["export", "--reviewed", "--db", db]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["place"], r["reviewed"], r["arrested_best"], r["arrested_reviewed"]) for r in rows] == [
        ("Halvic", "True", "31", "True")]
    assert main(["export", "--db", db]) == 0
    assert sorted(r["reviewed"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))) == ["False", "True"]


def test_merge_and_split_events(store):
    first = store.add_article(orvena()).article_id
    # the same attack, dated two weeks off by a confused outlet: the machine keeps it apart
    late = build_article(
        "Orvena depot shooting: 12 dead, the ministry said, in the attack at the Orvena bus depot.",
        published="2025-05-20", source="Late Wire", url="https://late.example/orvena",
        facts=[F("killed", "12 dead", 12, role="total", source="the ministry")],
        incidents=[I("shooting", "2025-05-19", "Orvena", {"killed": 12}, {"killed": [0]})])
    second = store.add_article(late).article_id
    keep, other = sorted(e.id for e in store.events())
    merged = store.merge_events(keep, other, coder="ana", note="one attack: the date is the outlet's error")
    (event,) = store.events()
    assert event.id == keep and {s.article_id for s in event.sources} == {first, second}
    assert merged.action == "merge" and merged.other_event_id == other and len(merged.incidents) == 1
    split = store.split_event(keep, [second], coder="ben", note="no: a second attack")
    events = {e.id: e for e in store.events()}
    assert set(events) == {keep, split.other_event_id}
    assert [s.article_id for s in events[split.other_event_id].sources] == [second]
    assert events[split.other_event_id].figures["killed"].best == 12
    assert [r.action for r in store.event_revisions(keep)] == ["merge", "split"]
    with pytest.raises(ReviewError):
        store.merge_events(keep, keep, coder="ana")
    with pytest.raises(ReviewError):
        store.split_event(keep, [first], coder="ana")  # it would leave the event empty
    with pytest.raises(Exception, match="append-only"), store.engine.begin() as conn:
        conn.execute(sql("DELETE FROM event_revision"))


def test_an_added_figure_counts_in_the_incident_the_coder_names(store):
    text = ("In Tarsk, 4 people were killed in a market fire. In Velm, a bridge collapsed on the same day "
            "and rescuers were still searching; 2 bodies were found by evening.")
    article = build_article(
        text, published="2025-09-02", source="Regional Desk",
        facts=[F("killed", "4 people were killed", 4, role="total")],
        incidents=[I("fire", "2025-09-01", "Tarsk", {"killed": 4}, {"killed": [0]}),
                   I("collapse", "2025-09-01", "Velm", {}, {})])
    article_id = store.add_article(article).article_id
    start = text.index("2 bodies were found")
    store.review(article_id, ask("add", category="killed", value=2, start=start, end=start + len("2 bodies"),
                                 incident=1))
    by_place = {e.place.name: e for e in store.events()}
    assert by_place["Velm"].figures["killed"].best == 2 and by_place["Velm"].reviewed
    assert by_place["Tarsk"].figures["killed"].best == 4 and not by_place["Tarsk"].reviewed
