//! Live regions: what a screen reader says by itself, without focus moving (result counts, summaries, errors) —
//! each event once.

/// Makes a label a polite live region for `event` (what happened, as the caller tells one occurrence from
/// another: a message's text, or a task's number): a screen reader speaks it when it appears or its text changes
/// (result counts, summaries, errors), without moving focus. Spoken once: drawn again later for the same event
/// (its page shown again, the app coming back to it), it is not live, so an old message is not said again; a new
/// event is, even in the same words.
pub(crate) fn announce(response: &egui::Response, event: impl std::hash::Hash + std::fmt::Debug) {
    if announcement_is_new(&response.ctx, response.id, egui::Id::unique(event)) {
        response.ctx.accesskit_node_builder(response.id, |node| {
            node.set_live(egui::accesskit::Live::Polite);
        });
    }
}

/// What a live region said: which event, when it was last drawn, and whether it is still live.
#[derive(Clone, Copy)]
struct Announced {
    event: egui::Id,
    pass: u64,
    live: bool,
}

/// Whether the live region `id` showing `event` is to be spoken: a new event is; the same event drawn on the next
/// pass stays as it was; the same event drawn again after it was gone is not.
fn announcement_is_new(ctx: &egui::Context, id: egui::Id, event: egui::Id) -> bool {
    let key = egui::Id::unique(("harbor-announced", id));
    let pass = ctx.cumulative_pass_nr();
    ctx.data_mut(|data| {
        let fresh = Announced {
            event,
            pass,
            live: true,
        };
        let state = data.get_temp_mut_or_insert_with(key, || fresh);
        if state.event != event {
            *state = fresh;
        } else if state.pass.saturating_add(1) < pass {
            state.live = false;
        }
        state.pass = pass;
        state.live
    })
}
