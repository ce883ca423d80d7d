//! The symbol picker of the place-force dialog and the inspector: a preview of the force's
//! symbol with its name and code, the code editable, the standard identity, echelon and
//! headquarters to apply, and a search of the catalogue by name ("mechanised infantry", "air
//! defence", "frigate"). Picking an entity keeps the identity and echelon already chosen.

use super::symbols::paint_symbol;
use crate::model::sidc::{ECHELONS, Identity, SET_LAND_UNIT, Sidc};
use crate::scene::symbology::{self, Entity, catalogue};
use egui::{Color32, RichText, Sense, vec2};

/// Preview height of the frame in the picker, px.
const PREVIEW_PX: f32 = 34.0;
/// Row preview height in the search results, px.
const ROW_PX: f32 = 16.0;
/// Most search results listed.
const MAX_RESULTS: usize = 40;

/// What the planner types into the picker.
#[derive(Debug, Clone, Default)]
pub struct SymbolPicker {
    search: String,
    /// The code being typed, and the code it was read from.
    code_text: Option<(Sidc, String)>,
}

/// A change the planner made in the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// Use this code.
    Code(Sidc),
    /// Drop the force's own code: derive it again.
    Derived,
}

impl SymbolPicker {
    /// Forgets what was typed (another feature was selected).
    pub fn reset(&mut self) {
        self.search.clear();
        self.code_text = None;
    }

    /// Draws the picker for a force drawn with `current`; `own` says whether the code is the
    /// force's own (or derived). `salt` keeps widget ids apart between dialog and inspector.
    pub fn ui(&mut self, ui: &mut egui::Ui, salt: &str, current: Sidc, own: bool) -> Option<Pick> {
        let mut pick = None;
        let symbol = symbology::resolve(current);
        ui.horizontal(|ui| {
            let (rect, _) =
                ui.allocate_exact_size(vec2(PREVIEW_PX * 2.2, PREVIEW_PX * 2.0), Sense::hover());
            ui.painter().rect_filled(rect, 4.0, Color32::from_gray(235));
            paint_symbol(ui.painter(), rect.center(), PREVIEW_PX, &symbol, false);
            ui.vertical(|ui| {
                let name = symbol.entity.map_or("(bare frame)", |e| e.name.as_str());
                ui.label(RichText::new(name).strong());
                if let Some(e) = symbol.entity {
                    ui.label(
                        RichText::new(format!("{} · {}", e.set_name(), e.path_text())).small(),
                    );
                }
                ui.label(
                    RichText::new(if own {
                        "Chosen symbol"
                    } else {
                        "Derived from nation, component, role and echelon"
                    })
                    .small()
                    .weak(),
                );
            });
        });
        if let Some(note) = symbol.substitute_note() {
            ui.label(
                RichText::new(note)
                    .color(Color32::from_rgb(170, 90, 0))
                    .small(),
            );
        }

        // The code, editable.
        if self
            .code_text
            .as_ref()
            .is_none_or(|(from, _)| *from != current)
        {
            self.code_text = Some((current, current.to_string()));
        }
        let Some((_, text)) = &mut self.code_text else {
            return None;
        };
        let parsed = Sidc::parse(text);
        ui.horizontal(|ui| {
            let l = ui.label("SIDC");
            let mut edit = egui::TextEdit::singleline(text)
                .desired_width(170.0)
                .font(egui::TextStyle::Monospace)
                .id_salt((salt, "sidc"));
            if parsed.is_err() {
                edit = edit.text_color(Color32::RED);
            }
            let response = ui.add(edit).labelled_by(l.id);
            if response.lost_focus()
                && let Ok(code) = parsed
                && code != current
            {
                pick = Some(Pick::Code(code));
            }
            if own
                && ui
                    .button("Derive")
                    .on_hover_text(
                        "Use the symbol derived from nation, component, role and echelon",
                    )
                    .clicked()
            {
                pick = Some(Pick::Derived);
            }
        });
        if let Err(reason) = &parsed {
            ui.label(
                RichText::new(reason.to_string())
                    .color(Color32::RED)
                    .small(),
            );
        }

        // Identity, echelon, headquarters applied to the code.
        ui.horizontal(|ui| {
            let mut identity = current.identity();
            let l = ui.label("Identity");
            egui::ComboBox::from_id_salt((salt, "identity"))
                .selected_text(identity.label())
                .show_ui(ui, |ui| {
                    for i in Identity::ALL {
                        ui.selectable_value(&mut identity, i, i.label());
                    }
                })
                .response
                .labelled_by(l.id);
            if identity != current.identity() {
                pick = Some(Pick::Code(current.with_identity(identity)));
            }
        });
        if current.symbol_set() == SET_LAND_UNIT {
            ui.horizontal(|ui| {
                let mut amplifier = current.amplifier().to_owned();
                let name = |digits: &str| {
                    ECHELONS
                        .iter()
                        .find(|(d, _)| *d == digits)
                        .map_or("—", |(_, n)| *n)
                };
                let l = ui.label("Echelon");
                egui::ComboBox::from_id_salt((salt, "echelon"))
                    .selected_text(name(&amplifier))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut amplifier, "00".to_owned(), "—");
                        for (digits, label) in ECHELONS {
                            ui.selectable_value(&mut amplifier, digits.to_owned(), label);
                        }
                    })
                    .response
                    .labelled_by(l.id);
                if amplifier != current.amplifier() {
                    pick = Some(Pick::Code(current.with_amplifier(&amplifier)));
                }
                let mut hq = matches!(current.hq_tf(), '2' | '3' | '6' | '7');
                if ui.checkbox(&mut hq, "Headquarters").changed() {
                    let digit = match (hq, current.hq_tf()) {
                        (true, '4' | '5') => '6',
                        (true, _) => '2',
                        (false, '6' | '7') => '4',
                        (false, _) => '0',
                    };
                    pick = Some(Pick::Code(current.with_hq_tf(digit)));
                }
            });
        }

        // Search by name.
        let l = ui.label("Find a symbol by name");
        ui.add(
            egui::TextEdit::singleline(&mut self.search)
                .hint_text("mechanised infantry, air defence, frigate…")
                .desired_width(f32::INFINITY)
                .id_salt((salt, "search")),
        )
        .labelled_by(l.id);
        if !self.search.trim().is_empty() {
            let found = catalogue().search(&self.search);
            if found.is_empty() {
                ui.label(RichText::new("No symbol matches.").weak());
            }
            egui::ScrollArea::vertical()
                .id_salt((salt, "results"))
                .max_height(180.0)
                .show(ui, |ui| {
                    for entity in found.into_iter().take(MAX_RESULTS) {
                        if let Some(code) = result_row(ui, entity, current) {
                            pick = Some(Pick::Code(code));
                        }
                    }
                });
        }
        if pick.is_some() {
            self.code_text = None;
        }
        pick
    }
}

/// One search result: a small preview in the current identity and the name; a click picks it.
fn result_row(ui: &mut egui::Ui, entity: &Entity, current: Sidc) -> Option<Sidc> {
    let code = current.with_entity(&entity.set, &entity.code);
    let symbol = symbology::resolve(code);
    let selected = current.symbol_set() == entity.set && current.entity() == entity.code;
    let response = ui
        .horizontal(|ui| {
            let (rect, _) =
                ui.allocate_exact_size(vec2(ROW_PX * 2.4, ROW_PX * 1.8), Sense::hover());
            paint_symbol(ui.painter(), rect.center(), ROW_PX, &symbol, false);
            ui.selectable_label(selected, format!("{} · {}", entity.name, entity.set_name()))
                .on_hover_text(format!("{}\n{}", entity.path_text(), code))
        })
        .inner;
    response.clicked().then_some(code)
}
