//! The bundled base map: countries, Ukraine's oblasts, cities, today's front line and the occupied
//! area. The files in `maps/` are embedded at compile time, so the program needs no files at run
//! time; `maps/SOURCES.md` says where each comes from and how `tools/build-maps` rebuilds it.

use super::geojson_read::{FeatureReader, GeoJsonError, parse_collection};
use geo::{Coord, Distance, Haversine, LineString, MultiPolygon, Point};

/// The bundled GeoJSON texts, as embedded in the binary.
pub mod bundled {
    /// Natural Earth 1:10m admin-0 polygons, Crimea with Ukraine.
    pub const COUNTRIES: &str = include_str!("../../maps/countries.geojson");
    /// Ukraine's 27 first-level units.
    pub const OBLASTS: &str = include_str!("../../maps/oblasts.geojson");
    /// Ukrainian places ≥ 20,000 inhabitants, front-line towns and European capitals.
    pub const CITIES: &str = include_str!("../../maps/cities.geojson");
    /// The line of contact, mid/late August 2025 (approximate).
    pub const FRONT_LINE: &str = include_str!("../../maps/front-line.geojson");
    /// The Russian-controlled side of the front line inside Ukraine, made by `spatial::split`.
    pub const OCCUPIED: &str = include_str!("../../maps/occupied.geojson");
}

/// A country of the admin-0 layer.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    /// English short name ("United Kingdom").
    pub name: String,
    /// ISO 3166-1 alpha-2 code ("GB").
    pub iso_a2: String,
    /// Its land, WGS84 lon/lat.
    pub geometry: MultiPolygon,
}

/// One of Ukraine's 27 first-level units.
#[derive(Debug, Clone, PartialEq)]
pub struct Oblast {
    /// English name ("Donetsk").
    pub name: String,
    /// ISO 3166-2 code ("UA-14").
    pub iso_3166_2: String,
    /// Its territory, WGS84 lon/lat.
    pub geometry: MultiPolygon,
}

/// A populated place.
#[derive(Debug, Clone, PartialEq)]
pub struct City {
    /// Name in the spelling of domain.md ("Kostiantynivka").
    pub name: String,
    /// Inhabitants.
    pub population: u64,
    /// ISO 3166-1 alpha-2 code of its country.
    pub country: String,
    /// Whether it is a national capital.
    pub capital: bool,
    /// Its position, WGS84 lon/lat.
    pub position: Point,
}

/// Farthest gap between the parts of a MultiLineString front line that are joined into one line.
const FRONT_PART_JOIN_M: f64 = 1_000.0;

/// The line of contact.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontLine {
    /// The line, WGS84 lon/lat, from one end outside Ukraine's land to the other.
    pub line: LineString,
    /// The date it describes, if the file says.
    pub as_of: Option<String>,
    /// Where it comes from, if the file says.
    pub source: Option<String>,
}

impl FrontLine {
    /// Reads a front line from GeoJSON: the first feature with a LineString or MultiLineString
    /// geometry. The parts of a MultiLineString must follow on from one another (each starting
    /// within 1 km of where the one before ends), because a front line is one line.
    pub fn from_geojson(file: &str, text: &str) -> Result<Self, GeoJsonError> {
        let collection = parse_collection(file, text)?;
        let Some((index, feature)) = collection.features.iter().enumerate().next() else {
            return Err(GeoJsonError::Collection {
                file: file.to_owned(),
                reason: "no feature: expected one LineString or MultiLineString".to_owned(),
            });
        };
        let reader = FeatureReader::new(file, feature, index);
        let parts = reader.lines()?;
        let mut coords: Vec<Coord> = Vec::new();
        for part in parts.0 {
            if let (Some(last), Some(first)) = (coords.last(), part.0.first()) {
                let gap = Haversine.distance(Point::from(*last), Point::from(*first));
                if gap > FRONT_PART_JOIN_M {
                    return Err(GeoJsonError::Geometry {
                        file: file.to_owned(),
                        feature: reader.reference(),
                        expected: "one connected line (each part starting where the last ends)",
                        found: format!("a gap of {:.1} km between parts", gap / 1000.0),
                    });
                }
            }
            let skip = usize::from(coords.last() == part.0.first());
            coords.extend(part.0.into_iter().skip(skip));
        }
        if coords.len() < 2 {
            return Err(GeoJsonError::Geometry {
                file: file.to_owned(),
                feature: reader.reference(),
                expected: "a line of at least two points",
                found: format!("{} point(s)", coords.len()),
            });
        }
        Ok(Self {
            line: LineString::new(coords),
            as_of: reader.opt_string("as_of")?,
            source: reader.opt_string("source")?,
        })
    }
}

/// Every bundled layer, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct BaseMap {
    /// Countries of Europe and its surroundings.
    pub countries: Vec<Country>,
    /// Ukraine's oblasts, Crimea, Kyiv City and Sevastopol.
    pub oblasts: Vec<Oblast>,
    /// Cities.
    pub cities: Vec<City>,
    /// Today's line of contact.
    pub front_line: FrontLine,
    /// The Russian-controlled side of the front line inside Ukraine.
    pub occupied: MultiPolygon,
}

impl BaseMap {
    /// Parses the layers embedded in the binary.
    pub fn bundled() -> Result<Self, GeoJsonError> {
        Ok(Self {
            countries: parse_countries("countries.geojson", bundled::COUNTRIES)?,
            oblasts: parse_oblasts("oblasts.geojson", bundled::OBLASTS)?,
            cities: parse_cities("cities.geojson", bundled::CITIES)?,
            front_line: FrontLine::from_geojson("front-line.geojson", bundled::FRONT_LINE)?,
            occupied: parse_areas("occupied.geojson", bundled::OCCUPIED)?,
        })
    }

    /// The country with this ISO 3166-1 alpha-2 code.
    pub fn country(&self, iso_a2: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.iso_a2 == iso_a2)
    }

    /// Ukraine, in its internationally recognised borders (Crimea included).
    pub fn ukraine(&self) -> Option<&Country> {
        self.country("UA")
    }

    /// The oblast with this ISO 3166-2 code ("UA-14").
    pub fn oblast(&self, iso_3166_2: &str) -> Option<&Oblast> {
        self.oblasts.iter().find(|o| o.iso_3166_2 == iso_3166_2)
    }

    /// The city of this name.
    pub fn city(&self, name: &str) -> Option<&City> {
        self.cities.iter().find(|c| c.name == name)
    }
}

/// Parses a countries layer (properties `name`, `iso_a2`).
pub fn parse_countries(file: &str, text: &str) -> Result<Vec<Country>, GeoJsonError> {
    let collection = parse_collection(file, text)?;
    collection
        .features
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let r = FeatureReader::new(file, f, i);
            Ok(Country {
                name: r.string("name")?,
                iso_a2: r.string("iso_a2")?,
                geometry: r.areas()?,
            })
        })
        .collect()
}

/// Parses an oblasts layer (properties `name`, `iso_3166_2`).
pub fn parse_oblasts(file: &str, text: &str) -> Result<Vec<Oblast>, GeoJsonError> {
    let collection = parse_collection(file, text)?;
    collection
        .features
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let r = FeatureReader::new(file, f, i);
            Ok(Oblast {
                name: r.string("name")?,
                iso_3166_2: r.string("iso_3166_2")?,
                geometry: r.areas()?,
            })
        })
        .collect()
}

/// Parses a cities layer (properties `name`, `population`, `country`, optional `capital`).
pub fn parse_cities(file: &str, text: &str) -> Result<Vec<City>, GeoJsonError> {
    let collection = parse_collection(file, text)?;
    collection
        .features
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let r = FeatureReader::new(file, f, i);
            Ok(City {
                name: r.string("name")?,
                population: r.count("population")?,
                country: r.string("country")?,
                capital: r.flag("capital")?,
                position: r.point()?,
            })
        })
        .collect()
}

/// Parses every Polygon/MultiPolygon feature of a layer into one MultiPolygon.
pub fn parse_areas(file: &str, text: &str) -> Result<MultiPolygon, GeoJsonError> {
    let collection = parse_collection(file, text)?;
    let mut polygons = Vec::new();
    for (i, f) in collection.features.iter().enumerate() {
        polygons.extend(FeatureReader::new(file, f, i).areas()?.0);
    }
    Ok(MultiPolygon::new(polygons))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_line_front_is_joined_when_parts_meet() {
        let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
            "geometry":{"type":"MultiLineString","coordinates":[[[30,50],[31,50]],[[31,50],[32,49]]]}}]}"#;
        let front = FrontLine::from_geojson("f.geojson", text).expect("joins");
        assert_eq!(front.line.0.len(), 3);
    }

    #[test]
    fn multi_line_front_with_gap_is_refused() {
        let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
            "geometry":{"type":"MultiLineString","coordinates":[[[30,50],[31,50]],[[32,50],[33,49]]]}}]}"#;
        let err = FrontLine::from_geojson("f.geojson", text).expect_err("gap");
        assert!(err.to_string().contains("gap of 71"), "{err}");
    }
}
