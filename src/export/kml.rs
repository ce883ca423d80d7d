//! The scenario as KML for Google Earth: forces as placemarks with their properties in
//! ExtendedData, demarcations as lines, guarantee areas as polygons, the front line and the
//! occupied area, styled by role and colour, and the steps as a tour (`gx:Tour`, one `gx:FlyTo`
//! per step, each step's title and caption in a balloon).
//!
//! The kml crate writes the document; the root element (two namespaces) and the `gx:` tour,
//! which the crate does not model, are written through its generic [`Element`].

use crate::model::FrontLine;
use crate::model::Scenario;
use crate::model::scenario::{Affiliation, Item};
use crate::scene::PROPOSAL_COLOURS;
use crate::scene::style::{self, Rgba};
use crate::scene::symbols;
use geo::{LineString, MultiPolygon, Polygon};
use kml::types::{
    AltitudeMode, Coord, Element, Folder, Geometry, Icon, IconStyle, LabelStyle, LineStyle,
    LinearRing, MultiGeometry, Placemark, Point, PolyStyle, Style,
};
use kml::{Kml, KmlWriter};
use std::collections::HashMap;
use std::io::Write;

/// What the KML is made from: the scenario, today's front line and the occupied area.
pub struct KmlInput<'a> {
    /// The plan.
    pub scenario: &'a Scenario,
    /// Today's front line (the scenario's own or the bundled one).
    pub front_line: &'a FrontLine,
    /// The occupied area.
    pub occupied: &'a MultiPolygon,
    /// Ukraine's extent, the view of a step without one.
    pub ukraine_extent: [f64; 4],
}

/// A KML colour: `aabbggrr`.
fn kml_colour(c: Rgba) -> String {
    format!("{:02x}{:02x}{:02x}{:02x}", c[3], c[2], c[1], c[0])
}

fn element(name: &str, content: impl Into<String>) -> Element {
    Element {
        name: name.to_owned(),
        content: Some(content.into()),
        ..Element::default()
    }
}

fn parent(name: &str, children: Vec<Element>) -> Element {
    Element {
        name: name.to_owned(),
        children,
        ..Element::default()
    }
}

fn with_attr(mut e: Element, key: &str, value: &str) -> Element {
    e.attrs.insert(key.to_owned(), value.to_owned());
    e
}

fn coords(line: &LineString) -> Vec<Coord> {
    line.0.iter().map(|c| Coord::new(c.x, c.y, None)).collect()
}

fn ring(line: &LineString) -> LinearRing {
    LinearRing {
        coords: coords(line),
        tessellate: true,
        altitude_mode: AltitudeMode::ClampToGround,
        ..LinearRing::default()
    }
}

fn polygon(p: &Polygon) -> Geometry {
    Geometry::Polygon(kml::types::Polygon {
        outer: ring(p.exterior()),
        inner: p.interiors().iter().map(ring).collect(),
        tessellate: true,
        altitude_mode: AltitudeMode::ClampToGround,
        ..kml::types::Polygon::default()
    })
}

fn multi_polygon(mp: &MultiPolygon) -> Geometry {
    match mp.0.as_slice() {
        [one] => polygon(one),
        many => Geometry::MultiGeometry(MultiGeometry {
            geometries: many.iter().map(polygon).collect(),
            attrs: HashMap::new(),
        }),
    }
}

fn line_geometry(line: &LineString) -> Geometry {
    Geometry::LineString(kml::types::LineString {
        coords: coords(line),
        tessellate: true,
        altitude_mode: AltitudeMode::ClampToGround,
        ..kml::types::LineString::default()
    })
}

/// Any GeoJSON geometry as KML (features of kinds Armistice does not know are exported too).
fn geojson_geometry(g: &geojson::Geometry) -> Option<Geometry> {
    use geojson::{GeometryValue as V, Position};
    let pos = |p: &Position| -> Option<Coord> {
        let s = p.as_slice();
        Some(Coord::new(*s.first()?, *s.get(1)?, s.get(2).copied()))
    };
    let line = |ps: &[Position]| -> Vec<Coord> { ps.iter().filter_map(pos).collect() };
    let line_string = |ps: &[Position]| {
        Geometry::LineString(kml::types::LineString {
            coords: line(ps),
            tessellate: true,
            ..kml::types::LineString::default()
        })
    };
    let poly = |rings: &Vec<Vec<Position>>| -> Option<Geometry> {
        let mut rings = rings.iter().map(|r| LinearRing {
            coords: line(r),
            tessellate: true,
            ..LinearRing::default()
        });
        Some(Geometry::Polygon(kml::types::Polygon {
            outer: rings.next()?,
            inner: rings.collect(),
            tessellate: true,
            ..kml::types::Polygon::default()
        }))
    };
    let multi = |geometries: Vec<Geometry>| {
        Geometry::MultiGeometry(MultiGeometry {
            geometries,
            attrs: HashMap::new(),
        })
    };
    Some(match &g.value {
        V::Point { coordinates } => Geometry::Point(Point::from(pos(coordinates)?)),
        V::MultiPoint { coordinates } => multi(
            coordinates
                .iter()
                .filter_map(|p| Some(Geometry::Point(Point::from(pos(p)?))))
                .collect(),
        ),
        V::LineString { coordinates } => line_string(coordinates),
        V::MultiLineString { coordinates } => {
            multi(coordinates.iter().map(|ps| line_string(ps)).collect())
        }
        V::Polygon { coordinates } => poly(coordinates)?,
        V::MultiPolygon { coordinates } => multi(coordinates.iter().filter_map(poly).collect()),
        V::GeometryCollection { geometries } => {
            multi(geometries.iter().filter_map(geojson_geometry).collect())
        }
    })
}

/// The feature's properties (all of them, known or not) as `ExtendedData`.
fn extended_data(id: &str, properties: Option<&geojson::JsonObject>) -> Element {
    let mut data = vec![with_attr(
        parent("Data", vec![element("value", id)]),
        "name",
        "id",
    )];
    for (key, value) in properties.into_iter().flatten() {
        let text = match value {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        data.push(with_attr(
            parent("Data", vec![element("value", text)]),
            "name",
            key,
        ));
    }
    parent("ExtendedData", data)
}

fn style(id: &str, line: Option<(Rgba, f64)>, poly: Option<Rgba>, icon: Option<Rgba>) -> Kml {
    Kml::Style(Style {
        id: Some(id.to_owned()),
        line: line.map(|(c, width)| LineStyle {
            color: kml_colour(c),
            width,
            ..LineStyle::default()
        }),
        poly: poly.map(|c| PolyStyle {
            color: kml_colour(c),
            fill: c[3] > 0,
            outline: true,
            ..PolyStyle::default()
        }),
        icon: icon.map(|c| IconStyle {
            color: kml_colour(c),
            scale: 1.0,
            icon: Icon {
                href: "http://maps.google.com/mapfiles/kml/shapes/placemark_square.png".to_owned(),
                attrs: HashMap::new(),
            },
            ..IconStyle::default()
        }),
        label: icon.map(|_| LabelStyle {
            color: "ffffffff".to_owned(),
            scale: 0.8,
            ..LabelStyle::default()
        }),
        ..Style::default()
    })
}

fn folder(name: &str, elements: Vec<Kml>) -> Kml {
    Kml::Folder(Folder {
        name: Some(name.to_owned()),
        elements,
        ..Folder::default()
    })
}

/// The style id of a force by its nation's part in the plan.
fn force_style(a: Affiliation) -> &'static str {
    match a {
        Affiliation::Guarantor => "force-guarantor",
        Affiliation::Backstop => "force-backstop",
        Affiliation::Host => "force-host",
        Affiliation::Adversary => "force-adversary",
        Affiliation::Other => "force-other",
    }
}

/// The camera distance (m) at which Google Earth's default field of view (60° across a 16:9
/// window) shows `extent` whole, with a little room.
pub fn look_at_range_m(extent: [f64; 4]) -> f64 {
    let [w, s, e, n] = extent;
    let lat = ((s + n) / 2.0).to_radians();
    let width_m = (e - w) * 111_320.0 * lat.cos();
    let height_m = (n - s) * 110_574.0;
    let half_h = 30f64.to_radians().tan();
    let half_v = half_h * 9.0 / 16.0;
    (width_m / (2.0 * half_h)).max(height_m / (2.0 * half_v)) * 1.1
}

fn look_at(extent: [f64; 4]) -> Element {
    let [w, s, e, n] = extent;
    parent(
        "LookAt",
        vec![
            element("longitude", format!("{:.5}", (w + e) / 2.0)),
            element("latitude", format!("{:.5}", (s + n) / 2.0)),
            element("altitude", "0"),
            element("heading", "0"),
            element("tilt", "0"),
            element("range", format!("{:.0}", look_at_range_m(extent))),
            element("altitudeMode", "relativeToGround"),
        ],
    )
}

fn balloon(step_id: &str, visible: bool) -> Element {
    parent(
        "gx:AnimatedUpdate",
        vec![
            element("gx:duration", "0"),
            parent(
                "Update",
                vec![
                    element("targetHref", ""),
                    parent(
                        "Change",
                        vec![with_attr(
                            parent(
                                "Placemark",
                                vec![element(
                                    "gx:balloonVisibility",
                                    if visible { "1" } else { "0" },
                                )],
                            ),
                            "targetId",
                            step_id,
                        )],
                    ),
                ],
            ),
        ],
    )
}

/// Writes the KML document to `out`.
pub fn write_kml(input: &KmlInput<'_>, out: &mut dyn Write) -> Result<(), kml::Error> {
    let scenario = input.scenario;
    let lists = scenario.nation_lists();
    let mut elements: Vec<Kml> = vec![
        Kml::Element(element("name", scenario.title.clone())),
        Kml::Element(element("open", "1")),
        style("front-line", Some((style::FRONT_LINE, 3.0)), None, None),
        style(
            "occupied",
            Some((style::OCCUPIED_EDGE, 1.2)),
            Some(style::OCCUPIED_FILL),
            None,
        ),
        style(
            "guarantee-area",
            Some((style::GUARANTEE_AREA, 2.0)),
            Some(style::with_alpha(style::GUARANTEE_AREA, 0.16)),
            None,
        ),
        style("force-guarantor", None, None, Some(symbols::FRIENDLY_FILL)),
        style("force-backstop", None, None, Some(style::BACKSTOP_ICON)),
        style("force-host", None, None, Some(style::HOST_FILL)),
        style("force-adversary", None, None, Some(symbols::HOSTILE_FILL)),
        style("force-other", None, None, Some(symbols::NEUTRAL_FILL)),
        style(
            "step",
            None,
            None,
            Some(style::with_alpha(style::WHITE, 0.0)),
        ),
    ];
    for (i, colour) in PROPOSAL_COLOURS.iter().enumerate() {
        elements.push(style(
            &format!("demarcation-{i}"),
            Some((*colour, 4.0)),
            None,
            None,
        ));
    }

    let mut front = Placemark {
        name: Some("Front line".to_owned()),
        description: input
            .front_line
            .as_of
            .as_ref()
            .map(|d| format!("Line of contact as of {d}")),
        geometry: Some(line_geometry(&input.front_line.line)),
        style_url: Some("#front-line".to_owned()),
        ..Placemark::default()
    };
    if let Some(source) = &input.front_line.source {
        front.children.push(parent(
            "ExtendedData",
            vec![with_attr(
                parent("Data", vec![element("value", source.clone())]),
                "name",
                "source",
            )],
        ));
    }
    elements.push(folder(
        "Today's line",
        vec![
            Kml::Placemark(front),
            Kml::Placemark(Placemark {
                name: Some("Occupied area".to_owned()),
                geometry: Some(multi_polygon(input.occupied)),
                style_url: Some("#occupied".to_owned()),
                ..Placemark::default()
            }),
        ],
    ));

    if !scenario.steps.is_empty() {
        let mut step_marks = Vec::new();
        let mut playlist = Vec::new();
        for (i, step) in scenario.steps.iter().enumerate() {
            let extent = step.view.unwrap_or(input.ukraine_extent);
            let id = format!("step-{}", i + 1);
            let mut mark = Placemark {
                name: Some(format!("{}. {}", i + 1, step.title)),
                description: Some(step.caption.clone()).filter(|c| !c.is_empty()),
                geometry: Some(Geometry::Point(Point::new(
                    (extent[0] + extent[2]) / 2.0,
                    (extent[1] + extent[3]) / 2.0,
                    None,
                ))),
                style_url: Some("#step".to_owned()),
                children: vec![look_at(extent)],
                ..Placemark::default()
            };
            mark.attrs.insert("id".to_owned(), id.clone());
            step_marks.push(Kml::Placemark(mark));
            if i > 0 {
                playlist.push(balloon(&format!("step-{i}"), false));
            }
            playlist.push(parent(
                "gx:FlyTo",
                vec![
                    element("gx:duration", if i == 0 { "2" } else { "3" }),
                    element("gx:flyToMode", "smooth"),
                    look_at(extent),
                ],
            ));
            playlist.push(balloon(&id, true));
            playlist.push(parent("gx:Wait", vec![element("gx:duration", "6")]));
        }
        elements.push(folder("Steps", step_marks));
        elements.push(Kml::Element(parent(
            "gx:Tour",
            vec![
                element("name", format!("{}: walkthrough", scenario.title)),
                parent("gx:Playlist", playlist),
            ],
        )));
    }

    let tour_at = elements.len() - usize::from(!scenario.steps.is_empty()) * 2;
    let tail = elements.split_off(tour_at);

    // The document is written piece by piece: the features, which can be a hundred thousand, are
    // made into placemarks one at a time and written at once, so memory holds one placemark and
    // not the whole document's tree.
    let mut w = KmlOut {
        out,
        piece: Vec::new(),
    };
    w.raw(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<kml xmlns=\"http://www.opengis.net/kml/2.2\" xmlns:gx=\"http://www.google.com/kml/ext/2.2\">\n",
        "<Document>"
    ))?;
    for element in &elements {
        w.kml(element)?;
    }
    let mut proposal_index = 0;
    for (folder_name, kind) in [
        ("Demarcation proposals", Some("demarcation")),
        ("Guarantee areas", Some("guarantee-area")),
        ("Forces", Some("force")),
        ("Other features", None),
    ] {
        let mut members = scenario
            .features
            .iter()
            .filter(|f| f.item.kind() == kind)
            .peekable();
        if members.peek().is_none() {
            continue;
        }
        w.raw(&format!(
            "<Folder><name>{}</name>",
            crate::escape::xml(folder_name)
        ))?;
        for feature in members {
            w.kml(&placemark(feature, &lists, &mut proposal_index))?;
        }
        w.raw("</Folder>")?;
    }
    for element in &tail {
        w.kml(element)?;
    }
    w.raw("</Document>\n</kml>\n")
}

/// The KML document as text (see [`write_kml`]).
pub fn to_kml(input: &KmlInput<'_>) -> Result<String, kml::Error> {
    let mut bytes = Vec::new();
    write_kml(input, &mut bytes)?;
    String::from_utf8(bytes).map_err(|e| kml::Error::InvalidInput(e.to_string()))
}

/// Where the KML goes, one piece at a time.
struct KmlOut<'w> {
    out: &'w mut dyn Write,
    piece: Vec<u8>,
}

impl KmlOut<'_> {
    fn raw(&mut self, text: &str) -> Result<(), kml::Error> {
        self.out.write_all(text.as_bytes())?;
        Ok(())
    }

    /// Writes one element. The kml crate escapes markup but passes control characters through,
    /// which XML forbids (Google Earth refuses such a file): each becomes its Control Pictures
    /// stand-in (␛).
    fn kml(&mut self, element: &Kml) -> Result<(), kml::Error> {
        self.piece.clear();
        KmlWriter::<_, f64>::from_writer(&mut self.piece).write(element)?;
        let text = std::str::from_utf8(&self.piece)
            .map_err(|e| kml::Error::InvalidInput(e.to_string()))?;
        self.out
            .write_all(crate::escape::xml_chars(text).as_bytes())?;
        Ok(())
    }
}

/// The placemark of one scenario feature, with every property in its `ExtendedData`.
/// `proposal_index` counts the demarcations written so far (each gets the next colour).
fn placemark(
    feature: &crate::model::scenario::ScenarioFeature,
    lists: &crate::model::scenario::NationLists,
    proposal_index: &mut usize,
) -> Kml {
    let data = extended_data(&feature.id, feature.original.properties.as_ref());
    let mut placemark = Placemark {
        name: Some(feature.label().to_owned()),
        children: vec![data],
        ..Placemark::default()
    };
    placemark.attrs.insert("id".to_owned(), feature.id.clone());
    match &feature.item {
        Item::Force(force) => {
            placemark.geometry = Some(Geometry::Point(Point::new(
                force.position.x(),
                force.position.y(),
                None,
            )));
            placemark.style_url = Some(format!(
                "#{}",
                force_style(lists.affiliation(&force.nation))
            ));
            placemark.description = Some(format!(
                "{} {} {}, {} personnel, ready in {} days",
                force.nation,
                force.component.as_str(),
                force.role.as_str(),
                force.strength,
                force.readiness_days
            ));
        }
        Item::Demarcation(d) => {
            placemark.geometry = Some(line_geometry(&d.line));
            placemark.style_url = Some(format!(
                "#demarcation-{}",
                *proposal_index % PROPOSAL_COLOURS.len()
            ));
            *proposal_index += 1;
        }
        Item::GuaranteeArea(a) => {
            placemark.geometry = Some(multi_polygon(&a.area));
            placemark.style_url = Some("#guarantee-area".to_owned());
        }
        Item::Other => {
            placemark.geometry = feature
                .original
                .geometry
                .as_ref()
                .and_then(geojson_geometry);
        }
    }
    Kml::Placemark(placemark)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_alpha_blue_green_red() {
        assert_eq!(kml_colour([0x11, 0x22, 0x33, 0x44]), "44332211");
    }

    #[test]
    fn range_fits_the_wider_side() {
        // 8° of longitude at 48° N is about 596 km; a 16:9 view 60° wide at 1.1 margin.
        let r = look_at_range_m([32.5, 46.0, 40.5, 50.0]);
        let width = 8.0 * 111_320.0 * 48f64.to_radians().cos();
        let by_height = 4.0 * 110_574.0 / (2.0 * 30f64.to_radians().tan() * 9.0 / 16.0) * 1.1;
        let by_width = width / (2.0 * 30f64.to_radians().tan()) * 1.1;
        assert!((r - by_width.max(by_height)).abs() < 1.0);
        assert!(r > 500_000.0 && r < 2_000_000.0, "{r}");
    }
}
