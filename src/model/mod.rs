//! The data Armistice works on: the bundled base map and the scenario file.

pub mod basemap;
pub mod document;
pub mod edit;
pub mod geojson_read;
pub mod load;
pub mod nations;
pub mod perturb;
pub mod scenario;
pub mod sidc;

pub use basemap::{BaseMap, City, Country, FrontLine, Oblast};
pub use document::{Document, Origin};
pub use geojson_read::{FeatureRef, GeoJsonError};
pub use load::{LoadError, LoadedScenario, load_scenario};
pub use scenario::{Scenario, ScenarioError};
