//! The Steps tab of the left panel: the scenario's walkthrough. Add a step from the current view,
//! reorder by dragging, edit the title and caption, pick the layers and features a step shows and
//! whether it shows the live findings, delete, go to, present. Every change is one undoable
//! `Edit::SetSteps`.

use super::commands::Command;
use super::commands::DocCommand;
use super::context::AppContext;
use super::paint::LayerVisibility;
use super::present::FLY_SECONDS;
use super::widgets::heading;
use crate::model::edit::Edit;
use crate::model::scenario::{LAYER_NAMES, Step};
use egui::Stroke;

/// What a step row carries while it is dragged: its index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct StepDrag(usize);

/// The panel's own state (not saved: the steps themselves live in the scenario).
#[derive(Debug, Default)]
pub struct StepsPanel {
    /// Whether the left panel shows the Steps tab (else the layers and contents).
    pub open: bool,
    /// The step being edited.
    pub selected: Option<usize>,
    title: String,
    caption: String,
    /// (step, document revision) the texts were read at.
    loaded: Option<(usize, u64)>,
}

/// The user-facing name of a contract layer name.
fn layer_label(name: &str) -> &str {
    match name {
        "countries" => "Countries",
        "guarantors" => "Guarantor states",
        "oblasts" => "Oblasts",
        "cities" => "Cities",
        "front-line" => "Front line",
        "occupied" => "Occupied area",
        other => other,
    }
}

/// A step's `layers` for the window's layer visibility: `None` when every layer is on.
pub fn layer_names(layers: LayerVisibility) -> Option<Vec<String>> {
    let on = [
        ("countries", layers.countries),
        ("guarantors", layers.guarantors),
        ("oblasts", layers.oblasts),
        ("cities", layers.cities),
        ("front-line", layers.front_line),
        ("occupied", layers.occupied),
    ];
    if on.iter().all(|(_, v)| *v) {
        return None;
    }
    Some(
        on.iter()
            .filter(|(_, v)| *v)
            .map(|(n, _)| (*n).to_owned())
            .collect(),
    )
}

/// A view extent a scenario file accepts: rounded to 0.001° (about 100 m) and kept inside the
/// valid ranges (at the smallest zoom the window shows more than the world's width).
pub fn step_view(extent: [f64; 4]) -> [f64; 4] {
    let round = |v: f64| (v * 1000.0).round() / 1000.0;
    let [w, s, e, n] = extent;
    let w = round(w.clamp(-180.0, 179.0));
    let e = round(e.clamp(w + 0.001, 180.0));
    let s = round(s.clamp(-85.0, 84.0));
    let n = round(n.clamp(s + 0.001, 85.0));
    [w, s, e, n]
}

/// A new step showing `extent` with the window's layers, numbered after the `count` steps.
pub fn step_from_view(extent: [f64; 4], layers: LayerVisibility, count: usize) -> Step {
    Step {
        title: format!("Step {}", count + 1),
        caption: String::new(),
        view: Some(step_view(extent)),
        layers: layer_names(layers),
        features: None,
        findings: false,
    }
}

/// Moves step `from` so that it lands before the step that was at `slot` (`slot` may be the
/// length: the end). Returns where it landed, or `None` if nothing moved.
pub fn move_step(steps: &mut Vec<Step>, from: usize, slot: usize) -> Option<usize> {
    if from >= steps.len() || slot > steps.len() || slot == from || slot == from + 1 {
        return None;
    }
    let step = steps.remove(from);
    let to = if slot > from { slot - 1 } else { slot };
    steps.insert(to, step);
    Some(to)
}

/// A drag grip: two columns of dots (the font has no grip glyph).
fn grip_ui(ui: &mut egui::Ui) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 16.0), egui::Sense::hover());
    let colour = ui.visuals().weak_text_color();
    for col in [0.3, 0.7] {
        for row in [0.2, 0.5, 0.8] {
            let at = rect.min + egui::vec2(rect.width() * col, rect.height() * row);
            ui.painter().circle_filled(at, 1.3, colour);
        }
    }
}

impl StepsPanel {
    /// The tab strip at the top of the left panel; returns whether the Steps tab is open.
    pub fn tabs_ui(&mut self, ui: &mut egui::Ui, steps: usize) -> bool {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.open, false, "Layers and contents");
            ui.selectable_value(&mut self.open, true, format!("Steps ({steps})"));
        });
        ui.separator();
        self.open
    }

    /// Draws the Steps tab; `window_layers` are the layers on in the window (a new step shows
    /// them).
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &AppContext<'_>, window_layers: LayerVisibility) {
        let view = cx.view;
        let steps = &cx.doc.scenario.steps;
        if self.selected.is_some_and(|i| i >= steps.len()) {
            self.selected = steps.len().checked_sub(1);
        }
        let mut edit = |new: Vec<Step>| cx.send(DocCommand::Apply(Edit::SetSteps(new)));

        heading(ui, "Walkthrough");
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("Add step from view")
                .on_hover_text(
                    "A new step showing the map as it is now, with the layers that are on",
                )
                .clicked()
            {
                let mut new = steps.clone();
                let at = self.selected.map_or(new.len(), |i| i + 1).min(new.len());
                new.insert(
                    at,
                    step_from_view(view.extent(), window_layers, steps.len()),
                );
                self.selected = Some(at);
                self.loaded = None;
                edit(new);
            }
            if ui
                .add(egui::Button::new("Present").shortcut_text("F5"))
                .clicked()
            {
                cx.send(Command::Present(self.selected.unwrap_or(0)));
            }
        });
        if steps.is_empty() {
            ui.weak("No steps yet. Frame the map as the audience should see it, then add a step.");
            return;
        }
        ui.weak("Drag a step to reorder.");

        // The list, with drag and drop between rows.
        let mut dropped: Option<(usize, usize)> = None;
        egui::ScrollArea::vertical()
            .id_salt("steps-list")
            .max_height(ui.available_height() * 0.4)
            .show(ui, |ui| {
                for (index, step) in steps.iter().enumerate() {
                    let id = ui.scope_id().with(("step-row", index));
                    let row = ui.horizontal(|ui| {
                        // Only the grip and the number drag: a drag-only area on top of the
                        // buttons would swallow their clicks.
                        ui.dnd_drag_source(id, StepDrag(index), |ui| {
                            ui.horizontal(|ui| {
                                grip_ui(ui);
                                ui.label(format!("{}.", index + 1));
                            });
                        })
                        .response
                        .on_hover_text("Drag to reorder");
                        // The buttons are laid out from the right edge first, so they always
                        // show; a long title is cut short in the room left between.
                        let selected = self.selected == Some(index);
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if ui
                                .small_button("Delete step")
                                .on_hover_text(format!(
                                    "Delete step {} (undo brings it back)",
                                    index + 1
                                ))
                                .clicked()
                            {
                                let mut new = steps.clone();
                                new.remove(index);
                                self.loaded = None;
                                edit(new);
                            }
                            if ui
                                .small_button("Go to")
                                .on_hover_text(format!("Fly to the view of step {}", index + 1))
                                .clicked()
                            {
                                self.selected = Some(index);
                                if let Some(extent) = step.view {
                                    cx.send(Command::FlyTo(extent, FLY_SECONDS));
                                }
                            }
                            ui.with_layout(
                                egui::Layout::left_to_right(egui::Align::Center),
                                |ui| {
                                    let title = ui.add(
                                        egui::Button::selectable(selected, &step.title).truncate(),
                                    );
                                    if title.on_hover_text(&step.title).clicked() {
                                        self.selected = Some(index);
                                    }
                                },
                            );
                        });
                    });
                    let response = row.response;
                    if let (Some(pointer), Some(_)) = (
                        ui.input(|i| i.pointer.interact_pos()),
                        response.dnd_hover_payload::<StepDrag>(),
                    ) {
                        // The insertion mark: above the row's middle before it, below after.
                        let above = pointer.y < response.rect.center().y;
                        let y = if above {
                            response.rect.top()
                        } else {
                            response.rect.bottom()
                        };
                        ui.painter().hline(
                            response.rect.x_range(),
                            y,
                            Stroke::new(2.0, super::paint::color(crate::scene::style::DROP_LINE)),
                        );
                        if let Some(payload) = response.dnd_release_payload::<StepDrag>() {
                            let slot = if above { index } else { index + 1 };
                            dropped = Some((payload.0, slot));
                        }
                    }
                }
            });
        if let Some((from, slot)) = dropped {
            let mut new = steps.clone();
            if let Some(to) = move_step(&mut new, from, slot) {
                self.selected = Some(to);
                self.loaded = None;
                edit(new);
            }
        }

        let Some(index) = self.selected else {
            ui.separator();
            ui.weak("Select a step to edit it.");
            return;
        };
        let Some(step) = steps.get(index) else {
            return;
        };
        ui.separator();
        heading(ui, &format!("Step {}", index + 1));
        egui::ScrollArea::vertical()
            .id_salt("step-editor")
            .show(ui, |ui| {
                self.editor_ui(ui, cx, index, step, &mut edit);
            });
    }

    /// The selected step's fields.
    fn editor_ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &AppContext<'_>,
        index: usize,
        step: &Step,
        edit: &mut dyn FnMut(Vec<Step>),
    ) {
        let (scenario, revision, view) = (&cx.doc.scenario, cx.doc.revision, cx.view);
        let title_id = egui::Id::unique("step-title-edit");
        let caption_id = egui::Id::unique("step-caption-edit");
        let typing = ui.memory(|m| m.has_focus(title_id) || m.has_focus(caption_id));
        if self.loaded != Some((index, revision)) && !typing {
            self.title = step.title.clone();
            self.caption = step.caption.clone();
            self.loaded = Some((index, revision));
        }
        let changed = |f: &dyn Fn(&mut Step)| -> Vec<Step> {
            let mut new = scenario.steps.clone();
            if let Some(s) = new.get_mut(index) {
                f(s);
            }
            new
        };

        let label = ui.label("Step title");
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut self.title)
                    .id(title_id)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if response.lost_focus() {
            let title = self.title.trim().to_owned();
            if title.is_empty() {
                self.title = step.title.clone();
            } else if title != step.title {
                edit(changed(&|s| s.title = title.clone()));
            }
        }
        let label = ui.label("Step caption");
        let response = ui
            .add(
                egui::TextEdit::multiline(&mut self.caption)
                    .id(caption_id)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if response.lost_focus() && self.caption.trim() != step.caption {
            let caption = self.caption.trim().to_owned();
            edit(changed(&|s| s.caption = caption.clone()));
        }

        ui.add_space(4.0);
        match step.view {
            Some([w, s, e, n]) => ui.weak(format!("View {w:.2}, {s:.2} to {e:.2}, {n:.2}")),
            None => ui.weak("View: all of Ukraine"),
        };
        ui.horizontal(|ui| {
            if ui
                .button("Use current view")
                .on_hover_text("The step shows the map as it is framed now")
                .clicked()
            {
                let extent = step_view(view.extent());
                edit(changed(&|s| s.view = Some(extent)));
            }
            if ui.button("Present from here").clicked() {
                cx.send(Command::Present(index));
            }
        });

        ui.add_space(4.0);
        let mut findings = step.findings;
        if ui
            .checkbox(&mut findings, "Show live findings")
            .on_hover_text("Presentation mode shows the plan's rule status as badges on this step")
            .changed()
        {
            edit(changed(&|s| s.findings = findings));
        }
        ui.add_space(4.0);
        ui.label("Layers shown");
        let mut all = step.layers.is_none();
        if ui.checkbox(&mut all, "All layers").changed() {
            let layers = (!all).then(|| LAYER_NAMES.iter().map(|n| (*n).to_owned()).collect());
            edit(changed(&|s| s.layers = layers.clone()));
        }
        if let Some(layers) = &step.layers {
            ui.indent("step-layers", |ui| {
                for name in LAYER_NAMES {
                    let mut on = layers.iter().any(|l| l == name);
                    if ui.checkbox(&mut on, layer_label(name)).changed() {
                        // Kept in the contract's order, so files diff cleanly.
                        let new_layers: Vec<String> = LAYER_NAMES
                            .iter()
                            .filter(|n| {
                                if **n == name {
                                    on
                                } else {
                                    layers.iter().any(|l| l == *n)
                                }
                            })
                            .map(|n| (*n).to_owned())
                            .collect();
                        edit(changed(&|s| s.layers = Some(new_layers.clone())));
                    }
                }
            });
        }

        ui.add_space(4.0);
        ui.label("Features shown");
        let mut all = step.features.is_none();
        if ui.checkbox(&mut all, "All features").changed() {
            let features = (!all).then(Vec::new);
            edit(changed(&|s| s.features = features.clone()));
        }
        if let Some(features) = &step.features {
            egui::ScrollArea::vertical()
                .id_salt("step-features")
                .max_height(180.0)
                .show(ui, |ui| {
                    if scenario.features.is_empty() {
                        ui.weak("The plan has no features yet.");
                    }
                    for feature in &scenario.features {
                        let mut on = features.contains(&feature.id);
                        if ui.checkbox(&mut on, feature.label()).changed() {
                            // Kept in the scenario's order, so files diff cleanly.
                            let new_features: Vec<String> = scenario
                                .features
                                .iter()
                                .map(|f| &f.id)
                                .filter(|id| {
                                    if **id == feature.id {
                                        on
                                    } else {
                                        features.contains(id)
                                    }
                                })
                                .cloned()
                                .collect();
                            edit(changed(&|s| s.features = Some(new_features.clone())));
                        }
                    }
                });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Scenario;

    fn named(titles: &[&str]) -> Vec<Step> {
        titles
            .iter()
            .map(|t| Step {
                title: (*t).to_owned(),
                ..step_from_view([30.0, 45.0, 40.0, 52.0], LayerVisibility::default(), 0)
            })
            .collect()
    }

    fn titles(steps: &[Step]) -> Vec<&str> {
        steps.iter().map(|s| s.title.as_str()).collect()
    }

    #[test]
    fn moving_a_step_down_up_and_to_the_ends() {
        let mut steps = named(&["a", "b", "c", "d"]);
        assert_eq!(move_step(&mut steps, 0, 2), Some(1));
        assert_eq!(titles(&steps), ["b", "a", "c", "d"]);
        assert_eq!(move_step(&mut steps, 3, 0), Some(0));
        assert_eq!(titles(&steps), ["d", "b", "a", "c"]);
        assert_eq!(move_step(&mut steps, 0, 4), Some(3));
        assert_eq!(titles(&steps), ["b", "a", "c", "d"]);
        // Onto itself, just below itself, or out of range: nothing moves.
        assert_eq!(move_step(&mut steps, 1, 1), None);
        assert_eq!(move_step(&mut steps, 1, 2), None);
        assert_eq!(move_step(&mut steps, 7, 0), None);
        assert_eq!(move_step(&mut steps, 0, 9), None);
        assert_eq!(titles(&steps), ["b", "a", "c", "d"]);
    }

    #[test]
    fn a_step_from_the_view_is_valid_in_a_file_and_round_trips() {
        let layers = LayerVisibility {
            guarantors: false,
            ..LayerVisibility::default()
        };
        // At the smallest zoom the window shows more than the world.
        let step = step_from_view([-250.123_456, -89.0, 260.0, 89.5], layers, 2);
        assert_eq!(step.title, "Step 3");
        assert_eq!(step.view, Some([-180.0, -85.0, 180.0, 85.0]));
        assert_eq!(
            step.layers.as_deref().map(|l| l.join(",")),
            Some("countries,oblasts,cities,front-line,occupied".to_owned())
        );
        assert_eq!(layer_names(LayerVisibility::default()), None);
        assert_eq!(
            step_view([36.12345, 47.5, 39.0, 49.55555]),
            [36.123, 47.5, 39.0, 49.556]
        );

        let mut scenario = Scenario::bundled_default().expect("default scenario");
        scenario.steps.push(step);
        scenario.steps.push(Step {
            title: "Only the line".to_owned(),
            caption: "A caption".to_owned(),
            view: None,
            layers: Some(vec![]),
            features: Some(vec!["line-a".to_owned()]),
            findings: true,
        });
        let text = scenario.to_geojson_string();
        let back = Scenario::parse("round-trip.geojson", &text).expect("reads back");
        assert_eq!(back.steps, scenario.steps);
    }
}
