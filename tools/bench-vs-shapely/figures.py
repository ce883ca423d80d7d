#!/usr/bin/env python3
"""The demarcation figures of `armistice check`, computed with shapely (GEOS) and pyproj: the
script a planner would write instead of running Armistice.

    python figures.py MAPS_DIR SCENARIO.geojson...

Prints one JSON array with, per scenario, per demarcation: ceded_km2, gained_km2,
max_advance_km, donetsk_share, luhansk_share, belt_depth_km, monitored_share; and the guarantor
land strength in Ukraine. Ukraine, the oblasts and today's front line are loaded and split once
per process, as Armistice does once per run, so (time for 20 files - time for 1 file) / 19 is
the work per plan.

How (contract.md, "Sides and places"): a full line (both ends outside Ukraine) is closed into a
ring through sea and Russia (the path tools/scenarios/make_scenarios.py uses); a partial one
(both ends within snap_km of today's line) first replaces the stretch of today's line between
the points where it joins it. Ukraine inside the ring is one side; the Russian-controlled side
is the one holding the larger part of today's occupied area. Areas are geodesic (pyproj Geod);
distances are planar in an azimuthal equidistant projection centred on the Donbas (under 0.1%
from geodesic at these distances); the furthest advance samples the ceded area's boundary every
kilometre.
"""

import json
import math
import os
import sys

import numpy as np
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, Point, Polygon, shape
from shapely.ops import substring

GEOD = Geod(ellps="WGS84")
# Closes a full line from Russia north of Vovchansk to the Black Sea into a ring around the
# eastern side, through sea and Russia only (as tools/scenarios/make_scenarios.py).
CLOSING = [(30.9, 44.0), (40.5, 44.0), (40.5, 51.2), (36.9, 51.2)]
# The fortress-belt cities; their positions come from the bundled cities layer, as Armistice's.
BELT = ["Sloviansk", "Kramatorsk", "Druzhkivka", "Kostiantynivka"]
GUARANTORS = {"PL", "EE", "LV", "LT", "FI", "SE", "NO", "DK", "FR", "DE", "GB", "US"}
SNAP_KM, RADIUS_KM = 5.0, 30.0
TO_LOCAL = Transformer.from_crs(
    "EPSG:4326", "+proj=aeqd +lat_0=48.5 +lon_0=35.5 +ellps=WGS84 +units=m", always_xy=True)
TO_LONLAT = Transformer.from_crs(TO_LOCAL.target_crs, "EPSG:4326", always_xy=True)


def area_km2(g):
    return abs(GEOD.geometry_area_perimeter(g)[0]) / 1e6 if not g.is_empty else 0.0


def local(g):
    return shapely.transform(g, lambda xy: np.column_stack(TO_LOCAL.transform(xy[:, 0], xy[:, 1])))


def load(maps, name):
    with open(os.path.join(maps, name), encoding="utf-8") as fh:
        return json.load(fh)


class Map:
    def __init__(self, maps):
        countries = {f["properties"]["iso_a2"]: shape(f["geometry"])
                     for f in load(maps, "countries.geojson")["features"]}
        oblasts = {f["properties"]["iso_3166_2"]: shape(f["geometry"])
                   for f in load(maps, "oblasts.geojson")["features"]}
        self.ukraine = countries["UA"]
        shapely.prepare(self.ukraine)
        self.donetsk, self.luhansk = oblasts["UA-14"], oblasts["UA-09"]
        self.donetsk_km2, self.luhansk_km2 = area_km2(self.donetsk), area_km2(self.luhansk)
        cities = {f["properties"]["name"]: tuple(f["geometry"]["coordinates"][:2])
                  for f in load(maps, "cities.geojson")["features"]}
        self.belt = {name: cities[name] for name in BELT}
        self.front = load(maps, "front-line.geojson")["features"][0]["geometry"]["coordinates"]
        self.front_local = local(LineString(self.front))
        self.occupied = self.side(self.front)
        self.occupied_km2 = area_km2(self.occupied)

    def eastern_side(self, coords):
        closing = LineString([coords[-1]] + CLOSING + [coords[0]])
        if closing.intersects(self.ukraine):
            raise ValueError("the closing path crosses Ukraine")
        return self.ukraine.intersection(Polygon(list(coords) + CLOSING))

    def side(self, coords):
        return self.eastern_side(coords)

    def complete(self, coords):
        """A partial line completed by today's line; a full line as it is."""
        first, last = Point(coords[0]), Point(coords[-1])
        if not (self.ukraine.contains(first) or self.ukraine.contains(last)):
            return [tuple(c[:2]) for c in coords]
        front = self.front_local
        ends = [front.project(local(p)) for p in (first, last)]
        for p, at in zip((first, last), ends):
            if local(p).distance(front.interpolate(at)) > SNAP_KM * 1000:
                raise ValueError("a partial line's end is too far from today's line")
        middle = [tuple(c[:2]) for c in coords]
        if ends[0] > ends[1]:
            ends.reverse()
            middle.reverse()
        head = substring(front, 0, ends[0]).coords
        tail = substring(front, ends[1], front.length).coords
        back = [TO_LONLAT.transform(x, y) for x, y in list(head)] + middle + \
               [TO_LONLAT.transform(x, y) for x, y in list(tail)]
        return back

    def demarcation(self, coords, monitors):
        line = self.complete(coords)
        russian = self.eastern_side(line)
        ceded, gained = russian.difference(self.occupied), self.occupied.difference(russian)
        gained_km2 = area_km2(gained)
        if gained_km2 > self.occupied_km2 / 2:
            # The other side holds more of today's occupied area: it is the Russian side.
            russian = self.ukraine.difference(russian)
            ceded, gained = russian.difference(self.occupied), self.occupied.difference(russian)
            gained_km2 = area_km2(gained)
        ceded_km2 = area_km2(ceded)
        advance = 0.0
        if not ceded.is_empty:
            boundary = shapely.segmentize(local(ceded).boundary, 1000.0)
            points = shapely.points(shapely.get_coordinates(boundary))
            advance = float(shapely.distance(points, self.front_local).max()) / 1000.0
        line_local = local(LineString(line))
        belt = {}
        for name, city in self.belt.items():
            d = line_local.distance(local(Point(city))) / 1000.0
            belt[name] = -d if russian.contains(Point(city)) else d
        monitored = 0.0
        if monitors:
            reach = shapely.union_all(shapely.buffer(local(shapely.points(monitors)),
                                                     RADIUS_KM * 1000.0))
            monitored = line_local.intersection(reach).length / line_local.length
        return {
            "ceded_km2": ceded_km2, "gained_km2": gained_km2, "max_advance_km": advance,
            "donetsk_share": area_km2(russian.intersection(self.donetsk)) / self.donetsk_km2,
            "luhansk_share": area_km2(russian.intersection(self.luhansk)) / self.luhansk_km2,
            "belt_depth_km": belt, "monitored_share": monitored,
        }

    def scenario(self, path):
        with open(path, encoding="utf-8") as fh:
            sc = json.load(fh)
        features = sc["features"]
        forces = [f for f in features if f["properties"].get("kind") == "force"]
        monitors = [f["geometry"]["coordinates"] for f in forces
                    if f["properties"]["role"] == "monitor" and f["properties"]["strength"] > 0]
        land = [f for f in forces if f["properties"]["nation"] in GUARANTORS
                and f["properties"]["component"] == "land"
                and f["properties"]["role"] != "monitor"]
        xy = np.array([f["geometry"]["coordinates"][:2] for f in land]).reshape(-1, 2)
        inside = shapely.contains_xy(self.ukraine, xy[:, 0], xy[:, 1])
        land_in_ukraine = int(sum(f["properties"]["strength"] for f, i in zip(land, inside) if i))
        lines = {f["id"]: self.demarcation(f["geometry"]["coordinates"], monitors)
                 for f in features if f["properties"].get("kind") == "demarcation"}
        return {"scenario": path, "demarcations": lines,
                "guarantor_land_in_ukraine": land_in_ukraine}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    world = Map(sys.argv[1])
    json.dump([world.scenario(p) for p in sys.argv[2:]], sys.stdout)


if __name__ == "__main__":
    main()
