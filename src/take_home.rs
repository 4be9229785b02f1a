//! What a patient takes home, as the views choose it and the export prints it: the choices for the patient's copy
//! and the pocket card, and the facts about the help line the card states with their source. Plain data, so the
//! views can hold it without touching the export (which the app runs).

/// Where the card's claims about the line come from, and when it was read: the hotline's own "What We Do" page
/// names it the National Human Trafficking Hotline and says it "is answered live 24 hours a day, 7 days a week, 365
/// days a year" and that "callers can speak with the Hotline in English or Spanish, or in more than 200 additional
/// languages using a 24-hour tele-interpreting service". That texts are answered in English and Spanish is from
/// HHS/ACF's announcement of the text and chat service,
/// <https://www.acf.hhs.gov/otip/success-story/announcing-24-7-chat-text-national-human-trafficking-hotline>
/// (read 2026-12-05). The stored copy of the hotline's page still names Polaris as operator; the operator change of
/// 2025 is the Resources tab's dated update, and the card names no operator.
pub const HOTLINE_SOURCE: &str = "https://humantraffickinghotline.org/about-us/what-we-do";
/// The date the hotline's own page was read for the card's wording.
pub const HOTLINE_SOURCE_READ: &str = "2026-12-05";

/// The resource whose numbers the card prints (the national hotline in the content pack).
pub const HOTLINE_RESOURCE: &str = "res.national.polaris";

/// How the card is made: its language, and whether it is discreet (no word saying what the line is for) with,
/// optionally, a harmless name the patient picked for it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CardOptions {
    /// The patient's language (one of the ten codes).
    pub locale: String,
    /// Name no service by what it is for.
    pub discreet: bool,
    /// The name to print for the line in discreet mode ("Aunt Rosa"); empty = "Help line, 24 hours".
    pub name: String,
}

/// What the patient chose to take home, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatientOptions {
    /// The patient's language, chosen apart from the interface language.
    pub locale: String,
    /// Print the English under each of Harbor's own lines too.
    pub english_beside: bool,
    /// Name no service by what it is for.
    pub discreet: bool,
    /// The harmless name the patient picked for the help line (discreet mode); empty = "Help line, 24 hours".
    pub helpline_name: String,
    /// Include the 24-hour help line.
    pub helpline: bool,
    /// Include the numbers and contacts the patient wants to keep.
    pub numbers: bool,
    /// Include the next appointment.
    pub appointment: bool,
    /// Include the steps of the plan (staying for now, leaving, later).
    pub steps: bool,
}

impl Default for PatientOptions {
    fn default() -> Self {
        Self {
            locale: "en".to_owned(),
            english_beside: false,
            discreet: true,
            helpline_name: String::new(),
            helpline: true,
            numbers: true,
            appointment: true,
            steps: false,
        }
    }
}
