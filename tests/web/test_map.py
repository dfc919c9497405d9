"""The offline map: the shipped basemap, the view fitted to the markers, marker sizes and precision styles, and
the page filtered like the table."""

from __future__ import annotations

import json

from newsfacts.web import maps

from .conftest import ASGIClient, make_app
from .fakes import MemoryStore


def point(n: int, lat: float, lon: float, killed: int | None = None, precision: int | None = 1) -> maps.EventPoint:
    return maps.EventPoint(id=n, place=f"P{n}", latitude=lat, longitude=lon, precision=precision, killed=killed,
                           injured=None, date="2025-01-01")


def test_basemap_is_shipped_small_and_whole():
    data = json.loads(maps.BASEMAP.read_text(encoding="utf-8"))
    assert len(data["features"]) > 150 and maps.BASEMAP.stat().st_size < 300_000
    names = {f["properties"]["name"] for f in data["features"]}
    assert {"Azerbaijan", "France", "Brazil"} <= names
    for feature in data["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in ring)
    assert maps.countries_path().count("M") >= len(data["features"])


def test_view_fits_the_markers_and_sizes_them_by_the_dead():
    view = maps.map_view([point(1, 40.4, 49.9, killed=147), point(2, 41.0, 48.5, killed=4, precision=4),
                          point(3, 40.0, 50.0, precision=6)])
    x, y, width, height = map(float, view.view_box.split())
    assert width == 2 * height and width < 30  # zoomed to the region, not the world
    for m in view.markers:
        assert x <= m.x <= x + width and y <= m.y <= y + height
    big, small, none = (next(m for m in view.markers if m.id == n) for n in (1, 2, 3))
    assert big.r > small.r > none.r > 0
    assert (big.style, small.style, none.style) == ("exact", "admin", "vague")
    assert [m.id for m in view.markers][0] == 1  # the largest is drawn first, under the others
    assert maps.fit([]) == (-180.0, -90.0, 360.0, 180.0)
    world = maps.fit([point(1, 60, -150), point(2, -40, 170)])
    assert world[0] >= -180 and world[0] + world[2] <= 180 and world[1] >= -90 and world[1] + world[3] <= 90


def test_map_page_draws_filtered_markers(monkeypatch):
    site = ASGIClient(make_app(store=MemoryStore.with_samples(), monkeypatch=monkeypatch))
    html = site.get("/map").text
    assert '<path class="land"' in html and 'href="/events/1"' in html
    assert "https://" not in html.split('<svg')[1].split('</svg>')[0]  # nothing fetched from elsewhere
    filtered = site.get("/map", params={"place": "nowhere"}).text
    assert 'class="marker-link"' not in filtered and "0 of 0 located events" in filtered
    assert 'href="/map?place=baku"' in site.get("/events", params={"place": "baku"}).text
