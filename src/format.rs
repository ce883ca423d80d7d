//! Numbers, areas, distances and positions as Armistice writes them, in one place: the rules'
//! messages, the command line, the exports and the window all read them from here, so "100,000
//! troops" and "3.2 km" look the same everywhere. Free of egui.

/// A number as people write it: no trailing ".0", no exponent.
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        format!("{n}")
    }
}

/// A count with its noun: "1 force", "3 forces", "0 problems".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Thousands separated by commas: 100000 → "100,000".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A km or km² figure with one decimal below 100 and thousands separators above.
pub fn figure(x: f64) -> String {
    if x.abs() < 0.05 {
        // No "-0.0" for a rounding residue.
        "0.0".to_owned()
    } else if x.abs() < 100.0 {
        format!("{x:.1}")
    } else {
        // Rounded to a whole number; saturating for absurd values.
        let whole = x.abs().round() as u64;
        let sign = if x < 0.0 { "-" } else { "" };
        format!("{sign}{}", thousands(whole))
    }
}

/// A threshold as the user wrote it, with thousands separators: 1000 → "1,000", 0.5 → "0.5".
pub fn amount(x: f64) -> String {
    if x.fract() == 0.0 && (0.0..1e15).contains(&x) {
        // Whole and in range: the cast is exact.
        thousands(x as u64)
    } else {
        number(x)
    }
}

/// A share as a percentage: 0.756 → "75.6%".
pub fn percent(share: f64) -> String {
    let p = share * 100.0;
    if p.is_finite() && p.abs() >= 0.05 {
        format!("{p:.1}%")
    } else {
        // No "-0.0%" for a rounding residue or a zero-area figure.
        "0.0%".to_owned()
    }
}

/// A position as "48.7234° N  37.5600° E" (latitude first, as planners read it).
pub fn lonlat(lon: f64, lat: f64) -> String {
    let ns = if lat >= 0.0 { 'N' } else { 'S' };
    let ew = if lon >= 0.0 { 'E' } else { 'W' };
    format!("{:.4}° {ns}  {:.4}° {ew}", lat.abs(), lon.abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_well() {
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(figure(3.24), "3.2");
        assert_eq!(figure(12_345.6), "12,346");
        assert_eq!(figure(-0.0), "0.0");
        assert_eq!(figure(-0.01), "0.0");
        assert_eq!(amount(1000.0), "1,000");
        assert_eq!(amount(7.0), "7");
        assert_eq!(amount(2.5), "2.5");
        assert_eq!(percent(0.756), "75.6%");
        assert_eq!(number(0.99), "0.99");
        assert_eq!(number(5.0), "5");
        assert_eq!(counted(1, "problem", "problems"), "1 problem");
        assert_eq!(counted(0, "problem", "problems"), "0 problems");
        assert_eq!(counted(2, "force", "forces"), "2 forces");
    }

    #[test]
    fn positions_name_their_hemispheres() {
        assert_eq!(lonlat(37.56, 48.7234), "48.7234° N  37.5600° E");
        assert_eq!(lonlat(-0.5, -1.25), "1.2500° S  0.5000° W");
    }
}
