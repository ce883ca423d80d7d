//! Eased flights from one view of the map to another: the one interpolation that presentation
//! mode (`ui::map_view`) and the walkthrough video (`export::video`) both follow, free of any GUI
//! toolkit, so the video flies between steps exactly as the presenter's window does.

/// How long the flight from one presentation step's view to the next lasts, seconds (the window's
/// presentation mode and the video).
pub const STEP_FLIGHT_SECONDS: f64 = 1.0;

/// Where the map looks: the centre in world units (Web Mercator, 0..1 across the world) and the
/// slippy-map zoom level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewPose {
    /// Centre, world units.
    pub center: [f64; 2],
    /// Zoom level.
    pub zoom: f64,
}

/// Slow out of the start, fast through the middle, slow into the end.
pub fn ease_in_out_cubic(t: f64) -> f64 {
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

/// An eased flight between two views over a fixed time: centre and zoom move together along
/// [`ease_in_out_cubic`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flight {
    /// Where it starts.
    pub from: ViewPose,
    /// Where it ends.
    pub to: ViewPose,
    /// How long it lasts, seconds (at least 0.01).
    pub duration: f64,
}

impl Flight {
    /// A flight of `seconds` from `from` to `to`.
    pub fn new(from: ViewPose, to: ViewPose, seconds: f64) -> Self {
        Self {
            from,
            to,
            duration: seconds.max(0.01),
        }
    }

    /// The share of the time gone after `elapsed` seconds, 0 to 1.
    pub fn progress(&self, elapsed: f64) -> f64 {
        (elapsed / self.duration).clamp(0.0, 1.0)
    }

    /// Whether the flight has arrived after `elapsed` seconds.
    pub fn arrived(&self, elapsed: f64) -> bool {
        self.progress(elapsed) >= 1.0
    }

    /// The view after `elapsed` seconds (the destination once arrived).
    pub fn at(&self, elapsed: f64) -> ViewPose {
        let e = ease_in_out_cubic(self.progress(elapsed));
        let lerp = |a: f64, b: f64| a + (b - a) * e;
        ViewPose {
            center: [
                lerp(self.from.center[0], self.to.center[0]),
                lerp(self.from.center[1], self.to.center[1]),
            ],
            zoom: lerp(self.from.zoom, self.to.zoom),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flight_starts_and_ends_exactly_and_eases_between() {
        let from = ViewPose {
            center: [0.55, 0.33],
            zoom: 6.0,
        };
        let to = ViewPose {
            center: [0.60, 0.35],
            zoom: 8.0,
        };
        let flight = Flight::new(from, to, STEP_FLIGHT_SECONDS);
        assert_eq!(flight.at(0.0), from);
        assert_eq!(flight.at(STEP_FLIGHT_SECONDS), to);
        assert_eq!(flight.at(5.0), to);
        assert!(flight.arrived(STEP_FLIGHT_SECONDS) && !flight.arrived(0.99));
        // Symmetric about the middle, slow at both ends.
        let share = |s: f64| (flight.at(s).zoom - 6.0) / 2.0;
        assert!((share(0.5) - 0.5).abs() < 1e-12);
        assert!((share(0.1) + share(0.9) - 1.0).abs() < 1e-12);
        assert!(share(0.1) < 0.01);
    }
}
