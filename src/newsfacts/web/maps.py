"""The map page's geometry, as pure functions: country outlines and event markers as server-rendered SVG.

Offline by design: the outlines are Natural Earth 1:110m countries shipped with the app
(`static/countries.geojson`, made by `bench/make_basemap.py`), drawn in a plate carrée projection (x = longitude,
y = −latitude); no tile server, no script. The view fits the markers (with a margin), so a city's events are not
a dot on a world map; a graticule every 30° (10° or 1° when zoomed in) gives the reader the coordinates.

Markers: area proportional to the dead (radius ∝ √killed, a minimum for events with none), and the place's
precision visible as UCDP GED's where_prec: 1–2 (the place, or within 25 km) a filled dot; 3–4 (an admin area) a
dashed ring; 5–7 (a region, the country, or unknown) a hollow ring.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

BASEMAP = Path(__file__).parent / "static" / "countries.geojson"
WIDTH = 720  # SVG user units across the view (the SVG scales to its container)
MIN_SPAN_DEG = 16.0  # the closest view: a country and its neighbours, so a single event has surroundings
MARGIN = 0.25  # of the markers' span, on each side


@dataclass(frozen=True)
class EventPoint:
    """What the map needs of one event (read from the events table's columns, not its JSON)."""

    id: int
    place: str | None
    latitude: float
    longitude: float
    precision: int | None
    killed: int | None
    injured: int | None
    date: str | None


@dataclass(frozen=True)
class Marker:
    id: int
    x: float
    y: float
    r: float
    style: str  # "exact", "admin", "vague" (where_prec 1-2, 3-4, 5-7 or unknown)
    label: str


@dataclass(frozen=True)
class GridLine:
    x1: float
    y1: float
    x2: float
    y2: float
    label: str


@dataclass(frozen=True)
class MapView:
    view_box: str  # "x y width height" in degrees (x = longitude, y = -latitude)
    width: int
    height: int
    stroke: float  # a hairline in view units
    markers: tuple[Marker, ...]
    grid: tuple[GridLine, ...]
    outline: str  # the countries as one SVG path


def precision_style(precision: int | None) -> str:
    if precision is not None and precision <= 2:
        return "exact"
    if precision is not None and precision <= 4:
        return "admin"
    return "vague"


@lru_cache(maxsize=1)
def countries_path(path: Path = BASEMAP) -> str:
    """Every country ring as one SVG path in degrees (x = lon, y = -lat), read once per process."""
    data = json.loads(path.read_text(encoding="utf-8"))
    pieces = []
    for feature in data["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                pieces.append("M" + "L".join(f"{lon:g} {-lat:g}" for lon, lat in ring) + "Z")
    return "".join(pieces)


def fit(points: list[EventPoint]) -> tuple[float, float, float, float]:
    """The view (west, north, width, height) in degrees: the markers' box with a margin, at least
    MIN_SPAN_DEG across, within the world; the whole world with no marker."""
    if not points:
        return -180.0, -90.0, 360.0, 180.0
    west, east = min(p.longitude for p in points), max(p.longitude for p in points)
    south, north = min(p.latitude for p in points), max(p.latitude for p in points)
    span = max(east - west, (north - south) * 2, MIN_SPAN_DEG) * (1 + 2 * MARGIN)
    width = min(span, 360.0)
    height = min(width / 2, 180.0)
    cx, cy = (west + east) / 2, -(south + north) / 2
    x = min(max(cx - width / 2, -180.0), 180.0 - width)
    y = min(max(cy - height / 2, -90.0), 90.0 - height)
    return x, y, width, height


def grid_step(width: float) -> float:
    return 30.0 if width > 120 else 10.0 if width > 25 else 1.0


def graticule(x: float, y: float, width: float, height: float) -> tuple[GridLine, ...]:
    step = grid_step(width)
    lines = []
    lon = math.ceil(x / step) * step
    while lon <= x + width:
        lines.append(GridLine(lon, y, lon, y + height, f"{abs(lon):g}°{'E' if lon > 0 else 'W' if lon < 0 else ''}"))
        lon += step
    lat = math.ceil(-(y + height) / step) * step  # from the south edge up
    while lat <= -y:
        lines.append(GridLine(x, -lat, x + width, -lat, f"{abs(lat):g}°{'N' if lat > 0 else 'S' if lat < 0 else ''}"))
        lat += step
    return tuple(lines)


def marker_radius(killed: int | None, width: float) -> float:
    """Area ∝ the dead: radius ∝ √killed, in view units (so the same on the screen at any zoom)."""
    unit = width / WIDTH  # degrees per screen unit
    return unit * min(3.0 + 2.2 * math.sqrt(killed or 0), 40.0)


def map_view(points: list[EventPoint]) -> MapView:
    x, y, width, height = fit(points)
    # the largest first, so small markers are drawn on top and stay clickable
    ordered = sorted(points, key=lambda p: -(p.killed or 0))
    markers = tuple(
        Marker(id=p.id, x=round(p.longitude, 4), y=round(-p.latitude, 4), r=round(marker_radius(p.killed, width), 4),
               style=precision_style(p.precision),
               label=f"{p.place or 'unknown place'} · {p.date or 'undated'} · killed {p.killed if p.killed is not None else '—'}"
                     f" · injured {p.injured if p.injured is not None else '—'} · precision {p.precision or '?'}")
        for p in ordered
    )
    return MapView(view_box=f"{x:g} {y:g} {width:g} {height:g}", width=WIDTH, height=WIDTH // 2,
                   stroke=round(width / WIDTH, 5), markers=markers, grid=graticule(x, y, width, height),
                   outline=countries_path())
