//! Checks of the bundled base map (the copies embedded in the program) against public reference
//! figures, and of the bundled occupied area against the code that makes it.
//!
//! Reference figures: Ukraine 603,550 km² (CIA World Factbook, Crimea included); Donetsk oblast
//! 26,517 km² and Luhansk oblast 26,684 km² (State Statistics Service of Ukraine); Russia controls
//! almost the entire Luhansk oblast and about three-quarters of Donetsk oblast (domain.md, [S4]).

use armistice::model::{BaseMap, City};
use armistice::spatial::{
    LineEnd, SplitError, area_km2, distance_km, distance_to_line_km, split_by_line,
};
use geo::{BooleanOps, Contains, Intersects, LineString, MultiPolygon, Point, Validation};
use std::sync::OnceLock;

fn map() -> &'static BaseMap {
    static MAP: OnceLock<BaseMap> = OnceLock::new();
    MAP.get_or_init(|| BaseMap::bundled().expect("the bundled maps parse"))
}

fn ukraine() -> &'static MultiPolygon {
    &map()
        .ukraine()
        .expect("countries.geojson has Ukraine (UA)")
        .geometry
}

fn city(name: &str) -> &'static City {
    map()
        .city(name)
        .unwrap_or_else(|| panic!("cities.geojson has {name}"))
}

fn oblast(code: &str) -> &'static MultiPolygon {
    &map()
        .oblast(code)
        .unwrap_or_else(|| panic!("oblasts.geojson has {code}"))
        .geometry
}

fn relative_error(value: f64, expected: f64) -> f64 {
    (value - expected).abs() / expected
}

/// The share of an oblast on the Russian-controlled side today.
fn occupied_share(code: &str) -> f64 {
    let area = oblast(code);
    area_km2(&area.intersection(&map().occupied)) / area_km2(area)
}

#[test]
fn every_file_parses() {
    use armistice::model::FrontLine;
    use armistice::model::basemap::{
        bundled, parse_areas, parse_cities, parse_countries, parse_oblasts,
    };
    parse_countries("countries.geojson", bundled::COUNTRIES).expect("countries.geojson");
    parse_oblasts("oblasts.geojson", bundled::OBLASTS).expect("oblasts.geojson");
    parse_cities("cities.geojson", bundled::CITIES).expect("cities.geojson");
    FrontLine::from_geojson("front-line.geojson", bundled::FRONT_LINE).expect("front-line.geojson");
    parse_areas("occupied.geojson", bundled::OCCUPIED).expect("occupied.geojson");
    let map = map();
    assert!(!map.countries.is_empty() && !map.cities.is_empty());
    assert!(!map.occupied.0.is_empty(), "occupied.geojson is empty");
}

/// Geometry validation (rings closed and simple, holes inside, polygons not overlapping) is
/// quadratic in places and slow in unoptimised test builds, so the countries are shared out
/// over the available cores, largest first.
#[test]
fn every_country_is_valid() {
    use geo::CoordsIter;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let mut countries: Vec<_> = map().countries.iter().collect();
    countries.sort_by_key(|c| std::cmp::Reverse(c.geometry.coords_count()));
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let problems: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut problems = Vec::new();
                    while let Some(c) = countries.get(next.fetch_add(1, Ordering::Relaxed)) {
                        if let Err(e) = c.geometry.check_validation() {
                            problems
                                .push(format!("countries.geojson {} ({}): {e}", c.name, c.iso_a2));
                        }
                    }
                    problems
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("validation thread"))
            .collect()
    });
    assert!(
        problems.is_empty(),
        "invalid geometries:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_other_geometry_is_valid() {
    let map = map();
    let mut problems = Vec::new();
    for o in &map.oblasts {
        if let Err(e) = o.geometry.check_validation() {
            problems.push(format!(
                "oblasts.geojson {} ({}): {e}",
                o.name, o.iso_3166_2
            ));
        }
    }
    for c in &map.cities {
        if let Err(e) = c.position.check_validation() {
            problems.push(format!("cities.geojson {}: {e}", c.name));
        }
    }
    if let Err(e) = map.front_line.line.check_validation() {
        problems.push(format!("front-line.geojson: {e}"));
    }
    if let Err(e) = map.occupied.check_validation() {
        problems.push(format!("occupied.geojson: {e}"));
    }
    assert!(
        problems.is_empty(),
        "invalid geometries:\n{}",
        problems.join("\n")
    );
}

#[test]
fn ukraine_area_and_crimea() {
    let area = area_km2(ukraine());
    assert!(
        relative_error(area, 603_550.0) < 0.01,
        "Ukraine: {area:.0} km², expected 603,550 km² ± 1 %"
    );
    for name in ["Simferopol", "Sevastopol"] {
        assert!(
            ukraine().contains(&city(name).position),
            "{name} is in Ukraine"
        );
    }
}

#[test]
fn russia_does_not_hold_crimea() {
    let russia = &map()
        .country("RU")
        .expect("countries.geojson has Russia (RU)")
        .geometry;
    for name in ["Simferopol", "Sevastopol"] {
        assert!(
            !russia.intersects(&city(name).position),
            "{name} is not in Russia's polygon"
        );
    }
}

#[test]
fn donetsk_and_luhansk_areas() {
    let donetsk = area_km2(oblast("UA-14"));
    let luhansk = area_km2(oblast("UA-09"));
    assert!(
        relative_error(donetsk, 26_517.0) < 0.02,
        "Donetsk oblast: {donetsk:.0} km², expected 26,517 km² ± 2 %"
    );
    assert!(
        relative_error(luhansk, 26_684.0) < 0.02,
        "Luhansk oblast: {luhansk:.0} km², expected 26,684 km² ± 2 %"
    );
}

#[test]
fn twenty_seven_units_cover_ukraine() {
    let oblasts = &map().oblasts;
    assert_eq!(oblasts.len(), 27, "first-level units");
    let sum: f64 = oblasts.iter().map(|o| area_km2(&o.geometry)).sum();
    let whole = area_km2(ukraine());
    assert!(
        relative_error(sum, whole) < 0.01,
        "the units sum to {sum:.0} km², Ukraine is {whole:.0} km²"
    );
}

#[test]
fn occupied_share_of_luhansk_and_donetsk() {
    let luhansk = occupied_share("UA-09");
    let donetsk = occupied_share("UA-14");
    assert!(
        luhansk >= 0.95,
        "occupied share of Luhansk oblast: {luhansk:.3}, expected ≥ 0.95"
    );
    assert!(
        (0.65..=0.85).contains(&donetsk),
        "occupied share of Donetsk oblast: {donetsk:.3}, expected 0.65–0.85"
    );
}

#[test]
fn cities_on_the_right_side() {
    let occupied = &map().occupied;
    for name in [
        "Sloviansk",
        "Kramatorsk",
        "Druzhkivka",
        "Kostiantynivka",
        "Kyiv",
        "Kharkiv",
        "Zaporizhzhia",
        "Kherson",
    ] {
        assert!(
            !occupied.intersects(&city(name).position),
            "{name} is outside the occupied area"
        );
    }
    for name in ["Donetsk", "Luhansk", "Mariupol", "Melitopol", "Sevastopol"] {
        assert!(
            occupied.contains(&city(name).position),
            "{name} is inside the occupied area"
        );
    }
}

#[test]
fn kostiantynivka_is_near_the_front() {
    let d = distance_to_line_km(city("Kostiantynivka").position, &map().front_line.line);
    assert!(
        d <= 15.0,
        "Kostiantynivka is {d:.1} km from the front line, expected ≤ 15 km"
    );
}

#[test]
fn front_line_ends_outside_and_is_dense() {
    let line = &map().front_line.line;
    let (Some(first), Some(last)) = (line.0.first(), line.0.last()) else {
        panic!("the front line is empty");
    };
    for (end, c) in [("first", first), ("last", last)] {
        assert!(
            !ukraine().contains(&Point::from(*c)),
            "the front line's {end} point ({}, {}) lies inside Ukraine's land",
            c.x,
            c.y
        );
    }
    let gaps: Vec<(usize, f64)> = line
        .lines()
        .enumerate()
        .map(|(i, l)| (i, distance_km(l.start_point(), l.end_point())))
        .filter(|(_, d)| *d > 5.0)
        .collect();
    assert!(
        gaps.is_empty(),
        "vertices more than 5 km apart (segment, km): {gaps:?}"
    );
}

fn fresh_split() -> armistice::spatial::Sides {
    split_by_line(ukraine(), &map().front_line.line, city("Kyiv").position)
        .expect("the front line splits Ukraine")
}

#[test]
fn bundled_occupied_area_is_what_the_code_makes() {
    let fresh = fresh_split();
    let difference = area_km2(&fresh.other.xor(&map().occupied));
    assert!(
        difference < 1.0,
        "occupied.geojson differs from a fresh split by {difference:.3} km²: rerun `cargo run --release --example build_occupied -- maps`"
    );
}

#[test]
fn front_line_gives_exactly_two_sides() {
    let sides = fresh_split();
    let whole = area_km2(ukraine());
    let (home, other) = (area_km2(&sides.home), area_km2(&sides.other));
    assert!(
        relative_error(home + other, whole) < 0.001,
        "sides {home:.0} + {other:.0} km² vs Ukraine {whole:.0} km²"
    );
    let overlap = area_km2(&sides.home.intersection(&sides.other));
    assert!(overlap < 1.0, "the sides overlap by {overlap:.3} km²");
    assert!(sides.home.contains(&city("Kyiv").position));
    assert!(sides.other.contains(&city("Donetsk").position));
}

#[test]
fn truncated_front_line_is_refused() {
    let line = &map().front_line.line;
    let half = LineString::new(line.0.iter().take(line.0.len() / 2).copied().collect());
    let last = *half.0.last().expect("non-empty");
    assert!(
        ukraine().contains(&Point::from(last)),
        "the cut end lies inland"
    );
    let err = split_by_line(ukraine(), &half, city("Kyiv").position).expect_err("an end inland");
    assert!(
        matches!(
            err,
            SplitError::EndInside {
                end: LineEnd::Last,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn bundled_files_fit_in_15_mb() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("maps");
    let mut total = 0;
    for name in [
        "countries.geojson",
        "oblasts.geojson",
        "cities.geojson",
        "front-line.geojson",
        "occupied.geojson",
    ] {
        let path = folder.join(name);
        total += std::fs::metadata(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .len();
    }
    assert!(
        total <= 15_000_000,
        "bundled maps: {total} bytes, expected ≤ 15 MB"
    );
}
