"""`newsfacts events`: the merged events in the store, filtered; one event in detail with its id."""

from __future__ import annotations

import argparse
import json

from .ingest import DB_HELP


def add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--category", choices=["killed", "injured", "arrested", "detained"], help="only events with this figure (detained counts as arrested)")
    p.add_argument("--place", metavar="TEXT", help="only events whose place contains TEXT")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="only events on or after this day")
    p.add_argument("--until", metavar="YYYY-MM-DD", help="only events on or before this day")
    p.add_argument("--outlet", metavar="TEXT", help="only events an outlet whose name contains TEXT reported")
    p.add_argument("--limit", type=int, metavar="N", help="at most N events")
    p.add_argument("--status", action="append", choices=["current", "historical", "background"],
                   help="only events of this status; repeatable (default: current and historical; background "
                        "events, the earlier events an article recalls as context, are left out unless asked)")
    p.add_argument("--reviewed", action="store_true", help="only events a coder reviewed (at least one figure)")


def filters_from(args: argparse.Namespace):
    from ..store import EventFilters
    from ..store.core import DEFAULT_STATUSES

    statuses = tuple(dict.fromkeys(args.status)) if args.status else DEFAULT_STATUSES
    return EventFilters(category=args.category, place=args.place, date_from=args.since, date_to=args.until,
                        outlet=args.outlet, limit=args.limit, statuses=statuses,
                        reviewed=args.reviewed)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "events",
        help="list the events merged across sources, with low/best/high figures",
        description="List the stored events (most recent first) with low/best/high per category, or show one "
                    "event in detail: every source's figures and evidence, the time series and the checks.",
    )
    p.add_argument("event_id", nargs="?", type=int, metavar="ID", help="show this event in detail")
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    add_filters(p)
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the events as JSON records")
    fmt.add_argument("--csv", action="store_true", help="print the table as CSV")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..store import open_store
    from ..store.render import csv_text, event_detail, event_summary_row, table

    with open_store(args.db, create=False) as store:
        if args.event_id is not None:
            event = store.event(args.event_id)
            if args.json:
                print(json.dumps(event.model_dump(mode="json"), ensure_ascii=False, indent=2))
            elif args.csv:
                print(csv_text([event_summary_row(event)]), end="")
            else:
                print(event_detail(event))
            return 0
        events = store.events(filters_from(args))
    if args.json:
        print(json.dumps([e.model_dump(mode="json") for e in events], ensure_ascii=False, indent=2))
    elif args.csv:
        print(csv_text([event_summary_row(e) for e in events]), end="")
    else:
        print(table([event_summary_row(e) for e in events]))
    return 0
