"""What a correct extractor reads in each multisource article (facts, incidents), so the merge can be tested
on its own; `test_clusters.py` also runs the real pipeline on the same files."""

from __future__ import annotations

from .builders import F, I

K, INJ, ARR, DET = "killed", "injured", "arrested", "detained"

SPECS: dict[str, dict[str, tuple[list[F], list[I]]]] = {
    "cluster-1": {
        "ostrimar-courier-2025-03-14.json": (
            [F(K, "Twelve people were killed", 12), F(INJ, "30 wounded", 30)],
            [I("attack_on_civilians", "2025-03-14", "Lantern Square, Kelvaro", {K: 12, INJ: 30}, {K: [0], INJ: [1]})],
        ),
        "voice-of-the-plains-2025-03-14.json": (
            [F(K, "15 people had been killed", 15, after="Friday evening"), F(INJ, "41 injured", 41, after="Friday evening")],
            [I("attack_on_civilians", "2025-03-14", "Kelvaro", {K: 15, INJ: 41}, {K: [0], INJ: [1]})],
        ),
        "meridian-ledger-2025-03-14.json": (
            [
                F(K, "At least 14 people were killed", 14, after="KELVARO"),
                F(INJ, "about 35 wounded", 35),
                F(K, "put the toll at 12", 12),
                F(K, "15 people had died", 15),
            ],
            [I("bombing", "2025-03-14", "Kelvaro, Ostrimar province", {K: 12, INJ: 35}, {K: [2], INJ: [1]})],
        ),
    },
    "cluster-2": {
        "kavrina-herald-2025-07-08.json": (
            [F(K, "At least eight people were killed", 8), F(INJ, "11 people had been pulled alive", 11)],
            [I("disaster", "2025-07-08", "Tervik, Kavrina province", {K: 8, INJ: 11}, {K: [0], INJ: [1]})],
        ),
        "northline-2025-07-09.json": (
            [F(K, "rose to 19", 19, role="update", of=1), F(K, "eight", 8, after="19 on Wednesday"), F(INJ, "20 had been injured", 20)],
            [I("disaster", "2025-07-08", "Tervik", {K: 19, INJ: 20}, {K: [0], INJ: [2]})],
        ),
        "kavrina-herald-2025-07-10.json": (
            [F(K, "four more bodies", 4, role="part"), F(K, "confirmed death toll from Tuesday's landslide to 23", 23, role="total")],
            [I("disaster", "2025-07-08", "Tervik", {K: 23}, {K: [1]})],
        ),
        "daily-lantern-2025-07-11.json": (
            [F(K, "has risen to 27", 27, role="update"), F(INJ, "24 people had been injured in total", 24, role="total"), F(K, "23 dead", 23)],
            [I("disaster", "2025-07-08", "Tervik, Kavrina province", {K: 27, INJ: 24}, {K: [0], INJ: [1]})],
        ),
        "northline-2025-07-16.json": (
            [F(K, "Four people died", 4), F(INJ, "six people had been treated for injuries", 6), F(K, "killed 27 people", 27)],
            [
                I("disaster", "2025-07-15", "Coldharrow, Lessandra province", {K: 4, INJ: 6}, {K: [0], INJ: [1]}),
                I("disaster", "2025-07-08", "Tervik", {K: 27}, {K: [2]}, status="background"),
            ],
        ),
    },
    "cluster-3": {
        "continental-press-agency-2025-10-04.json": (
            [
                F(ARR, "arrested 58 people", 58), F(DET, "at least 130", 130),
                F(INJ, "19 people had been treated for injuries", 19), F(INJ, "seven of them officers", 7, role="subset", of=2),
                F(INJ, "at least 46 people had been injured", 46),
            ],
            [I("protest", "2025-10-04", "Assembly Square, Velmora", {INJ: 19, ARR: 58}, {INJ: [2], ARR: [0]})],
        ),
        "harbour-chronicle-2025-10-05.json": (
            [
                F(ARR, "arrested 58 people", 58), F(DET, "at least 130", 130),
                F(INJ, "19 people had been treated for injuries", 19), F(INJ, "seven of them officers", 7, role="subset", of=2),
                F(INJ, "at least 46 people had been injured", 46),
            ],
            [I("protest", "2025-10-04", "Assembly Square, Velmora", {INJ: 19, ARR: 58}, {INJ: [2], ARR: [0]})],
        ),
        "velmora-tribune-2025-10-06.json": (
            [
                F(DET, "64 people were detained", 64), F(DET, "six more", 6, role="part"), F(ARR, "the earlier count of 58", 58),
                F(INJ, "19 people", 19, after="He repeated"), F(DET, "150 people detained", 150),
                F(INJ, "at least 46 injured", 46),
            ],
            [I("protest", "2025-10-04", "Assembly Square, Velmora", {INJ: 19, ARR: 64}, {INJ: [3], ARR: [0]})],
        ),
    },
    "cluster-4": {
        "hollesby-evening-post-2025-05-17.json": (
            [F(K, "Two men were shot dead", 2), F(INJ, "two other people wounded", 2)],
            [I("shooting", "2025-05-17", "Tanner Row, Eastgate, Hollesby", {K: 2, INJ: 2}, {K: [0], INJ: [1]})],
        ),
        "channel-six-hollesby-2025-05-17.json": (
            [F(INJ, "three other people were injured", 3), F(K, "two men were killed", 2)],
            [
                I("shooting", "2025-05-17", "Mercer Street, Saltmarsh, Hollesby", {K: 1, INJ: 3}, {INJ: [0]}),
                I("shooting", "2025-05-17", "Tanner Row, Eastgate", {K: 2}, {K: [1]}, status="background"),
            ],
        ),
        "channel-six-hollesby-2025-05-18.json": (
            [F(K, "bringing the number of people killed in the attack to three", 3, role="total")],
            [
                I("shooting", "2025-05-17", "Tanner Row, Eastgate", {K: 3, INJ: 1}, {K: [0]}),
                I("shooting", "2025-05-17", "Mercer Street, Saltmarsh", {K: 1, INJ: 3}, status="background"),
            ],
        ),
        "hollesby-evening-post-2025-05-18.json": (
            [F(INJ, "Three other people", 3)],
            [
                I("shooting", "2025-05-17", "Lantern Room, Mercer Street, Saltmarsh", {K: 1, INJ: 3, ARR: 1}, {INJ: [0]}),
                I("shooting", "2025-05-17", "Tanner Row, Eastgate", {K: 0}, status="background"),
            ],
        ),
    },
    "cluster-5": {
        "qaravel-observer-2020-09-13.json": (
            [F(K, "At least 31 people were killed", 31), F(INJ, "74 wounded", 74), F(DET, "Four people were detained", 4)],
            [I("bombing", "2020-09-12", "Brightwater Street bus terminal, Qaravel", {K: 31, INJ: 74, ARR: 4}, {K: [0], INJ: [1], ARR: [2]})],
        ),
        "meridian-ledger-2025-09-12.json": (
            [F(K, "killing 34 people", 34), F(INJ, "injuring 86", 86), F(ARR, "Six people were arrested", 6)],
            [I("bombing", "2020-09-12", "Brightwater Street bus terminal, Qaravel", {K: 34, INJ: 86, ARR: 6}, {K: [0], INJ: [1], ARR: [2]}, status="historical")],
        ),
    },
}
