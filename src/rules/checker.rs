//! The [`Checker`]: runs every enabled rule on a scenario, caching what did not change since the
//! last check (Ukraine and the oblasts, today's front line split, each demarcation's geometry
//! keyed by its coordinates, each guarantee area's cover), so a re-check while one vertex is being
//! dragged only measures the line that moved, and of that line only the stretch around the
//! vertex: each position is measured from the line's last full measurement
//! (`geometry::measure_line_from`).

use super::context::{Context, ForceView, LineView, RuleOutput};
use super::geometry::{
    BELT_CITIES, FrontGeometry, IndexedArea, LineGeometry, Territory, measure_line_from,
};
use super::land::Land;
use super::params::{InputError, Params};
use super::report::{
    DemarcationStats, ForceLedger, FrontMonitoring, GuaranteeAreaStats, MisplacedForce, Report,
    Summary,
};
use super::{rule_order, rules};
use crate::model::nations::nation_name;
use crate::model::scenario::{Affiliation, Component, Force, Item, NationLists, Role};
use crate::model::{BaseMap, City, FrontLine, Scenario};
use crate::spatial::coverage;
use foldhash::{HashMap, HashMapExt, HashSet};
use geo::{BooleanOps, LineString, MultiPolygon, Point};
use std::sync::Arc;

/// Exact cache key of a geometry: the bits of its coordinates.
type Key = Vec<u64>;

fn line_key(line: &LineString) -> Key {
    line.0
        .iter()
        .flat_map(|c| [c.x.to_bits(), c.y.to_bits()])
        .collect()
}

fn area_key(area: &MultiPolygon) -> Key {
    let mut key = Vec::new();
    for polygon in area {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            key.push(u64::MAX);
            key.extend(line_key(ring));
        }
    }
    key
}

/// A cache that keeps only what the last check used, so dragging a vertex does not pile up
/// entries for every intermediate position.
#[derive(Debug)]
struct Cache<K, V> {
    entries: HashMap<K, V>,
    used: Vec<K>,
}

impl<K: std::hash::Hash + Eq + Clone, V: Clone> Cache<K, V> {
    fn new() -> Self {
        Self {
            entries: HashMap::new(),
            used: Vec::new(),
        }
    }

    fn get_or(&mut self, key: K, make: impl FnOnce() -> V) -> V {
        self.used.push(key.clone());
        self.entries.entry(key).or_insert_with(make).clone()
    }

    /// Whether `key` has an entry.
    fn has(&self, key: &K) -> bool {
        self.entries.contains_key(key)
    }

    /// Drops every entry the check just finished did not use.
    fn sweep(&mut self) {
        let used: HashSet<&K> = self.used.iter().collect();
        self.entries.retain(|k, _| used.contains(k));
        self.used.clear();
    }

    fn clear(&mut self) {
        self.entries.clear();
        self.used.clear();
    }
}

/// Runs the rules; keeps the geometry that did not change between checks.
#[derive(Debug)]
pub struct Checker {
    territory: Result<Territory, String>,
    cities: Vec<City>,
    land: Land,
    bundled_front: LineString,
    fronts: Cache<Key, Result<Arc<FrontGeometry>, String>>,
    lines: Cache<(Key, Key, u64), Result<Arc<LineGeometry>, String>>,
    covers: Cache<(Key, Key), (f64, f64)>,
    /// Whether a force position lies in Ukraine (a point-in-polygon test on ~3,000 vertices),
    /// keyed by the position's bits: only a force that moved is tested again.
    in_ukraine: Cache<(u64, u64), bool>,
    /// The monitored share of each demarcation, keyed by the line, the monitors' positions and
    /// the radius: dragging one line leaves the others' coverage as it was.
    coverages: Cache<(Key, Key, u64), Arc<crate::spatial::Coverage>>,
    /// Why a force cannot stand where it is (`force-location`), by everything that decides it
    /// but the front line, for the front line `misplacements_front` (emptied when that
    /// changes): only a force that moved is placed again (a country and a coast search each).
    misplacements: Cache<PlaceKey, Option<String>>,
    misplacements_front: Key,
    /// Each demarcation's last full measurement, by feature id: while one of its vertices is
    /// dragged, each position is measured from it ([`measure_line_from`]), never from the previous
    /// position's, so no error piles up over a long drag.
    bases: HashMap<String, LineBase>,
    /// How many demarcation geometries were computed (cache misses), for tests and benchmarks.
    lines_measured: usize,
    /// How many of those were measured from a base rather than in full.
    lines_remeasured: usize,
}

/// What decides whether a force can stand where it is, but the front line: its position's
/// bits, its component's class (0 must stand on land, 1 near the sea, 2 anywhere), whether its
/// nation takes a side with Ukraine (guarantor, backstop, host), whether it stands in Ukraine,
/// the coast distance (maritime forces only) and the adversary nations.
type PlaceKey = (u64, u64, u8, bool, bool, u64, Vec<String>);

/// A demarcation's full measurement, with what it was measured against.
#[derive(Debug)]
struct LineBase {
    front: Key,
    snap_km: u64,
    geometry: Arc<LineGeometry>,
}

impl Checker {
    /// Prepares Ukraine, the Donbas oblasts and today's (bundled) front line of `base`.
    pub fn new(base: &BaseMap) -> Self {
        let territory = prepare_territory(base);
        let mut checker = Self {
            territory,
            cities: base.cities.clone(),
            land: Land::new(&base.countries),
            bundled_front: base.front_line.line.clone(),
            fronts: Cache::new(),
            lines: Cache::new(),
            covers: Cache::new(),
            in_ukraine: Cache::new(),
            coverages: Cache::new(),
            misplacements: Cache::new(),
            misplacements_front: Key::new(),
            bases: HashMap::new(),
            lines_measured: 0,
            lines_remeasured: 0,
        };
        let bundled = checker.bundled_front.clone();
        // Prepared now, so the first check is quick; an error is reported by every check.
        let _prepared = checker.front_geometry(&bundled);
        checker
    }

    /// Forgets every demarcation, guarantee-area and force-position result (not Ukraine or the
    /// front line), so the next check measures the scenario anew. For benchmarks of a full check.
    pub fn forget_scenario_geometry(&mut self) {
        self.lines.clear();
        self.covers.clear();
        self.in_ukraine.clear();
        self.misplacements.clear();
        self.coverages.clear();
        self.bases.clear();
    }

    /// How many demarcation geometries this checker has computed since it was made: a re-check
    /// after moving one vertex of one line adds one, an unchanged scenario adds none.
    pub fn lines_measured(&self) -> usize {
        self.lines_measured
    }

    /// How many of [`Self::lines_measured`] were measured from the line's last full
    /// measurement (the stretch around a moved vertex only) rather than in full.
    pub fn lines_remeasured(&self) -> usize {
        self.lines_remeasured
    }

    fn front_geometry(&mut self, line: &LineString) -> Result<Arc<FrontGeometry>, String> {
        let territory = self.territory.as_ref();
        self.fronts.get_or(line_key(line), || match territory {
            Ok(t) => FrontGeometry::new(t, line).map(Arc::new),
            Err(e) => Err(e.clone()),
        })
    }

    /// Checks `scenario`. `front`: the scenario's own front line, or `None` for the bundled one.
    pub fn check(&mut self, scenario: &Scenario, front: Option<&FrontLine>) -> Report {
        let mut input_errors: Vec<InputError> = Vec::new();
        let cities = &self.cities;
        let is_city = |name: &str| cities.iter().any(|c| c.name == name);
        let catalogue: Vec<_> = rules().iter().map(|r| r.info()).collect();
        let params: Vec<Params> = catalogue
            .iter()
            .map(|info| {
                let (p, errors) = Params::read(info, scenario.rules.get(info.id), &is_city);
                input_errors.extend(errors);
                p
            })
            .collect();
        for id in scenario.rules.keys() {
            if !catalogue.iter().any(|r| r.id == id) {
                input_errors.push(InputError::rule(
                    id,
                    None,
                    "unknown rule; expected a rule id that `armistice rules` lists".to_owned(),
                ));
            }
        }
        let param = |rule: &str| -> Option<&Params> {
            catalogue
                .iter()
                .position(|r| r.id == rule)
                .and_then(|i| params.get(i))
        };
        let number = |rule: &str, name: &str| param(rule).map_or(f64::NAN, |p| p.number(name));

        let front_line = front.map_or(&self.bundled_front, |f| &f.line).clone();
        let front_geometry = self.front_geometry(&front_line);
        if let (Err(e), Some(_)) = (&front_geometry, front) {
            input_errors.push(InputError {
                rule: None,
                param: None,
                message: format!("the front line cannot serve as today's line: {e}"),
            });
        }
        let front_key = line_key(&front_line);
        // The guarantee areas not in the cache are measured on a second thread meanwhile (they
        // need only the area and today's line).
        let area_keys: Vec<Key> = scenario
            .guarantee_areas()
            .map(|(_, area)| area_key(&area.area))
            .collect();
        let covers_job = front_geometry.as_ref().ok().and_then(|front| {
            let pending: Vec<(Key, MultiPolygon)> = scenario
                .guarantee_areas()
                .zip(&area_keys)
                .filter(|(_, key)| !self.covers.has(&((*key).clone(), front_key.clone())))
                .map(|((_, area), key)| (key.clone(), area.area.clone()))
                .collect();
            if pending.is_empty() {
                return None;
            }
            let front = Arc::clone(front);
            let (done, measured) = std::sync::mpsc::channel();
            // Should the job panic, each area is measured below instead.
            crate::parallel::detach(move || {
                let covers: Vec<(Key, (f64, f64))> = pending
                    .into_iter()
                    .map(|(key, area)| (key, guarantee_cover(&front, &area)))
                    .collect();
                // Nobody waits any more only if the check itself panicked.
                let _ = done.send(covers);
            });
            Some(measured)
        });

        // Where each force stands, and whether it stands where it can (`force-location`).
        let nations = scenario.nation_lists();
        let location_on = param("force-location").is_some_and(|p| p.enabled);
        let coast_km = number("force-location", "coast_km");
        let territory = self.territory.as_ref().ok();
        let front_now = front_geometry.as_ref().ok().map(|f| &**f);
        if self.misplacements_front != front_key {
            self.misplacements.clear();
            self.misplacements_front = front_key.clone();
        }
        // Only a force that moved costs anything to place: while none did (a vertex being
        // dragged), no second thread is worth starting.
        let forces_moved = scenario.forces().any(|(_, f)| {
            !self
                .in_ukraine
                .has(&(f.position.x().to_bits(), f.position.y().to_bits()))
        });
        let in_ukraine = &mut self.in_ukraine;
        let misplacements = &mut self.misplacements;
        let land = &self.land;
        let nations_ref = &nations;
        let mut place_forces = move || -> Vec<ForceView<'_>> {
            let forces = scenario
                .forces()
                .map(|(id, force)| {
                    let p = force.position;
                    let affiliation = nations_ref.affiliation(&force.nation);
                    let inside = in_ukraine.get_or((p.x().to_bits(), p.y().to_bits()), || {
                        territory.is_some_and(|t| t.ukraine.contains(p))
                    });
                    let misplaced = if location_on {
                        let class = match force.component {
                            Component::Land | Component::AirDefense | Component::Logistics => 0,
                            Component::Maritime => 1,
                            _ => 2,
                        };
                        let key = (
                            p.x().to_bits(),
                            p.y().to_bits(),
                            class,
                            matches!(
                                affiliation,
                                Affiliation::Guarantor | Affiliation::Backstop | Affiliation::Host
                            ),
                            inside,
                            if class == 1 { coast_km.to_bits() } else { 0 },
                            nations_ref.adversary.clone(),
                        );
                        misplacements.get_or(key, || {
                            misplacement(
                                force,
                                affiliation,
                                inside,
                                front_now,
                                nations_ref,
                                land,
                                coast_km,
                            )
                        })
                    } else {
                        None
                    };
                    ForceView {
                        id,
                        force,
                        in_ukraine: inside,
                        affiliation,
                        misplaced,
                    }
                })
                .collect();
            in_ukraine.sweep();
            misplacements.sweep();
            forces
        };

        // Geometry of each demarcation, from the cache where its coordinates did not change;
        // measured here while the forces are placed beside (neither needs the other).
        let snap_km = number("demarcation-geometry", "snap_km");
        let lines = &mut self.lines;
        let lines_measured = &mut self.lines_measured;
        let lines_remeasured = &mut self.lines_remeasured;
        let bases = &mut self.bases;
        let territory_result = &self.territory;
        let front_key_ref = &front_key;
        let mut measure_lines = || {
            let mut measured_lines = Vec::new();
            for feature in &scenario.features {
                let Item::Demarcation(d) = &feature.item else {
                    continue;
                };
                let geometry = match (territory_result, &front_geometry) {
                    (Ok(territory), Ok(front)) => lines.get_or(
                        (line_key(&d.line), front_key_ref.clone(), snap_km.to_bits()),
                        || {
                            *lines_measured += 1;
                            let base = bases.get(&feature.id).filter(|b| {
                                b.front == *front_key_ref && b.snap_km == snap_km.to_bits()
                            });
                            let (measured, from_base) = measure_line_from(
                                territory,
                                front,
                                base.map(|b| &*b.geometry),
                                &d.line,
                                snap_km,
                            );
                            let measured = measured.map(Arc::new);
                            if from_base {
                                *lines_remeasured += 1;
                            } else if let Ok(g) = &measured {
                                bases.insert(
                                    feature.id.clone(),
                                    LineBase {
                                        front: front_key_ref.clone(),
                                        snap_km: snap_km.to_bits(),
                                        geometry: Arc::clone(g),
                                    },
                                );
                            }
                            measured
                        },
                    ),
                    (Err(e), _) | (_, Err(e)) => Err(e.clone()),
                };
                measured_lines.push((feature, d, geometry));
            }
            measured_lines
        };
        let (forces, measured_lines) = if forces_moved {
            crate::parallel::beside(place_forces, measure_lines)
        } else {
            (place_forces(), measure_lines())
        };

        let misplaced: Vec<MisplacedForce> = forces
            .iter()
            .filter_map(|f| {
                f.misplaced.as_ref().map(|reason| MisplacedForce {
                    force: f.id.to_owned(),
                    position: f.force.position,
                    reason: reason.clone(),
                })
            })
            .collect();
        let ledger = ledger(
            &forces,
            number("force-sufficiency", "max_readiness_days"),
            number("rapid-reaction", "nrf_days"),
            number("rapid-reaction", "vjtf_days"),
        );

        // Monitors that count: troops on the map, standing where they can, of no adversary.
        let monitors: Vec<Point> = forces
            .iter()
            .filter(|f| {
                f.force.role == Role::Monitor
                    && f.counts()
                    && f.affiliation != Affiliation::Adversary
            })
            .map(|f| f.force.position)
            .collect();
        let radius_km = number("line-monitoring", "radius_km");
        let monitors_key: Key = monitors
            .iter()
            .flat_map(|p| [p.x().to_bits(), p.y().to_bits()])
            .collect();
        let coverages = &mut self.coverages;
        let mut cover_of = |line: &LineString| {
            coverages.get_or(
                (line_key(line), monitors_key.clone(), radius_km.to_bits()),
                || Arc::new(coverage(line, &monitors, radius_km)),
            )
        };
        let mut line_views = Vec::new();
        let mut stats = Vec::new();
        for (feature, d, geometry) in measured_lines {
            let (s, share) = match &geometry {
                Ok(g) => {
                    // Monitoring is measured along the whole line of control.
                    let cover = cover_of(&g.completed);
                    (
                        stats_of(&feature.id, d.name.as_deref(), g, &cover),
                        cover.share,
                    )
                }
                Err(_) => (
                    DemarcationStats::invalid(&feature.id, d.name.as_deref()),
                    0.0,
                ),
            };
            stats.push(s);
            line_views.push(LineView {
                id: &feature.id,
                label: d.name.as_deref().unwrap_or(&feature.id),
                line: &d.line,
                geometry,
                monitored_share: share,
            });
        }
        // Without a demarcation that splits Ukraine, today's front line is the line of control.
        let front_monitoring = match &front_geometry {
            Ok(front) if !line_views.iter().any(|l| l.geometry.is_ok()) => {
                let cover = cover_of(&front.line);
                Some(FrontMonitoring {
                    monitored_share: cover.share,
                    unmonitored: cover.uncovered.clone(),
                })
            }
            _ => None,
        };

        // What each guarantee area covers (its parts united), cached per area and front line.
        let mut measured_covers = covers_job
            .and_then(|job| job.recv().ok())
            .unwrap_or_default();
        let mut guarantee_covers = Vec::new();
        let mut area_stats = Vec::new();
        if let Ok(front) = &front_geometry {
            for ((id, area), area_key) in scenario.guarantee_areas().zip(area_keys) {
                let key = (area_key, front_key.clone());
                let ready = measured_covers
                    .iter()
                    .position(|(k, _)| *k == key.0)
                    .map(|i| measured_covers.swap_remove(i).1);
                let (share, occupied_km2) = self.covers.get_or(key, || {
                    ready.unwrap_or_else(|| guarantee_cover(front, &area.area))
                });
                guarantee_covers.push((
                    id,
                    area.name.as_deref().unwrap_or(id),
                    share,
                    occupied_km2,
                    &area.area,
                ));
                area_stats.push(GuaranteeAreaStats {
                    id: id.to_owned(),
                    name: area.name.clone(),
                    cover_share: share,
                    occupied_km2,
                });
            }
        }
        self.covers.sweep();

        let context = Context {
            guarantee_covers,
            front_monitoring: front_monitoring.clone(),
            scenario,
            nations,
            territory,
            front: front_geometry.as_ref().ok().map(|f| &**f),
            cities: &self.cities,
            forces,
            lines: line_views,
            ledger,
        };
        let mut output = RuleOutput::default();
        for (rule, p) in rules().iter().zip(&params) {
            if p.enabled {
                rule.check(&context, p, &mut output);
            }
        }
        let RuleOutput {
            mut findings,
            standoff,
            uncovered_cities,
        } = output;
        findings.sort_by(|a, b| {
            a.severity
                .cmp(&b.severity)
                .then(rule_order(a.rule).cmp(&rule_order(b.rule)))
                .then(a.subject.cmp(&b.subject))
        });
        let summary = Summary::of(&findings);
        let forces = context.ledger;
        self.lines.sweep();
        self.bases
            .retain(|id, _| scenario.feature_index(id).is_some());
        self.coverages.sweep();
        self.fronts.used.push(line_key(&self.bundled_front));
        self.fronts.sweep();
        Report {
            findings,
            demarcations: stats,
            guarantee_areas: area_stats,
            front_monitoring,
            misplaced,
            forces,
            standoff,
            uncovered_cities,
            belt_cities: self
                .territory
                .as_ref()
                .map(|t| t.belt.clone())
                .unwrap_or_default(),
            summary,
            input_errors,
        }
    }
}

/// The share of today's Ukrainian-controlled side that `area` covers and the km² of today's
/// occupied side inside it, its parts united. Each part's area inside a side comes from the two
/// boundaries (`IndexedArea::intersection_km2`), never a boolean intersection with the whole side.
fn guarantee_cover(front: &FrontGeometry, area: &MultiPolygon) -> (f64, f64) {
    let united = unite(area);
    let within = |side: &super::geometry::IndexedArea| -> f64 {
        united.iter().map(|p| side.intersection_km2(p)).sum()
    };
    (
        within(&front.free) / front.free.km2,
        within(&front.occupied),
    )
}

/// The parts of an area united, so that overlapping parts count once.
fn unite(area: &MultiPolygon) -> MultiPolygon {
    area.iter().fold(MultiPolygon::new(vec![]), |acc, part| {
        acc.union(&MultiPolygon::new(vec![part.clone()]))
    })
}

/// How far beyond today's line a force may stand and still count as on it, km.
const ON_THE_LINE_KM: f64 = 1.0;

/// Why `force` cannot stand where it is (`force-location`), a short phrase, or `None`.
fn misplacement(
    force: &Force,
    affiliation: Affiliation,
    in_ukraine: bool,
    front: Option<&FrontGeometry>,
    nations: &NationLists,
    land: &Land,
    coast_km: f64,
) -> Option<String> {
    let p = force.position;
    let at = land.country_at(p);
    match force.component {
        Component::Land | Component::AirDefense | Component::Logistics if at.is_none() => {
            return Some("at sea".to_owned());
        }
        Component::Maritime if !land.near_sea(p, coast_km) => {
            return Some(format!(
                "more than {} km inland",
                super::context::amount(coast_km)
            ));
        }
        _ => {}
    }
    if matches!(
        affiliation,
        Affiliation::Guarantor | Affiliation::Backstop | Affiliation::Host
    ) {
        if let Some((iso, name)) = at
            && nations.adversary.iter().any(|n| n == iso)
        {
            let country = nation_name(iso).unwrap_or(name);
            return Some(format!("inside {country} ({iso}), an adversary nation"));
        }
        // A force on today's line (a monitor snapped to it) is not in the occupied area: the
        // line is drawn to within about a kilometre.
        if in_ukraine
            && front.is_some_and(|f| {
                f.occupied.contains(p)
                    && crate::spatial::distance_to_line_km(p, &f.line) > ON_THE_LINE_KM
            })
        {
            return Some("in today's occupied area".to_owned());
        }
    }
    None
}

pub(super) fn prepare_territory(base: &BaseMap) -> Result<Territory, String> {
    let ukraine = base
        .ukraine()
        .ok_or("the map holds no Ukraine (UA)")?
        .geometry
        .clone();
    let oblast = |iso: &str, name: &str| {
        base.oblast(iso)
            .map(|o| IndexedArea::new(o.geometry.clone()))
            .ok_or(format!("the map holds no {name} oblast ({iso})"))
    };
    let belt = BELT_CITIES
        .iter()
        .map(|name| {
            base.city(name)
                .map(|c| ((*name).to_owned(), c.position))
                .ok_or(format!("the map's cities layer holds no {name}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let crimea = [("UA-43", "Crimea"), ("UA-40", "Sevastopol")]
        .iter()
        .map(|(iso, name)| {
            base.oblast(iso)
                .map(|o| o.geometry.clone())
                .ok_or(format!("the map holds no {name} ({iso})"))
        })
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .fold(MultiPolygon::new(vec![]), |acc, m| acc.union(&m));
    Ok(Territory {
        crimea: IndexedArea::new(crimea),
        ukraine: IndexedArea::new(ukraine),
        donetsk: oblast("UA-14", "Donetsk")?,
        luhansk: oblast("UA-09", "Luhansk")?,
        belt,
    })
}

fn stats_of(
    id: &str,
    name: Option<&str>,
    g: &LineGeometry,
    cover: &crate::spatial::Coverage,
) -> DemarcationStats {
    DemarcationStats {
        id: id.to_owned(),
        name: name.map(str::to_owned),
        valid: true,
        // An empty area sums to -0.0; reports show 0.
        ceded_km2: g.ceded_km2.max(0.0) + 0.0,
        gained_km2: g.gained_km2.max(0.0) + 0.0,
        max_advance_km: g.max_advance_km,
        donetsk_share: g.donetsk_share,
        luhansk_share: g.luhansk_share,
        belt_depth_km: g.belt_depth_km.clone(),
        monitored_share: cover.share,
        ceded_area: g.ceded.clone(),
        gained_area: g.gained.clone(),
        unmonitored: cover.uncovered.clone(),
        furthest_advance: g.furthest,
    }
}

/// Sums strength for the ledger and the force rules. Only forces that count (strength above 0,
/// standing where they can) are summed; misplaced forces are summed apart.
fn ledger(
    forces: &[ForceView],
    max_readiness_days: f64,
    nrf_days: f64,
    vjtf_days: f64,
) -> ForceLedger {
    let mut ledger = ForceLedger::default();
    for f in forces {
        let force = f.force;
        let strength = force.strength;
        if f.misplaced.is_some() {
            ledger.misplaced += strength;
            continue;
        }
        let land = force.component == Component::Land && force.role != Role::Monitor;
        if f.is_host() && force.component == Component::Land {
            ledger.host_land += strength;
        }
        if !f.is_guarantor() {
            continue;
        }
        if land {
            ledger.guarantor_land += strength;
            if f.in_ukraine {
                ledger.guarantor_land_in_ukraine += strength;
            }
            if f.is_european() {
                ledger.european_land_any_readiness += strength;
                if force.readiness_days <= max_readiness_days {
                    ledger.european_land += strength;
                }
            } else {
                ledger.backstop_land += strength;
            }
        }
        *ledger.by_nation.entry(force.nation.clone()).or_default() += strength;
        let split = ledger
            .by_nation_split
            .entry(force.nation.clone())
            .or_default();
        if f.in_ukraine {
            split.0 += strength;
        } else {
            split.1 += strength;
        }
        *ledger
            .by_component
            .entry(force.component.as_str().to_owned())
            .or_default() += strength;
        if force.readiness_days <= nrf_days {
            ledger.ready_within_nrf_days += strength;
        }
        if force.readiness_days <= vjtf_days {
            ledger.ready_within_vjtf_days += strength;
        }
        if f.is_european() && is_combat(force) {
            ledger.european_combat += strength;
            if force.readiness_days <= nrf_days {
                ledger.european_ready_nrf += strength;
            }
            if force.readiness_days <= vjtf_days {
                ledger.european_ready_vjtf += strength;
            }
        }
    }
    ledger
}

/// Whether a force is a combat force for `rapid-reaction`: land, air, maritime or air-defense,
/// and not a monitor.
pub fn is_combat(force: &Force) -> bool {
    matches!(
        force.component,
        Component::Land | Component::Air | Component::Maritime | Component::AirDefense
    ) && force.role != Role::Monitor
}
