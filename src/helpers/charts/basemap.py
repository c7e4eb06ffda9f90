"""The map under the route: land, sea, coasts, country borders and country names, read from disk.

The outlines are Natural Earth's countries at 1:110m (public domain), as the npm package
world-atlas ships them as TopoJSON; `make` fetches it into the environment (helpers.record.paths.
WORLD_ATLAS). Nothing is fetched when a chart is drawn, and the interactive chart carries the
outlines it draws in its own figure, so a saved page shows the map offline.

TopoJSON stores each line between two meeting points once (an arc) and each country as the arcs
around it. An arc used by one country is a coast; one used by two is a border between them.
"""

import functools
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from matplotlib.path import Path as OutlinePath

from helpers.record.paths import WORLD_ATLAS

LAND = "#ece8df"
SEA = "#dcebf5"
COAST = "#9fb3c2"
BORDER = "#9a9286"
COUNTRY_NAME = "#8a8173"


@dataclass(frozen=True)
class Country:
    name: str
    rings: tuple[np.ndarray, ...]  # closed outlines, (n, 2) longitude and latitude
    arcs: frozenset[int]


@dataclass(frozen=True)
class Atlas:
    arcs: tuple[np.ndarray, ...]
    countries: tuple[Country, ...]
    uses: dict[int, int]  # how many countries run along each arc


@functools.cache
def atlas(path: Path = WORLD_ATLAS) -> Atlas:
    """The countries of the TopoJSON at `path`, decoded to longitude and latitude."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: the map's outlines are missing; run `make` (it installs world-atlas with npm)")
    topology = json.loads(path.read_text(encoding="utf-8"))
    scale, translate = (np.array(topology["transform"][key]) for key in ("scale", "translate"))
    # Quantised arcs store each point as its step from the one before.
    arcs = tuple(np.cumsum(np.array(arc, dtype=float), axis=0) * scale + translate for arc in topology["arcs"])
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}.get(geometry["type"], [])
        rings = tuple(_ring(arcs, ring) for polygon in polygons for ring in polygon)
        used = frozenset(index if index >= 0 else ~index for polygon in polygons for ring in polygon for index in ring)
        countries.append(Country(geometry.get("properties", {}).get("name", ""), rings, used))
    uses = Counter(index for country in countries for index in country.arcs)
    return Atlas(arcs, tuple(countries), dict(uses))


def _ring(arcs: tuple[np.ndarray, ...], indices: list[int]) -> np.ndarray:
    """A ring from its arcs (~i is arc i backwards); each arc after the first starts where the last ended."""
    pieces = [arcs[index] if index >= 0 else arcs[~index][::-1] for index in indices]
    return np.vstack([pieces[0], *(piece[1:] for piece in pieces[1:])])


def _within(points: np.ndarray, view: tuple[float, float, float, float]) -> bool:
    west, east, south, north = view
    return bool(points[:, 0].max() >= west and points[:, 0].min() <= east
                and points[:, 1].max() >= south and points[:, 1].min() <= north)


@dataclass(frozen=True)
class BaseMap:
    land: tuple[np.ndarray, ...]
    coasts: tuple[np.ndarray, ...]
    borders: tuple[np.ndarray, ...]
    countries: tuple[Country, ...]

    def country_of(self, longitude: float, latitude: float) -> Country | None:
        for country in self.countries:
            if any(OutlinePath(ring).contains_point((longitude, latitude)) for ring in country.rings):
                return country
        return None


@functools.lru_cache(maxsize=8)  # both drawings of a chart, and its countries' names, ask for the same view
def base_map(view: tuple[float, float, float, float], decimals: int = 1) -> BaseMap:
    """The land, coasts and borders that reach into `view` (west, east, south, north), rounded to `decimals`."""
    world = atlas()
    countries = tuple(country for country in world.countries if any(_within(ring, view) for ring in country.rings))
    land = tuple(ring.round(decimals) for country in countries for ring in country.rings if _within(ring, view))
    shown = sorted({index for country in countries for index in country.arcs if _within(world.arcs[index], view)})
    coasts = tuple(world.arcs[index].round(decimals) for index in shown if world.uses[index] == 1)
    borders = tuple(world.arcs[index].round(decimals) for index in shown if world.uses[index] > 1)
    return BaseMap(land, coasts, borders, countries)


def joined(lines: tuple[np.ndarray, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Lines as one pair of coordinate arrays, each line ended by a gap (NaN), as one drawing call takes them."""
    if not lines:
        return np.array([]), np.array([])
    gap = np.full((1, 2), np.nan)
    points = np.vstack([part for line in lines for part in (line, gap)])
    return points[:, 0], points[:, 1]


def neighbours(basemap: BaseMap, country: Country) -> Iterator[Country]:
    """The countries that share a border with `country`."""
    for other in basemap.countries:
        if other is not country and other.arcs & country.arcs:
            yield other
