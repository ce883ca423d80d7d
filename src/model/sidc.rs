//! Symbol identification codes (SIDC) of APP-6 D/E and MIL-STD-2525 D/E: the 20 digits that
//! decide a force's military symbol. A force's optional `sidc` property is parsed into a [`Sidc`]
//! ("parse, don't validate"); without one, [`Sidc::derive`] makes the code from the force's
//! nation (its part in the plan), component, role and echelon. Which symbols the program can
//! draw is the catalogue's business (`scene::symbology`); this module only knows the code.
//!
//! The digits, counted from 1: 1–2 version, 3 context, 4 standard identity, 5–6 symbol set,
//! 7 status, 8 headquarters / task force / dummy, 9–10 amplifier (the echelon of a unit),
//! 11–16 entity, entity type and subtype, 17–18 and 19–20 sector modifiers.

use super::scenario::{Affiliation, Component, Echelon, Force, Role};
use std::fmt;

/// An example of a well-formed code, for messages: a friendly mechanised infantry brigade.
pub const EXAMPLE: &str = "10031000181211020000";

/// What a `sidc` value must be, for messages.
pub const EXPECTED: &str =
    "a 20-digit APP-6 D/E / MIL-STD-2525 D/E symbol code (SIDC) such as 10031000181211020000";

/// The symbol sets of APP-6 D/E and MIL-STD-2525 D/E (digits 5–6).
pub const SYMBOL_SETS: [&str; 23] = [
    "01", "02", "05", "06", "10", "11", "15", "20", "25", "27", "30", "35", "36", "40", "45", "46",
    "47", "50", "51", "52", "53", "54", "60",
];

/// Symbol set: air.
pub const SET_AIR: &str = "01";
/// Symbol set: land unit.
pub const SET_LAND_UNIT: &str = "10";
/// Symbol set: land equipment.
pub const SET_LAND_EQUIPMENT: &str = "15";
/// Symbol set: sea surface.
pub const SET_SEA_SURFACE: &str = "30";
/// Symbol set: sea subsurface.
pub const SET_SEA_SUBSURFACE: &str = "35";

/// Why a text is not a SIDC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SidcError {
    /// Not 20 characters, or not all digits.
    NotTwentyDigits,
    /// Digits 1–2 name no edition of the standard.
    Version(String),
    /// Digit 3 is no context.
    Context(char),
    /// Digit 4 is no standard identity.
    Identity(char),
    /// Digits 5–6 name no symbol set.
    SymbolSet(String),
    /// Digit 7 is no status.
    Status(char),
}

/// Reads after "expected": "property \"sidc\": expected digit 4 (standard identity) to be 0
/// to 6, not 8, in a 20-digit … code".
impl fmt::Display for SidcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotTwentyDigits => f.write_str(EXPECTED),
            Self::Version(v) => write!(
                f,
                "digits 1–2 (version) to be 10 to 15 (APP-6 D/E, MIL-STD-2525 D/E), not {v}, in {EXPECTED}"
            ),
            Self::Context(c) => write!(
                f,
                "digit 3 (context) to be 0 reality, 1 exercise or 2 simulation, not {c}, in {EXPECTED}"
            ),
            Self::Identity(c) => write!(
                f,
                "digit 4 (standard identity) to be 0 to 6, not {c}, in {EXPECTED}"
            ),
            Self::SymbolSet(s) => write!(
                f,
                "digits 5–6 (symbol set) to name a symbol set of the standard, not {s}, in {EXPECTED}"
            ),
            Self::Status(c) => write!(f, "digit 7 (status) to be 0 to 5, not {c}, in {EXPECTED}"),
        }
    }
}

impl std::error::Error for SidcError {}

/// A standard identity (digit 4): how the frame is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Identity {
    /// 0: not yet identified.
    Pending,
    /// 1: unknown.
    Unknown,
    /// 2: assumed friend.
    AssumedFriend,
    /// 3: friend.
    Friend,
    /// 4: neutral.
    Neutral,
    /// 5: suspect (joker in an exercise).
    Suspect,
    /// 6: hostile (faker in an exercise).
    Hostile,
}

impl Identity {
    /// The identities a planner picks from, in the standard's order.
    pub const ALL: [Self; 7] = [
        Self::Pending,
        Self::Unknown,
        Self::AssumedFriend,
        Self::Friend,
        Self::Neutral,
        Self::Suspect,
        Self::Hostile,
    ];

    /// The identity of digit 4.
    pub fn from_digit(d: char) -> Option<Self> {
        Some(match d {
            '0' => Self::Pending,
            '1' => Self::Unknown,
            '2' => Self::AssumedFriend,
            '3' => Self::Friend,
            '4' => Self::Neutral,
            '5' => Self::Suspect,
            '6' => Self::Hostile,
            _ => return None,
        })
    }

    /// Digit 4 of this identity.
    pub fn digit(self) -> char {
        match self {
            Self::Pending => '0',
            Self::Unknown => '1',
            Self::AssumedFriend => '2',
            Self::Friend => '3',
            Self::Neutral => '4',
            Self::Suspect => '5',
            Self::Hostile => '6',
        }
    }

    /// "Assumed friend".
    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Pending",
            Self::Unknown => "Unknown",
            Self::AssumedFriend => "Assumed friend",
            Self::Friend => "Friend",
            Self::Neutral => "Neutral",
            Self::Suspect => "Suspect",
            Self::Hostile => "Hostile",
        }
    }

    /// The identity of a nation's part in the plan: guarantors, backstop and host are friends,
    /// adversaries hostile, everyone else neutral.
    pub fn of(affiliation: Affiliation) -> Self {
        match affiliation {
            Affiliation::Guarantor | Affiliation::Backstop | Affiliation::Host => Self::Friend,
            Affiliation::Adversary => Self::Hostile,
            Affiliation::Other => Self::Neutral,
        }
    }
}

/// The echelons of land units (digits 9–10), team to army and above, with their names.
pub const ECHELONS: [(&str, &str); 14] = [
    ("11", "Team/crew"),
    ("12", "Squad"),
    ("13", "Section"),
    ("14", "Platoon/detachment"),
    ("15", "Company/battery/troop"),
    ("16", "Battalion/squadron"),
    ("17", "Regiment/group"),
    ("18", "Brigade"),
    ("21", "Division"),
    ("22", "Corps"),
    ("23", "Army"),
    ("24", "Army group/front"),
    ("25", "Region/theatre"),
    ("26", "Command"),
];

/// The amplifier digits (9–10) of a scenario echelon.
pub fn echelon_digits(echelon: Echelon) -> &'static str {
    match echelon {
        Echelon::Team => "11",
        Echelon::Company => "15",
        Echelon::Battalion => "16",
        Echelon::Brigade => "18",
        Echelon::Division => "21",
        Echelon::Corps => "22",
    }
}

/// A well-formed symbol identification code: 20 ASCII digits whose version, context, identity,
/// symbol set and status exist in the standard. The entity may be one the program cannot draw;
/// the catalogue then draws the closest it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sidc([u8; 20]);

impl Sidc {
    /// Parses a code; spaces around it are ignored.
    pub fn parse(text: &str) -> Result<Self, SidcError> {
        let bytes: [u8; 20] = text
            .trim()
            .as_bytes()
            .try_into()
            .map_err(|_| SidcError::NotTwentyDigits)?;
        if !bytes.iter().all(u8::is_ascii_digit) {
            return Err(SidcError::NotTwentyDigits);
        }
        let sidc = Self(bytes);
        let version = sidc.part(0, 2);
        if !("10"..="15").contains(&version) {
            return Err(SidcError::Version(version.to_owned()));
        }
        let digit = |i: usize| char::from(bytes.get(i).copied().unwrap_or(b'0'));
        if !('0'..='2').contains(&digit(2)) {
            return Err(SidcError::Context(digit(2)));
        }
        if Identity::from_digit(digit(3)).is_none() {
            return Err(SidcError::Identity(digit(3)));
        }
        if !SYMBOL_SETS.contains(&sidc.symbol_set()) {
            return Err(SidcError::SymbolSet(sidc.symbol_set().to_owned()));
        }
        if !('0'..='5').contains(&digit(6)) {
            return Err(SidcError::Status(digit(6)));
        }
        Ok(sidc)
    }

    /// Builds a code from its parts: APP-6 D, reality, status present, no modifiers. `None` if
    /// a part is not made of the right number of digits or names nothing in the standard.
    pub fn from_parts(
        identity: Identity,
        set: &str,
        hq_tf: char,
        amplifier: &str,
        entity: &str,
    ) -> Option<Self> {
        let text = format!(
            "100{}{set}0{hq_tf}{amplifier}{entity}0000",
            identity.digit()
        );
        Self::parse(&text).ok()
    }

    /// A derived code for a force without one: identity from its nation's part in the plan,
    /// symbol set and entity from its component and role, echelon from its echelon (land units
    /// only: aircraft and ships carry none).
    pub fn derive(force: &Force, affiliation: Affiliation) -> Self {
        let (set, entity) = derived_entity(force.component, force.role);
        let amplifier = match (set, force.echelon) {
            (SET_LAND_UNIT, Some(e)) => echelon_digits(e),
            _ => "00",
        };
        let mut digits = *b"10030000000000000000";
        let identity = Identity::of(affiliation).digit();
        digits[3] = identity as u8;
        digits[4..6].copy_from_slice(set.as_bytes());
        digits[8..10].copy_from_slice(amplifier.as_bytes());
        digits[10..16].copy_from_slice(entity.as_bytes());
        Self(digits)
    }

    /// An infantry unit of `identity` without echelon: the legend's key for that identity.
    pub fn infantry(identity: Identity) -> Self {
        let mut digits = *b"10031000001211000000";
        digits[3] = identity.digit() as u8;
        Self(digits)
    }

    fn part(&self, from: usize, to: usize) -> &str {
        // Only ASCII digits are ever stored.
        std::str::from_utf8(self.0.get(from..to).unwrap_or_default()).unwrap_or_default()
    }

    /// The 20 digits.
    pub fn as_str(&self) -> &str {
        self.part(0, 20)
    }

    /// The standard identity (digit 4).
    pub fn identity(&self) -> Identity {
        self.0
            .get(3)
            .and_then(|d| Identity::from_digit(char::from(*d)))
            .unwrap_or(Identity::Unknown)
    }

    /// The symbol set (digits 5–6): "10" for land units.
    pub fn symbol_set(&self) -> &str {
        self.part(4, 6)
    }

    /// Headquarters, task force, dummy (digit 8): 0 none, 2 headquarters, 4 task force, …
    pub fn hq_tf(&self) -> char {
        self.0.get(7).map_or('0', |d| char::from(*d))
    }

    /// The amplifier (digits 9–10): the echelon of a land unit, "00" for none.
    pub fn amplifier(&self) -> &str {
        self.part(8, 10)
    }

    /// Entity, entity type and subtype (digits 11–16).
    pub fn entity(&self) -> &str {
        self.part(10, 16)
    }

    /// The same code with another identity.
    pub fn with_identity(mut self, identity: Identity) -> Self {
        if let Some(d) = self.0.get_mut(3) {
            *d = identity.digit() as u8;
        }
        self
    }

    /// The same code with other amplifier digits (9–10); `amplifier` must be two digits.
    pub fn with_amplifier(mut self, amplifier: &str) -> Self {
        if let (Some(slot), [a, b]) = (self.0.get_mut(8..10), amplifier.as_bytes())
            && a.is_ascii_digit()
            && b.is_ascii_digit()
        {
            slot.copy_from_slice(&[*a, *b]);
        }
        self
    }

    /// The same code with another headquarters / task force digit (8).
    pub fn with_hq_tf(mut self, hq_tf: char) -> Self {
        if let Some(d) = self.0.get_mut(7)
            && hq_tf.is_ascii_digit()
        {
            *d = hq_tf as u8;
        }
        self
    }

    /// The same code for another symbol set and entity: identity, status, headquarters and
    /// echelon are kept (the echelon only within land units), modifiers dropped.
    pub fn with_entity(mut self, set: &str, entity: &str) -> Self {
        let (Ok(set), Ok(entity)) = (
            <[u8; 2]>::try_from(set.as_bytes()),
            <[u8; 6]>::try_from(entity.as_bytes()),
        ) else {
            return self;
        };
        if !set.iter().chain(&entity).all(u8::is_ascii_digit) {
            return self;
        }
        let was_unit = self.symbol_set() == SET_LAND_UNIT;
        self.0[4..6].copy_from_slice(&set);
        self.0[10..16].copy_from_slice(&entity);
        self.0[16..20].copy_from_slice(b"0000");
        if !was_unit || self.symbol_set() != SET_LAND_UNIT {
            self.0[8..10].copy_from_slice(b"00");
        }
        self
    }
}

impl fmt::Display for Sidc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Sidc {
    type Err = SidcError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// The symbol set and entity a component and role stand for.
pub fn derived_entity(component: Component, role: Role) -> (&'static str, &'static str) {
    let monitor = role == Role::Monitor;
    match component {
        // Observers watch the line; a rapid-reaction force is light infantry; the rest stand
        // in armoured vehicles.
        Component::Land if monitor => (SET_LAND_UNIT, "121200"),
        Component::Land if role == Role::RapidReaction => (SET_LAND_UNIT, "121100"),
        Component::Land => (SET_LAND_UNIT, "121102"),
        Component::Air if monitor => (SET_AIR, "110111"),
        Component::Air => (SET_AIR, "110104"),
        Component::Maritime if monitor => (SET_SEA_SURFACE, "120500"),
        Component::Maritime => (SET_SEA_SURFACE, "120204"),
        Component::AirDefense => (SET_LAND_UNIT, "130100"),
        Component::Isr if monitor => (SET_LAND_UNIT, "121200"),
        Component::Isr => (SET_LAND_UNIT, "121600"),
        Component::Logistics => (SET_LAND_UNIT, "163400"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Point;

    fn force(component: Component, role: Role, echelon: Option<Echelon>) -> Force {
        Force {
            name: None,
            nation: "PL".into(),
            component,
            role,
            strength: 1000,
            readiness_days: 3.0,
            echelon,
            range_km: None,
            position: Point::new(30.0, 50.0),
            sidc: None,
        }
    }

    #[test]
    fn parses_and_reads_the_parts() {
        let s = Sidc::parse(" 10031000181211020000 ").unwrap();
        assert_eq!(s.as_str(), EXAMPLE);
        assert_eq!(s.identity(), Identity::Friend);
        assert_eq!(s.symbol_set(), "10");
        assert_eq!(s.amplifier(), "18");
        assert_eq!(s.hq_tf(), '0');
        assert_eq!(s.entity(), "121102");
        assert_eq!(s.to_string(), EXAMPLE);
    }

    #[test]
    fn rejects_malformed_codes() {
        use SidcError::*;
        let cases = [
            ("", NotTwentyDigits),
            ("1003100018121102000", NotTwentyDigits),
            ("100310001812110200000", NotTwentyDigits),
            ("1003100018121102000x", NotTwentyDigits),
            ("SFGPUCI----D---", NotTwentyDigits),
            ("１００３1000181211020000", NotTwentyDigits),
            ("09031000181211020000", Version("09".into())),
            ("10931000181211020000", Context('9')),
            ("10071000181211020000", Identity('7')),
            ("10039900181211020000", SymbolSet("99".into())),
            ("10031090181211020000", Status('9')),
        ];
        for (text, expected) in cases {
            assert_eq!(Sidc::parse(text), Err(expected), "{text:?}");
        }
        assert!(NotTwentyDigits.to_string().contains("20-digit"));
    }

    #[test]
    fn edits_keep_the_other_digits() {
        let s = Sidc::parse(EXAMPLE).unwrap();
        assert_eq!(
            s.with_identity(Identity::Hostile).as_str(),
            "10061000181211020000"
        );
        assert_eq!(s.with_amplifier("23").as_str(), "10031000231211020000");
        assert_eq!(s.with_hq_tf('2').as_str(), "10031002181211020000");
        // Another land unit keeps the echelon; a ship has none.
        assert_eq!(
            s.with_entity("10", "130100").as_str(),
            "10031000181301000000"
        );
        assert_eq!(
            s.with_entity("30", "120204").as_str(),
            "10033000001202040000"
        );
    }

    #[test]
    fn derives_a_code_for_every_component_role_and_affiliation() {
        let affiliations = [
            (Affiliation::Guarantor, Identity::Friend),
            (Affiliation::Backstop, Identity::Friend),
            (Affiliation::Host, Identity::Friend),
            (Affiliation::Adversary, Identity::Hostile),
            (Affiliation::Other, Identity::Neutral),
        ];
        for &component in Component::ALL {
            for &role in Role::ALL {
                for (affiliation, identity) in affiliations {
                    let f = force(component, role, Some(Echelon::Brigade));
                    let s = Sidc::derive(&f, affiliation);
                    assert_eq!(Sidc::parse(s.as_str()), Ok(s), "{s}");
                    assert_eq!(s.identity(), identity);
                    let (set, entity) = derived_entity(component, role);
                    assert_eq!((s.symbol_set(), s.entity()), (set, entity));
                    let echelon = if set == SET_LAND_UNIT { "18" } else { "00" };
                    assert_eq!(s.amplifier(), echelon, "{component} {role}");
                }
            }
        }
        let f = force(Component::Land, Role::Reassurance, Some(Echelon::Brigade));
        assert_eq!(
            Sidc::derive(&f, Affiliation::Guarantor).as_str(),
            "10031000181211020000"
        );
        let f = force(Component::Maritime, Role::Backstop, Some(Echelon::Brigade));
        assert_eq!(
            Sidc::derive(&f, Affiliation::Adversary).as_str(),
            "10063000001202040000"
        );
        let f = force(Component::AirDefense, Role::Reassurance, None);
        assert_eq!(
            Sidc::derive(&f, Affiliation::Other).as_str(),
            "10041000001301000000"
        );
    }

    #[test]
    fn every_echelon_has_digits() {
        let digits: Vec<&str> = Echelon::ALL.iter().map(|e| echelon_digits(*e)).collect();
        assert_eq!(digits, ["11", "15", "16", "18", "21", "22"]);
        assert!(digits.iter().all(|d| ECHELONS.iter().any(|(e, _)| e == d)));
    }
}
