//! Applying the commands views hand back: the one place a view's request changes the app's state.

use super::HarborApp;
use crate::ui::Command;
use crate::ui::patient_card::PatientCard;

impl HarborApp {
    pub(super) fn apply(&mut self, command: Command) {
        match command {
            Command::Jump { tab, anchor } => {
                self.tab = tab;
                self.highlight = Some(anchor);
                self.scroll_pending = true;
                self.query.clear();
            }
            Command::OpenCard(request) => {
                let clinician_locale = self.content.locale.clone();
                let patient_locale = self
                    .card
                    .as_ref()
                    .map_or_else(|| clinician_locale.clone(), |c| c.patient_locale.clone());
                self.card = Some(PatientCard {
                    request,
                    patient_locale,
                    clinician_locale,
                });
            }
        }
    }
}
