#!/usr/bin/env python3
"""Generate Armistice's example scenarios (scenarios/*.geojson) from the bundled maps.

    tools/.venv/bin/python tools/scenarios/make_scenarios.py            # write + check
    tools/.venv/bin/python tools/scenarios/make_scenarios.py --check    # check only, write nothing

Needs shapely and pyproj (tools/.venv has both). Deterministic: running it twice gives
byte-identical files. Every number below is checked against the rule table of the contract
(docs/, /work/shared/contract.md) with the contract's default parameters, geodesically on WGS84:
the script refuses to write a scenario that would not give the findings it is meant to give.

Scenarios
  default.geojson        "Coalition plan A": passes every rule without an error finding.
  forced-donbas.geojson  same forces, demarcation along Donetsk oblast's western border:
                         donbas-cession, fortress-belt and front-line-reference errors.
  tripwire.geojson       a token force of about 3,000 in Ukraine: force-sufficiency and
                         rapid-reaction errors, trip-wire warning.
"""

import argparse
import json
import math
import os
import sys

import numpy as np
from pyproj import Geod
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, shape
from shapely.geometry.polygon import orient
from shapely.ops import linemerge, substring, unary_union

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
MAPS = os.path.join(ROOT, "maps")
OUT = os.path.join(ROOT, "scenarios")
GEOD = Geod(ellps="WGS84")

# Same closing path as tools/build-maps/build_maps.py: closes a full line (from Russia north of
# Vovchansk to the Black Sea) into a ring around the Russian-controlled side, through sea and
# Russia only.
CLOSING = [(30.9, 44.0), (40.5, 44.0), (40.5, 51.2), (36.9, 51.2)]

# Contract defaults (rule table).
GUARANTORS = {"PL", "EE", "LV", "LT", "FI", "SE", "NO", "DK", "FR", "DE", "GB"}
BACKSTOP = {"US"}
COMPONENTS = {"land", "air", "maritime", "air-defense", "isr", "logistics"}
ROLES = {"reassurance", "rapid-reaction", "monitor", "backstop"}
ECHELONS = {"team", "company", "battalion", "brigade", "division", "corps"}
MEASURES = ["joint-exercises", "contingency-planning", "prepositioning",
            "rapid-reaction-protocols"]
BELT = ["Sloviansk", "Kramatorsk", "Druzhkivka", "Kostiantynivka"]
AIR_CITIES = ["Kyiv", "Lviv", "Odesa", "Kharkiv", "Dnipro", "Zaporizhzhia"]

# Views (min_lon, min_lat, max_lon, max_lat).
V_EAST = [32.5, 46.0, 40.5, 50.7]
V_BELT = [36.9, 48.2, 38.4, 49.1]
V_EUROPE = [-5.0, 44.0, 42.0, 60.0]
V_UKRAINE = [22.0, 44.2, 40.3, 52.5]
V_DONBAS = [35.0, 46.8, 40.3, 50.3]
ALL_LAYERS = ["countries", "guarantors", "oblasts", "cities", "front-line", "occupied"]
EAST_LAYERS = ["countries", "oblasts", "cities", "front-line", "occupied"]

# Public sources, as the captions cite them.
SRC_FEAS = "\u201cThe Feasibility of Security Guarantees for Ukraine\u201d (Aug 2025)"
SRC_ART5 = "the \u201cArticle 5\u2013style security guarantee\u201d explainer (2025)"
SRC_TRUMP = ("\u201cTrump Considers NATO-Style Security for Ukraine \u2013 Please No\u201d "
             "(Aug 2025)")


class Fail(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Fail(msg)


# ----------------------------------------------------------------------------------------------
# map data and geodesy

def load(name):
    with open(os.path.join(MAPS, name), encoding="utf-8") as fh:
        return json.load(fh)


COUNTRIES = {f["properties"]["iso_a2"]: shape(f["geometry"])
             for f in load("countries.geojson")["features"]}
UKRAINE = COUNTRIES["UA"]
OBLASTS = {f["properties"]["iso_3166_2"]: shape(f["geometry"])
           for f in load("oblasts.geojson")["features"]}
CITIES = {f["properties"]["name"]: tuple(f["geometry"]["coordinates"])
          for f in load("cities.geojson")["features"]}
FRONT = [tuple(c) for c in load("front-line.geojson")["features"][0]["geometry"]["coordinates"]]


def km(a, b):
    return GEOD.inv(a[0], a[1], b[0], b[1])[2] / 1000.0


def area_km2(g):
    return abs(GEOD.geometry_area_perimeter(g)[0]) / 1e6 if not g.is_empty else 0.0


def length_km(coords):
    return GEOD.line_length([c[0] for c in coords], [c[1] for c in coords]) / 1000.0


def densify(coords, step_km):
    """Vertices of the line with geodesic intermediate points, at most step_km apart."""
    out = [tuple(coords[0])]
    for a, b in zip(coords, coords[1:]):
        d = km(a, b)
        n = int(math.ceil(d / step_km)) - 1
        if n > 0:
            out.extend(GEOD.npts(a[0], a[1], b[0], b[1], n))
        out.append(tuple(b))
    return np.array(out)


def dist_to_points(p, pts):
    """Geodesic distances (km) from point p to each of the points pts (N x 2 array)."""
    n = len(pts)
    _, _, d = GEOD.inv(np.full(n, p[0]), np.full(n, p[1]), pts[:, 0], pts[:, 1])
    return d / 1000.0


def dist_to_line(p, dense):
    """Geodesic distance (km) from p to a line given densified (0.25 km): error < 10 m."""
    return float(dist_to_points(p, dense).min())


def russian_side(line_coords):
    """Ukraine's part on the Russian-controlled side of a full line (start north of Vovchansk
    in Russia, end in the Black Sea)."""
    check(abs(line_coords[0][0] - 36.9) < 0.3 and line_coords[0][1] < 51.2,
          "line must start in Russia north of Vovchansk")
    closing = LineString([line_coords[-1]] + CLOSING + [line_coords[0]])
    check(not closing.intersects(UKRAINE), "closing path touches Ukraine")
    ring = Polygon(list(line_coords) + CLOSING)
    check(ring.is_valid, "line + closing path is not a simple ring")
    side = UKRAINE.intersection(ring)
    check(not side.contains(Point(CITIES["Kyiv"])), "Kyiv on the Russian side")
    return side


OCCUPIED = russian_side(FRONT)
CONTROLLED = UKRAINE.difference(OCCUPIED)
FRONT_DENSE = densify(FRONT, 0.25)


def in_ukraine(p):
    return UKRAINE.covers(Point(p))


# ----------------------------------------------------------------------------------------------
# JSON output: 2-space pretty JSON, number arrays and coordinate pairs on one line

def fmt_num(x):
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, int):
        return str(x)
    if float(x).is_integer() and abs(x) < 1e15:
        return repr(float(x))
    return repr(x)


def dumps(obj, indent=0):
    pad = "  " * indent
    pad1 = "  " * (indent + 1)
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = ["%s%s: %s" % (pad1, json.dumps(k, ensure_ascii=False), dumps(v, indent + 1))
                 for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list):
        if not obj:
            return "[]"
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in obj):
            return "[" + ", ".join(fmt_num(v) for v in obj) + "]"
        if all(isinstance(v, str) for v in obj) and sum(len(v) + 4 for v in obj) < 90:
            return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in obj) + "]"
        return "[\n" + ",\n".join(pad1 + dumps(v, indent + 1) for v in obj) + "\n" + pad + "]"
    if isinstance(obj, (int, float)) and not isinstance(obj, bool):
        return fmt_num(obj)
    return json.dumps(obj, ensure_ascii=False)


def r(x, nd):
    v = round(float(x), nd)
    return 0.0 if v == 0 else v


def line_geom(coords):
    return {"type": "LineString", "coordinates": [[r(x, 5), r(y, 5)] for x, y in coords]}


def poly_geom(g):
    def ring(cs):
        return [[r(x, 5), r(y, 5)] for x, y in cs]
    if g.geom_type == "Polygon":
        g = orient(g, 1.0)
        return {"type": "Polygon",
                "coordinates": [ring(g.exterior.coords)] + [ring(i.coords) for i in g.interiors]}
    parts = [orient(p, 1.0) for p in g.geoms]
    return {"type": "MultiPolygon",
            "coordinates": [[ring(p.exterior.coords)] + [ring(i.coords) for i in p.interiors]
                            for p in parts]}


# ----------------------------------------------------------------------------------------------
# forces

def force(fid, name, nation, component, role, strength, readiness, echelon, range_km, lon, lat):
    return {"type": "Feature", "id": fid,
            "geometry": {"type": "Point", "coordinates": [r(lon, 4), r(lat, 4)]},
            "properties": {"kind": "force", "name": name, "nation": nation,
                           "component": component, "role": role, "strength": strength,
                           "readiness_days": readiness, "echelon": echelon,
                           "range_km": range_km}}


# Places outside the bundled city list (approximate, WGS84).
BASE = {
    "Rzeszow": (22.0190, 50.1100),        # Rzeszów-Jasionka airport / logistics hub
    "Lublin": (22.5680, 51.2460),
    "Zamosc": (23.2520, 50.7230),
    "Warsaw": CITIES["Warsaw"],
    "Orzysz": (21.9460, 53.8100),         # Bemowo Piskie training area
    "Tapa": (25.9600, 59.2600),
    "Adazi": (24.3300, 57.0750),
    "Rukla": (24.1900, 54.9300),
    "Cincu": (24.7900, 45.8700),          # Romania, French-led battlegroup
    "Lask": (19.1790, 51.5520),
    "Powidz": (17.8530, 52.3790),
    "Malbork": (19.1340, 54.0270),
    "Siauliai": (23.3950, 55.8940),
    "Kogalniceanu": (28.4880, 44.3620),   # Mihail Kogălniceanu air base, Romania
    "Constanta": (28.6500, 44.1650),
    "Ramstein": (7.6000, 49.4370),
    "Sigonella": (14.9220, 37.4020),
    "Baltic": (18.2000, 55.4000),         # at sea, south of Öland / north of Gdańsk bay
    "EastMed": (27.0000, 34.2000),        # at sea, south-east of Crete
}

# Reassurance forces in Ukraine, away from the line (Macron: "away from the front lines").
# Some sit beside rather than in the named city so that they keep >= 60 km from the line.
UA_PLACES = {
    "Kyiv": (30.4500, 50.4000),
    "Lviv": CITIES["Lviv"],
    "Vinnytsia": CITIES["Vinnytsia"],
    "Zhytomyr": CITIES["Zhytomyr"],
    "Rivne": CITIES["Rivne"],
    "Odesa area": (30.2500, 46.8000),     # north-west of Odesa, off the Dnipro-Buh estuary
    "Dnipro area": (34.8500, 48.6000),    # north-west of Dnipro
}


def default_forces():
    f = []
    u = UA_PLACES
    # reassurance, in Ukraine, land 44,000
    f += [
        force("gb-div-kyiv", "UK-led Multinational Division (Kyiv)", "GB", "land",
              "reassurance", 12000, 1, "division", 0, *u["Kyiv"]),
        force("fr-bde-odesa", "French-led brigade (Odesa area)", "FR", "land",
              "reassurance", 8000, 1, "brigade", 0, *u["Odesa area"]),
        force("fr-bde-dnipro", "French armoured brigade (Dnipro area)", "FR", "land",
              "reassurance", 6000, 1, "brigade", 0, *u["Dnipro area"]),
        force("de-bde-lviv", "German brigade and logistics hub (Lviv)", "DE", "land",
              "reassurance", 6000, 1, "brigade", 0, *u["Lviv"]),
        force("se-bde-zhytomyr", "Swedish-Finnish brigade (Zhytomyr)", "SE", "land",
              "reassurance", 5000, 1, "brigade", 0, *u["Zhytomyr"]),
        force("dk-bde-rivne", "Danish brigade (Rivne)", "DK", "land",
              "reassurance", 4000, 1, "brigade", 0, *u["Rivne"]),
        force("no-bn-vinnytsia", "Norwegian battlegroup (Vinnytsia)", "NO", "land",
              "reassurance", 3000, 1, "battalion", 0, *u["Vinnytsia"]),
    ]
    # reassurance air defence in Ukraine (Kyiv and the south)
    f += [
        force("de-ad-kyiv", "German Patriot battery group (Kyiv)", "DE", "air-defense",
              "reassurance", 600, 1, "battalion", 160, 30.6000, 50.4500),
        force("fr-ad-odesa", "French SAMP/T battery (Odesa area)", "FR", "air-defense",
              "reassurance", 300, 1, "company", 120, 30.3000, 46.7000),
    ]
    # rapid reaction, pre-positioned in Poland, the Baltics and Romania: land 112,500
    b = BASE
    f += [
        force("gb-vjtf-rzeszow", "Coalition VJTF, UK-led (Rzeszów)", "GB", "land",
              "rapid-reaction", 6000, 2, "brigade", 0, *b["Rzeszow"]),
        force("pl-18div-rzeszow", "Polish 18th Mechanised Division (Rzeszów)", "PL", "land",
              "rapid-reaction", 20000, 3, "division", 0, 22.1500, 50.0000),
        force("pl-1div-lublin", "Polish 1st Legions Infantry Division (Lublin)", "PL", "land",
              "rapid-reaction", 14000, 4, "division", 0, *b["Lublin"]),
        force("pl-16div-orzysz", "Polish 16th Mechanised Division (Orzysz)", "PL", "land",
              "rapid-reaction", 16000, 3, "division", 0, *b["Orzysz"]),
        force("de-10div-zamosc", "German 10th Armoured Division (Zamość)", "DE", "land",
              "rapid-reaction", 15000, 4, "division", 0, *b["Zamosc"]),
        force("fr-div-warsaw", "French 1st Division elements (Warsaw)", "FR", "land",
              "rapid-reaction", 8000, 4, "division", 0, *b["Warsaw"]),
        force("gb-16aa-lask", "UK 16 Air Assault Brigade (Łask)", "GB", "land",
              "rapid-reaction", 4000, 2, "brigade", 0, 19.2500, 51.6000),
        force("de-45bde-rukla", "German Panzerbrigade 45 (Rukla, Lithuania)", "DE", "land",
              "rapid-reaction", 5000, 3, "brigade", 0, *b["Rukla"]),
        force("lt-bde-rukla", "Lithuanian Iron Wolf Brigade (Rukla)", "LT", "land",
              "rapid-reaction", 4000, 2, "brigade", 0, 24.1000, 54.9000),
        force("gb-bde-tapa", "UK 4th Light Brigade and eFP battlegroup (Tapa, Estonia)", "GB",
              "land", "rapid-reaction", 5000, 3, "brigade", 0, *b["Tapa"]),
        force("ee-1bde-tapa", "Estonian 1st Infantry Brigade (Tapa)", "EE", "land",
              "rapid-reaction", 3500, 3, "brigade", 0, 25.9000, 59.3000),
        force("se-bde-adazi", "Swedish mechanised brigade (Ādaži, Latvia)", "SE", "land",
              "rapid-reaction", 4000, 3, "brigade", 0, *b["Adazi"]),
        force("lv-bde-adazi", "Latvian Mechanised Infantry Brigade (Ādaži)", "LV", "land",
              "rapid-reaction", 3000, 3, "brigade", 0, 24.4000, 57.0500),
        force("fr-bde-cincu", "French-led battlegroup (Cincu, Romania)", "FR", "land",
              "rapid-reaction", 5000, 3, "brigade", 0, *b["Cincu"]),
    ]
    # guarantor air and maritime
    f += [
        force("gb-air-rzeszow", "RAF Typhoon wing (Rzeszów-Jasionka)", "GB", "air",
              "rapid-reaction", 900, 1, "battalion", 1200, 21.9800, 50.1300),
        force("pl-air-lask", "Polish F-35A / F-16 wing (Łask)", "PL", "air",
              "rapid-reaction", 1200, 1, "battalion", 1000, *b["Lask"]),
        force("de-air-powidz", "Luftwaffe Eurofighter wing (Powidz)", "DE", "air",
              "rapid-reaction", 900, 1, "battalion", 1000, *b["Powidz"]),
        force("se-air-malbork", "Swedish-Finnish Gripen / F-35 wing (Malbork)", "SE", "air",
              "rapid-reaction", 700, 1, "battalion", 900, *b["Malbork"]),
        force("fr-air-mk", "French Rafale wing (Mihail Kogălniceanu, Romania)", "FR", "air",
              "rapid-reaction", 800, 1, "battalion", 1100, 28.4500, 44.3400),
        force("no-ad-rzeszow", "Norwegian NASAMS battalion (Rzeszów)", "NO", "air-defense",
              "rapid-reaction", 400, 1, "battalion", 40, 22.0500, 50.0800),
        force("gb-csg-baltic", "UK Carrier Strike Group (Baltic Sea)", "GB", "maritime",
              "rapid-reaction", 3000, 2, "brigade", 900, *b["Baltic"]),
        force("fr-mcm-constanta", "French-led mine-countermeasures group (Constanța)", "FR",
              "maritime", "rapid-reaction", 800, 2, "battalion", 0, *b["Constanta"]),
    ]
    # US backstop: outside Ukraine, no ground troops
    f += [
        force("us-air-mk", "USAF fighter wing (Mihail Kogălniceanu, Romania)", "US", "air",
              "backstop", 2500, 1, "brigade", 1200, *b["Kogalniceanu"]),
        force("us-air-lask", "USAF F-35 squadron (Łask)", "US", "air", "backstop", 500, 1,
              "battalion", 1100, 19.1200, 51.5300),
        force("us-ad-rzeszow", "US Patriot battalion (Rzeszów)", "US", "air-defense",
              "backstop", 600, 1, "battalion", 160, 21.9500, 50.0600),
        force("us-isr-sigonella", "US ISR task force, RQ-4 / P-8 (Sigonella)", "US", "isr",
              "backstop", 800, 0, "battalion", 2500, *b["Sigonella"]),
        force("us-log-ramstein", "US logistics and strategic lift hub (Ramstein)", "US",
              "logistics", "backstop", 3000, 1, "brigade", 0, *b["Ramstein"]),
        force("us-csg-eastmed", "US Sixth Fleet carrier strike group (Eastern Mediterranean)",
              "US", "maritime", "backstop", 6000, 3, "division", 1000, *b["EastMed"]),
    ]
    return f


# ----------------------------------------------------------------------------------------------
# monitors along today's line

MONITOR_NATIONS = ["FI", "NO", "DK", "SE", "EE"]
MON_RADIUS = 30.0
MON_MIN_BEHIND, MON_MAX_BEHIND = 8.0, 15.0


def coverage(dense, monitors, radius=MON_RADIUS):
    """Share of the line's length within radius of a monitor; dense = line at <= 0.25 km."""
    mids = (dense[:-1] + dense[1:]) / 2
    seg = GEOD.inv(dense[:-1, 0], dense[:-1, 1], dense[1:, 0], dense[1:, 1])[2]
    near = np.zeros(len(mids), bool)
    for m in monitors:
        near |= dist_to_points(m, mids) <= radius
    return float(seg[near].sum() / seg.sum())


def place_monitors(line_coords, target=0.95):
    """Greedy: candidates in Ukrainian-controlled territory 8-15 km behind the line; pick the
    candidate covering most of the still uncovered line until target share is reached."""
    dense = densify(line_coords, 0.25)
    samples = densify(line_coords, 1.0)
    seglen = GEOD.inv(samples[:-1, 0], samples[:-1, 1], samples[1:, 0], samples[1:, 1])[2]
    mids = (samples[:-1] + samples[1:]) / 2
    cands = []
    cov_inner = CONTROLLED.buffer(-0.01)
    for i in range(0, len(samples) - 1, 3):
        a, b = samples[max(i - 2, 0)], samples[min(i + 2, len(samples) - 1)]
        az = GEOD.inv(a[0], a[1], b[0], b[1])[0]
        for side in (-90.0, 90.0):
            for dkm in (9.0, 11.0, 13.0):
                lon, lat, _ = GEOD.fwd(samples[i][0], samples[i][1], az + side, dkm * 1000)
                p = (lon, lat)
                if not cov_inner.contains(Point(p)):
                    continue
                d = dist_to_line(p, dense)
                if MON_MIN_BEHIND <= d <= MON_MAX_BEHIND:
                    cands.append(p)
    check(cands, "no monitor candidates")
    cover = [dist_to_points(c, mids) <= MON_RADIUS for c in cands]
    covered = np.zeros(len(mids), bool)
    chosen = []
    total = seglen.sum()
    while seglen[covered].sum() / total < target:
        gains = [seglen[cv & ~covered].sum() for cv in cover]
        k = int(np.argmax(gains))
        check(gains[k] > 0, "monitor coverage cannot reach %.2f" % target)
        chosen.append(cands[k])
        covered |= cover[k]
    # order along the line (north to south-west)
    def pos(p):
        return int(np.argmin(dist_to_points(p, samples)))
    chosen.sort(key=pos)
    return chosen


def nearest_city(p):
    """Nearest bundled city on today's Ukrainian-controlled side."""
    best = None
    for n, c in CITIES.items():
        if not CONTROLLED.covers(Point(c)):
            continue
        d = km(p, c)
        if best is None or d < best[0]:
            best = (d, n)
    return best[1]


ADJ = {"FI": "Finnish", "NO": "Norwegian", "DK": "Danish", "SE": "Swedish", "EE": "Estonian"}


def monitor_forces(points):
    out = []
    for i, p in enumerate(points):
        nat = MONITOR_NATIONS[i % len(MONITOR_NATIONS)]
        comp = "land" if i % 3 == 2 else "isr"
        strength = [400, 250, 600, 300, 800, 200, 500][i % 7]
        ech = "battalion" if strength >= 500 else "company"
        city = nearest_city(p)
        what = "drone monitoring team" if comp == "isr" else "monitoring patrol base"
        out.append(force("mon-%02d" % (i + 1), "%s %s, sector %d (near %s)" % (
            ADJ[nat], what, i + 1, city), nat, comp, "monitor", strength, 1, ech, 0, p[0], p[1]))
    return out


# ----------------------------------------------------------------------------------------------
# demarcations and the guarantee area

def donbas_line():
    """Today's line, with every stretch inside Donetsk or Luhansk oblast replaced by the
    western border of the two oblasts (against Kharkiv, Dnipropetrovsk, Zaporizhzhia): the
    Russian-controlled side becomes today's occupied area plus all of the Donbas."""
    donbas = unary_union([OBLASTS["UA-14"], OBLASTS["UA-09"]])
    west = unary_union([OBLASTS["UA-63"], OBLASTS["UA-12"], OBLASTS["UA-23"]])
    border = linemerge(donbas.boundary.intersection(west.boundary))
    check(border.geom_type == "LineString", "Donbas western border is not one line")
    front = LineString(FRONT)
    hits = border.intersection(front)
    pts = [hits] if hits.geom_type == "Point" else list(hits.geoms)
    check(all(p.geom_type == "Point" for p in pts), "front line runs along the oblast border")
    pts.sort(key=lambda p: front.project(p))
    out = [FRONT[0]]
    prev = 0.0
    inside = False
    for p in pts:
        t = front.project(p)
        piece = substring(front, prev, t)
        mid = piece.interpolate(0.5, normalized=True)
        inside = donbas.contains(mid)
        if inside:
            # replace this stretch of the front by the border between the same two crossings
            b0, b1 = border.project(Point(out[-1])), border.project(p)
            seg = list(substring(border, b0, b1).coords)
        else:
            seg = list(piece.coords)
        out.extend(seg[1:])
        prev = t
    last = substring(front, prev, front.length)
    check(not donbas.contains(last.interpolate(0.5, normalized=True)), "line ends in Donbas")
    out.extend(list(last.coords)[1:])
    # snap to the 5-decimal grid and drop repeated vertices
    clean = []
    for x, y in out:
        q = (r(x, 5), r(y, 5))
        if not clean or q != clean[-1]:
            clean.append(q)
    return clean


def guarantee_area():
    """Today's Ukrainian-controlled territory plus about 5 km, simplified to <= 300 vertices."""
    g = CONTROLLED.buffer(0.06, join_style="round").buffer(0)
    for tol in (0.01, 0.015, 0.02, 0.025, 0.03, 0.04):
        s = g.simplify(tol, preserve_topology=True)
        parts = [s] if s.geom_type == "Polygon" else list(s.geoms)
        # drop specks and fill holes (slivers left by the buffer): none is territory
        parts = [Polygon(p.exterior) for p in parts if area_km2(p) > 20]
        n = sum(len(p.exterior.coords) for p in parts)
        if n <= 300:
            break
    s = parts[0] if len(parts) == 1 else MultiPolygon(parts)
    s = shape(poly_geom(s))  # as written (5 decimals)
    check(s.is_valid, "guarantee area invalid")
    return s


# ----------------------------------------------------------------------------------------------
# checks (contract rules with default parameters)

def feature_checks(sc):
    ids = [f["id"] for f in sc["features"]]
    check(len(ids) == len(set(ids)), "duplicate ids")
    for f in sc["features"]:
        check(isinstance(f.get("id"), str) and f["id"], "feature without string id")
        p = f["properties"]
        if p["kind"] == "force":
            check(f["geometry"]["type"] == "Point", f["id"] + ": force must be a Point")
            check(p["nation"] in GUARANTORS | BACKSTOP, f["id"] + ": nation")
            check(p["component"] in COMPONENTS, f["id"] + ": component")
            check(p["role"] in ROLES, f["id"] + ": role")
            check(isinstance(p["strength"], int) and p["strength"] >= 0, f["id"] + ": strength")
            check(isinstance(p["readiness_days"], (int, float)) and p["readiness_days"] >= 0,
                  f["id"] + ": readiness_days")
            check(p["echelon"] in ECHELONS, f["id"] + ": echelon")
            check(p["range_km"] >= 0, f["id"] + ": range_km")
            check(isinstance(p["name"], str) and p["name"], f["id"] + ": name")
            lon, lat = f["geometry"]["coordinates"]
            if p["component"] == "maritime" and "Constan" not in p["name"]:
                check(not any(c.contains(Point(lon, lat)) for c in COUNTRIES.values()),
                      f["id"] + ": maritime force on land")
            elif p["component"] != "maritime":
                check(any(c.contains(Point(lon, lat)) for c in COUNTRIES.values()),
                      f["id"] + ": force at sea")
        elif p["kind"] == "demarcation":
            cs = f["geometry"]["coordinates"]
            check(f["geometry"]["type"] == "LineString" and len(cs) >= 2, f["id"] + ": line")
            check(LineString(cs).is_simple, f["id"] + ": self-intersects")
            check(not in_ukraine(cs[0]) and not in_ukraine(cs[-1]),
                  f["id"] + ": ends must lie outside Ukraine")
        elif p["kind"] == "guarantee-area":
            check(f["geometry"]["type"] in ("Polygon", "MultiPolygon"), f["id"] + ": polygon")
    st = sc["armistice"].get("steps", [])
    for s in st:
        for fid in s.get("features", []):
            check(fid in ids, "step %r names unknown feature %s" % (s["title"], fid))
        for layer in s.get("layers", []):
            check(layer in ALL_LAYERS, "step %r: unknown layer %s" % (s["title"], layer))
        v = s["view"]
        check(v[0] < v[2] and v[1] < v[3], "step %r: view" % s["title"])


def evaluate(sc):
    """The contract's rules, defaults, as this script understands them. Returns (numbers,
    findings) with findings as (rule, severity, subject, message)."""
    forces = [f for f in sc["features"] if f["properties"]["kind"] == "force"]
    lines = [f for f in sc["features"] if f["properties"]["kind"] == "demarcation"]
    areas = [f for f in sc["features"] if f["properties"]["kind"] == "guarantee-area"]
    dem_dense = [densify(l["geometry"]["coordinates"], 0.25) for l in lines] or [FRONT_DENSE]
    donbas = unary_union([OBLASTS["UA-14"], OBLASTS["UA-09"]])
    out, nums = [], {}

    def P(f):
        return tuple(f["geometry"]["coordinates"])

    def is_g(f):
        return f["properties"]["nation"] in GUARANTORS | BACKSTOP

    def add(rule, sev, subj, msg):
        out.append((rule, sev, subj, msg))

    # demarcation rules
    nums["lines"] = {}
    for l in lines:
        cs = [tuple(c) for c in l["geometry"]["coordinates"]]
        rs = russian_side(cs)
        ceded = rs.difference(OCCUPIED)
        gained = OCCUPIED.difference(rs)
        adv = 0.0
        if area_km2(ceded) > 0.5:
            pts = []
            for p in ([ceded] if ceded.geom_type == "Polygon" else ceded.geoms):
                if p.geom_type == "Polygon":
                    pts.extend(p.exterior.coords)
            adv = max(dist_to_line(p, FRONT_DENSE) for p in pts)
        dshare = area_km2(rs.intersection(OBLASTS["UA-14"])) / area_km2(OBLASTS["UA-14"])
        lshare = area_km2(rs.intersection(OBLASTS["UA-09"])) / area_km2(OBLASTS["UA-09"])
        both = area_km2(rs.intersection(donbas)) / area_km2(donbas)
        dense = densify(cs, 0.25)
        belt = {}
        for c in BELT:
            d = dist_to_line(CITIES[c], dense)
            belt[c] = -d if rs.contains(Point(CITIES[c])) else d
        mons = [P(f) for f in forces if f["properties"]["role"] == "monitor"]
        mon = coverage(dense, mons) if mons else 0.0
        nums["lines"][l["id"]] = dict(
            length_km=length_km(cs), ceded_km2=area_km2(ceded), gained_km2=area_km2(gained),
            max_advance_km=adv, donetsk_share=dshare, luhansk_share=lshare, donbas_share=both,
            belt_depth_km=belt, monitored_share=mon)
        if area_km2(ceded) > 1000 or adv > 10:
            add("front-line-reference", "error", l["id"],
                "cedes %.0f km2, up to %.0f km beyond today's line" % (area_km2(ceded), adv))
        for c, d in belt.items():
            if d < 0:
                add("fortress-belt", "error", l["id"], "%s on the Russian side" % c)
            elif d < 10:
                add("fortress-belt", "warning", l["id"], "%s %.1f km from the line" % (c, d))
        if both >= 0.99:
            add("donbas-cession", "error", l["id"], "%.1f%% of the Donbas ceded" % (100 * both))
        if mon < 0.9:
            add("line-monitoring", "warning", l["id"], "monitored %.0f%%" % (100 * mon))

    # forces
    g = [f for f in forces if is_g(f)]
    land = sum(f["properties"]["strength"] for f in g if f["properties"]["component"] == "land"
               and f["properties"]["role"] != "monitor")
    land_ua = sum(f["properties"]["strength"] for f in g
                  if f["properties"]["component"] == "land" and in_ukraine(P(f)))
    land_ua_nomon = sum(f["properties"]["strength"] for f in g
                        if f["properties"]["component"] == "land" and in_ukraine(P(f))
                        and f["properties"]["role"] != "monitor")
    nums["guarantor_land"] = land
    nums["guarantor_land_in_ukraine"] = land_ua
    nums["guarantor_land_in_ukraine_excl_monitors"] = land_ua_nomon
    if land < 100000:
        add("force-sufficiency", "error", None, "guarantor land %d < 100,000" % land)
    elif land < 150000:
        add("force-sufficiency", "warning", None, "guarantor land %d < 150,000" % land)
    if not any(f["properties"]["component"] == "air" for f in g):
        add("force-sufficiency", "error", None, "no guarantor air force")
    if not any(f["properties"]["component"] == "maritime" for f in g):
        add("force-sufficiency", "error", None, "no guarantor maritime force")

    def travel(f):
        if in_ukraine(P(f)):
            return 0.0
        return min(dist_to_line(P(f), d) for d in dem_dense) / 400.0

    # rapid-reaction: strict reading (readiness + travel, all components) and plain reading
    def ready(days, with_travel, land_only=False):
        return sum(f["properties"]["strength"] for f in g
                   if (not land_only or f["properties"]["component"] == "land")
                   and f["properties"]["readiness_days"] + (travel(f) if with_travel else 0)
                   <= days)
    nums["ready_7d"] = ready(7, False)
    nums["ready_30d"] = ready(30, False)
    nums["ready_7d_land_with_travel"] = ready(7, True, True)
    nums["ready_30d_land_with_travel"] = ready(30, True, True)
    if min(nums["ready_7d"], nums["ready_7d_land_with_travel"]) < 5000:
        add("rapid-reaction", "error", None, "VJTF: %d ready within 7 days" % nums["ready_7d"])
    if min(nums["ready_30d"], nums["ready_30d_land_with_travel"]) < 40000:
        add("rapid-reaction", "error", None, "NRF: %d ready within 30 days" % nums["ready_30d"])

    if 0 < land_ua < 5000 or 0 < land_ua_nomon < 5000:
        add("trip-wire", "warning", None, "guarantor land in Ukraine %d < 5,000" % land_ua)

    for f in forces:
        p = f["properties"]
        if p["nation"] == "US" and in_ukraine(P(f)):
            add("us-ground-troops", "error", f["id"], "US force in Ukraine")
    nums["reassurance_min_km"] = None
    for f in forces:
        p = f["properties"]
        if p["role"] == "reassurance" and in_ukraine(P(f)):
            d = min(dist_to_line(P(f), dd) for dd in dem_dense)
            nums.setdefault("reassurance_km", {})[f["id"]] = d
            if d < 50:
                add("front-standoff", "error", f["id"], "%.0f km from the line" % d)
    if nums.get("reassurance_km"):
        nums["reassurance_min_km"] = min(nums["reassurance_km"].values())
    for f in forces:
        p = f["properties"]
        if p["role"] == "rapid-reaction" and not in_ukraine(P(f)):
            t = p["readiness_days"] + travel(f)
            nums.setdefault("reinforcement_days", {})[f["id"]] = t
            if t > 7:
                add("reinforcement-time", "warning", f["id"], "%.1f days" % t)
    for a in areas:
        s = shape(a["geometry"])
        cov = area_km2(s.intersection(CONTROLLED)) / area_km2(CONTROLLED)
        nums.setdefault("area_cover", {})[a["id"]] = cov
        nums.setdefault("area_vertices", {})[a["id"]] = sum(
            len(p.exterior.coords) for p in ([s] if s.geom_type == "Polygon" else s.geoms))
        if cov < 0.99:
            add("guarantee-scope", "error", a["id"], "covers %.1f%%" % (100 * cov))
    cover = {}
    for c in AIR_CITIES:
        best = None
        for f in g:
            p = f["properties"]
            if p["component"] in ("air", "air-defense") and p["range_km"] > 0:
                d = km(P(f), CITIES[c])
                if d <= p["range_km"] and (best is None or p["range_km"] - d > best[2]):
                    best = (f["id"], d, p["range_km"] - d)
        cover[c] = best
    nums["air_cover"] = cover
    missing = [c for c, b in cover.items() if b is None]
    if missing:
        add("air-cover", "warning", None, "outside air cover: " + ", ".join(missing))
    for m in MEASURES:
        if m not in sc["armistice"].get("measures", []):
            add("credibility-measures", "info", None, "missing " + m)
    return nums, out


# ----------------------------------------------------------------------------------------------
# scenarios

def demarcation(fid, name, coords, extra=None):
    props = {"kind": "demarcation", "name": name}
    props.update(extra or {})
    return {"type": "Feature", "id": fid, "geometry": line_geom(coords), "properties": props}


def collection(armistice, features):
    return {"type": "FeatureCollection", "armistice": armistice, "features": features}


def make_default(forces, monitors, area):
    reassurance = [f["id"] for f in forces if f["properties"]["role"] == "reassurance"]
    line = demarcation("line-a", "Proposal A: today's line", FRONT,
                       {"description": "Freezes the line of contact of 2025-08-20 as it is "
                                       "(maps/front-line.geojson)."})
    area_f = {"type": "Feature", "id": "area-1", "geometry": poly_geom(area),
              "properties": {"kind": "guarantee-area",
                             "name": "Guarantee scope: all Ukrainian-controlled territory",
                             "description": "Today's Ukrainian-controlled territory, Lviv and "
                                            "the west included, plus about 5 km."}}
    steps = [
        {"title": "Today's line",
         "caption": "Any provisional demarcation \u201cwould have to refer to the current front "
                    "line\u201d, says " + SRC_FEAS + "; Proposal A freezes the line of contact "
                    "as it stands.",
         "view": V_EAST, "layers": EAST_LAYERS, "features": ["line-a"], "findings": False},
        {"title": "The fortress belt",
         "caption": "Sloviansk, Kramatorsk, Druzhkivka and Kostiantynivka form the fortified "
                    "belt Russia must not gain by negotiation, according to " + SRC_FEAS + ".",
         "view": V_BELT, "layers": EAST_LAYERS,
         "features": ["line-a"] + [m["id"] for m in monitors
                                   if V_BELT[0] - 0.3 <= m["geometry"]["coordinates"][0]
                                   <= V_BELT[2] and V_BELT[1] - 0.3
                                   <= m["geometry"]["coordinates"][1] <= V_BELT[3] + 0.3],
         "findings": False},
        {"title": "Guarantor forces",
         "caption": "European guarantors pre-position forces in Poland and the Baltic states so "
                    "that reinforcements \u201cflow instantly in a crisis\u201d, while US "
                    "aircraft, ships and missile defence stay outside Ukraine, as "
                    + SRC_ART5 + " proposes.",
         "view": V_EUROPE, "layers": ALL_LAYERS, "findings": False},
        {"title": "Reassurance away from the line",
         "caption": "Macron would station allied forces \u201caway from the front lines\u201d, "
                    "as reported in " + SRC_TRUMP + "; every reassurance force here is at "
                    "least 60 km from the line.",
         "view": V_UKRAINE, "layers": ["countries", "oblasts", "cities", "front-line",
                                       "occupied"],
         "features": reassurance + ["line-a"], "findings": False},
        {"title": "The plan checked",
         "caption": "100,000\u2013150,000 troops with air and maritime support are needed to "
                    "deter renewed incursions, estimates " + SRC_FEAS + "; Plan A fields more than "
                    "150,000 and passes every rule without an error.",
         "view": V_UKRAINE, "layers": ALL_LAYERS, "findings": True},
    ]
    arm = {"format": 1, "title": "Coalition plan A",
           "description": "A coalition of European guarantors (PL EE LV LT FI SE NO DK FR DE "
                          "GB) with a US backstop outside Ukraine safeguards a ceasefire on "
                          "today's line.",
           "measures": list(MEASURES), "steps": steps}
    return collection(arm, forces + monitors + [line, area_f])


def make_donbas(forces, monitors, area, coords):
    line = demarcation("line-donbas", "Proposal D: all of Donetsk ceded", coords,
                       {"description": "Today's line, but along the western borders of Donetsk "
                                       "and Luhansk oblasts wherever it now runs inside them: "
                                       "Ukraine withdraws from the rest of the Donbas."})
    area_f = {"type": "Feature", "id": "area-1", "geometry": poly_geom(area),
              "properties": {"kind": "guarantee-area",
                             "name": "Guarantee scope: all Ukrainian-controlled territory"}}
    steps = [
        {"title": "The Donbas demand",
         "caption": "Proposal D hands Russia the rest of Donetsk oblast, a forced cession of "
                    "the entire Donbas that " + SRC_FEAS + " rules out.",
         "view": V_DONBAS, "layers": EAST_LAYERS, "features": ["line-donbas"],
         "findings": False},
        {"title": "The fortress belt given away",
         "caption": "Sloviansk, Kramatorsk, Druzhkivka and Kostiantynivka fall on the Russian "
                    "side; behind them lies open, hard-to-defend ground, warns " + SRC_FEAS + ".",
         "view": V_BELT, "layers": EAST_LAYERS, "features": ["line-donbas"],
         "findings": False},
        {"title": "Proposal D checked",
         "caption": "A demarcation must not put Ukraine in a militarily untenable position, "
                    "according to " + SRC_FEAS + "; the same forces cannot make this line "
                    "acceptable.",
         "view": V_DONBAS, "layers": ALL_LAYERS, "findings": True},
    ]
    arm = {"format": 1, "title": "Forced cession of the Donbas",
           "description": "Coalition plan A's forces, but a demarcation that cedes all of "
                          "Donetsk oblast, the fortress belt included.",
           "measures": list(MEASURES), "steps": steps}
    return collection(arm, forces + monitors + [line, area_f])


def make_tripwire():
    u = UA_PLACES
    forces = [
        force("gb-bg-kyiv", "UK battlegroup (Kyiv)", "GB", "land", "reassurance", 1200, 20,
              "battalion", 0, *u["Kyiv"]),
        force("fr-coy-kyiv", "French infantry company (Kyiv)", "FR", "land", "reassurance",
              400, 30, "company", 0, 30.5500, 50.4800),
        force("pl-bn-lviv", "Polish training battalion (Lviv)", "PL", "land", "reassurance",
              800, 45, "battalion", 0, *u["Lviv"]),
        force("dk-coy-rivne", "Danish mechanised company group (Rivne)", "DK", "land",
              "reassurance", 600, 25, "company", 0, *u["Rivne"]),
    ]
    line = demarcation("line-a", "Proposal A: today's line", FRONT)
    steps = [
        {"title": "A token presence",
         "caption": "Fewer than 5,000 troops is \u201cnothing more than a trip-wire force\u201d, "
                    "as " + SRC_FEAS + " says of NATO's enhanced forward presence.",
         "view": V_UKRAINE, "layers": ALL_LAYERS, "findings": False},
        {"title": "The token force checked",
         "caption": "Without 100,000\u2013150,000 troops, air and maritime components and a "
                    "force ready within days, the guarantee is political assurance only, like "
                    "the Budapest Memorandum, as Latham warns in \u201cNATO membership by any "
                    "other name is a mistake\u201d (19FortyFive, Mar 2025).",
         "view": V_UKRAINE, "layers": ALL_LAYERS, "findings": True},
    ]
    arm = {"format": 1, "title": "Token trip-wire force",
           "description": "About 3,000 guarantor troops in Kyiv, Lviv and Rivne, weeks from "
                          "readiness, with no air or maritime component.",
           "measures": ["joint-exercises"], "steps": steps}
    return collection(arm, forces + [line])


EXPECT = {
    # Today's line runs 6.5 km south-east of Kostiantynivka: the fortress-belt warning (depth
    # < 10 km) is a fact of today's line, not of the plan.
    "default.geojson": {"errors": set(), "warnings": {"fortress-belt"}},
    "forced-donbas.geojson": {"errors": {"donbas-cession", "fortress-belt",
                                         "front-line-reference"}, "warnings": None},
    "tripwire.geojson": {"errors": {"force-sufficiency", "rapid-reaction"},
                         "warnings_include": {"trip-wire"}, "warnings": None},
}


def report(name, sc, nums, findings):
    print("== %s  (%d features)" % (name, len(sc["features"])))
    print("   guarantor land (non-monitor): %d; land in Ukraine: %d (excl. monitors %d)" % (
        nums["guarantor_land"], nums["guarantor_land_in_ukraine"],
        nums["guarantor_land_in_ukraine_excl_monitors"]))
    print("   ready <= 7 d (readiness only): %d; <= 30 d: %d; land incl. travel: %d / %d" % (
        nums["ready_7d"], nums["ready_30d"], nums["ready_7d_land_with_travel"],
        nums["ready_30d_land_with_travel"]))
    if nums.get("reassurance_km"):
        print("   reassurance distance to line (km): " + ", ".join(
            "%s %.0f" % kv for kv in sorted(nums["reassurance_km"].items(), key=lambda x: x[1])))
    if nums.get("reinforcement_days"):
        print("   rapid-reaction readiness+travel, max %.2f d (%s)" % max(
            (v, k) for k, v in nums["reinforcement_days"].items()))
    for c, b in nums["air_cover"].items():
        print("   air cover %-13s %s" % (c, "none" if b is None else
                                          "%s at %.0f km (margin %.0f km)" % b))
    for lid, ln in nums["lines"].items():
        print("   %s: %.0f km long, ceded %.0f km2, gained %.0f km2, max advance %.1f km, "
              "Donetsk %.3f, Luhansk %.3f, Donbas %.4f, monitored %.1f%%" % (
                  lid, ln["length_km"], ln["ceded_km2"], ln["gained_km2"], ln["max_advance_km"],
                  ln["donetsk_share"], ln["luhansk_share"], ln["donbas_share"],
                  100 * ln["monitored_share"]))
        print("     belt depth km: " + ", ".join("%s %.1f" % kv
                                                  for kv in ln["belt_depth_km"].items()))
    for a, c in nums.get("area_cover", {}).items():
        print("   %s covers %.2f%% of Ukrainian-controlled territory, %d vertices" % (
            a, 100 * c, nums["area_vertices"][a]))
    for f in findings:
        print("   finding %-22s %-7s %-12s %s" % f)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="check the files, write nothing")
    args = ap.parse_args()

    if args.check:
        scenarios = {n: json.load(open(os.path.join(OUT, n), encoding="utf-8")) for n in EXPECT}
    else:
        forces = default_forces()
        monitors = monitor_forces(place_monitors(FRONT))
        area = guarantee_area()
        scenarios = {
            "default.geojson": make_default(forces, monitors, area),
            "forced-donbas.geojson": make_donbas(forces, monitors, area, donbas_line()),
            "tripwire.geojson": make_tripwire(),
        }
        # round-trip through the written form, so the checks see what the files hold
        scenarios = {n: json.loads(dumps(sc)) for n, sc in scenarios.items()}

    ok = True
    for name, sc in scenarios.items():
        feature_checks(sc)
        nums, findings = evaluate(sc)
        report(name, sc, nums, findings)
        errs = {f[0] for f in findings if f[1] == "error"}
        warns = {f[0] for f in findings if f[1] == "warning"}
        exp = EXPECT[name]
        if errs != exp["errors"]:
            print("!! %s: error findings %s, expected %s" % (name, sorted(errs),
                                                             sorted(exp["errors"])))
            ok = False
        if exp.get("warnings") is not None and warns != exp["warnings"]:
            print("!! %s: warnings %s, expected none" % (name, sorted(warns)))
            ok = False
        if not exp.get("warnings_include", set()) <= warns:
            print("!! %s: missing warnings %s" % (name, exp["warnings_include"] - warns))
            ok = False
    if not ok:
        sys.exit(1)
    if not args.check:
        os.makedirs(OUT, exist_ok=True)
        for name, sc in scenarios.items():
            with open(os.path.join(OUT, name), "w", encoding="utf-8") as fh:
                fh.write(dumps(sc) + "\n")
            print("wrote scenarios/" + name)


if __name__ == "__main__":
    try:
        main()
    except Fail as e:
        sys.exit("make_scenarios: " + str(e))
