//! Copies of a plan as planners make them, for benchmarks and tests: every force, demarcation
//! vertex and guarantee-area vertex moved by 1 to 10 m in a random direction, so a copy is close
//! to its original everywhere and identical nowhere (a line copied from today's front becomes a
//! line drawn by snapping to it). Deterministic: the same seed gives the same copy, so the
//! benches (`benches/rules.rs`) and the rules' tests measure the same lines.

use super::Scenario;
use super::scenario::Item;
use geo::Coord;

/// A small deterministic generator (SplitMix64).
struct Jitter(u64);

impl Jitter {
    fn next_unit(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        // The top 53 bits as a fraction in [0, 1).
        (z >> 11) as f64 / (1u64 << 53) as f64
    }

    /// `c` moved by 1 to 10 m in a random direction.
    fn moved(&mut self, c: Coord) -> Coord {
        const M_PER_DEG_LAT: f64 = 111_320.0;
        let r = 1.0 + 9.0 * self.next_unit();
        let azimuth = std::f64::consts::TAU * self.next_unit();
        Coord {
            x: c.x + r * azimuth.sin() / (M_PER_DEG_LAT * c.y.to_radians().cos()),
            y: c.y + r * azimuth.cos() / M_PER_DEG_LAT,
        }
    }

    /// Moves every vertex of `ring`; a closing vertex moves with the first, so rings stay closed.
    fn move_ring(&mut self, ring: &mut [Coord]) {
        let closed = ring.len() > 1 && ring.first() == ring.last();
        let open = if closed { ring.len() - 1 } else { ring.len() };
        for c in ring.iter_mut().take(open) {
            *c = self.moved(*c);
        }
        if closed
            && let Some(&first) = ring.first()
            && let Some(last) = ring.last_mut()
        {
            *last = first;
        }
    }
}

/// `scenario` with every force, demarcation vertex and guarantee-area vertex moved by 1–10 m,
/// the draws taken in file order from a generator seeded with `seed`.
pub fn perturbed(scenario: &Scenario, seed: u64) -> Scenario {
    let mut jitter = Jitter(seed);
    let mut copy = scenario.clone();
    for feature in &mut copy.features {
        match &mut feature.item {
            Item::Force(f) => f.position = jitter.moved(f.position.0).into(),
            Item::Demarcation(d) => {
                for c in &mut d.line.0 {
                    *c = jitter.moved(*c);
                }
            }
            Item::GuaranteeArea(a) => {
                for polygon in &mut a.area.0 {
                    polygon.exterior_mut(|ring| jitter.move_ring(&mut ring.0));
                    polygon.interiors_mut(|rings| {
                        for ring in rings {
                            jitter.move_ring(&mut ring.0);
                        }
                    });
                }
            }
            Item::Other => {}
        }
    }
    copy
}
